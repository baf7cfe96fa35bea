import { sql, type Kysely } from "kysely";

// Two things the comparison needs beyond quotes:
// 1. A vendor's track record — past engagements and the rate KPIs measured on them. Until
//    post-award tracking exists these rows are imported ("seeded") past engagements; the
//    ranking turns them into Beta evidence that shrinks a KPI claim towards what was delivered.
// 2. Advisors assigned to an RFQ by its buyer: the only advisors who may read its comparison,
//    and their notes (annotations and recommendations) on its quotes.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("vendor_engagements")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("vendor_org_id", "uuid", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
    // The past client as the vendor names it: most past clients are not on Kurabe.
    .addColumn("client_name", "text", (c) => c.notNull())
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("started_on", "date", (c) => c.notNull())
    .addColumn("ended_on", "date")
    // 'seeded' = imported past engagement; 'post_award' = measured on Kurabe after an award (later issue).
    .addColumn("source", "text", (c) =>
      c
        .notNull()
        .defaultTo("seeded")
        .check(sql`source in ('seeded','post_award')`),
    )
    .addColumn("rfq_id", "uuid", (c) => c.references("rfqs.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("vendor_engagements_vendor_idx").on("vendor_engagements").columns(["vendor_org_id", "started_on"]).execute();

  // One measured rate KPI of one engagement, as counts: `successes` are the events the rate counts
  // (on-time deliveries for an on-time rate, errors for an error rate) out of `trials`.
  await db.schema
    .createTable("vendor_kpi_observations")
    .addColumn("engagement_id", "uuid", (c) => c.notNull().references("vendor_engagements.id").onDelete("cascade"))
    // Denormalized so the ranking reads a vendor's evidence with one indexed query.
    .addColumn("vendor_org_id", "uuid", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
    .addColumn("kpi_key", "text", (c) => c.notNull())
    .addColumn("successes", "integer", (c) => c.notNull())
    .addColumn("trials", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("vendor_kpi_observations_pkey", ["engagement_id", "kpi_key"])
    .addCheckConstraint("vendor_kpi_observations_counts", sql`trials > 0 and successes >= 0 and successes <= trials`)
    .execute();
  await db.schema.createIndex("vendor_kpi_observations_vendor_idx").on("vendor_kpi_observations").columns(["vendor_org_id", "kpi_key"]).execute();

  await db.schema
    .createTable("rfq_advisors")
    .addColumn("rfq_id", "uuid", (c) => c.notNull().references("rfqs.id").onDelete("cascade"))
    .addColumn("advisor_org_id", "uuid", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
    .addColumn("assigned_by", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("rfq_advisors_pkey", ["rfq_id", "advisor_org_id"])
    .execute();
  await db.schema.createIndex("rfq_advisors_advisor_idx").on("rfq_advisors").columns(["advisor_org_id"]).execute();

  // An assigned advisor's note on an RFQ's comparison, optionally about one quote and optionally
  // a recommendation. Visible to the buyer and the RFQ's advisors, never to vendors.
  await db.schema
    .createTable("advisor_notes")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("rfq_id", "uuid", (c) => c.notNull().references("rfqs.id").onDelete("cascade"))
    .addColumn("advisor_org_id", "uuid", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
    .addColumn("quote_id", "uuid", (c) => c.references("quotes.id").onDelete("cascade"))
    .addColumn("recommends", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_by", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("advisor_notes_rfq_idx").on("advisor_notes").columns(["rfq_id", "created_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("advisor_notes").execute();
  await db.schema.dropTable("rfq_advisors").execute();
  await db.schema.dropTable("vendor_kpi_observations").execute();
  await db.schema.dropTable("vendor_engagements").execute();
}
