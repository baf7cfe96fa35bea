import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

// A local stand-in for api.stripe.com (Stripe's API is unreachable here, and stripe-mock is not on npm). The app
// talks to it through the official SDK (`new Stripe(key, { host, port, protocol: "http" })`), so each request is
// exactly what Stripe would receive — form-encoded body, Idempotency-Key, Stripe-Version — and the test reads
// it back from `requests`. It answers the few endpoints Kurabe calls with objects shaped like Stripe's, and
// replays the first answer for a repeated Idempotency-Key as Stripe does.

export interface RecordedStripeRequest {
  method: string;
  path: string;
  headers: Record<string, string | undefined>;
  /** The raw form-encoded body. */
  raw: string;
  /** The body as flat bracketed keys, e.g. "payment_intent_data[transfer_data][destination]" → "acct_1". */
  form: Record<string, string>;
}

export interface StripeTestServer {
  port: number;
  /** `{ host, port, protocol }` for the SDK (and PaymentGatewayOptions.apiBase). */
  apiBase: { host: string; port: number; protocol: "http" };
  requests: RecordedStripeRequest[];
  /** Makes the next request to `path` fail with a Stripe error body and this status. */
  failNext(path: string, status: number, error: { type: string; message: string; code?: string }): void;
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

function answer(path: string, form: Record<string, string>, port: number): { status: number; body: unknown } {
  const metadata = Object.fromEntries(
    Object.entries(form)
      .filter(([k]) => k.startsWith("metadata["))
      .map(([k, v]) => [k.slice("metadata[".length, -1), v]),
  );
  if (path === "/v1/checkout/sessions") {
    const sessionId = id("cs");
    return {
      status: 200,
      body: {
        id: sessionId,
        object: "checkout.session",
        mode: form.mode,
        currency: form.currency,
        amount_total: Number(form["line_items[0][price_data][unit_amount]"] ?? 0),
        client_reference_id: form.client_reference_id ?? null,
        metadata,
        payment_status: "unpaid",
        status: "open",
        url: `http://127.0.0.1:${port}/pay/${sessionId}`,
      },
    };
  }
  if (path === "/v1/accounts") return { status: 200, body: { id: id("acct"), object: "account", type: form.type, country: form.country, metadata } };
  if (path === "/v1/account_links")
    return { status: 200, body: { object: "account_link", url: `http://127.0.0.1:${port}/onboarding/${form.account}`, expires_at: 0, created: 0 } };
  if (path === "/v1/refunds")
    return {
      status: 200,
      body: { id: id("re"), object: "refund", amount: Number(form.amount ?? 0), payment_intent: form.payment_intent, status: "succeeded", metadata },
    };
  return { status: 404, body: { error: { type: "invalid_request_error", message: `Unrecognized request URL (POST: ${path})` } } };
}

export async function startStripeTestServer(): Promise<StripeTestServer> {
  const requests: RecordedStripeRequest[] = [];
  const failures = new Map<string, { status: number; error: unknown }>();
  const replays = new Map<string, { status: number; body: unknown }>();
  let port = 0;
  const server: Server = createServer(async (req, res) => {
    const raw = await read(req);
    const path = (req.url ?? "/").split("?")[0]!;
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
      out = answer(path, form, port);
      if (key) replays.set(`${path} ${key}`, out);
    }
    res.writeHead(out.status, { "Content-Type": "application/json", "Request-Id": id("req") });
    res.end(JSON.stringify(out.body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  return {
    port,
    apiBase: { host: "127.0.0.1", port, protocol: "http" },
    requests,
    failNext: (path, status, error) => failures.set(path, { status, error }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
