import { writeAudit } from "../../db/queries/audit";
import { deleteSessionOfUser, deleteSessionsOfUser, listLiveSessionsOfUser, setSessionActiveOrg } from "../../db/queries/sessions";
import { describeUserAgent } from "~/domain/passwords";
import { idleCutoff, type CurrentUser } from "~/utils/auth.server";
import type { AppContext } from "~/utils/context.server";

export interface SessionView {
  id: string;
  current: boolean;
  device: string;
  ip: string | null;
  createdAt: string;
  lastSeenAt: string;
}

/** The user's live sessions (neither expired nor idle), the current one marked; newest activity first. */
export async function listSessions(ctx: AppContext, user: CurrentUser): Promise<SessionView[]> {
  const now = ctx.clock.now();
  const rows = await listLiveSessionsOfUser(ctx.db, user.id, now, idleCutoff(now));
  return rows.map((r) => ({
    id: r.id,
    current: r.idHash === user.sessionIdHash,
    device: describeUserAgent(r.userAgent),
    ip: r.ip,
    createdAt: r.createdAt.toISOString(),
    lastSeenAt: r.lastSeenAt.toISOString(),
  }));
}

const audit = (user: CurrentUser, action: string, after: unknown, ip: string) => ({
  actorUserId: user.id,
  actorOrgId: user.activeOrg?.id ?? null,
  action,
  entityType: "user",
  entityId: user.id,
  after,
  ip,
});

/** Ends one of the user's own sessions; null when the id is not one of theirs. */
export async function signOutSession(ctx: AppContext, user: CurrentUser, sessionId: string, ip: string) {
  if (!/^[0-9a-f-]{36}$/i.test(sessionId)) return null;
  return ctx.db.transaction().execute(async (trx) => {
    const gone = await deleteSessionOfUser(trx, user.id, sessionId);
    if (!gone) return null;
    await writeAudit(trx, audit(user, "account.session_ended", { sessionId }, ip));
    return { wasCurrent: gone.idHash === user.sessionIdHash };
  });
}

/** "Sign out everywhere else": every session of the user but the one making the request. */
export async function signOutOtherSessions(ctx: AppContext, user: CurrentUser, ip: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const count = await deleteSessionsOfUser(trx, user.id, user.sessionIdHash);
    await writeAudit(trx, audit(user, "account.other_sessions_ended", { count }, ip));
    return count;
  });
}

/** The organisation this session acts for; the caller checked the user belongs to it. */
export function switchActiveOrg(ctx: AppContext, user: CurrentUser, orgId: string) {
  return setSessionActiveOrg(ctx.db, user.sessionIdHash, orgId);
}
