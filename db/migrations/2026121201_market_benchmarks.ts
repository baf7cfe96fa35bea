import { sql, type Kysely } from "kysely";

// Market benchmarks (issue 19 item 1; decision 0048). `market_benchmarks` holds every cell the daily job
// `insight.benchmarks` found (kind × category × key, over all phases with phase '' and per phase), published or not:
// a published cell holds median, q1, q3 and n; a withheld one holds no number at all, only its reason (the pages say
// "not enough data"). There is deliberately no column for a minimum or a maximum. `market_benchmark_bands` holds the
// one thing a vendor is told: which band of a published committed-value cell its own commitments fall in. The job
// replaces both tables' content in one transaction, so readers see one run or the other, never a mix.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("market_benchmarks")
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('committed', 'delivered', 'unit_price', 'tco_month')`))
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("phase", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("unit", "text", (c) => c.notNull().check(sql`unit in ('rate', 'yen', 'value')`))
    .addColumn("published", "boolean", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.check(sql`reason in ('too_few_buyers', 'too_few_vendors', 'vendor_share')`))
    .addColumn("median", "double precision")
    .addColumn("q1", "double precision")
    .addColumn("q3", "double precision")
    .addColumn("n", "integer")
    .addColumn("computed_at", "timestamptz", (c) => c.notNull())
    .addPrimaryKeyConstraint("market_benchmarks_pkey", ["kind", "category", "key", "phase"])
    // A withheld cell carries no figure; a published one carries all four.
    .addCheckConstraint(
      "market_benchmarks_figures",
      sql`(published and reason is null and median is not null and q1 is not null and q3 is not null and n is not null)
          or (not published and reason is not null and median is null and q1 is null and q3 is null and n is null)`,
    )
    .execute();
  await db.schema
    .createTable("market_benchmark_bands")
    .addColumn("vendor_org_id", "uuid", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("phase", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("band", "text", (c) => c.notNull().check(sql`band in ('upper_quartile', 'upper_half', 'lower_half', 'lower_quartile')`))
    .addPrimaryKeyConstraint("market_benchmark_bands_pkey", ["vendor_org_id", "kind", "category", "key", "phase"])
    .addForeignKeyConstraint(
      "market_benchmark_bands_cell",
      ["kind", "category", "key", "phase"],
      "market_benchmarks",
      ["kind", "category", "key", "phase"],
      (c) => c.onDelete("cascade"),
    )
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("market_benchmark_bands").execute();
  await db.schema.dropTable("market_benchmarks").execute();
}
