import { sql, type Kysely } from "kysely";

// Refused reads (quote.read.denied …) are aggregated: one audit row per action, actor, resource and minute,
// with a count, instead of one row per request — a scraper hammering a sealed quote cannot grow the table
// without bound, and the row still says who tried what, when and how often.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("audit_log")
    .addColumn("count", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  // The minute an aggregated row counts (null for every ordinary audit row).
  await db.schema.alterTable("audit_log").addColumn("aggregated_minute", "timestamptz").execute();
  await sql`CREATE UNIQUE INDEX audit_log_aggregated ON audit_log (action, actor_user_id, entity_type, entity_id, aggregated_minute) NULLS NOT DISTINCT WHERE aggregated_minute IS NOT NULL`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX IF EXISTS audit_log_aggregated`.execute(db);
  await db.schema.alterTable("audit_log").dropColumn("aggregated_minute").execute();
  await db.schema.alterTable("audit_log").dropColumn("count").execute();
}
