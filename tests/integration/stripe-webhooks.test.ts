import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { signWebhookPayload, stripeGateway, type PaymentGateway } from "~/services/payments/stripe-gateway.server";
import { connectVendor, createInvoicedContract, type CardParties } from "../support/card-fixtures";
import { startStripeTestServer, type StripeTestServer } from "../support/stripe-test-server";
import { FACTORY_PASSWORD } from "../factories";
import { apiRequest, Cookies, createHarness, postForm, type Harness } from "./harness";
import { rowCounts } from "./row-counts";

// Stripe webhooks at /webhooks/stripe applied exactly once (issue 16 item 4; decision 0035), through the HTTP route
// of the built app on real PostgreSQL. Every delivery is signed with the official SDK's generateTestHeaderString
// (signWebhookPayload) and verified by the SDK's constructEvent; the Checkout Sessions the events refer to were opened
// through the SDK against a local test server that records the calls (tests/support/stripe-test-server.ts).

const SECRET = "whsec_webhooks_test_0123456789abcdef";
let server: StripeTestServer;
let gateway: PaymentGateway;
let h: Harness;
let p: CardParties;
let accountId: string;
/** Per invoice: its open attempt's session id and amount. */
const sessions = new Map<string, { sessionId: string; amount: number }>();

const TABLES = ["stripe_events", "audit_log", "notifications", "card_payment_attempts", "stripe_accounts", "outbox", "card_refunds_applied"] as const;
let seq = 0;
const eventId = () => `evt_wh_${++seq}_${Math.random().toString(36).slice(2, 8)}`;

function signed(id: string, type: string, object: Record<string, unknown>, opts: { secret?: string; timestamp?: number } = {}) {
  const payload = JSON.stringify({ id, object: "event", type, created: Math.floor(Date.now() / 1000), data: { object } });
  return { payload, signature: signWebhookPayload(payload, opts.secret ?? SECRET, opts.timestamp) };
}
function post(body: { payload: string; signature: string | null }) {
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (body.signature !== null) headers["Stripe-Signature"] = body.signature;
  return h.request("/webhooks/stripe", { method: "POST", body: body.payload, headers });
}
const completed = (invoiceId: string, extra: Record<string, unknown> = {}) => {
  const s = sessions.get(invoiceId)!;
  return {
    id: s.sessionId,
    object: "checkout.session",
    amount_total: s.amount,
    currency: "jpy",
    payment_status: "paid",
    status: "complete",
    payment_intent: `pi_for_${invoiceId.slice(0, 8)}`,
    metadata: { invoiceId, attempt: "1" },
    ...extra,
  };
};
const refunded = (invoiceId: string, amountRefunded: number, extra: Record<string, unknown> = {}) => ({
  id: `ch_for_${invoiceId.slice(0, 8)}`,
  object: "charge",
  amount: sessions.get(invoiceId)!.amount,
  amount_refunded: amountRefunded,
  currency: "jpy",
  metadata: { invoiceId, attempt: "1" },
  ...extra,
});
const status = async (invoiceId: string) => ((await (await apiRequest(h, p.buyer.token, `/api/v1/invoices/${invoiceId}`)).json()) as { status: string }).status;
const paymentState = async (invoiceId: string) =>
  (await h.db.selectFrom("invoices").select("payment_state").where("id", "=", invoiceId).executeTakeFirstOrThrow()).payment_state;
const effects = (invoiceId: string) =>
  h.db.selectFrom("audit_log").select(["after"]).where("action", "=", "invoice.card.event").where("entity_id", "=", invoiceId).execute();
const notices = (invoiceId: string) =>
  h.db
    .selectFrom("notifications")
    .select(["user_id", "kind"])
    .where(sql<string>`payload->>'invoiceId'`, "=", invoiceId)
    .execute();
const members = async () =>
  (await h.db.selectFrom("memberships").select("user_id").where("org_id", "in", [p.buyer.org.id, p.vendor.org.id]).execute()).map((m) => m.user_id).sort();
