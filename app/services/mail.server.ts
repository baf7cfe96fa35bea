import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Kysely } from "kysely";
import nodemailer from "nodemailer";
import type { Database } from "../../db/schema";
import { enqueueMailDelivery, findUserIdByEmail, insertOutgoingMail, isMailKindOff, listWaitingMails, markMailDone } from "../../db/queries/mail";
import { canTurnOff, isMailKind, type MailKind } from "~/domain/mail/kinds";
import { composeMail, finishMail } from "~/domain/mail/render";
import type { AnyMessageKey, Locale } from "~/i18n";

// E-mail (decision 0054). Services hand a `Mail` to `ctx.mailer.send`. The app's mailer (`createQueuedMailer`)
// does not talk to a mail server: it checks the recipient's preference for the mail's kind, adds the footer and
// the HTML version, and writes an `outgoing_mails` row plus a `mail.send` outbox row — inside the caller's
// transaction when it passes one. The job (app/jobs/mail.ts) delivers it through a transport: SMTP when SMTP_URL
// is set, otherwise the local outbox in DATA_DIR/mail. Both transports are Mailers too (tests use the local one
// directly, as the harness does).

export interface Mail {
  to: string;
  subject: string;
  text: string;
  /** The HTML version; the queued mailer adds it (with the footer) when it is missing. */
  html?: string;
  kind: MailKind;
  locale: Locale;
}

export interface SendOptions {
  /** The business transaction: the mail is then queued iff the write commits. */
  trx?: Kysely<Database>;
}

/** Takes a mail for delivery: queued (the app), or handed to a mail server / the local outbox (transports). */
export interface Mailer {
  send(mail: Mail, options?: SendOptions): Promise<void>;
  /** Mails taken by this process, newest last (tests read links from it). */
  sent(): readonly Mail[];
}

function remember(sent: Mail[], mail: Mail) {
  sent.push(mail);
  if (sent.length > 500) sent.shift();
}

/** The local outbox: each mail as a .txt file (and its HTML beside it) in `dir`; only in memory without one. */
export function createLocalMailer(dir?: string): Mailer {
  const sent: Mail[] = [];
  return {
    async send(mail) {
      remember(sent, mail);
      if (dir) {
        mkdirSync(dir, { recursive: true });
        const base = path.join(dir, `${new Date().toISOString().replace(/[:.]/g, "-")}-${mail.to.replace(/[^a-z0-9@.]/gi, "_")}`);
        writeFileSync(`${base}.txt`, `To: ${mail.to}\nSubject: ${mail.subject}\n\n${mail.text}\n`);
        if (mail.html) writeFileSync(`${base}.html`, mail.html);
      }
    },
    sent: () => sent,
  };
}

/**
 * Sends through an SMTP server, e.g. `smtps://user:pass@mail.example.jp:465` or `smtp://localhost:25`
 * (nodemailer upgrades smtp:// with STARTTLS when the server offers it). UTF-8, text plus HTML when given.
 * Timeouts well under the job runner's lease, so a silent server fails the attempt instead of letting the
 * lease lapse and a second process send the same mail.
 */
export function createSmtpMailer(smtpUrl: string, from: string): Mailer {
  const transport = nodemailer.createTransport({ url: smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
  const sent: Mail[] = [];
  return {
    async send(mail) {
      await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text, ...(mail.html ? { html: mail.html } : {}) });
      remember(sent, mail);
    },
    sent: () => sent,
  };
}

/**
 * The app's mailer: queues instead of sending. A mail of a kind the recipient turned off is dropped here (and
 * the job checks again, in case it was turned off meanwhile); security mails always go. `kick` wakes the job
 * runner, so a queued mail leaves within milliseconds when the runner is idle.
 */
export function createQueuedMailer(deps: { db: Kysely<Database>; origin: string; kick: () => void }): Mailer {
  const sent: Mail[] = [];
  return {
    async send(mail, options = {}) {
      const queue = async (db: Kysely<Database>) => {
        const userId = await findUserIdByEmail(db, mail.to);
        if (userId && canTurnOff(mail.kind) && (await isMailKindOff(db, userId, mail.kind))) return null;
        const full: Mail = mail.html ? mail : { ...mail, ...finishMail(mail, deps.origin) };
        const id = await insertOutgoingMail(db, {
          recipient: full.to,
          userId,
          kind: full.kind,
          locale: full.locale,
          subject: full.subject,
          text: full.text,
          html: full.html ?? null,
        });
        await enqueueMailDelivery(db, id);
        return full;
      };
      // The mail and its delivery job are one write: never a mail without the job that sends it.
      const full = options.trx ? await queue(options.trx) : await deps.db.transaction().execute(queue);
      if (!full) return;
      remember(sent, full);
      // Inside a transaction the row is not visible until the commit; the runner's next tick finds it then.
      if (!options.trx) deps.kick();
    },
    sent: () => sent,
  };
}

/** The sender address: MAIL_FROM, else no-reply at the app's own host. */
export function mailFrom(env: { MAIL_FROM?: string }, origin: string): string {
  return env.MAIL_FROM ?? `Kurabe <no-reply@${new URL(origin).hostname}>`;
}

/**
 * A notification to one reader, in that reader's language only (the footer and HTML are added when it is
 * queued). Its kind — for the reader's opt-out — is the one its subject key belongs to (app/domain/mail/kinds.ts).
 */
export function notificationMail(
  to: string,
  locale: Locale,
  subjectKey: AnyMessageKey,
  bodyKey: AnyMessageKey,
  params: (l: Locale) => Record<string, string | number>,
): Mail {
  return { to, ...composeMail(locale, subjectKey, bodyKey, params(locale)) };
}

/**
 * Queues without making the request wait. Where the answer must not tell whether an account exists
 * (password reset), a request that sends mail must take as long as one that does not; queueing is a
 * cheap insert, and a failure is logged, not shown.
 */
export function sendInBackground(mailer: Mailer, mail: Mail): void {
  mailer.send(mail).catch((e: unknown) => {
    console.warn(`mail: not queued for ${mail.to}: ${e instanceof Error ? e.message : String(e)}`);
  });
}

/**
 * Delivers the queued mails `ids` through `transport` (the `mail.send` job). A mail already sent or skipped is
 * passed over, so a retried batch resends only what failed; a mail whose kind the recipient turned off since it
 * was queued is skipped. One failure does not stop the others; it is thrown at the end, so the runner retries
 * the batch with its backoff. At least once: a crash between the server's "250 OK" and the stamp resends one.
 */
export async function deliverQueuedMails(db: Kysely<Database>, transport: Mailer, ids: readonly string[]): Promise<{ sent: number; skipped: number }> {
  const errors: string[] = [];
  let sent = 0;
  let skipped = 0;
  for (const m of await listWaitingMails(db, ids)) {
    const kind = isMailKind(m.kind) ? m.kind : "account";
    if (m.user_id && canTurnOff(kind) && (await isMailKindOff(db, m.user_id, kind))) {
      await markMailDone(db, m.id, "skipped");
      skipped++;
      continue;
    }
    try {
      await transport.send({
        to: m.recipient,
        subject: m.subject,
        text: m.text_body,
        html: m.html_body ?? undefined,
        kind,
        locale: m.locale === "en" ? "en" : "ja",
      });
    } catch (e) {
      errors.push(`${m.recipient}: ${e instanceof Error ? e.message : String(e)}`);
      continue;
    }
    await markMailDone(db, m.id, "sent");
    sent++;
  }
  if (errors.length > 0) throw new Error(`mail: ${errors.length} not delivered (${errors.join("; ")})`);
  return { sent, skipped };
}
