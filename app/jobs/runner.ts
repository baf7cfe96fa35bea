import type { Kysely, Transaction } from "kysely";
import { claimOutbox, countDueOutbox, markOutboxFailed, markOutboxProcessed } from "../../db/queries/outbox";
import { claimSchedulePeriod, tryLockSchedule } from "../../db/queries/job-schedules";
import type { Database, OutboxRow } from "../../db/schema";
import type { Cadence } from "./schedule";

// The job runner. Queue: the transactional outbox, so a job is enqueued in the same transaction as
// the write that calls for it. Delivery is at least once (a lease that lapses mid-job hands the row to
// another process), so handlers must be idempotent: re-read the source of truth, upsert by id.
// Schedules: each period runs once across all processes (an advisory lock plus job_schedules).
// Any number of processes may run a runner against one database; on the embedded database (one
// connection) it works the same, since claims are single statements and schedules use only their trx.

export interface JobContext {
  db: Kysely<Database>;
  /** The business clock when the batch started ("today" for certificate validity, deadlines). */
  now: Date;
}

export interface JobDefinition {
  /** The outbox topic this job consumes. */
  name: string;
  /** Handles a batch of rows of this job; throwing fails the whole batch (retried with backoff). */
  handle(rows: OutboxRow[], ctx: JobContext): Promise<void>;
  /** Attempts before a row is dead (kept, counted in /healthz, never retried). Default 10. */
  maxAttempts?: number;
}

export interface ScheduleContext {
  /** The transaction that claimed the period: use it for every query (the embedded database has one connection). */
  trx: Transaction<Database>;
  period: number;
  /** The business clock now. */
  now: Date;
  /** When the previous period ran (its `now`), or null on the very first run: sweeps cover (since, now]. */
  since: Date | null;
}

export interface ScheduleDefinition {
  name: string;
  cadence: Cadence;
  /**
   * Runs inside the transaction that claims the period, so a failure leaves the period unclaimed for the
   * next tick. Keep it short (it holds the schedule's lock and, on the embedded database, the connection):
   * enqueue outbox jobs for long work.
   */
  run(ctx: ScheduleContext): Promise<void>;
}

export interface JobRunnerOptions {
  db: Kysely<Database>;
  jobs: JobDefinition[];
  schedules?: ScheduleDefinition[];
  /** The business clock (schedules' periods, jobs' "now"); retries and leases use the database's clock. */
  now?: () => Date;
  batchSize?: number;
  /** How long a claim is exclusive; a process that dies mid-job loses its rows to others after this. */
  leaseMs?: number;
  backoffMs?: (attempts: number) => number;
  /** Idle poll interval; kick() wakes the runner earlier. */
  intervalMs?: number;
  onError?: (error: unknown) => void;
}

/** Exponential backoff: 0.5 s, 1 s, 2 s … capped at 30 s. */
export function backoffMs(attempts: number): number {
  return Math.min(30_000, 500 * 2 ** Math.max(0, attempts - 1));
}

export const DEFAULT_MAX_ATTEMPTS = 10;

export interface RunningJobRunner {
  /** Process now instead of at the next tick (called after a write for low lag). */
  kick(): void;
  stop(): Promise<void>;
  /** Resolves when no due rows are left (tests and the reindex command use it). */
  drain(timeoutMs?: number): Promise<void>;
}

export interface JobRunner {
  /** Claims and handles one batch of due rows. */
  processDue(): Promise<{ processed: number; failed: number }>;
  /** Runs every schedule whose current period has not run yet anywhere. Returns the names run here. */
  runDueSchedules(): Promise<string[]>;
  /** Starts the loop: schedules, then batches until nothing is due, then sleep until the next tick or kick. */
  start(): RunningJobRunner;
}

