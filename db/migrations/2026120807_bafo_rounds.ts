import { sql, type Kysely } from "kysely";

// Shortlist and BAFO round (issue 15, item 1; decision 0030). On a closed RFQ the buyer shortlists opened
// quotes (quote status `shortlisted`) and opens one best-and-final-offer round with its own deadline.
// `bafo_participants` freezes who was invited when the round opened (one row per shortlisted quote) and
// holds the vendor's draft until it submits; the submitted BAFO is a quote version of kind `bafo` marked
// with its round (`quote_versions.bafo_round_id`). The quote row keeps pointing at the first-round version:
// which version the buyer side reads is decided by the sealed-bid SQL (openedOffers in db/queries/quotes.ts),
// from the round's deadline on. A cancelled round never opens (its BAFO versions stay unread).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("bafo_rounds")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("rfq_id", "uuid", (c) => c.notNull().references("rfqs.id").onDelete("cascade"))
    .addColumn("buyer_org_id", "uuid", (c) => c.notNull().references("organizations.id"))
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("open")
        .check(sql`status in ('open', 'cancelled')`),
    )
    .addColumn("deadline", "timestamptz", (c) => c.notNull())
    .addColumn("created_by", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("cancelled_at", "timestamptz")
    .execute();
  // One live round per RFQ: opening twice at the same moment opens once.
  await db.schema.createIndex("bafo_rounds_one_live").on("bafo_rounds").column("rfq_id").unique().where(sql.ref("status"), "=", "open").execute();
  // The deadline only ever moves later while the round is open; a cancelled round stays cancelled.
  await sql`
    create or replace function bafo_rounds_guard() returns trigger language plpgsql as $$
    begin
      if old.status = 'cancelled' then raise exception 'bafo round % is cancelled', old.id; end if;
      if new.deadline < old.deadline then raise exception 'bafo round % deadline may only move later', old.id; end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger bafo_rounds_guard before update on bafo_rounds for each row execute function bafo_rounds_guard()`.execute(db);

  await db.schema
    .createTable("bafo_participants")
    .addColumn("round_id", "uuid", (c) => c.notNull().references("bafo_rounds.id").onDelete("cascade"))
    .addColumn("quote_id", "uuid", (c) => c.notNull().references("quotes.id").onDelete("cascade"))
    .addColumn("vendor_org_id", "uuid", (c) => c.notNull().references("organizations.id"))
    .addColumn("draft", "jsonb")
    .addColumn("submitted_version", "integer")
    .addColumn("submitted_at", "timestamptz")
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("bafo_participants_pk", ["round_id", "quote_id"])
    .execute();
  await db.schema.createIndex("bafo_participants_vendor_idx").on("bafo_participants").column("vendor_org_id").execute();

  await db.schema
    .alterTable("quote_versions")
    .addColumn("bafo_round_id", "uuid", (c) => c.references("bafo_rounds.id"))
    .execute();
  await sql`alter table quote_versions drop constraint if exists quote_versions_kind_check`.execute(db);
  await sql`alter table quote_versions add constraint quote_versions_kind_check check (kind in ('submitted','revised','reconfirmed','resubmitted','bafo'))`.execute(
    db,
  );
  // A BAFO version names its round and only a BAFO version does; one per quote per round.
  await sql`alter table quote_versions add constraint quote_versions_bafo_round check ((kind = 'bafo') = (bafo_round_id is not null))`.execute(db);
  await sql`create unique index quote_versions_one_bafo on quote_versions (quote_id, bafo_round_id) where bafo_round_id is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from quote_versions where kind = 'bafo'`.execute(db);
  await sql`drop index if exists quote_versions_one_bafo`.execute(db);
  await sql`alter table quote_versions drop constraint if exists quote_versions_bafo_round`.execute(db);
  await sql`alter table quote_versions drop constraint if exists quote_versions_kind_check`.execute(db);
  await sql`alter table quote_versions add constraint quote_versions_kind_check check (kind in ('submitted','revised','reconfirmed','resubmitted'))`.execute(
    db,
  );
  await db.schema.alterTable("quote_versions").dropColumn("bafo_round_id").execute();
  await db.schema.dropTable("bafo_participants").execute();
  await db.schema.dropTable("bafo_rounds").execute();
  await sql`drop function if exists bafo_rounds_guard()`.execute(db);
}
