import { sql, type Kysely } from "kysely";
import type { Database } from "../schema";

// Card payments with Stripe (decision 0035): connected accounts, Checkout attempts, refunds, webhook events.

type Db = Kysely<Database>;

// --- Connected accounts ------------------------------------------------------------------------------------------

export async function findStripeAccount(db: Db, vendorOrgId: string) {
  return db.selectFrom("stripe_accounts").selectAll().where("vendor_org_id", "=", vendorOrgId).executeTakeFirst();
}

/** Stores the vendor's account once; false when the vendor already has one (the caller then reads it). */
export async function insertStripeAccount(db: Db, a: { vendorOrgId: string; accountId: string; at: Date }): Promise<boolean> {
  const r = await db
    .insertInto("stripe_accounts")
    .values({ vendor_org_id: a.vendorOrgId, account_id: a.accountId, state: "onboarding", created_at: a.at, updated_at: a.at })
    .onConflict((oc) => oc.column("vendor_org_id").doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Locks the account row by Stripe's id (account.updated); undefined when it is not one of ours. */
export async function lockStripeAccountById(db: Db, accountId: string) {
  return db.selectFrom("stripe_accounts").selectAll().where("account_id", "=", accountId).forUpdate().executeTakeFirst();
}

export async function updateStripeAccountState(db: Db, accountId: string, state: "onboarding" | "restricted" | "enabled", at: Date) {
  await db.updateTable("stripe_accounts").set({ state, updated_at: at }).where("account_id", "=", accountId).execute();
}

// --- Checkout attempts ------------------------------------------------------------------------------------------

export async function listCardAttempts(db: Db, invoiceId: string) {
  return db.selectFrom("card_payment_attempts").selectAll().where("invoice_id", "=", invoiceId).orderBy("attempt").execute();
}

export async function findCardAttempt(db: Db, invoiceId: string, attempt: number) {
  return db.selectFrom("card_payment_attempts").selectAll().where("invoice_id", "=", invoiceId).where("attempt", "=", attempt).executeTakeFirst();
}

export async function findCardAttemptByPaymentIntent(db: Db, paymentIntentId: string) {
  return db.selectFrom("card_payment_attempts").selectAll().where("payment_intent_id", "=", paymentIntentId).executeTakeFirst();
}

/** Records an attempt; null when this invoice already has that attempt number (a concurrent click won). */
export async function insertCardAttempt(
  db: Db,
  a: {
    invoiceId: string;
    attempt: number;
    sessionId: string;
    sessionUrl: string;
    expiresAt: Date;
    destination: string;
    amount: number;
    applicationFee: number;
    createdBy: string;
    at: Date;
  },
) {
  return db
    .insertInto("card_payment_attempts")
    .values({
      invoice_id: a.invoiceId,
      attempt: a.attempt,
      session_id: a.sessionId,
      session_url: a.sessionUrl,
      expires_at: a.expiresAt,
      destination_account_id: a.destination,
      amount: a.amount,
      application_fee: a.applicationFee,
      created_by: a.createdBy,
      created_at: a.at,
    })
    .onConflict((oc) => oc.columns(["invoice_id", "attempt"]).doNothing())
    .returningAll()
    .executeTakeFirst();
}

/** The payment intent a completed session names (needed to refund it); set once. */
export async function setAttemptPaymentIntent(db: Db, invoiceId: string, attempt: number, paymentIntentId: string) {
  await db
    .updateTable("card_payment_attempts")
    .set({ payment_intent_id: paymentIntentId })
    .where("invoice_id", "=", invoiceId)
    .where("attempt", "=", attempt)
    .where("payment_intent_id", "is", null)
    .execute();
}

/** The moment the attempt's payment succeeded, kept from the first event that said so. */
export async function setAttemptSucceededAt(db: Db, invoiceId: string, attempt: number, at: Date) {
  await db
    .updateTable("card_payment_attempts")
    .set({ succeeded_at: at })
    .where("invoice_id", "=", invoiceId)
    .where("attempt", "=", attempt)
    .where("succeeded_at", "is", null)
    .execute();
}

/** The latest card payments across the platform (platform admins' refund page), newest first. */
export async function listRecentCardPayments(db: Db, limit = 50) {
  return db
    .selectFrom("card_payment_attempts as a")
    .innerJoin("invoices as i", "i.id", "a.invoice_id")
    .innerJoin("organizations as b", "b.id", "i.buyer_org_id")
    .innerJoin("organizations as v", "v.id", "i.vendor_org_id")
    .select(["a.invoice_id", "a.attempt", "a.amount", "a.succeeded_at", "i.number", "i.payment_state", "b.name as buyer_name", "v.name as vendor_name"])
    .where("a.succeeded_at", "is not", null)
    .orderBy("a.succeeded_at", "desc")
    .limit(limit)
    .execute();
}

// --- Refunds ---------------------------------------------------------------------------------------------------

export async function listCardRefunds(db: Db, invoiceId: string) {
  return db.selectFrom("card_refunds").selectAll().where("invoice_id", "=", invoiceId).orderBy("created_at").execute();
}

export async function insertCardRefund(
  db: Db,
  r: { attemptId: string; invoiceId: string; sequence: number; refundId: string; amount: number; reason: string; requestedBy: string; at: Date },
) {
  return db
    .insertInto("card_refunds")
    .values({
      attempt_id: r.attemptId,
      invoice_id: r.invoiceId,
      sequence: r.sequence,
      refund_id: r.refundId,
      amount: r.amount,
      reason: r.reason,
      requested_by: r.requestedBy,
      created_at: r.at,
    })
    .onConflict((oc) => oc.column("refund_id").doNothing())
    .returningAll()
    .executeTakeFirst();
}

/**
 * Books one rise of an attempt's refunded figure (the 取引書類 of money returned; decision 0036), in the webhook's
 * transaction under the invoice's row lock. The id of the new row, or null when that figure is already booked (the
 * unique (attempt_id, refunded_total) makes a second booking of one figure impossible, whatever the caller does).
 */
export async function insertCardRefundApplied(
  db: Db,
  r: { attemptId: string; invoiceId: string; amount: number; refundedTotal: number; eventId: string; at: Date },
): Promise<string | null> {
  const row = await db
    .insertInto("card_refunds_applied")
    .values({
      attempt_id: r.attemptId,
      invoice_id: r.invoiceId,
      amount: r.amount,
      refunded_total: r.refundedTotal,
      event_id: r.eventId,
      refunded_at: r.at,
    })
    .onConflict((oc) => oc.columns(["attempt_id", "refunded_total"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  return row?.id ?? null;
}

// --- Webhook events -------------------------------------------------------------------------------------------

/**
 * Claims a webhook event id inside the caller's transaction: true when this delivery is the first, false when the id
 * is already stored (a duplicate: answer 200, change nothing). A concurrent delivery of the same id waits on the
 * primary key until the first transaction ends, then gets false (committed) or true (rolled back).
 */
export async function claimStripeEvent(db: Db, e: { eventId: string; type: string; at: Date }): Promise<boolean> {
  const r = await db
    .insertInto("stripe_events")
    .values({ event_id: e.eventId, type: e.type, outcome: "pending", received_at: e.at })
    .onConflict((oc) => oc.column("event_id").doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Whether an event id is already stored (committed): a cheap early answer for a repeat; the claim stays the guarantee. */
export async function isStripeEventStored(db: Db, eventId: string): Promise<boolean> {
  return (await db.selectFrom("stripe_events").select("event_id").where("event_id", "=", eventId).executeTakeFirst()) !== undefined;
}

export async function settleStripeEvent(db: Db, eventId: string, outcome: string, invoiceId: string | null) {
  await db.updateTable("stripe_events").set({ outcome, invoice_id: invoiceId }).where("event_id", "=", eventId).execute();
}

export async function countStripeEvents(db: Db) {
  const row = await db
    .selectFrom("stripe_events")
    .select(sql<number>`count(*)::int`.as("n"))
    .executeTakeFirstOrThrow();
  return row.n;
}

// --- People to tell ---------------------------------------------------------------------------------------------

/** The members of the invoice's two organisations, to be told when its payment status changes. */
export async function invoicePartyMembers(db: Db, buyerOrgId: string, vendorOrgId: string) {
  return db.selectFrom("memberships").select(["user_id", "org_id"]).where("org_id", "in", [buyerOrgId, vendorOrgId]).execute();
}

/**
 * In-app notices of a payment status change, written in the effect's transaction. (The app's notification kinds are
 * typed in notifications.ts for the RFQ flows; payment notices are written here with their own `invoice.*` kinds.)
 */
export async function insertPaymentNotices(db: Db, userIds: string[], kind: string, payload: Record<string, unknown>, at: Date) {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return;
  await db
    .insertInto("notifications")
    .values(unique.map((user_id) => ({ user_id, kind, payload: JSON.stringify(payload), created_at: at })))
    .execute();
}
