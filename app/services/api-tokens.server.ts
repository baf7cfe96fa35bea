import { insertApiToken, listApiTokensOfOrg, revokeApiToken } from "../../db/queries/api-tokens";
import { writeAudit } from "../../db/queries/audit";
import type { AppContext } from "~/utils/context.server";
import { randomToken, sha256 } from "~/utils/crypto.server";

// Tokens look like `kurabe_<43 chars>`: the prefix makes a leaked token easy to spot
// (and to scan for); only the SHA-256 is stored, so the value is shown once.
export const API_TOKEN_PREFIX = "kurabe_";

export function hashApiToken(token: string) {
  return sha256(token);
}

export async function createApiToken(ctx: AppContext, owner: { userId: string; orgId: string }, name: string, value = `${API_TOKEN_PREFIX}${randomToken()}`) {
  const row = await ctx.db.transaction().execute(async (trx) => {
    const created = await insertApiToken(trx, {
      orgId: owner.orgId,
      userId: owner.userId,
      name,
      tokenHash: hashApiToken(value),
      prefix: value.slice(0, API_TOKEN_PREFIX.length + 4),
    });
    await writeAudit(trx, {
      actorUserId: owner.userId,
      actorOrgId: owner.orgId,
      action: "apiToken.create",
      entityType: "api_token",
      entityId: created.id,
      after: { name, prefix: created.prefix },
    });
    return created;
  });
  return { ...row, value };
}

export async function revokeToken(ctx: AppContext, actor: { userId: string; orgId: string }, tokenId: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const revoked = await revokeApiToken(trx, actor.orgId, tokenId, ctx.clock.now());
    if (!revoked) return null;
    await writeAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: "apiToken.revoke",
      entityType: "api_token",
      entityId: tokenId,
      before: { revoked: false },
      after: { revoked: true },
    });
    return revoked;
  });
}

export function apiTokensOf(ctx: AppContext, orgId: string) {
  return listApiTokensOfOrg(ctx.db, orgId);
}
