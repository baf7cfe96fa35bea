import type { Kysely } from "kysely";
import { PREPARE } from "../prepared";
import type { Database } from "../schema";

export async function insertApiToken(db: Kysely<Database>, t: { orgId: string; userId: string; name: string; tokenHash: string; prefix: string }) {
  return db
    .insertInto("api_tokens")
    .values({ org_id: t.orgId, user_id: t.userId, name: t.name, token_hash: t.tokenHash, prefix: t.prefix })
    .returning(["id", "name", "prefix", "created_at"])
    .executeTakeFirstOrThrow();
}

/**
 * A live token with its user, organisation and the user's role there — one query, because every
 * API request starts here — or undefined for unknown and revoked tokens (and for a token whose
 * user has left the organisation: the membership join drops it).
 */
export async function findLiveApiToken(db: Kysely<Database>, tokenHash: string) {
  return db
    .selectFrom("api_tokens")
    .innerJoin("users", "users.id", "api_tokens.user_id")
    .innerJoin("memberships", (j) => j.onRef("memberships.user_id", "=", "api_tokens.user_id").onRef("memberships.org_id", "=", "api_tokens.org_id"))
    .innerJoin("organizations", "organizations.id", "api_tokens.org_id")
    .select([
      "api_tokens.id as tokenId",
      "api_tokens.org_id as orgId",
      "api_tokens.last_used_at as lastUsedAt",
      "organizations.kind as orgKind",
      "memberships.role",
      "users.id as userId",
      "users.email",
      "users.name",
      "users.locale",
      "users.is_platform_admin as isPlatformAdmin",
    ])
    .where("api_tokens.token_hash", "=", tokenHash)
    .where("api_tokens.revoked_at", "is", null)
    .modifyEnd(PREPARE)
    .executeTakeFirst();
}

/** "Last used" to the minute: a purchasing system polling the API must not turn every read into a write. */
export const TOKEN_TOUCH_INTERVAL_MS = 60_000;

export async function touchApiToken(db: Kysely<Database>, tokenId: string, now: Date) {
  await db
    .updateTable("api_tokens")
    .set({ last_used_at: now })
    .where("id", "=", tokenId)
    .where((eb) => eb.or([eb("last_used_at", "is", null), eb("last_used_at", "<", new Date(now.getTime() - TOKEN_TOUCH_INTERVAL_MS))]))
    .execute();
}

export async function listApiTokensOfOrg(db: Kysely<Database>, orgId: string) {
  return db
    .selectFrom("api_tokens")
    .innerJoin("users", "users.id", "api_tokens.user_id")
    .select([
      "api_tokens.id",
      "api_tokens.name",
      "api_tokens.prefix",
      "api_tokens.created_at",
      "api_tokens.last_used_at",
      "api_tokens.revoked_at",
      "users.name as createdBy",
    ])
    .where("api_tokens.org_id", "=", orgId)
    .orderBy("api_tokens.created_at", "desc")
    .execute();
}

/** Revokes only when the token belongs to `orgId`: another tenant's id matches nothing. */
export async function revokeApiToken(db: Kysely<Database>, orgId: string, tokenId: string, now: Date) {
  return db
    .updateTable("api_tokens")
    .set({ revoked_at: now })
    .where("id", "=", tokenId)
    .where("org_id", "=", orgId)
    .where("revoked_at", "is", null)
    .returning(["id", "name"])
    .executeTakeFirst();
}
