import type { Locale } from "~/i18n";
import type { InvoiceMessageKey } from "~/i18n/messages-invoices";
import { isRowId } from "~/utils/row-id";
import type { PaymentEvent } from "./state";

/**
 * Stripe's rules for a card payment of an invoice (issue 16 item 3), pure: the JPY limits checked before any call,
 * the platform fee, the idempotency key, the Checkout Session parameters for a destination charge, reading back
 * the metadata and mapping webhook events onto payment events (state.ts), and a connected account's state.
 *
 * JPY is a zero-decimal currency: ¥12,000 is `unit_amount: 12000`, never × 100.
 */

export const STRIPE_CURRENCY = "jpy";
/** Stripe's minimum charge in JPY. */
export const STRIPE_JPY_MIN = 50;
/** Stripe's maximum charge in JPY (8 digits); above it, bank transfer only. */
export const STRIPE_JPY_MAX = 99_999_999;
/** The platform fee's default: 300 basis points = 3 %. */
export const DEFAULT_PLATFORM_FEE_BASIS_POINTS = 300;

export type CardAmountCheck =
  { ok: true } | { ok: false; key: Extract<InvoiceMessageKey, "payments.card.amountInvalid" | "payments.card.belowMinimum" | "payments.card.aboveMaximum"> };

/** Whether Stripe can take this amount by card; the refusal says why (above ¥99,999,999: bank transfer only). */
export function checkCardAmount(amount: number): CardAmountCheck {
  if (!Number.isSafeInteger(amount) || amount <= 0) return { ok: false, key: "payments.card.amountInvalid" };
  if (amount < STRIPE_JPY_MIN) return { ok: false, key: "payments.card.belowMinimum" };
  if (amount > STRIPE_JPY_MAX) return { ok: false, key: "payments.card.aboveMaximum" };
  return { ok: true };
}

/**
 * The platform's fee on a card payment, integer yen: amount × basisPoints / 10,000 rounded DOWN (切り捨て, the
 * fraction of a yen goes to the vendor). Exact in integers. 300 bp of ¥12,345 = ¥370 (370.35).
 */
export function platformFee(amount: number, basisPoints: number = DEFAULT_PLATFORM_FEE_BASIS_POINTS): number {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError(`amount must be integer yen: ${amount}`);
  if (!Number.isInteger(basisPoints) || basisPoints < 0 || basisPoints > 10_000) throw new RangeError(`basis points must be 0–10000: ${basisPoints}`);
  const product = amount * basisPoints;
  if (!Number.isSafeInteger(product)) throw new RangeError(`amount too large: ${amount}`);
  return (product - (product % 10_000)) / 10_000;
}

/**
 * The Idempotency-Key for creating attempt `attempt`'s Checkout Session: the same invoice and attempt always give the
 * same key, so a retried request (timeout, double click) cannot open a second session; a new attempt gets a new one.
 */
export function checkoutIdempotencyKey(invoiceId: string, attempt: number): string {
  if (!isRowId(invoiceId)) throw new RangeError(`invoice id must be a row id: ${invoiceId}`);
  if (!Number.isSafeInteger(attempt) || attempt < 1) throw new RangeError(`attempt must be a positive integer: ${attempt}`);
  return `kurabe-invoice-${invoiceId.toLowerCase()}-checkout-${attempt}`;
}

/**
 * The part of the `stripe` SDK's `Stripe.Checkout.SessionCreateParams` this builder fills, same names and shapes.
 * (The `stripe` package is not yet a dependency of this branch; when the service adds it, write
 * `checkoutSessionParams(...).params satisfies Stripe.Checkout.SessionCreateParams` at the call site.)
 */
export interface CheckoutSessionCreateParams {
  mode: "payment";
  currency: "jpy";
  locale: "ja" | "en";
  payment_method_types: ["card"];
  client_reference_id: string;
  customer_email?: string;
  line_items: {
    quantity: 1;
    price_data: { currency: "jpy"; unit_amount: number; product_data: { name: string } };
  }[];
  payment_intent_data: {
    application_fee_amount: number;
    transfer_data: { destination: string };
    description: string;
    metadata: PaymentMetadata;
  };
  metadata: PaymentMetadata;
  success_url: string;
  cancel_url: string;
}

