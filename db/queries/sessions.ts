import type { Kysely } from "kysely";
import type { Database } from "../schema";
import { PREPARE } from "../prepared";

// Sessions are stored by the SHA-256 of the random id in the cookie, so a database
// leak does not hand out live sessions.
export async function insertSession(
  db: Kysely<Database>,
  s: { idHash: string; userId: string; activeOrgId: string | null; expiresAt: Date; now: Date; ip?: string | null; userAgent?: string | null },
) {
  await db
    .insertInto("sessions")
    .values({
      id_hash: s.idHash,
      user_id: s.userId,
      active_org_id: s.activeOrgId,
      expires_at: s.expiresAt,
      created_at: s.now,
      last_seen_at: s.now,
      ip: s.ip ?? null,
      user_agent: s.userAgent ?? null,
    })
    .execute();
}

/** A session that has neither expired (absolute) nor been idle since `idleSince`. Read on every request. */
export async function findLiveSession(db: Kysely<Database>, idHash: string, now: Date, idleSince: Date) {
  return db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .select([
      "sessions.id_hash as idHash",
      "sessions.id as sessionId",
      "sessions.active_org_id as activeOrgId",
      "sessions.expires_at as expiresAt",
      "sessions.last_seen_at as lastSeenAt",
      "sessions.ip as ip",
      "users.id as userId",
      "users.email",
      "users.name",
      "users.locale",
      "users.is_platform_admin as isPlatformAdmin",
    ])
    .where("sessions.id_hash", "=", idHash)
    .where("sessions.expires_at", ">", now)
    .where("sessions.last_seen_at", ">", idleSince)
    .modifyEnd(PREPARE)
    .executeTakeFirst();
}

/** Moves the idle deadline on and records where the session is used from (called a few times an hour at most). */
export async function touchSession(db: Kysely<Database>, idHash: string, now: Date, ip: string, userAgent: string | null) {
  await db.updateTable("sessions").set({ last_seen_at: now, ip, user_agent: userAgent }).where("id_hash", "=", idHash).modifyEnd(PREPARE).execute();
}

export async function listLiveSessionsOfUser(db: Kysely<Database>, userId: string, now: Date, idleSince: Date) {
  return db
    .selectFrom("sessions")
    .select(["id", "id_hash as idHash", "created_at as createdAt", "last_seen_at as lastSeenAt", "ip", "user_agent as userAgent"])
    .where("user_id", "=", userId)
    .where("expires_at", ">", now)
    .where("last_seen_at", ">", idleSince)
    .orderBy("last_seen_at", "desc")
    .execute();
}

export async function deleteSession(db: Kysely<Database>, idHash: string) {
  await db.deleteFrom("sessions").where("id_hash", "=", idHash).execute();
}

/** Deletes one of the user's sessions by its public id; the user filter makes another user's id a no-op. */
export async function deleteSessionOfUser(db: Kysely<Database>, userId: string, sessionId: string) {
  return db.deleteFrom("sessions").where("user_id", "=", userId).where("id", "=", sessionId).returning(["id_hash as idHash"]).executeTakeFirst();
}

/** Deletes every session of the user except `keepIdHash` (null: all of them); returns how many went. */
export async function deleteSessionsOfUser(db: Kysely<Database>, userId: string, keepIdHash: string | null) {
  let q = db.deleteFrom("sessions").where("user_id", "=", userId);
  if (keepIdHash) q = q.where("id_hash", "!=", keepIdHash);
  const rows = await q.returning("id").execute();
  return rows.length;
}

export async function setSessionActiveOrg(db: Kysely<Database>, idHash: string, orgId: string) {
  await db.updateTable("sessions").set({ active_org_id: orgId }).where("id_hash", "=", idHash).execute();
}
