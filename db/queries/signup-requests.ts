import { sql, type Kysely } from "kysely";
import type { Database } from "../schema";

// Sign-ups waiting for their e-mail confirmation; every submitted sign-up is one row.

/** Sign-ups from this IP, and to this address, since `since`. */
export async function countRecentSignups(db: Kysely<Database>, email: string, ip: string, since: Date) {
  const e = email.toLowerCase();
  return db
    .selectFrom("signup_requests")
    .select([sql<number>`count(*) filter (where ip = ${ip})::int`.as("byIp"), sql<number>`count(*) filter (where email = ${e})::int`.as("byAddress")])
    .where("created_at", ">=", since)
    .where((eb) => eb.or([eb("email", "=", e), eb("ip", "=", ip)]))
    .executeTakeFirstOrThrow();
}

export async function insertSignupRequest(
  db: Kysely<Database>,
  r: {
    email: string;
    ip: string;
    kind: "buyer" | "vendor";
    orgName: string;
    name: string;
    locale: string;
    createdAt: Date;
    /** Null for an address that is already registered: such a request can never be confirmed. */
    confirmation: { passwordHash: string; tokenHash: string; expiresAt: Date } | null;
  },
) {
  return db
    .insertInto("signup_requests")
    .values({
      email: r.email.toLowerCase(),
      ip: r.ip,
      kind: r.kind,
      org_name: r.orgName,
      name: r.name,
      locale: r.locale,
      created_at: r.createdAt,
      password_hash: r.confirmation?.passwordHash ?? null,
      token_hash: r.confirmation?.tokenHash ?? null,
      expires_at: r.confirmation?.expiresAt ?? null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
}

/** The request a confirmation link stands for, while unused and unexpired; `forUpdate` inside the confirming transaction. */
export async function findConfirmableSignup(db: Kysely<Database>, tokenHash: string, now: Date, opts: { forUpdate?: boolean } = {}) {
  let q = db
    .selectFrom("signup_requests")
    .selectAll()
    .where("token_hash", "=", tokenHash)
    .where("confirmed_at", "is", null)
    .where("password_hash", "is not", null)
    .where("expires_at", ">", now);
  if (opts.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** Single use: the hash moves to `users`, the request keeps only what the audit trail needs. */
export async function markSignupConfirmed(db: Kysely<Database>, id: string, at: Date) {
  await db.updateTable("signup_requests").set({ confirmed_at: at, password_hash: null }).where("id", "=", id).execute();
}
