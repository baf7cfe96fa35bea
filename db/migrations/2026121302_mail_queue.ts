import { sql, type Kysely } from "kysely";

// E-mail as a job (issue 20 item 2; decision 0054).
// `outgoing_mails`: one rendered mail waiting for, or past, delivery. The job runner's `mail.send` outbox row
// names it; the job sends it through the transport (SMTP or the local outbox) and stamps `sent_at`, or
// `skipped_at` when the recipient turned that kind of mail off meanwhile. The subject and bodies are cleared
// once it is sent or skipped: a reset or invitation link in them must not outlive its delivery in the database.
// `mail_preferences`: a row per (user, kind) the user has set; no row means on (the default). Security mails
// (password, sign-up, invitations, two-factor) have no row ever: they cannot be turned off.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("outgoing_mails")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("recipient", "text", (c) => c.notNull())
    .addColumn("user_id", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("locale", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("text_body", "text", (c) => c.notNull())
    .addColumn("html_body", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("sent_at", "timestamptz")
    .addColumn("skipped_at", "timestamptz")
    .execute();
  await db.schema
    .createTable("mail_preferences")
    .addColumn("user_id", "uuid", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("enabled", "boolean", (c) => c.notNull())
    .addColumn("updated_at", "timestamptz", (c) => c.notNull())
    .addPrimaryKeyConstraint("mail_preferences_pkey", ["user_id", "kind"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("mail_preferences").execute();
  await db.schema.dropTable("outgoing_mails").execute();
}
