import { sql, type Kysely } from "kysely";
import type { Database } from "../schema";
import { writeAudit } from "./audit";

// Namespaces for pg_advisory_xact_lock(int, int): the first int keeps each limiter's keys
// apart, so an e-mail and an IP address that hash alike never share (or deadlock on) a lock.
// Callers take the account's lock before the IP's, always in that order.
export const LIMITER_LOCKS = { loginAccount: 120601, loginIp: 120602, signupAddress: 120603, signupIp: 120604 } as const;

/**
 * Serialises the limiter's count-then-insert for one key until the transaction ends. Works the
 * same on PostgreSQL and on PGlite (where the single connection already serialises everything).
 */
export async function lockLimiterKey(trx: Kysely<Database>, namespace: number, key: string) {
  await sql`select pg_advisory_xact_lock(${namespace}::int, hashtext(${key}))`.execute(trx);
}

/**
 * Failed attempts since `since` — a row counts as failed from the moment it is inserted, before
 * its password is checked — per account and IP, per IP and per account, in one query.
 */
export async function countRecentFailures(db: Kysely<Database>, email: string, ip: string, since: Date) {
  const e = email.toLowerCase();
  return db
    .selectFrom("login_attempts")
    .select([
      sql<number>`count(*) filter (where email = ${e} and ip = ${ip})::int`.as("byAccountAndIp"),
      sql<number>`count(*) filter (where ip = ${ip})::int`.as("byIp"),
      sql<number>`count(*) filter (where email = ${e})::int`.as("byAccount"),
    ])
    .where("succeeded", "=", false)
    .where("created_at", ">=", since)
    .where((eb) => eb.or([eb("email", "=", e), eb("ip", "=", ip)]))
    .executeTakeFirstOrThrow();
}

/** Records an attempt as failed before its password is verified; `markLoginSucceeded` flips it. */
export async function insertPendingAttempt(db: Kysely<Database>, email: string, ip: string, at: Date) {
  const row = await db
    .insertInto("login_attempts")
    .values({ email: email.toLowerCase(), ip, succeeded: false, created_at: at })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function markLoginSucceeded(db: Kysely<Database>, attemptId: number) {
  await db.updateTable("login_attempts").set({ succeeded: true }).where("id", "=", attemptId).execute();
}

/**
 * Refused attempts cost the sender nothing, so one audit row per e-mail, IP and minute carries
 * their count instead of one row each (the audit log must not become an amplifier). Call with
 * the limiter's locks held, which makes the read-then-write safe.
 */
export async function auditLimitedLogin(trx: Kysely<Database>, a: { email: string; ip: string; limit: string; minute: Date; via: string }) {
  const email = a.email.toLowerCase();
  const minute = a.minute.toISOString();
  const updated = await trx
    .updateTable("audit_log")
    .set({ after: sql`jsonb_set(after, '{count}', to_jsonb((after->>'count')::int + 1))` })
    .where("entity_type", "=", "login")
    .where("entity_id", "=", email)
    .where("action", "=", "auth.login.limited")
    .where("ip", "=", a.ip)
    .where(sql`after->>'minute'`, "=", minute)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) > 0) return;
  await writeAudit(trx, {
    actorUserId: null,
    actorOrgId: null,
    action: "auth.login.limited",
    entityType: "login",
    entityId: email,
    after: { email, limit: a.limit, via: a.via, minute, count: 1 },
    ip: a.ip,
  });
}