/** The 取引書類 outbox rows (decision 0036) of the invoice's card receipts and card refunds. */
const recordRows = async (invoiceId: string) => {
  const attempts = await h.db.selectFrom("card_payment_attempts").select("id").where("invoice_id", "=", invoiceId).execute();
  const refunds = await h.db.selectFrom("card_refunds_applied").select("id").where("invoice_id", "=", invoiceId).execute();
  const keys = [...attempts, ...refunds].map((r) => `receipt:${r.id}`);
  if (keys.length === 0) return [];
  return (await h.db.selectFrom("outbox").select("entity_id").where("topic", "=", "transaction_record").where("entity_id", "in", keys).execute()).map(
    (r) => r.entity_id,
  );
};
const stored = (id: string) => h.db.selectFrom("stripe_events").selectAll().where("event_id", "=", id).executeTakeFirst();

beforeAll(async () => {
  server = await startStripeTestServer();
  gateway = stripeGateway({ secretKey: "sk_test_webhooks", webhookSecret: SECRET, apiBase: server.apiBase });
  h = await createHarness({ payments: gateway });
  p = await createInvoicedContract(h, { milestones: 8, label: "通知" });
  accountId = await connectVendor(h, p.vendor.org.id, "enabled");
  for (const id of p.invoiceIds) {
    const res = await apiRequest(h, p.buyer.token, `/api/v1/invoices/${id}/payment-sessions`, { method: "POST" });
    expect(res.status).toBe(201);
    const s = (await res.json()) as { sessionId: string; amount: number };
    sessions.set(id, s);
  }
});
afterAll(async () => {
  await h?.close();
  await server?.close();
});

describe("exactly once", () => {
  it("the same event delivered 3 times: one effect — state once, one audit row, one notice per member, one stored event", async () => {
    const id = p.invoiceIds[0]!;
    const event = signed(eventId(), "checkout.session.completed", completed(id));
    const answers = [];
    for (let i = 0; i < 3; i++) {
      const res = await post(event);
      answers.push([res.status, ((await res.json()) as { outcome: string }).outcome]);
    }
    expect(answers).toEqual([
      [200, "applied"],
      [200, "duplicate"],
      [200, "duplicate"],
    ]);
    expect(await status(id)).toBe("paid");
    expect(await effects(id)).toEqual([
      {
        after: expect.objectContaining({ status: "paid", type: "checkout.session.completed", changed: true }),
      },
    ]);
    // Every member of the buyer and of the vendor, told once each.
    const told = await notices(id);
    expect(told.map((n) => n.user_id).sort()).toEqual(await members());
    expect(told.map((n) => n.user_id)).toEqual(expect.arrayContaining([p.buyer.user.id, p.vendor.user.id]));
    expect(new Set(told.map((n) => n.kind))).toEqual(new Set(["invoice.payment.paid"]));
    // In their words, on the notifications page.
    const cookies = new Cookies();
    expect((await postForm(h, "/login", { email: p.vendor.email, password: FACTORY_PASSWORD }, cookies)).status).toBe(302);
    const number = (await h.db.selectFrom("invoices").select("number").where("id", "=", id).executeTakeFirstOrThrow()).number;
    expect(await (await h.request("/notifications", { cookies })).text()).toContain(`請求書 ${number} の入金を確認しました`);
    expect(await stored(JSON.parse(event.payload).id)).toMatchObject({ type: "checkout.session.completed", outcome: "applied", invoice_id: id });
    // The payment intent is kept for refunds, and the moment Stripe took the money (the event's time) for the books.
    const attempt = await h.db
      .selectFrom("card_payment_attempts")
      .select(["payment_intent_id", "succeeded_at"])
      .where("invoice_id", "=", id)
      .executeTakeFirstOrThrow();
    expect(attempt.payment_intent_id).toBe(`pi_for_${id.slice(0, 8)}`);
    expect(attempt.succeeded_at).toEqual(new Date((JSON.parse(event.payload) as { created: number }).created * 1000));
    // The card receipt is a 取引書類: one outbox row, written in the effect's transaction.
    const attemptId = (await h.db.selectFrom("card_payment_attempts").select("id").where("invoice_id", "=", id).executeTakeFirstOrThrow()).id;
    expect(await recordRows(id)).toEqual([`receipt:${attemptId}`]);
  });

  it("10 deliveries of one event in parallel through the HTTP route: exactly one effect", async () => {
    const id = p.invoiceIds[1]!;
    const event = signed(eventId(), "checkout.session.completed", completed(id));
    const answers = await Promise.all(Array.from({ length: 10 }, () => post(event)));
    expect(answers.map((r) => r.status)).toEqual(Array(10).fill(200));
    const outcomes = (await Promise.all(answers.map((r) => r.json()))).map((b) => (b as { outcome: string }).outcome);
    expect(outcomes.filter((o) => o === "applied")).toHaveLength(1);
    expect(outcomes.filter((o) => o === "duplicate")).toHaveLength(9);
    expect(await effects(id)).toHaveLength(1);
    expect(await notices(id)).toHaveLength((await members()).length);
    expect(await status(id)).toBe("paid");
    expect(await recordRows(id)).toHaveLength(1);
  });

  it("distinct events for the same payment each count once, and a late one never moves the invoice backwards", async () => {
    const id = p.invoiceIds[1]!;
    // Stripe may send a second event id for the same fact (e.g. a resent completion): no change, still one notice.
    const again = await post(signed(eventId(), "checkout.session.completed", completed(id)));
    expect(((await again.json()) as { outcome: string }).outcome).toBe("unchanged");
    const late = await post(signed(eventId(), "checkout.session.async_payment_failed", completed(id, { payment_status: "unpaid" })));
    expect(((await late.json()) as { outcome: string }).outcome).toBe("unchanged");
    expect(await status(id)).toBe("paid");
    expect(await notices(id)).toHaveLength((await members()).length);
    expect(await recordRows(id)).toHaveLength(1);
  });
});

