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

/**
 * Starts the app's runners (the server and long-running tests). Mail has its own lane: the outbox is claimed
 * oldest first, so behind a backlog (a reindex, the first run's seed) a password-reset mail would wait minutes;
 * its own runner claims only `mail.send` rows and delivers them within moments of the kick.
 */
export function startAppJobs(o: AppJobOptions): RunningJobRunner {
  const main = appJobRunner({ ...o, mailTransport: undefined }).start();
  if (!o.mailTransport) return main;
  const mailLane = createJobRunner({ ...o, jobs: [mailSendJob(o.mailTransport)] }).start();
  return {
    kick() {
      main.kick();
      mailLane.kick();
    },
    async stop() {
      await Promise.all([main.stop(), mailLane.stop()]);
    },
    async drain(timeoutMs) {
      await Promise.all([main.drain(timeoutMs), mailLane.drain(timeoutMs)]);
    },
  };
}

/** Handles one batch of due outbox rows without running schedules (tests and tools drive it directly). */
export function processOutboxOnce(o: { db: Kysely<Database>; search: SearchService; now?: () => Date }) {
  return appJobRunner(o).processDue();
}
