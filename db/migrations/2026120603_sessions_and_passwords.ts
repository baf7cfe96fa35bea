import { sql, type Kysely } from "kysely";

// Sessions get an idle timeout, a public id and where they were last used (ASVS V3); passwords get
// single-use reset tokens and a log that throttles reset requests and wrong current passwords (V2.5).
export async function up(db: Kysely<any>): Promise<void> {
  // Existing sessions count as seen at migration time, so nobody is signed out by the upgrade itself.
  await db.schema
    .alterTable("sessions")
    // The cookie's token is never shown; this id names a session in the list and its sign-out form.
    .addColumn("id", "uuid", (c) =>
      c
        .notNull()
        .defaultTo(sql`gen_random_uuid()`)
        .unique(),
    )
    .addColumn("last_seen_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("ip", "text")
    .addColumn("user_agent", "text")
    .execute();
  await db.schema.createIndex("sessions_user_id_idx").on("sessions").column("user_id").execute();

  // Stored by SHA-256 of the token in the e-mailed link, like sessions: a database leak hands out no resets.
  await db.schema
    .createTable("password_reset_tokens")
    .addColumn("token_hash", "text", (c) => c.primaryKey())
    .addColumn("user_id", "uuid", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("used_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("password_reset_tokens_user_idx").on("password_reset_tokens").column("user_id").execute();

  // One row per reset request (for any address, registered or not) and per wrong current password on
  // the change form; the throttles count them in a sliding window.
  await db.schema
    .createTable("password_events")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('reset_request','change_failure')`))
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("ip", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("password_events_subject_idx").on("password_events").columns(["kind", "subject", "created_at"]).execute();
  await db.schema.createIndex("password_events_ip_idx").on("password_events").columns(["kind", "ip", "created_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("password_events").execute();
  await db.schema.dropTable("password_reset_tokens").execute();
  await db.schema.dropIndex("sessions_user_id_idx").execute();
  await db.schema.alterTable("sessions").dropColumn("user_agent").dropColumn("ip").dropColumn("last_seen_at").dropColumn("id").execute();
}
