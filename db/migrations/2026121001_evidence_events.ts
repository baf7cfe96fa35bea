import { sql, type Kysely } from "kysely";

// The track record built from events (issue 17 item 5; decision 0038). What a vendor really delivered under a
// Kurabe contract, one row per confirmed fact and KPI: a delivery accepted on time or late (`on_time_rate`, one
// trial), the revision rounds it took (`revision_rounds`, a value), a month's SLA measurement the buyer confirmed
// (9,990 successes of 10,000 trials), a non-rate KPI's value for a period. Only the services that confirm those
// facts write here (deliveries, measurements), in the transaction of the confirmation, with its audit row and a
// `vendor` outbox row so the vendors index and the rankings follow. The demo seed goes through the same services.
//
// `observed_on` is the day the fact belongs to (the period's last day, the acceptance date), not the day it was
// typed in: recency weighting counts from it. `category` is the contract's category of work at the time, so the
// evidence can be read per category. (source, source_id, kpi_key) is unique: a fact is recorded once.
// Rows are never updated or deleted (trigger): a correction is a new fact.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("evidence_events")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("vendor_org_id", "uuid", (c) => c.notNull().references("organizations.id"))
    .addColumn("buyer_org_id", "uuid", (c) => c.notNull().references("organizations.id"))
    .addColumn("contract_id", "uuid", (c) => c.notNull().references("contracts.id"))
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("kpi_key", "text", (c) => c.notNull())
    .addColumn("successes", "integer")
    .addColumn("trials", "integer")
    .addColumn("value", "numeric")
    .addColumn("observed_on", "date", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull().check(sql`source in ('delivery', 'measurement')`))
    .addColumn("source_id", "uuid", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("evidence_events_once", ["source", "source_id", "kpi_key"])
    .addCheckConstraint(
      "evidence_events_shape",
      sql`(successes is not null and trials is not null and value is null and trials > 0 and successes >= 0 and successes <= trials)
          or (successes is null and trials is null and value is not null)`,
    )
    .execute();
  await db.schema.createIndex("evidence_events_vendor_idx").on("evidence_events").columns(["vendor_org_id", "kpi_key", "observed_on"]).execute();
  await db.schema.createIndex("evidence_events_contract_idx").on("evidence_events").columns(["contract_id", "observed_on"]).execute();
  // Two statements: the embedded database (PGlite) runs one command per call.
  await sql`
    create function evidence_events_frozen() returns trigger language plpgsql as $$
    begin
      raise exception 'evidence events are never changed or deleted';
    end $$
  `.execute(db);
  await sql`
    create trigger evidence_events_frozen before update or delete on evidence_events
      for each row execute function evidence_events_frozen()
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("evidence_events").ifExists().execute();
  await sql`drop function if exists evidence_events_frozen()`.execute(db);
}
