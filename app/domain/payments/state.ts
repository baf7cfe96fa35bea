import type { CalendarDate } from "~/domain/calendar/japan-business-days";
import type { InvoiceMessageKey } from "~/i18n/messages-invoices";

/**
 * An invoice's payment state (issue 16 items 2–4) as a pure fold over payment events: bank receipts recorded by the
 * buyer, the card payment's Stripe webhooks, and the correction that cancels the invoice.
 *
 * Why it is order-proof: the state holds FACTS that only grow — receipts by id, and per card attempt a stage that
 * only moves up (open < expired < awaiting_async < failed < succeeded) and a refunded amount that is Stripe's
 * cumulative `amount_refunded` (so the larger figure wins). The status is DERIVED from the facts, never stored and
 * moved. Hence every Stripe event is idempotent, any two of them commute, and a late or reordered event can never
 * move the invoice backwards: `checkout.session.completed` after `charge.refunded` leaves it refunded (a refund
 * proves the charge succeeded), a failure after a success is ignored. Webhook de-duplication by event id (in the
 * database) comes on top of this, it is not what correctness rests on.
 *
 * Money is integer yen. Card attempts are keyed by the attempt number the Checkout Session's metadata carries
 * (stripe-rules.ts), so every Stripe event of one attempt finds the same entry.
 */

export type PaymentStatus = "issued" | "processing" | "partially_paid" | "paid" | "partially_refunded" | "refunded" | "cancelled";
/** What a page shows: the status, or "overdue" when money is still due after the due date. */
export type DisplayStatus = PaymentStatus | "overdue";

export const PAYMENT_STATUSES: readonly PaymentStatus[] = ["issued", "processing", "partially_paid", "paid", "partially_refunded", "refunded", "cancelled"];

/** A card attempt's furthest stage. `failed` is the async failure (final for that session); `succeeded` is money taken. */
export type CardStage = "open" | "expired" | "awaiting_async" | "failed" | "succeeded";
const STAGE_RANK: Record<CardStage, number> = { open: 0, expired: 1, awaiting_async: 2, failed: 3, succeeded: 4 };

export interface CardAttempt {
  stage: CardStage;
  /** The session's amount (yen); 0 until an event has said it. */
  amount: number;
  /** Cumulative amount refunded on the attempt's charge (Stripe's `amount_refunded`). */
  refunded: number;
}

export interface PaymentState {
  /** The invoice total, tax included (integer yen, > 0). */
  total: number;
  /** Bank receipts by receipt id (the row id of the recorded receipt). */
  receipts: Record<string, number>;
  /** Card attempts by attempt number. */
  card: Record<string, CardAttempt>;
  /** The number of the correction (修正インボイス) that cancelled this invoice, or null. */
  cancelledBy: string | null;
}

export type PaymentEvent =
  /** The buyer (or an admin) records money received by bank transfer. */
  | { type: "bank_receipt"; receiptId: string; amount: number }
  /** Kurabe created a Checkout Session for this attempt. */
  | { type: "checkout_session_opened"; attempt: number; amount: number }
  /** `checkout.session.expired`: the buyer never paid; the invoice is payable again. */
  | { type: "checkout_session_expired"; attempt: number }
  /** `checkout.session.completed`: payment_status "paid" (card) or "unpaid" (an async method, settled later). */
  | { type: "checkout_completed"; attempt: number; amount: number; paymentStatus: "paid" | "unpaid" }
  /** `checkout.session.async_payment_succeeded`. */
  | { type: "async_payment_succeeded"; attempt: number; amount: number }
  /** `checkout.session.async_payment_failed`: final for that session. */
  | { type: "async_payment_failed"; attempt: number }
  /** `payment_intent.payment_failed`: one try failed; Checkout lets the buyer try again in the same session. */
  | { type: "payment_intent_failed"; attempt: number }
  /** `charge.refunded`: `chargeAmount` = charge.amount, `amountRefunded` = charge.amount_refunded (cumulative). */
  | { type: "charge_refunded"; attempt: number; chargeAmount: number; amountRefunded: number }
  /** A 修正インボイス was issued for this invoice. */
  | { type: "correction_issued"; correctionNumber: string };

export type PaymentEventType = PaymentEvent["type"];

export interface PaymentTransition {
  state: PaymentState;
  /** False when the event added no fact (a duplicate, a late failure, a stage already passed). */
  changed: boolean;
  from: PaymentStatus;
  to: PaymentStatus;
}

export interface PaymentSummary {
  status: PaymentStatus;
  total: number;
  /** Bank receipts plus succeeded card payments. */
  received: number;
  refunded: number;
  /** received − refunded. */
  net: number;
  /** Still to pay: 0 once paid, refunded (a refund settles with a 返還インボイス) or cancelled. */
  balance: number;
  /** Overpaid money to set against the vendor's next invoice to the same buyer (all of it once cancelled by a correction). */
  credit: number;
}

export function initialPaymentState(total: number): PaymentState {
  assertYen(total, "total", 1);
  return { total, receipts: {}, card: {}, cancelledBy: null };
}

function assertYen(amount: number, what: string, min: number): void {
  if (!Number.isSafeInteger(amount) || amount < min) throw new RangeError(`${what} must be integer yen ≥ ${min}: ${amount}`);
}

function assertAttempt(attempt: number): string {
  if (!Number.isSafeInteger(attempt) || attempt < 1) throw new RangeError(`attempt must be a positive integer: ${attempt}`);
  return String(attempt);
}

