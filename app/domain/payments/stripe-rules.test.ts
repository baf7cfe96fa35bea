import { describe, expect, it } from "vitest";
import { applyPaymentEvent, initialPaymentState, paymentSummary } from "./state";
import {
  checkCardAmount,
  checkoutIdempotencyKey,
  checkoutSessionParams,
  connectAccountState,
  platformFee,
  readPaymentMetadata,
  stripeEffect,
  type CheckoutSessionInput,
  type StripeEventLike,
} from "./stripe-rules";

const INVOICE_ID = "5f0c1e2a-3b4c-4d5e-8f60-718293a4b5c6";

describe("JPY limits", () => {
  it.each([
    [50, { ok: true }],
    [99_999_999, { ok: true }],
    [49, { ok: false, key: "payments.card.belowMinimum" }],
    [100_000_000, { ok: false, key: "payments.card.aboveMaximum" }],
    [0, { ok: false, key: "payments.card.amountInvalid" }],
    [1_000.5, { ok: false, key: "payments.card.amountInvalid" }],
  ] as const)("¥%s → %j", (amount, expected) => {
    expect(checkCardAmount(amount)).toEqual(expected);
  });
});

describe("platformFee", () => {
  it("is 3 % by default, rounded down to the yen", () => {
    expect(platformFee(12_345)).toBe(370); // 370.35
    expect(platformFee(12_000)).toBe(360);
    expect(platformFee(50)).toBe(1); // 1.5
    expect(platformFee(33)).toBe(0); // 0.99
    expect(platformFee(99_999_999)).toBe(2_999_999); // 2,999,999.97
  });

  it("takes another rate in basis points and refuses nonsense", () => {
    expect(platformFee(10_000, 250)).toBe(250);
    expect(platformFee(10_001, 0)).toBe(0);
    expect(() => platformFee(100, 10_001)).toThrow(RangeError);
    expect(() => platformFee(100, 2.5)).toThrow(RangeError);
    expect(() => platformFee(-1)).toThrow(RangeError);
  });
});

describe("checkoutIdempotencyKey", () => {
  it("is stable for an invoice and attempt, different for the next attempt", () => {
    expect(checkoutIdempotencyKey(INVOICE_ID, 1)).toBe(`kurabe-invoice-${INVOICE_ID}-checkout-1`);
    expect(checkoutIdempotencyKey(INVOICE_ID.toUpperCase(), 1)).toBe(checkoutIdempotencyKey(INVOICE_ID, 1));
    expect(checkoutIdempotencyKey(INVOICE_ID, 2)).not.toBe(checkoutIdempotencyKey(INVOICE_ID, 1));
    expect(() => checkoutIdempotencyKey("x", 1)).toThrow(RangeError);
    expect(() => checkoutIdempotencyKey(INVOICE_ID, 0)).toThrow(RangeError);
  });
});

describe("checkoutSessionParams", () => {
  const input: CheckoutSessionInput = {
    invoiceId: INVOICE_ID,
    invoiceNumber: "INV-2026-000012",
    amount: 12_000,
    attempt: 2,
    destination: "acct_1Vendor",
    origin: "https://kurabe.example.jp/some/page?x=1",
    locale: "ja",
    customerEmail: "keiri@example.jp",
    productName: "請求書 INV-2026-000012 のお支払い",
  };

  it("builds a destination charge in zero-decimal JPY with the fee, metadata, key and return URLs", () => {
    const plan = checkoutSessionParams(input);
    expect(plan).toEqual({
      ok: true,
      idempotencyKey: `kurabe-invoice-${INVOICE_ID}-checkout-2`,
      applicationFee: 360,
      params: {
        mode: "payment",
        currency: "jpy",
        locale: "ja",
        payment_method_types: ["card"],
        client_reference_id: INVOICE_ID,
        customer_email: "keiri@example.jp",
        line_items: [{ quantity: 1, price_data: { currency: "jpy", unit_amount: 12_000, product_data: { name: "請求書 INV-2026-000012 のお支払い" } } }],
        payment_intent_data: {
          application_fee_amount: 360,
          transfer_data: { destination: "acct_1Vendor" },
          description: "請求書 INV-2026-000012 のお支払い",
          metadata: { invoiceId: INVOICE_ID, attempt: "2" },
        },
        metadata: { invoiceId: INVOICE_ID, attempt: "2" },
        success_url: `https://kurabe.example.jp/invoices/${INVOICE_ID}/payment?result=success&session_id={CHECKOUT_SESSION_ID}`,
        cancel_url: `https://kurabe.example.jp/invoices/${INVOICE_ID}/payment?result=cancelled`,
      },
    });
  });

  it("uses the configured fee and leaves out an absent e-mail", () => {
    const plan = checkoutSessionParams({ ...input, feeBasisPoints: 500, customerEmail: null, locale: "en" });
    if (!plan.ok) throw new Error("expected a plan");
    expect(plan.params.payment_intent_data.application_fee_amount).toBe(600);
    expect(plan.params.locale).toBe("en");
    expect("customer_email" in plan.params).toBe(false);
  });

  it("refuses amounts outside Stripe's JPY limits before any call, saying bank transfer only above ¥99,999,999", () => {
    expect(checkoutSessionParams({ ...input, amount: 100_000_000 })).toEqual({ ok: false, key: "payments.card.aboveMaximum" });
    expect(checkoutSessionParams({ ...input, amount: 49 })).toEqual({ ok: false, key: "payments.card.belowMinimum" });
  });

  it("throws on a programming error: not a connected account, not an http(s) origin", () => {
    expect(() => checkoutSessionParams({ ...input, destination: "cus_123" })).toThrow(RangeError);
    expect(() => checkoutSessionParams({ ...input, origin: "javascript:alert(1)" })).toThrow(RangeError);
  });
});

