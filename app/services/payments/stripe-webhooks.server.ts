import type { Kysely } from "kysely";
import { writeAudit } from "../../../db/queries/audit";
import { enqueueOutbox } from "../../../db/queries/outbox";
import {
  claimStripeEvent,
  findCardAttempt,
  findCardAttemptByPaymentIntent,
  insertCardRefundApplied,
  isStripeEventStored,
  insertPaymentNotices,
  invoicePartyMembers,
  lockStripeAccountById,
  setAttemptPaymentIntent,
  setAttemptSucceededAt,
  settleStripeEvent,
  updateStripeAccountState,
} from "../../../db/queries/card-payments";
import { lockInvoice, updatePaymentState } from "../../../db/queries/invoices";
import type { Database } from "../../../db/schema";
import { applyPaymentEvent, type PaymentState, type PaymentStatus } from "~/domain/payments/state";
import { stripeEffect, type StripeEffect, type StripeEventLike } from "~/domain/payments/stripe-rules";
import type { AppContext } from "~/utils/context.server";

// Stripe webhooks applied exactly once (issue 16 item 4; decision 0035). The signature is checked on the raw body
// with the SDK (300 s tolerance) before anything is read or written. Then ONE transaction: the event id is inserted
// into stripe_events (primary key, ON CONFLICT DO NOTHING — a repeated or concurrent delivery finds it there and is
// answered 200 without an effect), the effect is applied under the invoice's row lock through the order-proof payment
// state (app/domain/payments/state.ts), and its audit row, notices and outbox rows (the 取引書類 of a card payment or
// refund, decision 0036, for the search index) are written. If anything fails the whole
// transaction rolls back, the event id is NOT kept, and the answer is 500 so Stripe delivers it again.

export type WebhookAnswer = { status: 200 | 400 | 404 | 500; outcome: string };

/** Types whose object may lack our metadata but names a payment intent we know (the charge of a refund, a failed intent). */
function paymentIntentOf(event: StripeEventLike & { data: { object: { payment_intent?: unknown; object?: unknown } } }): string | null {
  const o = event.data.object;
  if (event.type === "payment_intent.payment_failed") return typeof o.id === "string" ? o.id : null;
  if (event.type === "charge.refunded") return typeof o.payment_intent === "string" ? o.payment_intent : null;
  return null;
}

/** Verifies, stores once and applies one delivery. Never throws: the answer says what the route sends. */
export async function handleStripeWebhook(ctx: AppContext, rawBody: string, signature: string | null): Promise<WebhookAnswer> {
  const gateway = ctx.payments;
  if (!gateway) return { status: 404, outcome: "off" };
  let event: StripeEventLike & { data: { object: Record<string, unknown> } };
  try {
    event = gateway.verifyWebhook(rawBody, signature) as unknown as typeof event;
  } catch {
    return { status: 400, outcome: "badSignature" };
  }
  // Signed with our secret yet not an event (no id, type or object): nothing to store, and a retry would not help.
  if (
    typeof event?.id !== "string" ||
    event.id === "" ||
    typeof event.type !== "string" ||
    typeof event.data?.object !== "object" ||
    event.data.object === null
  ) {
    return { status: 400, outcome: "malformed" };
  }
  try {
    // A repeat of an event already applied is answered without opening a transaction. Not what exactly-once rests
    // on: a concurrent repeat passes this check and then waits on the claim's primary key inside the transaction.
    if (await isStripeEventStored(ctx.db, event.id)) return { status: 200, outcome: "duplicate" };
    const outcome = await ctx.db.transaction().execute((trx) => applyEvent(trx, ctx, event));
    return { status: 200, outcome };
  } catch (error) {
    console.error(`stripe webhook ${event.id} (${event.type}) failed; Stripe will retry:`, error);
    return { status: 500, outcome: "failed" };
  }
}