/** The attempt with its stage raised to at least `stage` and its figures raised to at least the given ones. */
function raise(state: PaymentState, attempt: number, stage: CardStage, amount = 0, refunded = 0): PaymentState {
  const key = assertAttempt(attempt);
  const current: CardAttempt = state.card[key] ?? { stage: "open", amount: 0, refunded: 0 };
  const next: CardAttempt = {
    stage: STAGE_RANK[stage] > STAGE_RANK[current.stage] ? stage : current.stage,
    amount: Math.max(current.amount, amount),
    refunded: Math.max(current.refunded, refunded),
  };
  if (state.card[key] && next.stage === current.stage && next.amount === current.amount && next.refunded === current.refunded) return state;
  return { ...state, card: { ...state.card, [key]: next } };
}

function addFacts(state: PaymentState, event: PaymentEvent): PaymentState {
  switch (event.type) {
    case "bank_receipt":
      assertYen(event.amount, "receipt amount", 1);
      if (event.receiptId === "" || event.receiptId in state.receipts) return state;
      return { ...state, receipts: { ...state.receipts, [event.receiptId]: event.amount } };
    case "checkout_session_opened":
      assertYen(event.amount, "session amount", 1);
      return raise(state, event.attempt, "open", event.amount);
    case "checkout_session_expired":
      return raise(state, event.attempt, "expired");
    case "checkout_completed":
      assertYen(event.amount, "session amount", 1);
      return raise(state, event.attempt, event.paymentStatus === "paid" ? "succeeded" : "awaiting_async", event.amount);
    case "async_payment_succeeded":
      assertYen(event.amount, "session amount", 1);
      return raise(state, event.attempt, "succeeded", event.amount);
    case "async_payment_failed":
      return raise(state, event.attempt, "failed");
    case "payment_intent_failed":
      // The session stays open for another card; no fact changes (the service audits the failure).
      return raise(state, event.attempt, "open");
    case "charge_refunded":
      assertYen(event.chargeAmount, "charge amount", 1);
      assertYen(event.amountRefunded, "amount refunded", 0);
      if (event.amountRefunded > event.chargeAmount) throw new RangeError("refunded more than the charge");
      // A refund proves the charge succeeded, even when its completion event has not arrived yet.
      return raise(state, event.attempt, "succeeded", event.chargeAmount, event.amountRefunded);
    case "correction_issued":
      if (state.cancelledBy !== null || event.correctionNumber === "") return state;
      return { ...state, cancelledBy: event.correctionNumber };
    default: {
      const unknown: never = event;
      throw new RangeError(`unknown payment event ${(unknown as { type: string }).type}`);
    }
  }
}

/** The invoice's figures and status, derived from the facts. */
export function paymentSummary(state: PaymentState): PaymentSummary {
  const attempts = Object.values(state.card);
  const bank = Object.values(state.receipts).reduce((sum, amount) => sum + amount, 0);
  const card = attempts.filter((a) => a.stage === "succeeded").reduce((sum, a) => sum + a.amount, 0);
  const received = bank + card;
  const refunded = attempts.reduce((sum, a) => sum + a.refunded, 0);
  const net = received - refunded;
  // Processing means money is committed and settling (an async method). An open Checkout Session is not: nothing is
  // paid until Stripe says so, and the buyer may have left Stripe's page — the invoice stays unpaid (and can go
  // overdue), while the page offers to continue that session (hasOpenCardSession).
  const inFlight = attempts.some((a) => a.stage === "awaiting_async");

  let status: PaymentStatus;
  if (state.cancelledBy !== null) status = "cancelled";
  else if (refunded > 0) status = net <= 0 ? "refunded" : "partially_refunded";
  else if (net >= state.total) status = "paid";
  else if (inFlight) status = "processing";
  else if (net > 0) status = "partially_paid";
  else status = "issued";

  const settled = status === "cancelled" || status === "refunded" || status === "partially_refunded";
  return {
    status,
    total: state.total,
    received,
    refunded,
    net,
    balance: settled ? 0 : Math.max(0, state.total - net),
    credit: status === "cancelled" ? Math.max(0, net) : Math.max(0, net - state.total),
  };
}

/** Applies one event. Never throws for a late, duplicate or reordered event; throws RangeError for malformed money. */
export function applyPaymentEvent(state: PaymentState, event: PaymentEvent): PaymentTransition {
  const from = paymentSummary(state).status;
  const next = addFacts(state, event);
  return { state: next, changed: next !== state, from, to: paymentSummary(next).status };
}

/** Money is still due after the due date (a calendar date; overdue from the next day). A card payment in flight is not overdue. */
export function isOverdue(summary: PaymentSummary, dueDate: CalendarDate, today: CalendarDate): boolean {
  return (summary.status === "issued" || summary.status === "partially_paid") && summary.balance > 0 && today > dueDate;
}

export function displayStatus(state: PaymentState, dueDate: CalendarDate, today: CalendarDate): DisplayStatus {
  const summary = paymentSummary(state);
  return isOverdue(summary, dueDate, today) ? "overdue" : summary.status;
}

export const STATUS_MESSAGE: Record<DisplayStatus, InvoiceMessageKey> = {
  issued: "payments.status.issued",
  processing: "payments.status.processing",
  partially_paid: "payments.status.partially_paid",
  paid: "payments.status.paid",
  partially_refunded: "payments.status.partially_refunded",
  refunded: "payments.status.refunded",
  cancelled: "payments.status.cancelled",
  overdue: "payments.status.overdue",
};

/** Whether a Checkout Session is open (opened, neither paid, expired nor failed): the buyer can go back to it. */
export function hasOpenCardSession(state: PaymentState): boolean {
  return Object.values(state.card).some((a) => a.stage === "open");
}

/** The next attempt number: one more than any attempt seen. */
export function nextCardAttempt(state: PaymentState): number {
  return Object.keys(state.card).reduce((max, key) => Math.max(max, Number(key)), 0) + 1;
}
