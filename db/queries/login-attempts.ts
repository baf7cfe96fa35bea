import { sql, type Kysely } from "kysely";
import type { Database } from "../schema";

export async function recordLoginAttempt(db: Kysely<Database>, email: string, ip: string, succeeded: boolean, at: Date) {
  await db.insertInto("login_attempts").values({ email: email.toLowerCase(), ip, succeeded, created_at: at }).execute();
}

/** Failed attempts since `since`, per account and per IP, counted in one query. */
export async function countRecentFailures(db: Kysely<Database>, email: string, ip: string, since: Date) {
  return db
    .selectFrom("login_attempts")
    .select([
      sql<number>`count(*) filter (where email = ${email.toLowerCase()})::int`.as("byEmail"),
      sql<number>`count(*) filter (where ip = ${ip})::int`.as("byIp"),
    ])
    .where("succeeded", "=", false)
    .where("created_at", ">=", since)
    .executeTakeFirstOrThrow();
}
