import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import nodemailer from "nodemailer";
import { t, type AnyMessageKey, type Locale } from "~/i18n";

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/** A pluggable sender: SMTP when SMTP_URL is set, otherwise the local outbox below (development, tests). */
export interface Mailer {
  send(mail: Mail): Promise<void>;
  /** Mails sent by this process, newest last (tests read links from it). */
  sent(): readonly Mail[];
}

function remember(sent: Mail[], mail: Mail) {
  sent.push(mail);
  if (sent.length > 500) sent.shift();
}

export function createLocalMailer(dir?: string): Mailer {
  const sent: Mail[] = [];
  return {
    async send(mail) {
      remember(sent, mail);
      if (dir) {
        mkdirSync(dir, { recursive: true });
        const file = path.join(dir, `${new Date().toISOString().replace(/[:.]/g, "-")}-${mail.to.replace(/[^a-z0-9@.]/gi, "_")}.txt`);
        writeFileSync(file, `To: ${mail.to}\nSubject: ${mail.subject}\n\n${mail.text}\n`);
      }
    },
    sent: () => sent,
  };
}

/**
 * Sends through an SMTP server, e.g. `smtps://user:pass@mail.example.jp:465` or `smtp://localhost:25`
 * (nodemailer upgrades smtp:// with STARTTLS when the server offers it). Plain text, UTF-8.
 */
export function createSmtpMailer(smtpUrl: string, from: string): Mailer {
  const transport = nodemailer.createTransport(smtpUrl);
  const sent: Mail[] = [];
  return {
    async send(mail) {
      await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
      remember(sent, mail);
    },
    sent: () => sent,
  };
}

/** The sender address: MAIL_FROM, else no-reply at the app's own host. */
export function mailFrom(env: { MAIL_FROM?: string }, origin: string): string {
  return env.MAIL_FROM ?? `Kurabe <no-reply@${new URL(origin).hostname}>`;
}

/** A mail in the reader's language first and the other one below, so a forwarded copy is read by both. */
export function bilingualMail(
  to: string,
  locale: Locale,
  subjectKey: AnyMessageKey,
  bodyKey: AnyMessageKey,
  params: (l: Locale) => Record<string, string | number>,
): Mail {
  const other: Locale = locale === "ja" ? "en" : "ja";
  return {
    to,
    subject: t(locale, subjectKey, params(locale)),
    text: [t(locale, bodyKey, params(locale)), "", "----", "", t(other, bodyKey, params(other))].join("\n"),
  };
}

/**
 * Sends without making the request wait. Where the answer must not tell whether an account exists
 * (password reset), a request that sends mail must take as long as one that does not; a failed
 * delivery is logged, not shown.
 */
export function sendInBackground(mailer: Mailer, mail: Mail): void {
  mailer.send(mail).catch((e: unknown) => {
    console.warn(`mail: not delivered to ${mail.to}: ${e instanceof Error ? e.message : String(e)}`);
  });
}
