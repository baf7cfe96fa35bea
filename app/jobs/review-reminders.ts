import { enqueueOutbox } from "../../db/queries/outbox";
import { sendReviewReminders, type ReviewReminderDeps } from "~/services/review-reminders.server";
import { tokyoDateString } from "~/utils/format";
import type { JobDefinition, ScheduleDefinition } from "./runner";
import { dailyAtTokyoMidnight } from "./schedule";

// Periodic review reminders (issue 17 item 9; decision 0042), the same shape as the invoice reminders: the daily
// schedule only enqueues one job row for the Japanese date; the job sends, each reminder claimed once
// (app/services/review-reminders.server.ts), so a retry or a second process never sends twice.

export const REVIEW_REMINDERS_JOB = "review.reminders" as const;

export const reviewReminderSchedule: ScheduleDefinition = {
  name: "review.reminder-sweep",
  cadence: dailyAtTokyoMidnight(),
  async run({ trx, now }) {
    await enqueueOutbox(trx, REVIEW_REMINDERS_JOB, tokyoDateString(now));
  },
};

/** The job that sends; it needs the mailer and the app's origin, so only a runner given them registers it. */
export function reviewReminderJob(deps: Pick<ReviewReminderDeps, "mailer" | "env">): JobDefinition {
  return {
    name: REVIEW_REMINDERS_JOB,
    maxAttempts: 20,
    async handle(_rows, ctx) {
      await sendReviewReminders({ db: ctx.db, mailer: deps.mailer, env: deps.env }, ctx.now);
    },
  };
}
