import { sql, type Kysely } from "kysely";
import type { Database, OutboxRow } from "../schema";

// The transactional outbox, which is also the job runner's queue (app/jobs/runner.ts): a row is
// a job named by `topic` about `entity_id`. Time on these rows is the database's own clock
// (`now()`), so several processes agree on due-ness and leases whatever their clocks say.

/** `transaction_record`: a 取引書類 (entity id "<kind>:<id>", search/indexer.ts refreshTransactionRecords). */
export type OutboxTopic =
  | "vendor"
  | "rfq"
  | "quote"
  | "transaction_record"
  | "invoice.reminders"
  | "deliveries.deemed"
  | "insight.benchmarks"
  | "deliveries.reminders"
  | "measurement.reminders"
  | "review.reminders";

/** Enqueue a projection refresh. Must run in the same transaction as the business write. */
export async function enqueueOutbox(db: Kysely<Database>, topic: OutboxTopic, entityId: string): Promise<void> {
  await db.insertInto("outbox").values({ topic, entity_id: entityId }).execute();
}

/** Live rows (neither processed nor dead) of the given jobs that are due and not leased to a process. */
function due(db: Kysely<Database>, names: string[]) {
  return db
    .selectFrom("outbox")
    .where("processed_at", "is", null)
    .where("dead_at", "is", null)
    .where("next_attempt_at", "<=", sql<Date>`now()`)
    .where((eb) => eb.or([eb("locked_until", "is", null), eb("locked_until", "<=", sql<Date>`now()`)]))
    .where("topic", "in", names);
}

/**
 * Claims up to `limit` due rows, oldest first, with a lease of `leaseMs`. One statement, so one short
 * transaction: FOR UPDATE SKIP LOCKED lets concurrent claimers pass each other's rows instead of
 * waiting, and the lease set in the same statement keeps them from claiming a row again afterwards.
 */
export async function claimOutbox(db: Kysely<Database>, o: { names: string[]; limit: number; leaseMs: number }): Promise<OutboxRow[]> {
  if (o.names.length === 0) return [];
  const rows = await db
    .updateTable("outbox")
    .set({ locked_until: sql<Date>`now() + ${o.leaseMs}::int * interval '1 millisecond'` })
    .where("id", "in", due(db, o.names).select("id").orderBy("id").limit(o.limit).forUpdate().skipLocked())
    .returningAll()
    .execute();
  return rows.sort((a, b) => a.id - b.id);
}

/** How many rows a claim could take now (drain waits for zero). */
export async function countDueOutbox(db: Kysely<Database>, names: string[]): Promise<number> {
  if (names.length === 0) return 0;
  const row = await due(db, names)
    .select(sql<number>`count(*)::int`.as("n"))
    .executeTakeFirstOrThrow();
  return row.n;
}

export async function markOutboxProcessed(db: Kysely<Database>, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable("outbox")
    .set({ processed_at: sql<Date>`now()`, locked_until: null })
    .where("id", "in", ids)
    .execute();
}

/**
 * Records a failed attempt on rows that had `attemptsBefore` attempts: due again after `retryInMs`,
 * or dead when `dead` (the job's last attempt). The lease is released either way.
 */
export async function markOutboxFailed(
  db: Kysely<Database>,
  ids: number[],
  o: { attemptsBefore: number; error: string; retryInMs: number; dead: boolean },
): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable("outbox")
    .set({
      attempts: o.attemptsBefore + 1,
      last_error: o.error.slice(0, 2000),
      locked_until: null,
      next_attempt_at: sql<Date>`now() + ${o.retryInMs}::int * interval '1 millisecond'`,
      dead_at: o.dead ? sql<Date>`now()` : null,
    })
    .where("id", "in", ids)
    .execute();
}

/**
 * Dead rows of a topic up to `uptoId` are settled by a full rebuild of what they would have
 * projected (`npm run reindex`): marked processed, so /healthz stops counting them.
 */
export async function settleDeadOutbox(db: Kysely<Database>, topic: string, uptoId: number): Promise<number> {
  const result = await db
    .updateTable("outbox")
    .set({ processed_at: sql<Date>`now()`, dead_at: null })
    .where("topic", "=", topic)
    .where("dead_at", "is not", null)
    .where("id", "<=", uptoId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Pending (live, unprocessed), failing (pending after a failed attempt), dead, and the oldest pending row's age. */
export async function outboxStats(db: Kysely<Database>) {
  const row = await db
    .selectFrom("outbox")
    .where("processed_at", "is", null)
    .select([
      sql<number>`count(*) filter (where dead_at is null)::int`.as("pending"),
      sql<number>`count(*) filter (where dead_at is null and attempts > 0)::int`.as("failing"),
      sql<number>`count(*) filter (where dead_at is not null)::int`.as("dead"),
      sql<Date | null>`min(created_at) filter (where dead_at is null)`.as("oldestPendingAt"),
      sql<number>`coalesce(floor(extract(epoch from now() - min(created_at) filter (where dead_at is null))), 0)::int`.as("oldestPendingSeconds"),
    ])
    .executeTakeFirstOrThrow();
  return row;
}

/** The newest outbox id: a rebuild replays what was enqueued after it. */
export async function latestOutboxId(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom("outbox")
    .select(sql<number>`coalesce(max(id), 0)::int`.as("max"))
    .executeTakeFirstOrThrow();
  return row.max;
}

/** Queues a topic's rows enqueued after `afterId` again (dead or processed alike); returns how many. */
export async function replayOutboxAfter(db: Kysely<Database>, topic: string, afterId: number, now: Date): Promise<number> {
  const result = await db
    .updateTable("outbox")
    .set({ processed_at: null, dead_at: null, next_attempt_at: now })
    .where("id", ">", afterId)
    .where("topic", "=", topic)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
