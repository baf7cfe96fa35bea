import { sql, type Kysely } from "kysely";

// The track record comes from confirmed facts of Kurabe contracts only (`evidence_events`, migration 2026121001;
// decision 0038): the seeded past engagements and their measured KPIs go. The demo's records are rebuilt as past
// contracts whose facts come through the same path (db/seed/demo-past-contracts.ts).
// Down recreates the two tables as migration 2026112104 made them (empty: the rows are not kept).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("vendor_kpi_observations").ifExists().execute();
  await db.schema.dropTable("vendor_engagements").ifExists().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("vendor_engagements")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("vendor_org_id", "uuid", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
    .addColumn("client_name", "text", (c) => c.notNull())
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("started_on", "date", (c) => c.notNull())
    .addColumn("ended_on", "date")
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
  await db.schema
    .createTable("vendor_kpi_observations")
    .addColumn("engagement_id", "uuid", (c) => c.notNull().references("vendor_engagements.id").onDelete("cascade"))
    .addColumn("vendor_org_id", "uuid", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
    .addColumn("kpi_key", "text", (c) => c.notNull())
    .addColumn("successes", "integer", (c) => c.notNull())
    .addColumn("trials", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("vendor_kpi_observations_pkey", ["engagement_id", "kpi_key"])
    .addCheckConstraint("vendor_kpi_observations_counts", sql`trials > 0 and successes >= 0 and successes <= trials`)
    .execute();
  await db.schema.createIndex("vendor_kpi_observations_vendor_idx").on("vendor_kpi_observations").columns(["vendor_org_id", "kpi_key"]).execute();
}
