import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { SearchService } from "../../search/client";
import { projectRfqRanking } from "~/services/ranking-projection.server";
import { createJobRunner, type JobRunner, type JobRunnerOptions, type RunningJobRunner } from "./runner";

export type { RunningJobRunner };
import { certificateSweep, openingSweep, searchIndexJobs } from "./search";
import { invoiceReminderJob, invoiceReminderSchedule } from "./invoice-reminders";
import { deliveryDeemedJob, deliveryReminderJob, deliverySchedule } from "./deliveries";
import { measurementReminderJob, measurementReminderSchedule } from "./measurement-reminders";
import { reviewReminderJob, reviewReminderSchedule } from "./review-reminders";
import { trackRecordRefreshSchedule } from "./track-record-refresh";
import { benchmarksJob, benchmarksSchedule } from "./benchmarks";
import { mailSendJob } from "./mail";
import type { Mailer } from "~/services/mail.server";
import type { Env } from "~/utils/env.server";

// The app's jobs: every outbox job and schedule the server runs, registered in one place.
// To add one, see README "Jobs".

export interface AppJobOptions extends Omit<JobRunnerOptions, "jobs" | "schedules"> {
  search: SearchService;
  /** For jobs that send mail (overdue reminders); a runner without them leaves those rows to one that has them. */
  mail?: { mailer: Mailer; env: Env };
  /** Where queued mail goes (SMTP or the local outbox): a runner given it delivers `mail.send` rows (decision 0054). */
  mailTransport?: Mailer;
}

export function appJobRunner(o: AppJobOptions): JobRunner {
  return createJobRunner({
    ...o,
    jobs: [
      ...searchIndexJobs({ db: o.db, search: o.search, projectRfq: projectRfqRanking }),
      deliveryDeemedJob,
      benchmarksJob,
      ...(o.mail ? [invoiceReminderJob(o.mail), deliveryReminderJob(o.mail), measurementReminderJob(o.mail), reviewReminderJob(o.mail)] : []),
      ...(o.mailTransport ? [mailSendJob(o.mailTransport)] : []),
    ],
    schedules: [
      openingSweep,
      certificateSweep,
      invoiceReminderSchedule,
      deliverySchedule,
      measurementReminderSchedule,
      reviewReminderSchedule,
      trackRecordRefreshSchedule,
      benchmarksSchedule,
    ],
  });
}

/** Starts the app's runner (the server and long-running tests). */
export function startAppJobs(o: AppJobOptions): RunningJobRunner {
  return appJobRunner(o).start();
}

/** Handles one batch of due outbox rows without running schedules (tests and tools drive it directly). */
export function processOutboxOnce(o: { db: Kysely<Database>; search: SearchService; now?: () => Date }) {
  return appJobRunner(o).processDue();
}
