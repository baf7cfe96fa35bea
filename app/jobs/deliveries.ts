import { enqueueOutbox } from "../../db/queries/outbox";
import { runDeemedAcceptances, sendDeliveryReminders, type DeliveryJobDeps } from "~/services/deliveries.server";
import { tokyoDateString } from "~/utils/format";
import type { JobDefinition, ScheduleDefinition } from "./runner";
import { dailyAtTokyoMidnight } from "./schedule";

// Deliveries (issue 17 items 1 and 9; decision 0039). Once a day from midnight in Tokyo the schedule enqueues two
// jobs: deemed acceptance (needs only the database, so every runner registers it) and the reminders (mail, so
// only a runner given a mailer registers it, as the invoice reminders). Both are safe to repeat: a deemed
// acceptance re-checks the delivery under the contract's lock, a reminder is claimed by a unique row first.

export const DELIVERY_DEEMED_JOB = "deliveries.deemed" as const;
export const DELIVERY_REMINDERS_JOB = "deliveries.reminders" as const;

export const deliverySchedule: ScheduleDefinition = {
  name: "deliveries.daily-sweep",
  cadence: dailyAtTokyoMidnight(),
  async run({ trx, now }) {
    await enqueueOutbox(trx, DELIVERY_DEEMED_JOB, tokyoDateString(now));
    await enqueueOutbox(trx, DELIVERY_REMINDERS_JOB, tokyoDateString(now));
  },
};

export const deliveryDeemedJob: JobDefinition = {
  name: DELIVERY_DEEMED_JOB,
  maxAttempts: 20,
  async handle(_rows, ctx) {
    await runDeemedAcceptances({ db: ctx.db }, ctx.now);
  },
};

export function deliveryReminderJob(deps: Pick<Required<DeliveryJobDeps>, "mailer" | "env">): JobDefinition {
  return {
    name: DELIVERY_REMINDERS_JOB,
    maxAttempts: 20,
    async handle(_rows, ctx) {
      await sendDeliveryReminders({ db: ctx.db, mailer: deps.mailer, env: deps.env }, ctx.now);
    },
  };
}
