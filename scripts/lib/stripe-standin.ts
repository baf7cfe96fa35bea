import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { signWebhookPayload } from "../../app/services/payments/stripe-gateway.server";

// A local stand-in for api.stripe.com (Stripe's API is unreachable here, and stripe-mock is not on npm). The app
// talks to it through the official SDK (`new Stripe(key, { host, port, protocol: "http" })`), so each request is
// exactly what Stripe would receive — form-encoded body, Idempotency-Key, Stripe-Version — and a test reads it back
// from `requests`. It answers the few endpoints Kurabe calls with objects shaped like Stripe's, and replays the first
// answer for a repeated Idempotency-Key as Stripe does.
//
// With `webhook` set it also plays the buyer's and Stripe's part for development and the Playwright run:
// - GET <session url> (`/pay/cs_…`) shows a tiny page with a "Pay" button; pressing it sends a SIGNED
//   `checkout.session.completed` (the SDK's generateTestHeaderString) to the app's /webhooks/stripe and then
//   redirects to the session's success_url — the app must still wait for the webhook, never trust the redirect.
// - GET <account link> (`/onboarding/acct_…`) shows a "Complete onboarding" button that sends a signed
//   `account.updated` (charges and payouts enabled) and returns to the link's return_url.
// - a refund is followed by a signed `charge.refunded`, as Stripe does.
// `npm run stripe:standin` (scripts/stripe-standin.ts) starts it and prints the environment to start the app with.

export interface RecordedStripeRequest {
  method: string;
  path: string;
  headers: Record<string, string | undefined>;
  /** The raw form-encoded body. */
  raw: string;
  /** The body as flat bracketed keys, e.g. "payment_intent_data[transfer_data][destination]" → "acct_1". */
  form: Record<string, string>;
}

export interface StandinWebhook {
  /** The app's webhook endpoint, e.g. http://localhost:3000/webhooks/stripe. */
  url: string;
  /** The endpoint's signing secret (STRIPE_WEBHOOK_SECRET of the app). */
  secret: string;
}

export interface StripeTestServer {
  port: number;
  /** `{ host, port, protocol }` for the SDK (and PaymentGatewayOptions.apiBase). */
  apiBase: { host: string; port: number; protocol: "http" };
  /** The same as a URL, for STRIPE_API_BASE. */
  url: string;
  requests: RecordedStripeRequest[];
  /** Makes the next request to `path` fail with a Stripe error body and this status. */
  failNext(path: string, status: number, error: { type: string; message: string; code?: string }): void;
  /** The webhook deliveries the stand-in made, with the app's answer. */
  deliveries: { type: string; status: number }[];
  close(): Promise<void>;
}

const read = (req: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });

let counter = 0;
const id = (prefix: string) => `${prefix}_test${(++counter).toString().padStart(8, "0")}`;

/** `metadata[a]=1` → { a: "1" } for prefix "metadata"; `payment_intent_data[metadata][a]` for "payment_intent_data[metadata]". */
const bracketed = (form: Record<string, string>, prefix: string) =>
  Object.fromEntries(
    Object.entries(form)
      .filter(([k]) => k.startsWith(`${prefix}[`) && k.endsWith("]") && !/[[\]]/.test(k.slice(prefix.length + 1, -1)))
      .map(([k, v]) => [k.slice(prefix.length + 1, -1), v]),
  );

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

interface Session {
  id: string;
  amount: number;
  currency: string;
  metadata: Record<string, string>;
  successUrl: string;
  cancelUrl: string;
  paymentIntent: string;
  name: string;
  status: "open" | "complete";
}

interface Intent {
  id: string;
  charge: string;
  amount: number;
  refunded: number;
  metadata: Record<string, string>;
}

