import { sql, type Kysely } from "kysely";

// 決裁起案 (issue 15, item 2). A buyer proposes one opened quote of an RFQ for award. The proposal keeps
// the snapshot the decision was made on (jsonb, app/domain/award/proposal.ts) with the SHA-256 of its
// canonical JSON, and the approval route frozen from the organisation's rules at that moment (steps and
// the rules' revision), so later edits of weights, quotes or rules never change what was proposed.
// At most one proposal per RFQ is pending approval at a time.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("award_proposals")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("rfq_id", "uuid", (c) => c.notNull().references("rfqs.id").onDelete("cascade"))
    .addColumn("buyer_org_id", "uuid", (c) => c.notNull().references("organizations.id"))
    .addColumn("proposed_by", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("quote_id", "uuid", (c) => c.notNull().references("quotes.id"))
    .addColumn("amount_yen", "bigint", (c) => c.notNull().check(sql`amount_yen >= 0`))
    .addColumn("rationale", "text", (c) => c.notNull())
    .addColumn("specific_rationale", "text")
    .addColumn("specific_triggers", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn("snapshot", "jsonb", (c) => c.notNull())
    .addColumn("snapshot_sha256", "text", (c) => c.notNull())
    .addColumn("route_steps", "jsonb", (c) => c.notNull())
    .addColumn("route_revision", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("pending")
        .check(sql`status in ('draft', 'pending', 'approved', 'rejected', 'returned', 'withdrawn')`),
    )
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("decided_at", "timestamptz")
    .execute();
  await db.schema.createIndex("award_proposals_rfq_idx").on("award_proposals").columns(["rfq_id", "created_at"]).execute();
  // One proposal in the route per RFQ: a second "propose" while one waits is refused (and loses a race).
  await db.schema
    .createIndex("award_proposals_one_pending")
    .on("award_proposals")
    .column("rfq_id")
    .unique()
    .where(sql<boolean>`status = 'pending'`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("award_proposals").ifExists().execute();
}
