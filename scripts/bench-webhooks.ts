import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import { performance } from "node:perf_hooks";
import { sql } from "kysely";
import { startCardPayment } from "../app/services/payments/card-payments.server";
import { signWebhookPayload, stripeGateway } from "../app/services/payments/stripe-gateway.server";
import { actorFor } from "../tests/factories";
import { cloneInvoice, connectVendor, createInvoicedContract } from "../tests/support/card-fixtures";
import { startTestServices } from "../tests/support/services";
import { createHarnessOn } from "../tests/integration/harness";
import { freePort } from "../search/server";
import { startStripeTestServer } from "./lib/stripe-standin";

// `npm run bench:webhooks` (issue 16): how many signed Stripe webhook deliveries per second Kurabe applies EXACTLY
// ONCE at 20 concurrent connections, with duplicates mixed in.
//
// 1. Real PostgreSQL (throwaway, or DATABASE_URL) and Meilisearch; a fresh database built with the test factories: an
//    award, a contract, milestone invoices issued through the API, then copied to BENCH_INVOICES invoices (default
//    400); the vendor's Stripe account enabled; a Checkout Session opened for each through the card-payment service
//    (the real SDK against the local stand-in).
// 2. The built app started as `npm start` starts it (scripts/serve.ts, Express, its job runner) on that database.
// 3. For every invoice one `checkout.session.completed` event, each delivered BENCH_COPIES times (default 3), shuffled,
//    each delivery signed with the SDK's generateTestHeaderString at send time, POSTed over 20 keep-alive
//    connections (BENCH_CONNECTIONS).
// 4. Checks exactly-once: every delivery answered 200; per event id exactly one row in stripe_events (applied), one
//    audit row, one notice per member; every invoice paid. Prints deliveries/s and applied events/s.
// Needs `npm run build` first.

const INVOICES = Number(process.env.BENCH_INVOICES ?? 400);
const COPIES = Number(process.env.BENCH_COPIES ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const SECRET = "whsec_bench_webhooks_0123456789abcdef";
const log = (m: string) => console.log(m);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

async function waitForServer(url: string, child: ChildProcess) {
  for (let i = 0; i < 1200; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      /* not listening yet */
    }
    await sleep(100);
  }
  throw new Error("server did not start in 120 s");
}

