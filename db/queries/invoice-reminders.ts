import type { Kysely } from "kysely";
import type { Database } from "../schema";

// Overdue reminders (issue 16 item 2). The candidates are read without a lock; the service locks each invoice and
// claims its step with an insert that only one caller can win (the primary key of invoice_reminders).

/**
 * Invoices that may be overdue on `today`: a payable kind (not a credit note), not cancelled by a correction,
 * with a due date before today and on or after `dueFrom` (older ones are past their last reminder step). Whether
 * money is still due is the payment state's fold (the service decides).
 */
export async function listOverdueCandidates(db: Kysely<Database>, today: string, dueFrom: string) {
  return db
    .selectFrom("invoices")
    .innerJoin("organizations as buyer", "buyer.id", "invoices.buyer_org_id")
    .select(["invoices.id", "invoices.due_date", "invoices.payment_state", "buyer.buyer_kind"])
    .where("invoices.kind", "!=", "credit_note")
    .where("invoices.cancelled_by", "is", null)
    .where("invoices.due_date", "is not", null)
    .where("invoices.due_date", "<", today)
    .where("invoices.due_date", ">=", dueFrom)
    .orderBy("invoices.due_date")
    .orderBy("invoices.id")
    .execute();
}

/** Claims `step` of the invoice's reminders; false when it was claimed before (by this or another process). */
export async function claimReminderStep(
  db: Kysely<Database>,
  r: { invoiceId: string; step: number; daysOverdue: number; balance: number; at: Date },
): Promise<boolean> {
  const row = await db
    .insertInto("invoice_reminders")
    .values({ invoice_id: r.invoiceId, step: r.step, days_overdue: r.daysOverdue, balance: r.balance, sent_at: r.at })
    .onConflict((oc) => oc.columns(["invoice_id", "step"]).doNothing())
    .returning("step")
    .executeTakeFirst();
  return row !== undefined;
}

/** The reminders an invoice has had, oldest first (the invoice page shows them). */
export async function listRemindersOf(db: Kysely<Database>, invoiceId: string) {
  return db
    .selectFrom("invoice_reminders")
    .select(["step", "days_overdue", "balance", "sent_at"])
    .where("invoice_id", "=", invoiceId)
    .orderBy("step")
    .execute();
}

/** Members of an organisation with what a mail needs (address, name, language). */
export async function listOrgContacts(db: Kysely<Database>, orgId: string) {
  return db
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select(["users.id", "users.email", "users.name", "users.locale"])
    .where("memberships.org_id", "=", orgId)
    .orderBy("users.id")
    .execute();
}
