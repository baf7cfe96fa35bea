import { sql, type Kysely } from "kysely";

// The award (issue 15, item 4). When the last approval of a proposal's route lands, one transaction
// writes an `awards` row: the RFQ is awarded to the proposal's quote, the winner must accept (受諾) or
// decline by `respond_by`, and not-selected vendors may ask one question until `standstill_ends_at`
// (null: no standstill). The reason not-selected vendors read in their debrief is `debrief_reason`,
// written for vendors (the proposal's rationale is internal to the 稟議).
// A declined award leaves the RFQ open for a new proposal: at most one award per RFQ is offered or
// accepted at a time. Each buyer organisation sets how many business days the winner has to answer
// and how long the standstill is (default 0 business days: none).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("organizations")
    .addColumn("award_accept_business_days", "integer", (c) =>
      c
        .notNull()
        .defaultTo(5)
        .check(sql`award_accept_business_days between 1 and 30`),
    )
    .addColumn("award_standstill_business_days", "integer", (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`award_standstill_business_days between 0 and 20`),
    )
    .execute();
  // The winner who declines: the quote leaves the running, the RFQ may be awarded to another one.
  await sql`alter table quotes drop constraint if exists quotes_status_check`.execute(db);
  await sql`alter table quotes add constraint quotes_status_check check (status in ('draft','submitted','withdrawn','shortlisted','awarded','not_selected','declined'))`.execute(
    db,
  );
  await db.schema
    .createTable("awards")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("rfq_id", "uuid", (c) => c.notNull().references("rfqs.id").onDelete("cascade"))
    .addColumn("buyer_org_id", "uuid", (c) => c.notNull().references("organizations.id"))
    .addColumn("proposal_id", "uuid", (c) => c.notNull().unique().references("award_proposals.id"))
    .addColumn("quote_id", "uuid", (c) => c.notNull().references("quotes.id"))
    .addColumn("vendor_org_id", "uuid", (c) => c.notNull().references("organizations.id"))
    .addColumn("amount_yen", "bigint", (c) => c.notNull().check(sql`amount_yen >= 0`))
    .addColumn("debrief_reason", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("offered")
        .check(sql`status in ('offered', 'accepted', 'declined')`),
    )
    .addColumn("respond_by", "timestamptz", (c) => c.notNull())
    .addColumn("standstill_ends_at", "timestamptz")
    .addColumn("responded_at", "timestamptz")
    .addColumn("responded_by", "uuid", (c) => c.references("users.id"))
    .addColumn("decline_reason", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("awards_rfq_idx").on("awards").columns(["rfq_id", "created_at"]).execute();
  await db.schema.createIndex("awards_vendor_idx").on("awards").column("vendor_org_id").execute();
  // One live award per RFQ: approving twice at the same moment cannot award twice.
  await db.schema
    .createIndex("awards_one_live")
    .on("awards")
    .column("rfq_id")
    .unique()
    .where(sql<boolean>`status in ('offered', 'accepted')`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("awards").ifExists().execute();
  await sql`alter table quotes drop constraint if exists quotes_status_check`.execute(db);
  await sql`alter table quotes add constraint quotes_status_check check (status in ('draft','submitted','withdrawn','shortlisted','awarded','not_selected'))`.execute(
    db,
  );
  await db.schema.alterTable("organizations").dropColumn("award_accept_business_days").dropColumn("award_standstill_business_days").execute();
}
