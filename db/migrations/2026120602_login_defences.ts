import { sql, type Kysely } from "kysely";

// Log-in defences (issue 12). Sign-up becomes a request confirmed by e-mail: nothing in
// `users` or `organizations` exists until the link is followed, so an unconfirmed address
// never blocks its real owner and no account is usable without proof of the mailbox.
// Every submitted sign-up is one row (also for an address that is already registered:
// those get no token and can never be confirmed), which is what the per-IP throttle counts.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("signup_requests")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("ip", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('buyer','vendor')`))
    .addColumn("org_name", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("locale", "text", (c) => c.notNull())
    // Null for a registered address (never confirmable) and again once confirmed (the hash then lives in users).
    .addColumn("password_hash", "text")
    .addColumn("token_hash", "text", (c) => c.unique())
    .addColumn("expires_at", "timestamptz")
    .addColumn("confirmed_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("signup_requests_ip_idx").on("signup_requests").columns(["ip", "created_at"]).execute();
  await db.schema.createIndex("signup_requests_email_idx").on("signup_requests").columns(["email", "created_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("signup_requests").ifExists().execute();
}
