import { enqueueOutbox } from "../../db/queries/outbox";
import { sendOverdueReminders, type ReminderDeps } from "~/services/invoice-reminders.server";
import { tokyoDateString } from "~/utils/format";
import type { JobDefinition, ScheduleDefinition } from "./runner";
import { dailyAtTokyoMidnight } from "./schedule";

// Overdue reminders (issue 16 item 2). The schedule only enqueues (a schedule runs inside the transaction that
// claims its period and must stay short); the job does the work: it finds the invoices with money due after their
// due date and sends each one's current reminder step once (app/services/invoice-reminders.server.ts). Delivery
// of the job is at least once and two processes may both handle it: that is safe, because a step is claimed by a
// unique row before anything is sent.

export const INVOICE_REMINDERS_JOB = "invoice.reminders" as const;

/** Daily from midnight in Tokyo: one job row for the day (its entity is the Japanese date, for the logs). */
export const invoiceReminderSchedule: ScheduleDefinition = {
  name: "invoice.reminder-sweep",
  cadence: dailyAtTokyoMidnight(),
  async run({ trx, now }) {
    await enqueueOutbox(trx, INVOICE_REMINDERS_JOB, tokyoDateString(now));
  },
};

/** The job that sends; it needs the mailer and the app's origin (links), so only a runner given them registers it. */
export function invoiceReminderJob(deps: Pick<ReminderDeps, "mailer" | "env">): JobDefinition {
  return {
    name: INVOICE_REMINDERS_JOB,
    // Each run re-reads the invoices and skips claimed steps, so a retry only sends what is still unsent.
    maxAttempts: 20,
    async handle(_rows, ctx) {
      await sendOverdueReminders({ db: ctx.db, mailer: deps.mailer, env: deps.env }, ctx.now);
    },
  };
}