export function createJobRunner(o: JobRunnerOptions): JobRunner {
  const jobs = new Map<string, JobDefinition>();
  for (const job of o.jobs) {
    if (jobs.has(job.name)) throw new Error(`Job ${job.name} is registered twice`);
    jobs.set(job.name, job);
  }
  // Only registered names are claimed: a row for a job this process does not know (a newer
  // version's) waits for a process that does, instead of failing here.
  const names = [...jobs.keys()];
  const clock = o.now ?? (() => new Date());
  const backoff = o.backoffMs ?? backoffMs;
  const leaseMs = o.leaseMs ?? 60_000;

  async function processDue() {
    const rows = await claimOutbox(o.db, { names, limit: o.batchSize ?? 200, leaseMs });
    if (rows.length === 0) return { processed: 0, failed: 0 };
    const now = clock();
    const byName = new Map<string, OutboxRow[]>();
    for (const r of rows) byName.set(r.topic, [...(byName.get(r.topic) ?? []), r]);

    let processed = 0;
    let failed = 0;
    for (const [name, batch] of byName) {
      const job = jobs.get(name)!;
      try {
        await job.handle(batch, { db: o.db, now });
        await markOutboxProcessed(
          o.db,
          batch.map((r) => r.id),
        );
        processed += batch.length;
      } catch (e) {
        failed += batch.length;
        o.onError?.(e);
        const error = e instanceof Error ? e.message : String(e);
        const maxAttempts = job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
        // Rows in one batch may have failed before a different number of times: each keeps its own count.
        const byAttempts = new Map<number, number[]>();
        for (const r of batch) byAttempts.set(r.attempts, [...(byAttempts.get(r.attempts) ?? []), r.id]);
        for (const [attemptsBefore, ids] of byAttempts) {
          await markOutboxFailed(o.db, ids, { attemptsBefore, error, retryInMs: backoff(attemptsBefore + 1), dead: attemptsBefore + 1 >= maxAttempts });
        }
      }
    }
    return { processed, failed };
  }

  // The last period each schedule is known to have run (here or elsewhere): saves a database round
  // trip per tick. A failed run waits a backoff before it is tried again, instead of every tick.
  const seenPeriod = new Map<string, number>();
  const scheduleFailures = new Map<string, { count: number; retryAt: number }>();

  async function runDueSchedules() {
    const ran: string[] = [];
    for (const s of o.schedules ?? []) {
      const now = clock();
      const period = s.cadence.periodOf(now);
      if ((seenPeriod.get(s.name) ?? -Infinity) >= period) continue;
      const failure = scheduleFailures.get(s.name);
      if (failure && Date.now() < failure.retryAt) continue;
      try {
        const outcome = await o.db.transaction().execute(async (trx) => {
          // Another process holds the lock: it is running this schedule now; look again next tick.
          if (!(await tryLockSchedule(trx, s.name))) return "busy" as const;
          const claim = await claimSchedulePeriod(trx, s.name, period, now);
          if (!claim.claimed) return "done" as const;
          await s.run({ trx, period, now, since: claim.since });
          return "ran" as const;
        });
        if (outcome !== "busy") seenPeriod.set(s.name, period);
        if (outcome === "ran") ran.push(s.name);
        scheduleFailures.delete(s.name);
      } catch (e) {
        o.onError?.(e);
        const count = (failure?.count ?? 0) + 1;
        scheduleFailures.set(s.name, { count, retryAt: Date.now() + backoff(count) });
      }
    }
    return ran;
  }

  function start(): RunningJobRunner {
    let stopped = false;
    let running: Promise<unknown> = Promise.resolve();
    let timer: NodeJS.Timeout | null = null;
    let again = false;

    const tick = () => {
      if (stopped) return;
      if (timer) clearTimeout(timer);
      timer = null;
      running = running
        .then(async () => {
          await runDueSchedules();
          do {
            again = false;
            const r = await processDue();
            if (r.processed > 0 && r.failed === 0) again = true;
          } while (again && !stopped);
        })
        .catch((e) => o.onError?.(e))
        .finally(() => {
          if (!stopped) timer = setTimeout(tick, o.intervalMs ?? 250);
        });
    };
    tick();

    return {
      kick: () => {
        again = true;
        if (timer) tick();
      },
      async stop() {
        stopped = true;
        if (timer) clearTimeout(timer);
        await running;
      },
      async drain(timeoutMs = 10_000) {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          if ((await countDueOutbox(o.db, names)) === 0) {
            await running;
            return;
          }
          if (Date.now() > deadline) throw new Error("Job runner did not drain in time");
          await new Promise((r) => setTimeout(r, 25));
        }
      },
    };
  }

  return { processDue, runDueSchedules, start };
}