/** Stripe metadata values are strings. Set on the session AND its payment intent, so every event can find the invoice. */
export type PaymentMetadata = { invoiceId: string; attempt: string };

export interface CheckoutSessionInput {
  invoiceId: string;
  invoiceNumber: string;
  /** The amount to pay now: the invoice's balance (integer yen). */
  amount: number;
  attempt: number;
  /** The vendor's connected account (`acct_…`): a destination charge. */
  destination: string;
  /** Where the buyer returns, e.g. "https://kurabe.example.jp" (only its origin is used). */
  origin: string;
  locale: Locale;
  feeBasisPoints?: number;
  customerEmail?: string | null;
  /** The product line's text, already in the buyer's language (t("payments.card.productName", { number })). */
  productName: string;
}

export type CheckoutSessionPlan =
  { ok: true; params: CheckoutSessionCreateParams; idempotencyKey: string; applicationFee: number } | Extract<CardAmountCheck, { ok: false }>;

/** The pages the buyer returns to. The success page says "processing" until the webhook confirms: the redirect proves nothing. */
export function checkoutReturnUrls(origin: string, invoiceId: string): { success_url: string; cancel_url: string } {
  const url = new URL(origin);
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new RangeError(`origin must be http(s): ${origin}`);
  const base = `${url.origin}/invoices/${encodeURIComponent(invoiceId)}/payment`;
  return { success_url: `${base}?result=success&session_id={CHECKOUT_SESSION_ID}`, cancel_url: `${base}?result=cancelled` };
}

/**
 * Everything `stripe.checkout.sessions.create(params, { idempotencyKey })` needs for a destination charge: one line
 * with the amount as `unit_amount` (zero-decimal JPY), `payment_intent_data.application_fee_amount` = the platform
 * fee, `payment_intent_data.transfer_data.destination` = the vendor's account, metadata { invoiceId, attempt }.
 * Refuses (with the message key) an amount outside Stripe's JPY limits before any call is made.
 */
export function checkoutSessionParams(input: CheckoutSessionInput): CheckoutSessionPlan {
  const check = checkCardAmount(input.amount);
  if (!check.ok) return check;
  if (!/^acct_[A-Za-z0-9]+$/.test(input.destination)) throw new RangeError(`not a connected account id: ${input.destination}`);
  const idempotencyKey = checkoutIdempotencyKey(input.invoiceId, input.attempt);
  const applicationFee = platformFee(input.amount, input.feeBasisPoints ?? DEFAULT_PLATFORM_FEE_BASIS_POINTS);
  const metadata: PaymentMetadata = { invoiceId: input.invoiceId, attempt: String(input.attempt) };
  const params: CheckoutSessionCreateParams = {
    mode: "payment",
    currency: STRIPE_CURRENCY,
    locale: input.locale,
    payment_method_types: ["card"],
    client_reference_id: input.invoiceId,
    ...(input.customerEmail ? { customer_email: input.customerEmail } : {}),
    line_items: [{ quantity: 1, price_data: { currency: STRIPE_CURRENCY, unit_amount: input.amount, product_data: { name: input.productName } } }],
    payment_intent_data: {
      application_fee_amount: applicationFee,
      transfer_data: { destination: input.destination },
      description: input.productName,
      metadata: { ...metadata },
    },
    metadata,
    ...checkoutReturnUrls(input.origin, input.invoiceId),
  };
  return { ok: true, params, idempotencyKey, applicationFee };
}

/** The invoice and attempt a Stripe object's metadata names, or null when it is not one of ours. */
export function readPaymentMetadata(metadata: Record<string, string> | null | undefined): { invoiceId: string; attempt: number } | null {
  const invoiceId = metadata?.invoiceId;
  const attempt = Number(metadata?.attempt);
  if (!invoiceId || !isRowId(invoiceId) || !/^\d+$/.test(metadata?.attempt ?? "") || !Number.isSafeInteger(attempt) || attempt < 1) return null;
  return { invoiceId, attempt };
}

