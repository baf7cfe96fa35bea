import { enqueueOutbox } from "../../db/queries/outbox";
import { recomputeBenchmarks } from "~/services/benchmarks.server";
import { tokyoDateString } from "~/utils/format";
import type { JobDefinition, ScheduleDefinition } from "./runner";
import { dailyAtTokyoMidnight } from "./schedule";

// Market benchmarks (decision 0048). The schedule only enqueues one job row for the Tokyo date (a schedule must
// stay short); the job recomputes both benchmark tables in one transaction that replaces their content, so a retry
// or a second run the same day writes the same rows.

export const BENCHMARKS_JOB = "insight.benchmarks" as const;

export const benchmarksSchedule: ScheduleDefinition = {
  name: "insight.benchmarks.daily",
  cadence: dailyAtTokyoMidnight(),
  async run({ trx, now }) {
    await enqueueOutbox(trx, BENCHMARKS_JOB, tokyoDateString(now));
  },
};

export const benchmarksJob: JobDefinition = {
  name: BENCHMARKS_JOB,
  maxAttempts: 20,
  async handle(_rows, ctx) {
    await recomputeBenchmarks(ctx.db, ctx.now);
  },
};