describe("order", () => {
  it("refund before completion (reordered): the final state is refunded, and the completion arriving last changes nothing", async () => {
    const id = p.invoiceIds[2]!;
    const amount = sessions.get(id)!.amount;
    const refund = await post(signed(eventId(), "charge.refunded", refunded(id, amount)));
    expect(((await refund.json()) as { outcome: string }).outcome).toBe("applied");
    expect(await status(id)).toBe("refunded");
    const completion = await post(signed(eventId(), "checkout.session.completed", completed(id)));
    expect(completion.status).toBe(200);
    expect(await status(id)).toBe("refunded");
    expect((await effects(id)).map((e) => (e.after as { status: string }).status)).toEqual(["refunded", "refunded"]);
    // The receipt (the refund proves the charge) and the refund: one outbox row each, the late completion adds none.
    expect(await recordRows(id)).toHaveLength(2);
  });

  it("a partial refund then a larger cumulative one: Stripe's cumulative figure wins whatever the order", async () => {
    const id = p.invoiceIds[3]!;
    const amount = sessions.get(id)!.amount;
    await post(signed(eventId(), "checkout.session.completed", completed(id)));
    await post(signed(eventId(), "charge.refunded", refunded(id, 3000)));
    await post(signed(eventId(), "charge.refunded", refunded(id, 1000))); // an older event, late
    expect(await status(id)).toBe("partially_refunded");
    expect((await paymentState(id)) as { card: Record<string, { refunded: number; amount: number }> }).toMatchObject({
      card: { "1": { refunded: 3000, amount } },
    });
    // The receipt and one refund of ¥3,000; the late ¥1,000 figure books nothing.
    const refunds = await h.db.selectFrom("card_refunds_applied").select(["amount", "refunded_total"]).where("invoice_id", "=", id).execute();
    expect(refunds.map((r) => [Number(r.amount), Number(r.refunded_total)])).toEqual([[3000, 3000]]);
    expect(await recordRows(id)).toHaveLength(2);
  });

  it("checkout.session.expired: the abandoned session no longer holds the invoice, and a new attempt opens", async () => {
    const id = p.invoiceIds[7]!;
    expect(await status(id)).toBe("issued");
    await post(signed(eventId(), "checkout.session.expired", completed(id, { payment_status: "unpaid", status: "expired" })));
    expect(await status(id)).toBe("issued");
    const retry = await apiRequest(h, p.buyer.token, `/api/v1/invoices/${id}/payment-sessions`, { method: "POST" });
    expect(retry.status).toBe(201);
    expect(((await retry.json()) as { attempt: number }).attempt).toBe(2);
    // A completion of the expired session arriving late still counts: Stripe took the money.
    await post(signed(eventId(), "checkout.session.completed", completed(id)));
    expect(await status(id)).toBe("paid");
  });

  it("an async payment: completed but unpaid stays processing, then fails back to unpaid; the session can be paid again", async () => {
    const id = p.invoiceIds[4]!;
    await post(signed(eventId(), "checkout.session.completed", completed(id, { payment_status: "unpaid" })));
    expect(await status(id)).toBe("processing");
    await post(signed(eventId(), "checkout.session.async_payment_failed", completed(id, { payment_status: "unpaid" })));
    expect(await status(id)).toBe("issued");
    const retry = await apiRequest(h, p.buyer.token, `/api/v1/invoices/${id}/payment-sessions`, { method: "POST" });
    expect(retry.status).toBe(201);
    expect(((await retry.json()) as { attempt: number }).attempt).toBe(2);
  });
});

