import type { Kysely } from "kysely";
import type { Database } from "../schema";
import { PREPARE } from "../prepared";

// Sessions are stored by the SHA-256 of the random id in the cookie, so a database
// leak does not hand out live sessions.
export async function insertSession(
  db: Kysely<Database>,
  s: { idHash: string; userId: string; activeOrgId: string | null; expiresAt: Date },
) {
  await db
    .insertInto("sessions")
    .values({ id_hash: s.idHash, user_id: s.userId, active_org_id: s.activeOrgId, expires_at: s.expiresAt })
    .execute();
}

export async function findLiveSession(db: Kysely<Database>, idHash: string, now: Date) {
  return db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .select([
      "sessions.id_hash as idHash",
      "sessions.active_org_id as activeOrgId",
      "sessions.expires_at as expiresAt",
      "users.id as userId",
      "users.email",
      "users.name",
      "users.locale",
      "users.is_platform_admin as isPlatformAdmin",
    ])
    .where("sessions.id_hash", "=", idHash)
    .where("sessions.expires_at", ">", now)
    .modifyEnd(PREPARE)
    .executeTakeFirst();
}

export async function deleteSession(db: Kysely<Database>, idHash: string) {
  await db.deleteFrom("sessions").where("id_hash", "=", idHash).execute();
}

export async function setSessionActiveOrg(db: Kysely<Database>, idHash: string, orgId: string) {
  await db.updateTable("sessions").set({ active_org_id: orgId }).where("id_hash", "=", idHash).execute();
}
