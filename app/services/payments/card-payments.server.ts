import { writeAudit } from "../../../db/queries/audit";
import {
  findStripeAccount,
  insertCardAttempt,
  insertCardRefund,
  insertStripeAccount,
  listCardAttempts,
  listCardRefunds,
  listRecentCardPayments,
} from "../../../db/queries/card-payments";
import { findInvoiceById, findInvoiceForOrg, lockInvoice, updatePaymentState } from "../../../db/queries/invoices";
import { refundable, RefundSchema } from "~/domain/payments/refund";
import { applyPaymentEvent, hasOpenCardSession, nextCardAttempt, paymentSummary, type PaymentState } from "~/domain/payments/state";
import { checkCardAmount, checkoutSessionParams, type CardAmountCheck } from "~/domain/payments/stripe-rules";
import { can, type Actor } from "~/domain/permissions";
import { t, type Locale } from "~/i18n";
import type { InvoiceMessageKey } from "~/i18n/messages-invoices";
import type { AppContext } from "~/utils/context.server";
import { appOrigin } from "~/utils/env.server";
import { tokyoDateString } from "~/utils/format";
import { isRowId } from "~/utils/row-id";
import { failure, orgActor, type ServiceFailure } from "~/utils/service-failure";
import { closeRefundRequestOnRefund } from "./refund-requests.server";

// Card payment of an invoice through Stripe Checkout, refunds, and Connect onboarding (issue 16 items 3 and 6;
// decision 0035). Stripe is `ctx.payments` (null: card payment off, every card surface hidden). The redirect back
// from Checkout proves nothing: an invoice becomes paid only when a verified webhook says so
// (stripe-webhooks.server.ts). The Stripe call is made OUTSIDE the database transaction (no row lock is held over
// the network); what makes a retried or doubled request safe is the idempotency key derived from the invoice and the
// attempt number, and the unique (invoice, attempt) row that records it.

/** Stripe keeps a Checkout Session open 24 hours unless told otherwise; used when the answer does not say. */
const SESSION_LIFETIME_MS = 24 * 60 * 60 * 1000;

type CardRefusal = Extract<CardAmountCheck, { ok: false }>["key"];

/** What the invoice page offers the buyer: the card button, a sentence that only bank transfer is possible, or nothing. */
export type CardOffer =
  | { kind: "hidden" }
  | { kind: "button" }
  /** An open session the buyer can go back to (the button reuses it); nothing is paid yet. */
  | { kind: "inFlight" }
  /** Money committed by an async method and settling: no button until Stripe says how it ended. */
  | { kind: "processing" }
  | { kind: "bankOnly"; reason: CardRefusal | "payments.card.vendorNotReady" };

/**
 * Whether the buyer may pay this invoice by card now, for the invoice page. Hidden without a gateway, for anyone but
 * the buyer, and on anything not payable; "bankOnly" with the reason when the amount is outside Stripe's JPY limits
 * or the vendor cannot take card payments yet.
 */
export async function cardPaymentOffer(ctx: AppContext, actor: Actor, invoiceId: string): Promise<CardOffer> {
  const a = orgActor(actor, "buyer");
  if (!ctx.payments || !a || !isRowId(invoiceId)) return { kind: "hidden" };
  const inv = await findInvoiceForOrg(ctx.db, a.org.id, invoiceId);
  if (!inv || inv.buyer_org_id !== a.org.id || inv.kind === "credit_note" || inv.cancelled_by !== null) return { kind: "hidden" };
  const state = inv.payment_state as PaymentState;
  const summary = paymentSummary(state);
  if (summary.balance <= 0 || !["issued", "partially_paid", "processing"].includes(summary.status)) return { kind: "hidden" };
  const check = checkCardAmount(summary.balance);
  if (!check.ok) return { kind: "bankOnly", reason: check.key };
  const account = await findStripeAccount(ctx.db, inv.vendor_org_id);
  if (account?.state !== "enabled") return { kind: "bankOnly", reason: "payments.card.vendorNotReady" };
  if (summary.status === "processing") return { kind: "processing" };
  return hasOpenCardSession(state) ? { kind: "inFlight" } : { kind: "button" };
}