describe("refused deliveries write nothing", () => {
  it("a forged signature, a stale timestamp (> 300 s) and a missing header → 400, no row in stripe_events, audit or invoices changed", async () => {
    const id = p.invoiceIds[5]!;
    const before = await rowCounts(h.db, TABLES);
    const stateBefore = await paymentState(id);
    const forged = signed(eventId(), "checkout.session.completed", completed(id), { secret: "whsec_someone_else" });
    const stale = signed(eventId(), "checkout.session.completed", completed(id), { timestamp: Math.floor(Date.now() / 1000) - 301 });
    const good = signed(eventId(), "checkout.session.completed", completed(id));
    const tampered = { payload: good.payload.replace(`"amount_total":${sessions.get(id)!.amount}`, '"amount_total":1'), signature: good.signature };
    for (const body of [forged, stale, tampered, { payload: good.payload, signature: null }]) {
      const res = await post(body);
      expect(res.status).toBe(400);
    }
    expect(await rowCounts(h.db, TABLES)).toEqual(before);
    expect(await paymentState(id)).toEqual(stateBefore);
    expect(await status(id)).toBe("issued");
  });

  it("a payload signed with our secret that is not an event (no id or type) → 400, nothing stored", async () => {
    const before = await rowCounts(h.db, TABLES);
    for (const payload of [
      "{}",
      JSON.stringify({ id: "evt_no_type", data: { object: {} } }),
      JSON.stringify({ id: "evt_no_object", type: "charge.refunded" }),
    ]) {
      expect((await post({ payload, signature: signWebhookPayload(payload, SECRET) })).status).toBe(400);
    }
    expect(await rowCounts(h.db, TABLES)).toEqual(before);
  });

  it("an unknown event type, and an event that is not ours: 200, stored once, no effect", async () => {
    const auditBefore = (await rowCounts(h.db, ["audit_log"])).audit_log;
    const unknown = eventId();
    expect((await post(signed(unknown, "customer.created", { id: "cus_1", object: "customer" }))).status).toBe(200);
    const foreign = eventId();
    const otherInvoice = "0f0f0f0f-0000-4000-8000-000000000000";
    expect(
      (
        await post(
          signed(foreign, "checkout.session.completed", {
            id: "cs_x",
            amount_total: 100,
            currency: "jpy",
            payment_status: "paid",
            metadata: { invoiceId: otherInvoice, attempt: "1" },
          }),
        )
      ).status,
    ).toBe(200);
    const noMetadata = eventId();
    expect(
      (await post(signed(noMetadata, "charge.refunded", { id: "ch_x", amount: 100, amount_refunded: 100, currency: "jpy", payment_intent: "pi_unknown" })))
        .status,
    ).toBe(200);
    expect((await stored(unknown))?.outcome).toBe("ignored:unhandledType");
    expect((await stored(foreign))?.outcome).toBe("ignored:notOurs");
    expect((await stored(noMetadata))?.outcome).toBe("ignored:notOurs");
    expect((await rowCounts(h.db, ["audit_log"])).audit_log).toBe(auditBefore);
  });

  it("a failing effect → 500 and the event id NOT stored (rolled back), so Stripe's retry is applied", async () => {
    const id = p.invoiceIds[5]!;
    const amount = sessions.get(id)!.amount;
    const failing = eventId();
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    // More refunded than charged cannot be applied (the payment state refuses malformed money), after the id was claimed.
    const res = await post(signed(failing, "charge.refunded", refunded(id, amount + 1)));
    expect(res.status).toBe(500);
    expect(logged).toHaveBeenCalledTimes(1);
    logged.mockRestore();
    expect(await stored(failing)).toBeUndefined();
    expect(await effects(id)).toEqual([]);
    expect(await recordRows(id)).toEqual([]);
    expect(await status(id)).toBe("issued");
    // The same event id delivered again (as Stripe retries) is not taken for a duplicate.
    const retried = await post(signed(failing, "charge.refunded", refunded(id, amount)));
    expect(((await retried.json()) as { outcome: string }).outcome).toBe("applied");
    expect(await status(id)).toBe("refunded");
  });

  it("the endpoint takes POST only, and answers 404 while card payment is off", async () => {
    expect((await h.request("/webhooks/stripe")).status).toBe(405);
    h.ctx.payments = null;
    try {
      const res = await post(signed(eventId(), "checkout.session.completed", completed(p.invoiceIds[6]!)));
      expect(res.status).toBe(404);
    } finally {
      h.ctx.payments = gateway;
    }
    expect(await status(p.invoiceIds[6]!)).toBe("issued");
  });
});