async function applyEvent(trx: Kysely<Database>, ctx: AppContext, event: StripeEventLike & { data: { object: Record<string, unknown> } }): Promise<string> {
  const now = ctx.clock.now();
  if (!(await claimStripeEvent(trx, { eventId: event.id, type: event.type, at: now }))) return "duplicate";

  let effect: StripeEffect = stripeEffect(event);
  if (effect.kind === "ignored" && effect.reason === "notOurs") {
    // A charge (or a failed intent) may not carry the session's metadata; the payment intent we recorded names it.
    const intent = paymentIntentOf(event);
    const known = intent ? await findCardAttemptByPaymentIntent(trx, intent) : undefined;
    if (known) {
      const metadata = { invoiceId: known.invoice_id, attempt: String(known.attempt) };
      effect = stripeEffect({ ...event, data: { object: { ...event.data.object, metadata } } });
    }
  }

  if (effect.kind === "ignored") {
    await settleStripeEvent(trx, event.id, `ignored:${effect.reason}`, null);
    return `ignored:${effect.reason}`;
  }

  if (effect.kind === "account") {
    const account = await lockStripeAccountById(trx, effect.accountId);
    if (!account) {
      await settleStripeEvent(trx, event.id, "ignored:notOurs", null);
      return "ignored:notOurs";
    }
    if (account.state !== effect.state) {
      await updateStripeAccountState(trx, effect.accountId, effect.state, now);
      await writeAudit(trx, {
        actorUserId: null,
        actorOrgId: null,
        action: "payouts.account.updated",
        entityType: "organization",
        entityId: account.vendor_org_id,
        before: { state: account.state },
        after: { state: effect.state, accountId: effect.accountId, eventId: event.id },
      });
    }
    await settleStripeEvent(trx, event.id, account.state === effect.state ? "unchanged" : "account", null);
    return account.state === effect.state ? "unchanged" : "account";
  }

  const inv = await lockInvoice(trx, effect.invoiceId);
  if (!inv) {
    await settleStripeEvent(trx, event.id, "ignored:notOurs", null);
    return "ignored:notOurs";
  }
  const before = inv.payment_state as PaymentState;
  const moved = applyPaymentEvent(before, effect.event);
  if (moved.changed) await updatePaymentState(trx, inv.id, moved.state);
  const intent = event.type.startsWith("checkout.session.") ? event.data.object.payment_intent : null;
  if ("attempt" in effect.event && typeof intent === "string") await setAttemptPaymentIntent(trx, inv.id, effect.event.attempt, intent);
  // Stripe's `created` is when the event happened; a late delivery still books the day the money moved.
  const created = (event as { created?: unknown }).created;
  const happened = typeof created === "number" ? new Date(created * 1000) : now;
  if ("attempt" in effect.event && moved.state.card[String(effect.event.attempt)]?.stage === "succeeded") {
    await setAttemptSucceededAt(trx, inv.id, effect.event.attempt, happened);
  }
  if ("attempt" in effect.event) await bookCardRecords(trx, inv.id, effect.event.attempt, before, moved.state, event.id, happened);
  await writeAudit(trx, {
    actorUserId: null,
    actorOrgId: null,
    action: "invoice.card.event",
    entityType: "invoice",
    entityId: inv.id,
    before: { status: moved.from },
    after: { status: moved.to, eventId: event.id, type: event.type, paymentEvent: effect.event, changed: moved.changed },
  });
  if (moved.from !== moved.to && NOTIFIED.includes(moved.to)) {
    const members = await invoicePartyMembers(trx, inv.buyer_org_id, inv.vendor_org_id);
    await insertPaymentNotices(
      trx,
      members.map((m) => m.user_id),
      `invoice.payment.${moved.to}`,
      { rfqId: inv.rfq_id, title: inv.number, invoiceId: inv.id },
      now,
    );
  }
  const outcome = moved.changed ? "applied" : "unchanged";
  await settleStripeEvent(trx, event.id, outcome, inv.id);
  return outcome;
}

/**
 * The 取引書類 (decision 0036) this effect creates, with their outbox rows, in the effect's transaction: the card
 * receipt when the attempt BECOMES succeeded, and a card refund record when its refunded figure RISES (booking the
 * step). Both compare the state before and after this event under the invoice's row lock, and the state's facts only
 * grow, so each happens once per attempt / per figure however often, late or concurrently Stripe delivers: a duplicate
 * event is stopped by the event claim, a distinct event repeating a fact finds no change here.
 */
async function bookCardRecords(
  trx: Kysely<Database>,
  invoiceId: string,
  attemptNumber: number,
  before: PaymentState,
  after: PaymentState,
  eventId: string,
  at: Date,
): Promise<void> {
  const was = before.card[String(attemptNumber)];
  const is = after.card[String(attemptNumber)];
  if (!is) return;
  const becameSucceeded = is.stage === "succeeded" && was?.stage !== "succeeded";
  const refundStep = is.refunded - (was?.refunded ?? 0);
  if (!becameSucceeded && refundStep <= 0) return;
  // Every attempt Kurabe opened has its row; an attempt number it never opened is no record of ours.
  const attempt = await findCardAttempt(trx, invoiceId, attemptNumber);
  if (!attempt) return;
  if (becameSucceeded) await enqueueOutbox(trx, "transaction_record", `receipt:${attempt.id}`);
  if (refundStep > 0) {
    const refundId = await insertCardRefundApplied(trx, { attemptId: attempt.id, invoiceId, amount: refundStep, refundedTotal: is.refunded, eventId, at });
    if (refundId) await enqueueOutbox(trx, "transaction_record", `receipt:${refundId}`);
  }
}

/** The status changes both sides' accounting wants to hear about (a session merely opened or expired is not one). */
const NOTIFIED: PaymentStatus[] = ["paid", "partially_paid", "partially_refunded", "refunded"];