// ---------------------------------------------------------------------------------------------------------------
// Webhook events → payment events

/** The Stripe event types Kurabe acts on; every other type is acknowledged and ignored. */
export const HANDLED_STRIPE_EVENTS = [
  "checkout.session.completed",
  "checkout.session.async_payment_succeeded",
  "checkout.session.async_payment_failed",
  "checkout.session.expired",
  "payment_intent.payment_failed",
  "charge.refunded",
  "account.updated",
] as const;

/** The fields read from a webhook event's `data.object` (a subset of the SDK's Session / PaymentIntent / Charge / Account). */
export interface StripeEventLike {
  id: string;
  type: string;
  data: {
    object: {
      id?: string;
      metadata?: Record<string, string> | null;
      currency?: string | null;
      amount_total?: number | null;
      payment_status?: string | null;
      amount?: number | null;
      amount_refunded?: number | null;
      charges_enabled?: boolean | null;
      payouts_enabled?: boolean | null;
      details_submitted?: boolean | null;
    };
  };
}

export type ConnectAccountState = "onboarding" | "restricted" | "enabled";

export type StripeEffect =
  | { kind: "payment"; invoiceId: string; event: PaymentEvent }
  | { kind: "account"; accountId: string; state: ConnectAccountState }
  /** Acknowledge with 2xx and change nothing: not a handled type, not one of ours, or not in JPY. */
  | { kind: "ignored"; reason: "unhandledType" | "notOurs" | "notJpy" };

/** A connected account's state from `account.updated`: it can take destination charges only when "enabled". */
export function connectAccountState(account: {
  charges_enabled?: boolean | null;
  payouts_enabled?: boolean | null;
  details_submitted?: boolean | null;
}): ConnectAccountState {
  if (!account.details_submitted) return "onboarding";
  return account.charges_enabled && account.payouts_enabled ? "enabled" : "restricted";
}

/**
 * What a verified webhook event means for Kurabe. Pure: the route verifies the signature, stores the event id once,
 * and applies the effect (state.ts's applyPaymentEvent) in the same transaction. A charge without our metadata is
 * "notOurs" — the service may then look the payment intent up by id before giving up.
 */
export function stripeEffect(event: StripeEventLike): StripeEffect {
  const object = event.data.object;
  if (event.type === "account.updated") {
    return object.id ? { kind: "account", accountId: object.id, state: connectAccountState(object) } : { kind: "ignored", reason: "notOurs" };
  }
  if (!(HANDLED_STRIPE_EVENTS as readonly string[]).includes(event.type)) return { kind: "ignored", reason: "unhandledType" };
  const ours = readPaymentMetadata(object.metadata);
  if (!ours) return { kind: "ignored", reason: "notOurs" };
  if (object.currency && object.currency.toLowerCase() !== STRIPE_CURRENCY) return { kind: "ignored", reason: "notJpy" };
  const { invoiceId, attempt } = ours;
  const payment = (paymentEvent: PaymentEvent): StripeEffect => ({ kind: "payment", invoiceId, event: paymentEvent });
  switch (event.type) {
    case "checkout.session.completed":
      return payment({
        type: "checkout_completed",
        attempt,
        amount: object.amount_total ?? 0,
        paymentStatus: object.payment_status === "paid" ? "paid" : "unpaid",
      });
    case "checkout.session.async_payment_succeeded":
      return payment({ type: "async_payment_succeeded", attempt, amount: object.amount_total ?? 0 });
    case "checkout.session.async_payment_failed":
      return payment({ type: "async_payment_failed", attempt });
    case "checkout.session.expired":
      return payment({ type: "checkout_session_expired", attempt });
    case "payment_intent.payment_failed":
      return payment({ type: "payment_intent_failed", attempt });
    case "charge.refunded":
      return payment({ type: "charge_refunded", attempt, chargeAmount: object.amount ?? 0, amountRefunded: object.amount_refunded ?? 0 });
    default:
      return { kind: "ignored", reason: "unhandledType" };
  }
}
