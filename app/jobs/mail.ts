import { MAIL_SEND_TOPIC } from "../../db/queries/mail";
import { deliverQueuedMails, type Mailer } from "~/services/mail.server";
import type { JobDefinition } from "./runner";

// E-mail delivery (issue 20 item 2; decision 0054). The app's mailer only queues (`outgoing_mails` + an outbox
// row on `mail.send`); this job hands each queued mail to the transport — SMTP when SMTP_URL is set, the local
// outbox otherwise — retried with the runner's backoff. After MAIL_MAX_ATTEMPTS (about 20 minutes of a mail
// server refusing, with the backoff capped at 30 s) the row is dead and counted in /healthz.

export const MAIL_MAX_ATTEMPTS = 45;

/** Only a runner given a transport registers it; rows wait for one that has (as the reminder jobs do). */
export function mailSendJob(transport: Mailer): JobDefinition {
  return {
    name: MAIL_SEND_TOPIC,
    maxAttempts: MAIL_MAX_ATTEMPTS,
    async handle(rows, ctx) {
      await deliverQueuedMails(
        ctx.db,
        transport,
        rows.map((r) => r.entity_id),
      );
    },
  };
}
