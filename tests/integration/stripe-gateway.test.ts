import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkoutSessionParams } from "../../app/domain/payments/stripe-rules";
import { signWebhookPayload, stripeGateway, type PaymentGateway } from "../../app/services/payments/stripe-gateway.server";
import { startStripeTestServer, type StripeTestServer } from "../support/stripe-test-server";

// Stripe's API is unreachable from here, so these calls go through the official `stripe` SDK to a local test server
// that records them (tests/support/stripe-test-server.ts): what is asserted is the form-encoded body and the headers
// the SDK really sends. Webhook signatures are made with the SDK's own generateTestHeaderString.

let server: StripeTestServer;
let gateway: PaymentGateway;
const secret = "whsec_test_kurabe_0123456789";
const INV = ["7f8c1c1e-0000-4000-8000-000000000001", "7f8c1c1e-0000-4000-8000-000000000002", "7f8c1c1e-0000-4000-8000-000000000003"];

beforeAll(async () => {
  server = await startStripeTestServer();
  gateway = stripeGateway({ secretKey: "sk_test_kurabe", webhookSecret: secret, apiBase: server.apiBase });
});
afterAll(() => server?.close());

describe("Checkout Session for a destination charge (issue 16 item 3)", () => {
  it("sends jpy as a zero-decimal amount, the platform fee, the destination, metadata and the Idempotency-Key", async () => {
    const plan = checkoutSessionParams({
      invoiceId: INV[0],
      invoiceNumber: "INV-2026-000001",
      amount: 1_234_567,
      attempt: 1,
      destination: "acct_1Vendor",
      origin: "http://localhost:3000",
      locale: "ja",
      productName: "請求書 INV-2026-000001 のお支払い",
    });
    if (!plan.ok) throw new Error("plan refused");
    const session = await gateway.createCheckoutSession(plan.params, plan.idempotencyKey);
    expect(session.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/pay\/cs_/);
    const sent = server.requests.at(-1)!;
    expect(sent.method).toBe("POST");
    expect(sent.path).toBe("/v1/checkout/sessions");
    expect(sent.headers["content-type"]).toContain("application/x-www-form-urlencoded");
    expect(sent.headers["idempotency-key"]).toBe(plan.idempotencyKey);
    expect(sent.headers["stripe-version"]).toBeTruthy();
    expect(sent.form).toMatchObject({
      mode: "payment",
      currency: "jpy",
      "line_items[0][price_data][currency]": "jpy",
      "line_items[0][price_data][unit_amount]": "1234567",
      "payment_intent_data[application_fee_amount]": String(Math.floor(1_234_567 * 0.03)),
      "payment_intent_data[transfer_data][destination]": "acct_1Vendor",
      "payment_intent_data[metadata][invoiceId]": INV[0],
      "metadata[invoiceId]": INV[0],
      "metadata[attempt]": "1",
    });
  });

  it("the same idempotency key gets the same session back (a double click creates one payment)", async () => {
    const plan = checkoutSessionParams({
      invoiceId: INV[1],
      invoiceNumber: "INV-2026-000002",
      amount: 50,
      attempt: 1,
      destination: "acct_1Vendor",
      origin: "http://localhost:3000",
      locale: "en",
      productName: "Invoice INV-2026-000002",
    });
    if (!plan.ok) throw new Error("plan refused");
    const [a, b] = await Promise.all([
      gateway.createCheckoutSession(plan.params, plan.idempotencyKey),
      gateway.createCheckoutSession(plan.params, plan.idempotencyKey),
    ]);
    expect(a.id).toBe(b.id);
  });

  it("a Stripe error surfaces as the SDK's typed error", async () => {
    server.failNext("/v1/checkout/sessions", 400, { type: "invalid_request_error", message: "No such destination: acct_x" });
    const plan = checkoutSessionParams({
      invoiceId: INV[2],
      invoiceNumber: "INV-2026-000003",
      amount: 10_000,
      attempt: 1,
      destination: "acct_x",
      origin: "http://localhost:3000",
      locale: "ja",
      productName: "x",
    });
    if (!plan.ok) throw new Error("plan refused");
    await expect(gateway.createCheckoutSession(plan.params, plan.idempotencyKey)).rejects.toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
  });
});

describe("Connect onboarding and refunds", () => {
  it("creates an Express account in JP and an onboarding link; a refund reverses the transfer", async () => {
    const account = await gateway.createConnectedAccount({ vendorOrgId: "org-1", email: "sales@example.jp" }, "connect-org-1");
    expect(account.id).toMatch(/^acct_/);
    expect(server.requests.at(-1)!.form).toMatchObject({ type: "express", country: "JP", "metadata[vendorOrgId]": "org-1" });
    const link = await gateway.createOnboardingLink(account.id, { refreshUrl: "http://localhost:3000/r", returnUrl: "http://localhost:3000/ok" });
    expect(link.url).toContain(account.id);
    expect(server.requests.at(-1)!.form).toMatchObject({ account: account.id, type: "account_onboarding" });
    await gateway.refund({ paymentIntentId: "pi_1", amount: 5_000, invoiceId: "inv-1" }, "refund-inv-1-1");
    const sent = server.requests.at(-1)!;
    expect(sent.form).toMatchObject({ payment_intent: "pi_1", amount: "5000", reverse_transfer: "true", "metadata[invoiceId]": "inv-1" });
    expect(sent.headers["idempotency-key"]).toBe("refund-inv-1-1");
  });
});

describe("webhook signatures (issue 16 item 4)", () => {
  const payload = JSON.stringify({ id: "evt_1", object: "event", type: "checkout.session.completed", data: { object: { id: "cs_1" } } });

  it("accepts a payload signed with the endpoint's secret", () => {
    expect(gateway.verifyWebhook(payload, signWebhookPayload(payload, secret)).id).toBe("evt_1");
  });

  it("refuses a forged signature, a changed body, a stale timestamp and a missing header", () => {
    expect(() => gateway.verifyWebhook(payload, signWebhookPayload(payload, "whsec_someone_else"))).toThrow(Stripe.errors.StripeSignatureVerificationError);
    expect(() => gateway.verifyWebhook(payload.replace("cs_1", "cs_2"), signWebhookPayload(payload, secret))).toThrow(
      Stripe.errors.StripeSignatureVerificationError,
    );
    const stale = Math.floor(Date.now() / 1000) - 301;
    expect(() => gateway.verifyWebhook(payload, signWebhookPayload(payload, secret, stale))).toThrow(Stripe.errors.StripeSignatureVerificationError);
    expect(() => gateway.verifyWebhook(payload, null)).toThrow(Stripe.errors.StripeSignatureVerificationError);
  });
});