function post(agent: http.Agent, port: number, payload: string): Promise<{ status: number; outcome: string; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        path: "/webhooks/stripe",
        method: "POST",
        agent,
        headers: { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(payload), "Stripe-Signature": signWebhookPayload(payload, SECRET) },
      },
      (res) => {
        let body = "";
        res.on("data", (c: Buffer) => (body += c.toString()));
        res.on("end", () => {
          let outcome: string;
          try {
            outcome = (JSON.parse(body) as { outcome: string }).outcome;
          } catch {
            outcome = body.slice(0, 80);
          }
          resolve({ status: res.statusCode ?? 0, outcome, ms: performance.now() - started });
        });
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

const services = await startTestServices(log);
const standin = await startStripeTestServer();
const gateway = stripeGateway({ secretKey: "sk_test_bench", webhookSecret: SECRET, apiBase: standin.apiBase });
const h = await createHarnessOn(services, { payments: gateway, poolSize: 8 });
let server: ChildProcess | null = null;
let failed: boolean;
try {
  // --- data --------------------------------------------------------------------------------------------------------
  let t0 = performance.now();
  const parties = await createInvoicedContract(h, { milestones: 4, label: "計測" });
  await connectVendor(h, parties.vendor.org.id, "enabled");
  const invoiceIds = [...parties.invoiceIds];
  while (invoiceIds.length < INVOICES) invoiceIds.push(await cloneInvoice(h, parties.invoiceIds[invoiceIds.length % parties.invoiceIds.length]!));
  const buyer = await actorFor(h.db, parties.buyer.email);
  const sessions: { invoiceId: string; sessionId: string; amount: number; attempt: number }[] = [];
  for (const invoiceId of invoiceIds) {
    const s = await startCardPayment(h.ctx, buyer, invoiceId, "ja");
    if (!s.ok) throw new Error(`could not open a session for ${invoiceId}: ${s.key}`);
    sessions.push({ invoiceId, sessionId: s.sessionId, amount: s.amount, attempt: s.attempt });
  }
  const members = (await h.db.selectFrom("memberships").select("user_id").where("org_id", "in", [parties.buyer.org.id, parties.vendor.org.id]).execute())
    .length;
  log(`data: ${invoiceIds.length} invoices with an open Checkout Session (${((performance.now() - t0) / 1000).toFixed(1)} s)`);

  // --- the app, as npm start runs it ------------------------------------------------------------------------------
  const port = await freePort();
  server = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      APP_URL: `http://localhost:${port}`,
      DATABASE_URL: h.databaseUrl,
      MEILI_URL: services.meiliUrl,
      MEILI_MASTER_KEY: services.meiliKey,
      STRIPE_SECRET_KEY: "sk_test_bench",
      STRIPE_WEBHOOK_SECRET: SECRET,
      STRIPE_API_BASE: standin.url,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  await waitForServer(`http://127.0.0.1:${port}/healthz`, server);
  log(`app: scripts/serve.ts on port ${port}`);

  // --- deliveries ---------------------------------------------------------------------------------------------------
  const events = sessions.map((s, i) => ({
    payload: JSON.stringify({
      id: `evt_bench_${i}`,
      object: "event",
      type: "checkout.session.completed",
      created: Math.floor(Date.now() / 1000),
      data: {
        object: {
          id: s.sessionId,
          object: "checkout.session",
          amount_total: s.amount,
          currency: "jpy",
          payment_status: "paid",
          status: "complete",
          payment_intent: `pi_bench_${i}`,
          metadata: { invoiceId: s.invoiceId, attempt: String(s.attempt) },
        },
      },
    }),
  }));
  const queue = events.flatMap((e) => Array.from({ length: COPIES }, () => e.payload));
  for (let i = queue.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [queue[i], queue[j]] = [queue[j]!, queue[i]!];
  }
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const results: { status: number; outcome: string; ms: number }[] = [];
  let next = 0;
  t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (next < queue.length) {
        const payload = queue[next++]!;
        results.push(await post(agent, port, payload));
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  agent.destroy();

  // --- exactly once? ------------------------------------------------------------------------------------------------
  const byStatus = new Map<number, number>();
  const byOutcome = new Map<string, number>();
  for (const r of results) {
    byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + 1);
    byOutcome.set(r.outcome, (byOutcome.get(r.outcome) ?? 0) + 1);
  }
  const eventRows = await h.db
    .selectFrom("stripe_events")
    .select(["outcome", sql<number>`count(*)::int`.as("n")])
    .groupBy("outcome")
    .execute();
  const auditPerInvoice = await h.db
    .selectFrom("audit_log")
    .select(["entity_id", sql<number>`count(*)::int`.as("n")])
    .where("action", "=", "invoice.card.event")
    .groupBy("entity_id")
    .execute();
  const noticeCount = (
    await h.db
      .selectFrom("notifications")
      .select(sql<number>`count(*)::int`.as("n"))
      .where("kind", "=", "invoice.payment.paid")
      .executeTakeFirstOrThrow()
  ).n;
  const unpaid = (await h.db.selectFrom("invoices").select("payment_state").where("id", "in", invoiceIds).execute()).filter(
    (r) => (r.payment_state as { card: Record<string, { stage: string }> }).card[String(1)]?.stage !== "succeeded",
  ).length;

  const checks: [string, boolean][] = [
    [`every delivery answered 200 (${[...byStatus].map(([s, n]) => `${s}×${n}`).join(", ")})`, byStatus.get(200) === queue.length],
    [
      `${events.length} applied and ${queue.length - events.length} duplicates (${[...byOutcome].map(([o, n]) => `${o}×${n}`).join(", ")})`,
      byOutcome.get("applied") === events.length && byOutcome.get("duplicate") === queue.length - events.length,
    ],
    [
      `one stored event per id (${eventRows.map((r) => `${r.outcome}×${r.n}`).join(", ")})`,
      eventRows.length === 1 && eventRows[0]!.outcome === "applied" && eventRows[0]!.n === events.length,
    ],
    [`one audit row per invoice (${auditPerInvoice.length} invoices)`, auditPerInvoice.length === events.length && auditPerInvoice.every((r) => r.n === 1)],
    [`one notice per member per invoice (${noticeCount} = ${events.length} × ${members})`, noticeCount === events.length * members],
    [`every invoice paid (${unpaid} not)`, unpaid === 0],
  ];
  const ms = results.map((r) => r.ms).sort((a, b) => a - b);
  log("");
  log(`webhook deliveries: ${queue.length} (${events.length} events × ${COPIES}, shuffled) over ${CONNECTIONS} connections in ${seconds.toFixed(2)} s`);
  log(`  deliveries/s:      ${(queue.length / seconds).toFixed(0)}`);
  log(`  applied events/s:  ${(events.length / seconds).toFixed(0)} (each exactly once)`);
  log(
    `  latency ms:        p50 ${percentile(ms, 50).toFixed(1)} · p95 ${percentile(ms, 95).toFixed(1)} · p99 ${percentile(ms, 99).toFixed(1)} · max ${ms.at(-1)!.toFixed(1)}`,
  );
  for (const [what, ok] of checks) log(`  ${ok ? "✓" : "✗"} ${what}`);
  failed = checks.some(([, ok]) => !ok);
} catch (error) {
  console.error(error);
  failed = true;
} finally {
  if (server && server.exitCode === null) {
    server.kill("SIGTERM");
    await new Promise((r) => server!.once("exit", r));
  }
  await h.close();
  await standin.close();
  await services.stop();
}
process.exit(failed ? 1 : 0);