describe("account.updated", () => {
  it("keeps the vendor's Connect state (audited once per change); a duplicate or an unknown account changes nothing", async () => {
    const restricted = signed(eventId(), "account.updated", {
      id: accountId,
      object: "account",
      details_submitted: true,
      charges_enabled: false,
      payouts_enabled: true,
    });
    expect((await post(restricted)).status).toBe(200);
    expect((await post(restricted)).status).toBe(200);
    const row = async () => (await h.db.selectFrom("stripe_accounts").select("state").where("account_id", "=", accountId).executeTakeFirstOrThrow()).state;
    expect(await row()).toBe("restricted");
    const changes = () => h.db.selectFrom("audit_log").select(["before", "after"]).where("action", "=", "payouts.account.updated").execute();
    expect(await changes()).toEqual([{ before: { state: "enabled" }, after: expect.objectContaining({ state: "restricted", accountId }) }]);
    await post(
      signed(eventId(), "account.updated", { id: accountId, object: "account", details_submitted: true, charges_enabled: true, payouts_enabled: true }),
    );
    expect(await row()).toBe("enabled");
    const stranger = eventId();
    await post(
      signed(stranger, "account.updated", { id: "acct_not_ours", object: "account", details_submitted: true, charges_enabled: true, payouts_enabled: true }),
    );
    expect((await stored(stranger))?.outcome).toBe("ignored:notOurs");
    expect(await changes()).toHaveLength(2);
  });
});
