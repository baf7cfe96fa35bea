import { sql, type Kysely } from "kysely";
import type { Database } from "../schema";

// Scheduled jobs run once per period across every process sharing the database (app/jobs/runner.ts).
// Both statements run inside the caller's transaction, which also runs the job: if the job fails,
// the period's mark rolls back with it and the next tick tries again.

/** Advisory-lock namespace for schedules (two-key form), so schedule names cannot collide with other locks. */
const SCHEDULE_LOCK_SPACE = 0x6b72_6a62; // "krjb"

/** Takes the schedule's advisory lock for the transaction; false when another process holds it right now. */
export async function tryLockSchedule(trx: Kysely<Database>, name: string): Promise<boolean> {
  const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(${SCHEDULE_LOCK_SPACE}::int, hashtext(${name})) as locked`.execute(trx);
  return rows[0]?.locked === true;
}

/**
 * Marks `period` as run at `at` unless it (or a later one) already ran. Returns whether this caller
 * claimed it and when the previous run happened (null on the very first). The upsert's WHERE makes the
 * claim safe on its own: two transactions cannot both move `last_period` forward to the same value.
 */
export async function claimSchedulePeriod(trx: Kysely<Database>, name: string, period: number, at: Date): Promise<{ claimed: boolean; since: Date | null }> {
  const previous = await trx.selectFrom("job_schedules").select(["last_period", "last_run_at"]).where("name", "=", name).executeTakeFirst();
  if (previous && previous.last_period >= period) return { claimed: false, since: null };
  const claimed = await trx
    .insertInto("job_schedules")
    .values({ name, last_period: period, last_run_at: at })
    .onConflict((oc) =>
      oc
        .column("name")
        .doUpdateSet({ last_period: (eb) => eb.ref("excluded.last_period"), last_run_at: (eb) => eb.ref("excluded.last_run_at") })
        .where("job_schedules.last_period", "<", period),
    )
    .returning("name")
    .executeTakeFirst();
  return { claimed: claimed !== undefined, since: previous?.last_run_at ?? null };
}