export interface StartedCardPayment {
  ok: true;
  url: string;
  sessionId: string;
  attempt: number;
  amount: number;
  /** True when an open session of the same amount was handed back instead of opening another (a double click). */
  reused: boolean;
}

/**
 * The buyer starts paying the invoice's balance by card: a Checkout Session for a destination charge to the vendor's
 * connected account, with the platform fee. 404 for anyone but a member of the buyer organisation; 409 when card
 * payment is off, the document is not payable (cancelled, credit note, nothing due, an async payment pending), the
 * amount is outside Stripe's JPY limits (checked before any call: above ¥99,999,999 bank transfer only), the vendor's
 * account is not enabled, or Stripe refuses. An open, unexpired session for the same amount is handed back rather
 * than a second one opened. The attempt, its `checkout_session_opened` payment event and the audit row are written in
 * one transaction.
 */
export async function startCardPayment(ctx: AppContext, actor: Actor, invoiceId: string, locale: Locale): Promise<StartedCardPayment | ServiceFailure> {
  const a = orgActor(actor, "buyer");
  if (!a || !isRowId(invoiceId)) return failure.notFound();
  const inv = await findInvoiceForOrg(ctx.db, a.org.id, invoiceId);
  if (!inv || inv.buyer_org_id !== a.org.id) return failure.notFound();
  const gateway = ctx.payments;
  if (!gateway) return failure.conflict("payments.card.off");
  if (inv.kind === "credit_note" || inv.cancelled_by !== null) return failure.conflict("payments.card.notPayable");
  const now = ctx.clock.now();
  // The payment state and the attempt rows are read together under the invoice's lock: a request that finds another
  // one's attempt row then also finds its state (both are written in one transaction), so it reuses that session
  // rather than numbering a second attempt. The lock is released before Stripe is called.
  const { state, attempts } = await ctx.db.transaction().execute(async (trx) => {
    const locked = (await lockInvoice(trx, inv.id))!;
    return { state: locked.payment_state as PaymentState, attempts: await listCardAttempts(trx, inv.id) };
  });
  const summary = paymentSummary(state);
  if (summary.balance <= 0 || !["issued", "partially_paid", "processing"].includes(summary.status)) return failure.conflict("payments.card.nothingDue");

  const stageOf = (n: number) => state.card[String(n)]?.stage;
  // A double click, or the buyer coming back to the button: the open session for this very amount is still good.
  const reusable = attempts.filter((r) => stageOf(r.attempt) === "open" && new Date(r.expires_at) > now && Number(r.amount) === summary.balance).at(-1);
  if (reusable) {
    return { ok: true, url: reusable.session_url, sessionId: reusable.session_id, attempt: reusable.attempt, amount: Number(reusable.amount), reused: true };
  }
  // A bank-transfer method Stripe settles later (not offered today, card only) must finish first.
  if (Object.values(state.card).some((c) => c.stage === "awaiting_async")) return failure.conflict("payments.card.inFlight");

  const amountCheck = checkCardAmount(summary.balance);
  if (!amountCheck.ok) return failure.conflict(amountCheck.key);
  const account = await findStripeAccount(ctx.db, inv.vendor_org_id);
  if (account?.state !== "enabled") return failure.conflict("payments.card.vendorNotReady");

  const attempt = Math.max(nextCardAttempt(state), ...attempts.map((r) => r.attempt + 1));
  const plan = checkoutSessionParams({
    invoiceId: inv.id,
    invoiceNumber: inv.number,
    amount: summary.balance,
    attempt,
    destination: account.account_id,
    origin: appOrigin(ctx.env),
    locale,
    feeBasisPoints: ctx.env.PLATFORM_FEE_BASIS_POINTS,
    productName: t(locale, "payments.card.productName", { number: inv.number }),
  });
  if (!plan.ok) return failure.conflict(plan.key);

  let session: Awaited<ReturnType<typeof gateway.createCheckoutSession>>;
  try {
    session = await gateway.createCheckoutSession(plan.params, plan.idempotencyKey);
  } catch (error) {
    console.warn(`stripe: checkout session for invoice ${inv.id} attempt ${attempt} refused:`, error instanceof Error ? error.message : error);
    return failure.conflict("payments.card.unavailable");
  }
  if (!session.url) return failure.conflict("payments.card.unavailable");
  const sessionUrl = session.url;

  return ctx.db.transaction().execute(async (trx) => {
    const locked = (await lockInvoice(trx, inv.id))!;
    if (locked.cancelled_by !== null) return failure.conflict("payments.card.notPayable");
    const inserted = await insertCardAttempt(trx, {
      invoiceId: inv.id,
      attempt,
      sessionId: session.id,
      sessionUrl,
      expiresAt: session.expiresAt ?? new Date(now.getTime() + SESSION_LIFETIME_MS),
      destination: account.account_id,
      amount: summary.balance,
      applicationFee: plan.applicationFee,
      createdBy: a.userId,
      at: now,
    });
    if (!inserted) {
      // Another request opened this attempt a moment ago with the same idempotency key, so Stripe gave it the same session.
      const rows = await listCardAttempts(trx, inv.id);
      const same = rows.find((r) => r.attempt === attempt)!;
      return { ok: true as const, url: same.session_url, sessionId: same.session_id, attempt, amount: Number(same.amount), reused: true };
    }
    const before = locked.payment_state as PaymentState;
    const moved = applyPaymentEvent(before, { type: "checkout_session_opened", attempt, amount: summary.balance });
    if (moved.changed) await updatePaymentState(trx, inv.id, moved.state);
    await writeAudit(trx, {
      actorUserId: a.userId,
      actorOrgId: a.org.id,
      action: "invoice.card.start",
      entityType: "invoice",
      entityId: inv.id,
      before: { status: moved.from },
      after: {
        status: moved.to,
        attempt,
        sessionId: session.id,
        amount: summary.balance,
        applicationFee: plan.applicationFee,
        destination: account.account_id,
      },
    });
    return { ok: true as const, url: sessionUrl, sessionId: session.id, attempt, amount: summary.balance, reused: false };
  });
}

