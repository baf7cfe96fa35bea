import { sql, type Kysely } from "kysely";

// SLA measurements (issue 17 item 2; decision 0040). One live row per (contract, period, KPI) in
// `sla_measurements`: the figures as they stand (a rate's successes/trials or a non-rate value), their status
// (pending = awaiting the buyer's confirmation, disputed, confirmed) and who entered and decided them. Every
// entry, correction, dispute, reply and confirmation is also a row of `sla_measurement_events`, never changed
// afterwards (trigger): the earlier figures of a corrected measurement and the dispute thread are read there.
// Only a confirmed measurement becomes evidence (evidence_events, written in the confirming transaction).
// `sla_measurement_reminders` is the claim table of the daily reminder job: one row per (contract, period, kind)
// is what makes each reminder go out once.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("sla_measurements")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("contract_id", "uuid", (c) => c.notNull().references("contracts.id"))
    .addColumn("buyer_org_id", "uuid", (c) => c.notNull().references("organizations.id"))
    .addColumn("vendor_org_id", "uuid", (c) => c.notNull().references("organizations.id"))
    .addColumn("period", "text", (c) => c.notNull().check(sql`period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`))
    .addColumn("kpi_key", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('pending', 'disputed', 'confirmed')`))
    .addColumn("successes", "integer")
    .addColumn("trials", "integer")
    .addColumn("value", "numeric")
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("revision", "integer", (c) =>
      c
        .notNull()
        .defaultTo(1)
        .check(sql`revision >= 1`),
    )
    .addColumn("entered_by", "uuid", (c) => c.notNull().references("users.id"))
    // When the figures last went to the buyer (entry or correction): the buyer's reminder counts from it.
    .addColumn("submitted_at", "timestamptz", (c) => c.notNull())
    .addColumn("decided_by", "uuid", (c) => c.references("users.id"))
    .addColumn("decided_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("sla_measurements_once", ["contract_id", "period", "kpi_key"])
    .addCheckConstraint(
      "sla_measurements_shape",
      sql`(successes is not null and trials is not null and value is null and trials > 0 and successes >= 0 and successes <= trials)
          or (successes is null and trials is null and value is not null)`,
    )
    .execute();
  await db.schema.createIndex("sla_measurements_status_idx").on("sla_measurements").columns(["status", "buyer_org_id"]).execute();
  await db.schema.createIndex("sla_measurements_vendor_idx").on("sla_measurements").columns(["vendor_org_id", "status"]).execute();

  await db.schema
    .createTable("sla_measurement_events")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("measurement_id", "uuid", (c) => c.notNull().references("sla_measurements.id"))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('entered', 'corrected', 'disputed', 'replied', 'confirmed')`))
    .addColumn("revision", "integer", (c) => c.notNull())
    .addColumn("successes", "integer")
    .addColumn("trials", "integer")
    .addColumn("value", "numeric")
    .addColumn("note", "text")
    .addColumn("body", "text")
    .addColumn("actor_user_id", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("actor_org_id", "uuid", (c) => c.notNull().references("organizations.id"))
    .addColumn("at", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("sla_measurement_events_idx").on("sla_measurement_events").columns(["measurement_id", "id"]).execute();
  // Two statements, not one: PGlite (the embedded database) refuses several commands in one prepared statement.
  await sql`
    create function sla_measurement_events_frozen() returns trigger language plpgsql as $$
    begin
      raise exception 'measurement history is never changed or deleted';
    end $$
  `.execute(db);
  await sql`
    create trigger sla_measurement_events_frozen before update or delete on sla_measurement_events
      for each row execute function sla_measurement_events_frozen()
  `.execute(db);

  await db.schema
    .createTable("sla_measurement_reminders")
    .addColumn("contract_id", "uuid", (c) => c.notNull().references("contracts.id"))
    .addColumn("period", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('missing', 'pending')`))
    .addColumn("sent_at", "timestamptz", (c) => c.notNull())
    .addPrimaryKeyConstraint("sla_measurement_reminders_once", ["contract_id", "period", "kind"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("sla_measurement_reminders").ifExists().execute();
  await db.schema.dropTable("sla_measurement_events").ifExists().execute();
  await sql`drop function if exists sla_measurement_events_frozen()`.execute(db);
  await db.schema.dropTable("sla_measurements").ifExists().execute();
}
