import { sql, type Kysely } from "kysely";
import type { Database, PasswordEventsTable } from "../schema";

export type PasswordEventKind = PasswordEventsTable["kind"];

// Lock class for pg_advisory_xact_lock(class, key): keeps these locks apart from any other
// advisory locks in the app whatever their hashtext keys collide with.
const PASSWORD_LOCK_CLASS = 12603;

/**
 * Serialises throttle decisions for one subject and one IP until the transaction ends, so that
 * concurrent requests cannot all read "under the limit" before any of them records itself.
 * Locks are always taken subject first, then IP, so two transactions never wait on each other in a cycle.
 */
export async function lockPasswordThrottle(trx: Kysely<Database>, kind: PasswordEventKind, subject: string, ip: string) {
  await sql`select pg_advisory_xact_lock(${PASSWORD_LOCK_CLASS}, hashtext(${`${kind}:s:${subject}`}))`.execute(trx);
  await sql`select pg_advisory_xact_lock(${PASSWORD_LOCK_CLASS}, hashtext(${`${kind}:i:${ip}`}))`.execute(trx);
}

export async function countPasswordEvents(db: Kysely<Database>, kind: PasswordEventKind, subject: string, ip: string, since: Date) {
  const row = await db
    .selectFrom("password_events")
    .select([
      sql<number>`(count(*) filter (where subject = ${subject}))::int`.as("bySubject"),
      sql<number>`(count(*) filter (where ip = ${ip}))::int`.as("byIp"),
    ])
    .where("kind", "=", kind)
    .where("created_at", ">", since)
    .where((eb) => eb.or([eb("subject", "=", subject), eb("ip", "=", ip)]))
    .executeTakeFirstOrThrow();
  return { bySubject: row.bySubject, byIp: row.byIp };
}

export async function recordPasswordEvent(db: Kysely<Database>, kind: PasswordEventKind, subject: string, ip: string, now: Date) {
  await db.insertInto("password_events").values({ kind, subject, ip, created_at: now }).execute();
}

export async function insertResetToken(db: Kysely<Database>, t: { tokenHash: string; userId: string; expiresAt: Date; now: Date }) {
  await db.insertInto("password_reset_tokens").values({ token_hash: t.tokenHash, user_id: t.userId, expires_at: t.expiresAt, created_at: t.now }).execute();
}

/** The user a reset link belongs to, if it is unused and unexpired (for showing the form; nothing is spent). */
export async function findUsableResetToken(db: Kysely<Database>, tokenHash: string, now: Date) {
  return db
    .selectFrom("password_reset_tokens")
    .innerJoin("users", "users.id", "password_reset_tokens.user_id")
    .select(["users.id as userId", "users.email", "users.locale"])
    .where("password_reset_tokens.token_hash", "=", tokenHash)
    .where("password_reset_tokens.used_at", "is", null)
    .where("password_reset_tokens.expires_at", ">", now)
    .executeTakeFirst();
}

/** Spends a reset link: one statement, so two submissions of the same link cannot both succeed. */
export async function consumeResetToken(db: Kysely<Database>, tokenHash: string, now: Date) {
  return db
    .updateTable("password_reset_tokens")
    .set({ used_at: now })
    .where("token_hash", "=", tokenHash)
    .where("used_at", "is", null)
    .where("expires_at", ">", now)
    .returning("user_id as userId")
    .executeTakeFirst();
}

/** Retires every outstanding link of the user (after any password change, an older link must not work). */
export async function spendResetTokensOfUser(db: Kysely<Database>, userId: string, now: Date) {
  await db.updateTable("password_reset_tokens").set({ used_at: now }).where("user_id", "=", userId).where("used_at", "is", null).execute();
}