/** The card attempts of an invoice for its buyer and vendor (404 for anyone else), with their stage from the payment state. */
export async function listCardPayments(ctx: AppContext, actor: Actor, invoiceId: string) {
  if (!actor.org || !isRowId(invoiceId)) return failure.notFound();
  const inv = await findInvoiceForOrg(ctx.db, actor.org.id, invoiceId);
  if (!inv) return failure.notFound();
  const state = inv.payment_state as PaymentState;
  const [attempts, refunds] = await Promise.all([listCardAttempts(ctx.db, inv.id), listCardRefunds(ctx.db, inv.id)]);
  return {
    ok: true as const,
    status: paymentSummary(state).status,
    sessions: attempts.map((r) => {
      const fact = state.card[String(r.attempt)];
      return {
        attempt: r.attempt,
        sessionId: r.session_id,
        // The buyer goes back to an open session; nobody else needs its address.
        url: inv.buyer_org_id === actor.org!.id && fact?.stage === "open" ? r.session_url : null,
        stage: fact?.stage ?? "open",
        amount: Number(r.amount),
        applicationFee: Number(r.application_fee),
        refunded: fact?.refunded ?? 0,
        /** The day Stripe took the money (Tokyo), or null. */
        paidOn: r.succeeded_at ? tokyoDateString(new Date(r.succeeded_at)) : null,
        expiresAt: new Date(r.expires_at).toISOString(),
        createdAt: new Date(r.created_at).toISOString(),
      };
    }),
    refunds: refunds.map((r) => ({
      attempt: attempts.find((x) => x.id === r.attempt_id)?.attempt ?? null,
      refundId: r.refund_id,
      amount: Number(r.amount),
      reason: r.reason,
      requestedAt: new Date(r.created_at).toISOString(),
    })),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Refunds (platform admin)

const fieldIssue = (path: string, message: InvoiceMessageKey) => ({ code: "custom" as const, path: [path], message, input: undefined });

/**
 * A platform admin refunds a card payment of an invoice, in full (amount blank) or in part, with a reason. Stripe
 * refunds the charge, reverses the transfer to the vendor's account and the platform fee. The invoice's state does
 * NOT move here: it moves when `charge.refunded` arrives (the webhook is the one source of payment facts). The
 * request (Stripe's refund id, amount, reason, who) is kept and audited. 404 for anyone but a platform admin;
 * 409 when no card payment of the invoice has money left to refund; 400 at `amount` when it is more than is left.
 */
export async function refundCardPayment(
  ctx: AppContext,
  actor: Actor,
  invoiceId: string,
  input: unknown,
): Promise<{ ok: true; refundId: string; amount: number; attempt: number } | ServiceFailure> {
  if (!actor.isPlatformAdmin || !isRowId(invoiceId)) return failure.notFound();
  const inv = await findInvoiceById(ctx.db, invoiceId);
  if (!inv) return failure.notFound();
  const gateway = ctx.payments;
  if (!gateway) return failure.conflict("payments.card.off");
  const parsed = RefundSchema.safeParse(input ?? {});
  if (!parsed.success) return failure.invalid({ issues: parsed.error.issues });
  const state = inv.payment_state as PaymentState;
  const [attempts, refunds] = await Promise.all([listCardAttempts(ctx.db, inv.id), listCardRefunds(ctx.db, inv.id)]);
  // The newest card payment with money left on it (an invoice normally has one).
  const candidates = attempts
    .filter((r) => state.card[String(r.attempt)]?.stage === "succeeded" && r.payment_intent_id)
    .map((r) => {
      const requested = refunds.filter((x) => x.attempt_id === r.id).reduce((sum, x) => sum + Number(x.amount), 0);
      const fact = state.card[String(r.attempt)]!;
      return { row: r, left: refundable(fact.amount, fact.refunded, requested), count: refunds.filter((x) => x.attempt_id === r.id).length };
    })
    .filter((c) => c.left > 0);
  const target = candidates.at(-1);
  if (!target) return failure.conflict("payments.refund.nothingToRefund");
  const amount = parsed.data.amount ?? target.left;
  if (amount > target.left) return failure.invalid({ issues: [fieldIssue("amount", "payments.refund.amount.tooMuch") as never] });

  const sequence = target.count + 1;
  // The same invoice, attempt and refund number always give the same key: a retried click cannot refund twice.
  const idempotencyKey = `kurabe-invoice-${inv.id}-checkout-${target.row.attempt}-refund-${sequence}`;
  let refund: { id: string; status: string | null };
  try {
    refund = await gateway.refund({ paymentIntentId: target.row.payment_intent_id!, amount, invoiceId: inv.id }, idempotencyKey);
  } catch (error) {
    console.warn(`stripe: refund for invoice ${inv.id} refused:`, error instanceof Error ? error.message : error);
    return failure.conflict("payments.refund.unavailable");
  }
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    await lockInvoice(trx, inv.id);
    const stored = await insertCardRefund(trx, {
      attemptId: target.row.id,
      invoiceId: inv.id,
      sequence,
      refundId: refund.id,
      amount,
      reason: parsed.data.reason,
      requestedBy: actor.userId,
      at: now,
    });
    if (stored) {
      await writeAudit(trx, {
        actorUserId: actor.userId,
        actorOrgId: actor.org?.id ?? null,
        action: "invoice.card.refund",
        entityType: "invoice",
        entityId: inv.id,
        before: { status: paymentSummary(state).status, refundable: target.left },
        after: { refundId: refund.id, stripeStatus: refund.status, attempt: target.row.attempt, amount, reason: parsed.data.reason },
      });
      // The buyer's open refund request, if any, is answered by this refund (decision 0035).
      await closeRefundRequestOnRefund(trx, {
        invoiceId: inv.id,
        adminId: actor.userId,
        adminOrgId: actor.org?.id ?? null,
        refundId: refund.id,
        amount,
        at: now,
      });
    }
    return { ok: true as const, refundId: refund.id, amount, attempt: target.row.attempt };
  });
}

