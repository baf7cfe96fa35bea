import { enqueueOutbox } from "../../db/queries/outbox";
import { sendMeasurementReminders, type MeasurementReminderDeps } from "~/services/measurement-reminders.server";
import { tokyoDateString } from "~/utils/format";
import type { JobDefinition, ScheduleDefinition } from "./runner";
import { dailyAtTokyoMidnight } from "./schedule";

// SLA measurement reminders (issue 17 items 2 and 9; decision 0040), as the invoice reminders: the daily schedule
// only enqueues; the job finds what is due and sends each (contract, period, kind) once — the claim row is what
// makes a retry, a re-run or a second process harmless.

export const MEASUREMENT_REMINDERS_JOB = "measurement.reminders" as const;

export const measurementReminderSchedule: ScheduleDefinition = {
  name: "measurement.reminder-sweep",
  cadence: dailyAtTokyoMidnight(),
  async run({ trx, now }) {
    await enqueueOutbox(trx, MEASUREMENT_REMINDERS_JOB, tokyoDateString(now));
  },
};

/** The job that sends; it needs the mailer and the app's origin, so only a runner given them registers it. */
export function measurementReminderJob(deps: Pick<MeasurementReminderDeps, "mailer" | "env">): JobDefinition {
  return {
    name: MEASUREMENT_REMINDERS_JOB,
    maxAttempts: 20,
    async handle(_rows, ctx) {
      await sendMeasurementReminders({ db: ctx.db, mailer: deps.mailer, env: deps.env }, ctx.now);
    },
  };
}
