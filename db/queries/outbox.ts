import { sql, type Kysely } from "kysely";
import type { Database, OutboxRow } from "../schema";

export type OutboxTopic = "vendor" | "rfq" | "quote";

/** Enqueue a projection refresh. Must run in the same transaction as the business write. */
export async function enqueueOutbox(db: Kysely<Database>, topic: OutboxTopic, entityId: string): Promise<void> {
  await db.insertInto("outbox").values({ topic, entity_id: entityId }).execute();
}

/**
 * Rows due for processing, oldest first. Due-ness is judged by the database's own clock: rows get
 * `now()` with microseconds, and a JavaScript date (milliseconds) could miss a row written in the
 * same millisecond. `_now` is kept for callers that pass the wall clock.
 */
export async function claimDueOutbox(db: Kysely<Database>, limit: number, _now?: Date): Promise<OutboxRow[]> {
  return db
    .selectFrom("outbox")
    .selectAll()
    .where("processed_at", "is", null)
    .where("next_attempt_at", "<=", sql<Date>`now()`)
    .orderBy("id")
    .limit(limit)
    .execute();
}

export async function markOutboxProcessed(db: Kysely<Database>, ids: number[], now: Date): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable("outbox").set({ processed_at: now }).where("id", "in", ids).execute();
}

export async function markOutboxFailed(
  db: Kysely<Database>,
  ids: number[],
  error: string,
  retryAt: (attempts: number) => Date,
): Promise<void> {
  for (const id of ids) {
    const row = await db
      .updateTable("outbox")
      .set({ attempts: sql`attempts + 1`, last_error: error.slice(0, 2000) })
      .where("id", "=", id)
      .returning("attempts")
      .executeTakeFirst();
    if (row) {
      await db.updateTable("outbox").set({ next_attempt_at: retryAt(row.attempts) }).where("id", "=", id).execute();
    }
  }
}

export async function outboxStats(db: Kysely<Database>) {
  const row = await db
    .selectFrom("outbox")
    .select([
      sql<number>`count(*) filter (where processed_at is null)::int`.as("pending"),
      sql<number>`count(*) filter (where processed_at is null and attempts > 0)::int`.as("failing"),
      sql<Date | null>`min(created_at) filter (where processed_at is null)`.as("oldestPendingAt"),
    ])
    .executeTakeFirstOrThrow();
  return row;
}