/** Recent card payments for the platform admin's refund page (404 for anyone else): who paid whom, how much, refunded. */
export async function recentCardPayments(ctx: AppContext, actor: Actor) {
  if (!actor.isPlatformAdmin) return failure.notFound();
  const rows = await listRecentCardPayments(ctx.db);
  return {
    ok: true as const,
    payments: rows.map((r) => {
      const fact = (r.payment_state as PaymentState).card[String(r.attempt)];
      return {
        invoiceId: r.invoice_id,
        number: r.number,
        buyer: r.buyer_name,
        vendor: r.vendor_name,
        amount: Number(r.amount),
        refunded: fact?.refunded ?? 0,
        paidOn: tokyoDateString(new Date(r.succeeded_at!)),
      };
    }),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Connect onboarding (vendor payouts)

/** The vendor's payout setup for /settings/payouts: whether card payment is on, its account's state, who may change it. */
export async function payoutSettings(ctx: AppContext, actor: Actor) {
  const a = orgActor(actor, "vendor");
  if (!a || !can(a, "invoiceSettings:read", { type: "organization", id: a.org.id })) return failure.notFound();
  const account = await findStripeAccount(ctx.db, a.org.id);
  return {
    ok: true as const,
    gatewayOn: ctx.payments !== null,
    manage: can(a, "invoiceSettings:manage", { type: "organization", id: a.org.id }),
    account: account ? { accountId: account.account_id, state: account.state, updatedAt: new Date(account.updated_at).toISOString() } : null,
    feePercent: ctx.env.PLATFORM_FEE_BASIS_POINTS / 100,
  };
}

/**
 * An owner of a vendor organisation sets up payouts: the Connect Express account is created once (idempotency key from
 * the organisation id; the row is unique per vendor), then a fresh Account Link is made each time (they expire within
 * minutes), returning to /settings/payouts. 404 for non-vendors, 403 for members who are not owners, 409 when card
 * payment is off or Stripe refuses. The account's state is kept by `account.updated` webhooks.
 */
export async function startStripeOnboarding(ctx: AppContext, actor: Actor): Promise<{ ok: true; url: string; accountId: string } | ServiceFailure> {
  const a = orgActor(actor, "vendor");
  if (!a) return failure.notFound();
  if (!can(a, "invoiceSettings:manage", { type: "organization", id: a.org.id })) return failure.forbidden();
  const gateway = ctx.payments;
  if (!gateway) return failure.conflict("payments.card.off");
  const origin = appOrigin(ctx.env);
  try {
    let account = await findStripeAccount(ctx.db, a.org.id);
    if (!account) {
      const created = await gateway.createConnectedAccount({ vendorOrgId: a.org.id }, `kurabe-connect-${a.org.id}`);
      const now = ctx.clock.now();
      await ctx.db.transaction().execute(async (trx) => {
        if (await insertStripeAccount(trx, { vendorOrgId: a.org.id, accountId: created.id, at: now })) {
          await writeAudit(trx, {
            actorUserId: a.userId,
            actorOrgId: a.org.id,
            action: "payouts.connect",
            entityType: "organization",
            entityId: a.org.id,
            after: { accountId: created.id, state: "onboarding" },
          });
        }
      });
      account = (await findStripeAccount(ctx.db, a.org.id))!;
    }
    const link = await gateway.createOnboardingLink(account.account_id, {
      refreshUrl: `${origin}/settings/payouts?link=expired`,
      returnUrl: `${origin}/settings/payouts?link=returned`,
    });
    return { ok: true, url: link.url, accountId: account.account_id };
  } catch (error) {
    console.warn(`stripe: onboarding for vendor ${a.org.id} refused:`, error instanceof Error ? error.message : error);
    return failure.conflict("payouts.unavailable");
  }
}