describe("webhook events → payment events", () => {
  const metadata = { invoiceId: INVOICE_ID, attempt: "1" };
  const event = (type: string, object: StripeEventLike["data"]["object"]): StripeEventLike => ({ id: "evt_1", type, data: { object } });

  it("reads our metadata and nothing else", () => {
    expect(readPaymentMetadata(metadata)).toEqual({ invoiceId: INVOICE_ID, attempt: 1 });
    expect(readPaymentMetadata({ invoiceId: INVOICE_ID, attempt: "1.5" })).toBeNull();
    expect(readPaymentMetadata({ invoiceId: "x", attempt: "1" })).toBeNull();
    expect(readPaymentMetadata(null)).toBeNull();
  });

  it("maps each handled type", () => {
    const session = { metadata, currency: "jpy", amount_total: 12_000 };
    expect(stripeEffect(event("checkout.session.completed", { ...session, payment_status: "paid" }))).toEqual({
      kind: "payment",
      invoiceId: INVOICE_ID,
      event: { type: "checkout_completed", attempt: 1, amount: 12_000, paymentStatus: "paid" },
    });
    expect(stripeEffect(event("checkout.session.completed", { ...session, payment_status: "unpaid" }))).toMatchObject({
      event: { paymentStatus: "unpaid" },
    });
    expect(stripeEffect(event("checkout.session.async_payment_succeeded", session))).toMatchObject({
      event: { type: "async_payment_succeeded", amount: 12_000 },
    });
    expect(stripeEffect(event("checkout.session.async_payment_failed", session))).toMatchObject({ event: { type: "async_payment_failed" } });
    expect(stripeEffect(event("checkout.session.expired", session))).toMatchObject({ event: { type: "checkout_session_expired" } });
    expect(stripeEffect(event("payment_intent.payment_failed", { metadata, currency: "jpy" }))).toMatchObject({ event: { type: "payment_intent_failed" } });
    expect(stripeEffect(event("charge.refunded", { metadata, currency: "jpy", amount: 12_000, amount_refunded: 2_000 }))).toMatchObject({
      event: { type: "charge_refunded", attempt: 1, chargeAmount: 12_000, amountRefunded: 2_000 },
    });
  });

  it("ignores unknown types, other people's objects and other currencies", () => {
    expect(stripeEffect(event("customer.created", { metadata }))).toEqual({ kind: "ignored", reason: "unhandledType" });
    expect(stripeEffect(event("charge.refunded", { metadata: {}, amount: 1, amount_refunded: 1 }))).toEqual({ kind: "ignored", reason: "notOurs" });
    expect(stripeEffect(event("checkout.session.completed", { metadata, currency: "usd", amount_total: 1 }))).toEqual({ kind: "ignored", reason: "notJpy" });
  });

  it("account.updated gives the connected account's state", () => {
    expect(stripeEffect(event("account.updated", { id: "acct_1", details_submitted: true, charges_enabled: true, payouts_enabled: true }))).toEqual({
      kind: "account",
      accountId: "acct_1",
      state: "enabled",
    });
    expect(connectAccountState({ details_submitted: false, charges_enabled: true, payouts_enabled: true })).toBe("onboarding");
    expect(connectAccountState({ details_submitted: true, charges_enabled: true, payouts_enabled: false })).toBe("restricted");
  });

  it("the mapped events drive the state machine: refund before completion ends refunded", () => {
    const refund = stripeEffect(event("charge.refunded", { metadata, currency: "jpy", amount: 12_000, amount_refunded: 12_000 }));
    const done = stripeEffect(event("checkout.session.completed", { metadata, currency: "jpy", amount_total: 12_000, payment_status: "paid" }));
    if (refund.kind !== "payment" || done.kind !== "payment") throw new Error("expected payment effects");
    let state = initialPaymentState(12_000);
    state = applyPaymentEvent(state, refund.event).state;
    state = applyPaymentEvent(state, done.event).state;
    expect(paymentSummary(state).status).toBe("refunded");
  });
});