export async function startStripeTestServer(options: { port?: number; webhook?: StandinWebhook } = {}): Promise<StripeTestServer> {
  const requests: RecordedStripeRequest[] = [];
  const deliveries: { type: string; status: number }[] = [];
  const failures = new Map<string, { status: number; error: unknown }>();
  const replays = new Map<string, { status: number; body: unknown }>();
  const sessions = new Map<string, Session>();
  const intents = new Map<string, Intent>();
  const links = new Map<string, { returnUrl: string; refreshUrl: string }>();
  let port = 0;

  /** Sends a signed event to the app as Stripe would. */
  async function deliver(type: string, object: Record<string, unknown>): Promise<number> {
    if (!options.webhook) return 0;
    const payload = JSON.stringify({
      id: id("evt"),
      object: "event",
      api_version: "2025-01-01",
      created: Math.floor(Date.now() / 1000),
      type,
      data: { object },
    });
    const res = await fetch(options.webhook.url, {
      method: "POST",
      headers: { "Content-Type": "application/json", "Stripe-Signature": signWebhookPayload(payload, options.webhook.secret) },
      body: payload,
    });
    deliveries.push({ type, status: res.status });
    return res.status;
  }

  function answer(path: string, form: Record<string, string>): { status: number; body: unknown } {
    const metadata = bracketed(form, "metadata");
    if (path === "/v1/checkout/sessions") {
      const sessionId = id("cs");
      const amount = Number(form["line_items[0][price_data][unit_amount]"] ?? 0);
      sessions.set(sessionId, {
        id: sessionId,
        amount,
        currency: form.currency ?? "jpy",
        metadata,
        successUrl: (form.success_url ?? "").replace("{CHECKOUT_SESSION_ID}", sessionId),
        cancelUrl: form.cancel_url ?? "",
        paymentIntent: id("pi"),
        name: form["line_items[0][price_data][product_data][name]"] ?? "",
        status: "open",
      });
      const piMetadata = bracketed(form, "payment_intent_data[metadata]");
      intents.set(sessions.get(sessionId)!.paymentIntent, {
        id: sessions.get(sessionId)!.paymentIntent,
        charge: id("ch"),
        amount,
        refunded: 0,
        metadata: Object.keys(piMetadata).length > 0 ? piMetadata : metadata,
      });
      return {
        status: 200,
        body: {
          id: sessionId,
          object: "checkout.session",
          mode: form.mode,
          currency: form.currency,
          amount_total: amount,
          client_reference_id: form.client_reference_id ?? null,
          metadata,
          payment_status: "unpaid",
          status: "open",
          expires_at: Math.floor(Date.now() / 1000) + 24 * 3600,
          url: `http://127.0.0.1:${port}/pay/${sessionId}`,
        },
      };
    }
    if (path === "/v1/accounts") return { status: 200, body: { id: id("acct"), object: "account", type: form.type, country: form.country, metadata } };
    if (path === "/v1/account_links") {
      links.set(form.account ?? "", { returnUrl: form.return_url ?? "", refreshUrl: form.refresh_url ?? "" });
      return { status: 200, body: { object: "account_link", url: `http://127.0.0.1:${port}/onboarding/${form.account}`, expires_at: 0, created: 0 } };
    }
    if (path === "/v1/refunds") {
      const intent = intents.get(form.payment_intent ?? "");
      const amount = Number(form.amount ?? (intent ? intent.amount - intent.refunded : 0));
      if (intent && intent.refunded + amount <= intent.amount) {
        intent.refunded += amount;
        const charge = {
          id: intent.charge,
          object: "charge",
          amount: intent.amount,
          amount_refunded: intent.refunded,
          currency: "jpy",
          payment_intent: intent.id,
          metadata: intent.metadata,
          refunded: intent.refunded === intent.amount,
        };
        // Stripe tells the endpoint a moment after answering.
        setTimeout(() => void deliver("charge.refunded", charge).catch(() => {}), 20);
      }
      return {
        status: 200,
        body: { id: id("re"), object: "refund", amount, payment_intent: form.payment_intent, status: "succeeded", metadata },
      };
    }
    return { status: 404, body: { error: { type: "invalid_request_error", message: `Unrecognized request URL (POST: ${path})` } } };
  }

  /** The buyer's and the vendor's side: the pages the session URL and the account link open. */
  async function page(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
    const html = (status: number, body: string) => {
      res.writeHead(status, { "Content-Type": "text/html; charset=utf-8" });
      res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Stripe stand-in</title></head><body>${body}</body></html>`);
    };
    const pay = /^\/pay\/(cs_\w+)$/.exec(path);
    if (pay) {
      const session = sessions.get(pay[1]!);
      if (!session) return (html(404, "<p>No such session</p>"), true);
      if (req.method === "GET") {
        html(
          200,
          `<h1>Stripe test checkout</h1><p data-testid="standin-product">${escapeHtml(session.name)}</p>` +
            `<p data-testid="standin-amount">¥${session.amount.toLocaleString("en")}</p>` +
            (session.status === "open"
              ? `<form method="post"><button type="submit" name="do" value="pay">Pay</button> <button type="submit" name="do" value="cancel">Cancel</button></form>`
              : `<p>Already paid</p>`),
        );
        return true;
      }
      const form = Object.fromEntries(new URLSearchParams(await read(req)));
      if (form.do === "cancel") {
        res.writeHead(303, { Location: session.cancelUrl }).end();
        return true;
      }
      if (session.status === "open") {
        session.status = "complete";
        await deliver("checkout.session.completed", {
          id: session.id,
          object: "checkout.session",
          amount_total: session.amount,
          currency: session.currency,
          metadata: session.metadata,
          payment_status: "paid",
          status: "complete",
          payment_intent: session.paymentIntent,
        }).catch(() => {});
      }
      res.writeHead(303, { Location: session.successUrl }).end();
      return true;
    }
    const onboarding = /^\/onboarding\/(acct_\w+)$/.exec(path);
    if (onboarding) {
      const link = links.get(onboarding[1]!);
      if (!link) return (html(404, "<p>No such account link</p>"), true);
      if (req.method === "GET") {
        html(200, `<h1>Stripe test onboarding</h1><form method="post"><button type="submit">Complete onboarding</button></form>`);
        return true;
      }
      await read(req);
      await deliver("account.updated", {
        id: onboarding[1],
        object: "account",
        details_submitted: true,
        charges_enabled: true,
        payouts_enabled: true,
      }).catch(() => {});
      res.writeHead(303, { Location: link.returnUrl }).end();
      return true;
    }
    return false;
  }

  const server: Server = createServer(async (req, res) => {
    const path = (req.url ?? "/").split("?")[0]!;
    if (!path.startsWith("/v1/")) {
      if (await page(req, res, path)) return;
    }
    const raw = await read(req);
    const form = Object.fromEntries(new URLSearchParams(raw));
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(",") : v]));
    requests.push({ method: req.method ?? "GET", path, headers, raw, form });
    const key = headers["idempotency-key"];
    const fail = failures.get(path);
    let out: { status: number; body: unknown };
    if (fail) {
      failures.delete(path);
      out = { status: fail.status, body: { error: fail.error } };
    } else if (key && replays.has(`${path} ${key}`)) {
      out = replays.get(`${path} ${key}`)!;
    } else {
      out = answer(path, form);
      if (key) replays.set(`${path} ${key}`, out);
    }
    res.writeHead(out.status, { "Content-Type": "application/json", "Request-Id": id("req") });
    res.end(JSON.stringify(out.body));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  return {
    port,
    apiBase: { host: "127.0.0.1", port, protocol: "http" },
    url: `http://127.0.0.1:${port}`,
    requests,
    deliveries,
    failNext: (path, status, error) => failures.set(path, { status, error }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
