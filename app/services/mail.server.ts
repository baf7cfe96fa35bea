import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/** A pluggable sender. Development and tests use the local outbox below; production plugs in SMTP or an API. */
export interface Mailer {
  send(mail: Mail): Promise<void>;
  /** Mails sent by this process, newest last (local outbox only; tests read invitation links from it). */
  sent(): readonly Mail[];
}

export function createLocalMailer(dir?: string): Mailer {
  const sent: Mail[] = [];
  return {
    async send(mail) {
      sent.push(mail);
      if (sent.length > 500) sent.shift();
      if (dir) {
        mkdirSync(dir, { recursive: true });
        const file = path.join(dir, `${new Date().toISOString().replace(/[:.]/g, "-")}-${mail.to.replace(/[^a-z0-9@.]/gi, "_")}.txt`);
        writeFileSync(file, `To: ${mail.to}\nSubject: ${mail.subject}\n\n${mail.text}\n`);
      }
    },
    sent: () => sent,
  };
}
