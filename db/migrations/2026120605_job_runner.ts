import { sql, type Kysely } from "kysely";

// The outbox becomes the job runner's queue (app/jobs). A claimed row carries a lease
// (`locked_until`): several processes can claim with FOR UPDATE SKIP LOCKED, and a row
// whose process died mid-job comes back once the lease lapses. A row that failed its job's
// maximum number of attempts is dead (`dead_at`): kept for inspection, counted in /healthz,
// never claimed again. Scheduled jobs record the last period they ran in `job_schedules`,
// so each period runs once across all processes.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("outbox").addColumn("locked_until", "timestamptz").addColumn("dead_at", "timestamptz").execute();
  // The claim's index: only live rows (neither processed nor dead), in due order.
  await sql`drop index if exists outbox_pending_idx`.execute(db);
  await sql`create index outbox_pending_idx on outbox (next_attempt_at, id) where processed_at is null and dead_at is null`.execute(db);

  await db.schema
    .createTable("job_schedules")
    .addColumn("name", "text", (c) => c.primaryKey())
    // Periods are integers (every N seconds: ⌊epoch s / N⌋; daily: days since 1970-01-01 in Tokyo).
    .addColumn("last_period", "bigint", (c) => c.notNull())
    // The schedule clock's time of that run: the next run covers what happened since.
    .addColumn("last_run_at", "timestamptz", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("job_schedules").ifExists().execute();
  await sql`drop index if exists outbox_pending_idx`.execute(db);
  await db.schema.alterTable("outbox").dropColumn("dead_at").dropColumn("locked_until").execute();
  await sql`create index outbox_pending_idx on outbox (next_attempt_at, id) where processed_at is null`.execute(db);
}
