import Stripe from "stripe";
import type { CheckoutSessionCreateParams } from "~/domain/payments/stripe-rules";

// Stripe behind an interface (issue 16 item 6), like search: the app's context holds a PaymentGateway, or null
// when STRIPE_SECRET_KEY is unset (card payment hidden, bank transfer still works). Tests and a local development
// server point the real SDK at a local server (`host`/`port`/`protocol`), so every call is a real SDK request —
// form-encoded, with its Idempotency-Key — that the test reads back (tests/support/stripe-test-server.ts).

export interface PaymentGatewayOptions {
  secretKey: string;
  /** `whsec_…`: the webhook endpoint's signing secret. */
  webhookSecret: string;
  /** A local stand-in for api.stripe.com (tests, development without the internet). */
  apiBase?: { host: string; port: number; protocol: "http" | "https" };
}

export interface PaymentGateway {
  /** A Checkout Session for a destination charge; the same idempotency key returns the same session. */
  createCheckoutSession(params: CheckoutSessionCreateParams, idempotencyKey: string): Promise<{ id: string; url: string | null; expiresAt: Date | null }>;
  /** A Connect Express account for a vendor, and the onboarding link (Account Link) the vendor follows. */
  createConnectedAccount(input: { email?: string; vendorOrgId: string }, idempotencyKey: string): Promise<{ id: string }>;
  createOnboardingLink(accountId: string, urls: { refreshUrl: string; returnUrl: string }): Promise<{ url: string }>;
  /** Refunds a payment in full or in part, reversing the transfer to the connected account. */
  refund(input: { paymentIntentId: string; amount?: number; invoiceId: string }, idempotencyKey: string): Promise<{ id: string; status: string | null }>;
  /** Verifies the signature on the raw body (300 s tolerance) and returns the event; throws on a bad or stale one. */
  verifyWebhook(rawBody: string, signatureHeader: string | null): Stripe.Event;
}

export function stripeGateway(options: PaymentGatewayOptions): PaymentGateway {
  const stripe = new Stripe(options.secretKey, {
    maxNetworkRetries: 0,
    ...(options.apiBase ? { host: options.apiBase.host, port: options.apiBase.port, protocol: options.apiBase.protocol } : {}),
  });
  return {
    async createCheckoutSession(params, idempotencyKey) {
      const session = await stripe.checkout.sessions.create(params satisfies Stripe.Checkout.SessionCreateParams, { idempotencyKey });
      return { id: session.id, url: session.url, expiresAt: session.expires_at ? new Date(session.expires_at * 1000) : null };
    },
    async createConnectedAccount(input, idempotencyKey) {
      const account = await stripe.accounts.create(
        {
          type: "express",
          country: "JP",
          ...(input.email ? { email: input.email } : {}),
          capabilities: { card_payments: { requested: true }, transfers: { requested: true } },
          metadata: { vendorOrgId: input.vendorOrgId },
        },
        { idempotencyKey },
      );
      return { id: account.id };
    },
    async createOnboardingLink(accountId, urls) {
      const link = await stripe.accountLinks.create({
        account: accountId,
        type: "account_onboarding",
        refresh_url: urls.refreshUrl,
        return_url: urls.returnUrl,
      });
      return { url: link.url };
    },
    async refund(input, idempotencyKey) {
      const refund = await stripe.refunds.create(
        {
          payment_intent: input.paymentIntentId,
          ...(input.amount === undefined ? {} : { amount: input.amount }),
          reverse_transfer: true,
          refund_application_fee: true,
          metadata: { invoiceId: input.invoiceId },
        },
        { idempotencyKey },
      );
      return { id: refund.id, status: refund.status };
    },
    verifyWebhook(rawBody, signatureHeader) {
      if (!signatureHeader) throw new Stripe.errors.StripeSignatureVerificationError("", rawBody, { message: "No Stripe-Signature header" });
      return stripe.webhooks.constructEvent(rawBody, signatureHeader, options.webhookSecret);
    },
  };
}

/** Signs a payload as Stripe would, for tests and the benchmark (the SDK's own helper). */
export function signWebhookPayload(payload: string, secret: string, timestamp?: number): string {
  return Stripe.webhooks.generateTestHeaderString({ payload, secret, ...(timestamp === undefined ? {} : { timestamp }) });
}

/**
 * The app's gateway from the environment: null when STRIPE_SECRET_KEY is unset (card payment and payouts hidden,
 * bank transfer unchanged). A key without STRIPE_WEBHOOK_SECRET stops the server: card payments could be taken but
 * never confirmed. STRIPE_API_BASE points the SDK at a local stand-in (`npm run stripe:standin`).
 */
export function paymentGatewayFromEnv(env: { STRIPE_SECRET_KEY?: string; STRIPE_WEBHOOK_SECRET?: string; STRIPE_API_BASE?: string }): PaymentGateway | null {
  if (!env.STRIPE_SECRET_KEY) return null;
  if (!env.STRIPE_WEBHOOK_SECRET) {
    throw new Error("Invalid environment:\n  STRIPE_WEBHOOK_SECRET: required with STRIPE_SECRET_KEY (the webhook endpoint's signing secret, whsec_…)");
  }
  let apiBase: PaymentGatewayOptions["apiBase"];
  if (env.STRIPE_API_BASE) {
    const url = new URL(env.STRIPE_API_BASE);
    const protocol = url.protocol === "https:" ? "https" : "http";
    apiBase = { host: url.hostname, port: Number(url.port || (protocol === "https" ? 443 : 80)), protocol };
  }
  return stripeGateway({ secretKey: env.STRIPE_SECRET_KEY, webhookSecret: env.STRIPE_WEBHOOK_SECRET, ...(apiBase ? { apiBase } : {}) });
}
