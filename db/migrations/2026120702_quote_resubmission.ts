import { sql, type Kysely } from "kysely";

// A withdrawn quote may be submitted again until the deadline (issue 14, item 2): the same quote row
// (one per vendor per RFQ stays the rule), a new version of kind `resubmitted`. The version that was
// withdrawn keeps the moment of its withdrawal, so the history shows what was withdrawn and when.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("quote_versions").addColumn("withdrawn_at", "timestamptz").execute();
  await sql`alter table quote_versions drop constraint if exists quote_versions_kind_check`.execute(db);
  await sql`alter table quote_versions add constraint quote_versions_kind_check check (kind in ('submitted','revised','reconfirmed','resubmitted'))`.execute(
    db,
  );
  // Quotes withdrawn before this migration: their current version is the one that was withdrawn.
  await sql`update quote_versions v set withdrawn_at = q.withdrawn_at from quotes q
            where q.id = v.quote_id and q.status = 'withdrawn' and v.version = q.current_version`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from quote_versions where kind = 'resubmitted'`.execute(db);
  await sql`alter table quote_versions drop constraint if exists quote_versions_kind_check`.execute(db);
  await sql`alter table quote_versions add constraint quote_versions_kind_check check (kind in ('submitted','revised','reconfirmed'))`.execute(db);
  await db.schema.alterTable("quote_versions").dropColumn("withdrawn_at").execute();
}
