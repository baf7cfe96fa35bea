import { sql, type Kysely } from "kysely";

// Advisors' notes keep their history (issue 14, item 20). An author edits or withdraws a note; a
// recommendation is replaced when the same advisory organisation recommends again. The note row keeps
// its current state (`updated_at`, `withdrawn_at`, `superseded_at`); each change first copies the state
// it replaces into `advisor_note_revisions`. At most one current recommendation per advisory
// organisation and RFQ, by a partial unique index (older duplicates are marked superseded first).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("advisor_notes")
    .addColumn("updated_at", "timestamptz")
    .addColumn("withdrawn_at", "timestamptz")
    .addColumn("superseded_at", "timestamptz")
    .execute();
  await db.schema
    .createTable("advisor_note_revisions")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("note_id", "uuid", (c) => c.notNull().references("advisor_notes.id").onDelete("cascade"))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("quote_id", "uuid")
    .addColumn("recommends", "boolean", (c) => c.notNull())
    .addColumn("change", "text", (c) => c.notNull().check(sql`change in ('edit', 'withdraw', 'supersede')`))
    .addColumn("created_by", "uuid", (c) => c.references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index advisor_note_revisions_note_idx on advisor_note_revisions (note_id, id)`.execute(db);
  await sql`
    update advisor_notes n set superseded_at = now()
    where n.recommends and exists (
      select 1 from advisor_notes m
      where m.rfq_id = n.rfq_id and m.advisor_org_id = n.advisor_org_id and m.recommends
        and (m.created_at, m.id) > (n.created_at, n.id))`.execute(db);
  await sql`
    create unique index advisor_notes_one_recommendation on advisor_notes (rfq_id, advisor_org_id)
    where recommends and withdrawn_at is null and superseded_at is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists advisor_notes_one_recommendation`.execute(db);
  await db.schema.dropTable("advisor_note_revisions").ifExists().execute();
  await db.schema.alterTable("advisor_notes").dropColumn("superseded_at").dropColumn("withdrawn_at").dropColumn("updated_at").execute();
}
