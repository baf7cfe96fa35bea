import type { Kysely } from "kysely";
import { writeAudit } from "../../db/queries/audit";
import { findInvoiceSettings, lockInvoice } from "../../db/queries/invoices";
import { claimReminderStep, listOrgContacts, listOverdueCandidates } from "../../db/queries/invoice-reminders";
import { notifyUsers } from "../../db/queries/notifications";
import type { Database } from "../../db/schema";
import { addCalendarDays } from "~/domain/calendar/japan-business-days";
import { LAST_REMINDER_DAY, reminderDue } from "~/domain/invoices/reminders";
import { isOverdue, paymentSummary, type PaymentState } from "~/domain/payments/state";
import { isLocale, type Locale } from "~/i18n";
import type { AppContext } from "~/utils/context.server";
import { appOrigin } from "~/utils/env.server";
import { formatDate, formatYen, tokyoDateString } from "~/utils/format";
import { notificationMail, type Mail } from "./mail.server";

// Overdue reminders (督促) for invoices paid by bank transfer (issue 16 item 2). Run once a day by the job
// `invoice.reminders` (app/jobs/invoice-reminders.ts), and safe to run any number of times, from any number of
// processes at once: the cadence is app/domain/invoices/reminders.ts (day 1 overdue, then weekly, five at most,
// on the buyer's business days), and each (invoice, step) is claimed by inserting its row into
// invoice_reminders — one insert wins, only the winner notifies, mails and audits.
//
// Per reminder, in one transaction with the claim: an in-app notice to every member of the buyer organisation,
// a copy to the vendor's members ("reminder sent"), an audit row (the system as actor), and one mail per buyer
// member in that member's language, queued in the same transaction (decision 0054): the mail exists iff the step
// is claimed, and the mail job retries its delivery; the step is never claimed twice, so nobody is reminded twice. The mail carries no bank account on purpose: a 振込先 in a mail is
// what payment fraud imitates, so the mail says the account is on the invoice and links to it.

type Db = Kysely<Database>;
export type ReminderDeps = Pick<AppContext, "db" | "mailer" | "env">;

export interface SentReminder {
  invoiceId: string;
  number: string;
  step: number;
  daysOverdue: number;
  balance: number;
  mails: number;
}

interface PendingReminderMail {
  to: string;
  name: string;
  locale: Locale;
  params: { number: string; vendor: string; buyer: string; balance: number; total: number; dueDate: string; days: number; link: string };
}

/** Sends today's due reminders; returns what this call sent (nothing for steps another run already claimed). */
export async function sendOverdueReminders(deps: ReminderDeps, now: Date): Promise<{ sent: SentReminder[] }> {
  const today = tokyoDateString(now);
  const sent: SentReminder[] = [];
  // Invoices due more than LAST_REMINDER_DAY days ago are past their last step: not even read.
  for (const candidate of await listOverdueCandidates(deps.db, today, addCalendarDays(today, -LAST_REMINDER_DAY))) {
    const summary = paymentSummary(candidate.payment_state as PaymentState);
    if (!candidate.due_date || !isOverdue(summary, candidate.due_date, today)) continue;
    if (!reminderDue({ dueDate: candidate.due_date, today, balance: summary.balance, buyerKind: candidate.buyer_kind })) continue;
    const done = await remindOne(deps.db, deps.mailer, candidate.id, candidate.buyer_kind, today, now, appOrigin(deps.env));
    if (!done) continue;
    sent.push({ ...done.reminder, mails: done.mails.length });
  }
  return { sent };
}

/** Claims and records one reminder under the invoice's lock, re-checking what a receipt may have changed meanwhile. */
async function remindOne(db: Db, mailer: ReminderDeps["mailer"], invoiceId: string, buyerKind: string, today: string, now: Date, origin: string) {
  return db.transaction().execute(async (trx) => {
    const inv = await lockInvoice(trx, invoiceId);
    if (!inv || inv.kind === "credit_note" || inv.cancelled_by !== null || !inv.due_date) return null;
    const summary = paymentSummary(inv.payment_state as PaymentState);
    if (!isOverdue(summary, inv.due_date, today)) return null;
    const [buyer, vendor] = await Promise.all([findInvoiceSettings(trx, inv.buyer_org_id), findInvoiceSettings(trx, inv.vendor_org_id)]);
    const due = reminderDue({ dueDate: inv.due_date, today, balance: summary.balance, buyerKind });
    if (!due) return null;
    const claimed = await claimReminderStep(trx, { invoiceId: inv.id, step: due.step, daysOverdue: due.daysOverdue, balance: summary.balance, at: now });
    if (!claimed) return null;

    const [buyerMembers, vendorMembers] = await Promise.all([listOrgContacts(trx, inv.buyer_org_id), listOrgContacts(trx, inv.vendor_org_id)]);
    const payload = { invoiceId: inv.id, title: inv.number, step: due.step };
    await notifyUsers(
      trx,
      buyerMembers.map((m) => m.id),
      "invoice.overdue",
      payload,
      now,
    );
    await notifyUsers(
      trx,
      vendorMembers.map((m) => m.id),
      "invoice.reminderSent",
      payload,
      now,
    );
    await writeAudit(trx, {
      actorUserId: null,
      actorOrgId: null,
      action: "invoice.reminder",
      entityType: "invoice",
      entityId: inv.id,
      after: {
        number: inv.number,
        step: due.step,
        daysOverdue: due.daysOverdue,
        dueDate: inv.due_date,
        balance: summary.balance,
        mailedTo: buyerMembers.map((m) => m.email),
      },
    });
    const params = {
      number: inv.number,
      vendor: vendor?.name ?? "",
      buyer: buyer?.name ?? "",
      balance: summary.balance,
      total: Number(inv.total),
      dueDate: inv.due_date,
      days: due.daysOverdue,
      link: `${origin}/invoices/${inv.id}`,
    };
    const mails: PendingReminderMail[] = buyerMembers.map((m) => ({ to: m.email, name: m.name, locale: isLocale(m.locale) ? m.locale : "ja", params }));
    for (const m of mails) await mailer.send(reminderMail(m), { trx });
    return { reminder: { invoiceId: inv.id, number: inv.number, step: due.step, daysOverdue: due.daysOverdue, balance: summary.balance }, mails };
  });
}

/** The reminder mail in the member's language; amounts and dates written the way each language writes them. */
export function reminderMail(m: PendingReminderMail): Mail {
  return notificationMail(m.to, m.locale, "mail.invoice.overdue.subject", "mail.invoice.overdue.body", (l) => ({
    name: m.name,
    number: m.params.number,
    vendor: m.params.vendor,
    buyer: m.params.buyer,
    balance: formatYen(m.params.balance, l),
    total: formatYen(m.params.total, l),
    dueDate: formatDate(m.params.dueDate, l),
    days: m.params.days,
    link: m.params.link,
  }));
}
