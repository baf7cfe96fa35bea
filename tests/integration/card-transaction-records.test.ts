import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/domain/permissions";
import type { TransactionRecord } from "~/domain/invoices/transaction-records";
import { signWebhookPayload, stripeGateway, type PaymentGateway } from "~/services/payments/stripe-gateway.server";
import { searchTransactionRecords, type RecordSearchOutcome } from "~/services/transaction-records.server";
import { transactionRecordKeys } from "../../db/queries/transaction-records";
import { connectVendor, createInvoicedContract, type CardParties } from "../support/card-fixtures";
import { startStripeTestServer, type StripeTestServer } from "../support/stripe-test-server";
import { formatYen } from "~/utils/format";
import { actorFor, createAccount, FACTORY_PASSWORD } from "../factories";
import { apiRequest, Cookies, createHarness, postForm, type Harness } from "./harness";

// Card payments and card refunds as 取引書類 (電子帳簿保存法; decisions 0035 and 0036), end to end on real PostgreSQL and
// Meilisearch: Checkout Sessions opened through the official SDK against the local Stripe test server, webhooks
// signed with the SDK's generateTestHeaderString and posted to the built app's /webhooks/stripe route, the outbox
// drained by the real indexer. Two unrelated pairs of organisations (P and Q): P's card receipt and refunds are in
// P's buyer's and P's vendor's records — with the Tokyo date of Stripe's event, the amount the buyer paid (never net
// of the platform fee), the counterparty as printed on the invoice — on Meilisearch and on the PostgreSQL fallback
// alike, and never in Q's. Each record gets exactly one outbox row however often, late or concurrently the events come.

const SECRET = "whsec_card_records_0123456789abcdef";
let server: StripeTestServer;
let gateway: PaymentGateway;
let h: Harness;
let p: CardParties;
let q: CardParties;
const sessions = new Map<string, { sessionId: string; amount: number }>();
let seq = 0;
const eventId = () => `evt_rec_${++seq}_${Math.random().toString(36).slice(2, 8)}`;

/** 2026-12-24 15:30 UTC is 2026-12-25 00:30 in Tokyo: the record date must be the 25th. */
const PAID_AT = Date.parse("2026-12-24T15:30:00Z") / 1000;
/** 2027-01-05 16:00 UTC is 2027-01-06 01:00 in Tokyo. */
const REFUND1_AT = Date.parse("2027-01-05T16:00:00Z") / 1000;
const REFUND2_AT = Date.parse("2027-01-20T03:00:00Z") / 1000;

/** A signed delivery; `created` is Stripe's time of the event (the signature's timestamp is now, as Stripe's is). */
function signed(id: string, type: string, object: Record<string, unknown>, created = Math.floor(Date.now() / 1000)) {
  const payload = JSON.stringify({ id, object: "event", type, created, data: { object } });
  return { payload, signature: signWebhookPayload(payload, SECRET) };
}
async function post(body: { payload: string; signature: string }): Promise<string> {
  const res = await h.request("/webhooks/stripe", {
    method: "POST",
    body: body.payload,
    headers: { "Content-Type": "application/json", "Stripe-Signature": body.signature },
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { outcome: string }).outcome;
}
const completed = (invoiceId: string) => ({
  id: sessions.get(invoiceId)!.sessionId,
  object: "checkout.session",
  amount_total: sessions.get(invoiceId)!.amount,
  currency: "jpy",
  payment_status: "paid",
  status: "complete",
  payment_intent: `pi_rec_${invoiceId.slice(0, 8)}`,
  metadata: { invoiceId, attempt: "1" },
});
// As Stripe sends it for a refund: the charge, naming the payment intent, WITHOUT the session's metadata.
const refunded = (invoiceId: string, amountRefunded: number) => ({
  id: `ch_rec_${invoiceId.slice(0, 8)}`,
  object: "charge",
  amount: sessions.get(invoiceId)!.amount,
  amount_refunded: amountRefunded,
  currency: "jpy",
  payment_intent: `pi_rec_${invoiceId.slice(0, 8)}`,
});

const attemptOf = (invoiceId: string) =>
  h.db.selectFrom("card_payment_attempts").selectAll().where("invoice_id", "=", invoiceId).where("attempt", "=", 1).executeTakeFirstOrThrow();
const outboxRows = async (key: string) =>
  (await h.db.selectFrom("outbox").select("id").where("topic", "=", "transaction_record").where("entity_id", "=", key).execute()).length;
const refundsOf = (invoiceId: string) =>
  h.db.selectFrom("card_refunds_applied").selectAll().where("invoice_id", "=", invoiceId).orderBy("refunded_total").execute();
/** The names as printed on the invoice: the buyer sees the issuer, the vendor the recipient. */
async function printedNames(invoiceId: string) {
  const row = await h.db.selectFrom("invoices").select(["document", "number"]).where("id", "=", invoiceId).executeTakeFirstOrThrow();
  const doc = row.document as { issuer: { name: string }; recipient: { name: string } };
  return { issuer: doc.issuer.name, recipient: doc.recipient.name, number: row.number };
}

async function searchVia(mode: "search" | "database", actor: Actor, criteria: Record<string, unknown> = {}): Promise<RecordSearchOutcome> {
  // Meilisearch "down" for this call only (searches run one at a time).
  const healthy = h.ctx.searchHealthy;
  if (mode === "database") h.ctx.searchHealthy = async () => false;
  try {
    const r = await searchTransactionRecords(h.ctx, actor, criteria);
    if (!r.ok) throw new Error(`refused: ${JSON.stringify(r)}`);
    expect(r.mode).toBe(mode);
    return r;
  } finally {
    h.ctx.searchHealthy = healthy;
  }
}
const brief = (r: TransactionRecord) => `${r.documentType} ${r.recordDate} ${r.signedAmount} ${r.counterpartyName} ${r.number}`;
const cardRecords = (records: TransactionRecord[], recordIds: string[]) =>
  records
    .filter((r) => recordIds.includes(r.recordId))
    .map(brief)
    .sort();

const actors = async () => ({
  pBuyer: await actorFor(h.db, p.buyer.email),
  pVendor: await actorFor(h.db, p.vendor.email),
  qBuyer: await actorFor(h.db, q.buyer.email),
  qVendor: await actorFor(h.db, q.vendor.email),
});

beforeAll(async () => {
  server = await startStripeTestServer();
  gateway = stripeGateway({ secretKey: "sk_test_card_records", webhookSecret: SECRET, apiBase: server.apiBase });
  h = await createHarness({ payments: gateway });
  p = await createInvoicedContract(h, { milestones: 2, label: "甲" });
  q = await createInvoicedContract(h, { milestones: 1, label: "乙" });
  await connectVendor(h, p.vendor.org.id, "enabled");
  await connectVendor(h, q.vendor.org.id, "enabled");
  for (const [party, id] of [
    [p, p.invoiceIds[0]!],
    [p, p.invoiceIds[1]!],
    [q, q.invoiceIds[0]!],
  ] as const) {
    const res = await apiRequest(h, party.buyer.token, `/api/v1/invoices/${id}/payment-sessions`, { method: "POST" });
    expect(res.status).toBe(201);
    sessions.set(id, (await res.json()) as { sessionId: string; amount: number });
  }
  // Q's buyer pays too, so Q has card records of the same kind for the searches to (not) mix up.
  expect(await post(signed(eventId(), "checkout.session.completed", completed(q.invoiceIds[0]!), PAID_AT))).toBe("applied");
}, 240_000);
afterAll(async () => {
  await h?.close();
  await server?.close();
});

describe("a card payment is a receipt in both parties' 取引書類", () => {
  it("checkout.session.completed delivered 3 times: one receipt, one outbox row, found by buyer and vendor, never by another organisation", async () => {
    const id = p.invoiceIds[0]!;
    const event = signed(eventId(), "checkout.session.completed", completed(id), PAID_AT);
    expect([await post(event), await post(event), await post(event)]).toEqual(["applied", "duplicate", "duplicate"]);
    // A distinct event id repeating the fact (Stripe resends) adds no record either.
    expect(await post(signed(eventId(), "checkout.session.completed", completed(id), PAID_AT + 60))).toBe("unchanged");
    const attempt = await attemptOf(id);
    expect(await outboxRows(`receipt:${attempt.id}`)).toBe(1);
    await h.index();

    const a = await actors();
    const names = await printedNames(id);
    const amount = sessions.get(id)!.amount;
    // The fee is a real, non-zero figure: a record net of it would differ from the amount the buyer paid.
    expect(Number(attempt.application_fee)).toBeGreaterThan(0);
    expect(Number(attempt.amount)).toBe(amount);
    for (const mode of ["search", "database"] as const) {
      expect(cardRecords((await searchVia(mode, a.pBuyer)).records, [attempt.id])).toEqual([
        `card_receipt 2026-12-25 ${amount} ${names.issuer} ${names.number} カード1`,
      ]);
      expect(cardRecords((await searchVia(mode, a.pVendor)).records, [attempt.id])).toEqual([
        `card_receipt 2026-12-25 ${amount} ${names.recipient} ${names.number} カード1`,
      ]);
      // Found by the legal criteria combined: the Tokyo date (not the UTC 24th), the amount, the counterparty.
      const criteria = { dateFrom: "2026-12-25", dateTo: "2026-12-25", amountMin: amount, amountMax: amount, counterparty: names.issuer };
      expect((await searchVia(mode, a.pBuyer, criteria)).records.map((r) => r.recordId)).toEqual([attempt.id]);
      expect((await searchVia(mode, a.pBuyer, { ...criteria, dateFrom: "2026-12-24", dateTo: "2026-12-24" })).records).toEqual([]);
      // Another organisation's records never hold it, whatever it asks (Q paid on the same day).
      for (const other of [a.qBuyer, a.qVendor]) {
        const theirs = (await searchVia(mode, other)).records;
        expect(theirs.some((r) => r.recordId === attempt.id)).toBe(false);
        expect(theirs.every((r) => r.orgId === other.org!.id)).toBe(true);
        expect((await searchVia(mode, other, { counterparty: names.issuer })).records).toEqual([]);
        expect((await searchVia(mode, other, { counterparty: names.recipient })).records).toEqual([]);
      }
    }
    // The index itself holds the record only under P's organisations (the service's second check is not what hides it).
    for (const other of [a.qBuyer, a.qVendor]) {
      const { hits } = await h.search.searchTransactionRecords({ scope: { orgId: other.org!.id, side: other.org!.kind as "buyer" | "vendor" }, limit: 100 });
      expect(hits.some((d) => d.record_id === attempt.id)).toBe(false);
    }
    // The API answers the buyer with the record, and never a figure of the platform fee.
    const res = await apiRequest(
      h,
      p.buyer.token,
      `/api/v1/transaction-records?dateFrom=2026-12-25&dateTo=2026-12-25&counterparty=${encodeURIComponent(names.issuer)}`,
    );
    const body = await res.text();
    expect(res.status, body).toBe(200);
    const { records } = JSON.parse(body) as { records: { id: string; amount: number; signedAmount: number; documentType: string }[] };
    expect(records).toEqual([expect.objectContaining({ id: `receipt-${attempt.id}-buyer`, documentType: "card_receipt", amount, signedAmount: amount })]);
    const fee = Number(attempt.application_fee);
    expect(body).not.toMatch(new RegExp(`[:\\[,]${fee}[,}\\]]`));
    expect(body).not.toMatch(new RegExp(`[:\\[,]${amount - fee}[,}\\]]`));
  });

  it("10 deliveries of one completion in parallel: exactly one outbox row for the receipt", async () => {
    const id = p.invoiceIds[1]!;
    const event = signed(eventId(), "checkout.session.completed", completed(id), PAID_AT);
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => post(event)));
    expect(outcomes.filter((o) => o === "applied")).toHaveLength(1);
    expect(outcomes.filter((o) => o === "duplicate")).toHaveLength(9);
    const attempt = await attemptOf(id);
    expect(await outboxRows(`receipt:${attempt.id}`)).toBe(1);
  });
});

describe("a card refund is money returned in both parties' 取引書類", () => {
  it("charge.refunded 3× and 10 in parallel, then a late smaller figure: one record per refund step, one outbox row each", async () => {
    const id = p.invoiceIds[0]!;
    const attempt = await attemptOf(id);
    const amount = sessions.get(id)!.amount;
    const first = signed(eventId(), "charge.refunded", refunded(id, 3000), REFUND1_AT);
    expect([await post(first), await post(first), await post(first)]).toEqual(["applied", "duplicate", "duplicate"]);
    const second = signed(eventId(), "charge.refunded", refunded(id, 5000), REFUND2_AT);
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => post(second)));
    expect(outcomes.filter((o) => o === "applied")).toHaveLength(1);
    // An older figure arriving late under its own event id: no record (the refunded figure does not rise).
    expect(await post(signed(eventId(), "charge.refunded", refunded(id, 3000), REFUND1_AT))).toBe("unchanged");

    const refunds = await refundsOf(id);
    expect(refunds.map((r) => [Number(r.amount), Number(r.refunded_total), r.attempt_id])).toEqual([
      [3000, 3000, attempt.id],
      [2000, 5000, attempt.id],
    ]);
    for (const r of refunds) expect(await outboxRows(`receipt:${r.id}`)).toBe(1);
    // The receipt itself was not enqueued again by the refunds.
    expect(await outboxRows(`receipt:${attempt.id}`)).toBe(1);
    await h.index();

    const a = await actors();
    const names = await printedNames(id);
    const ids = [attempt.id, ...refunds.map((r) => r.id)];
    for (const mode of ["search", "database"] as const) {
      expect(cardRecords((await searchVia(mode, a.pBuyer)).records, ids)).toEqual([
        `card_receipt 2026-12-25 ${amount} ${names.issuer} ${names.number} カード1`,
        `card_refund 2027-01-06 -3000 ${names.issuer} ${names.number} カード1 返金1`,
        `card_refund 2027-01-20 -2000 ${names.issuer} ${names.number} カード1 返金2`,
      ]);
      expect(cardRecords((await searchVia(mode, a.pVendor)).records, ids)).toEqual([
        `card_receipt 2026-12-25 ${amount} ${names.recipient} ${names.number} カード1`,
        `card_refund 2027-01-06 -3000 ${names.recipient} ${names.number} カード1 返金1`,
        `card_refund 2027-01-20 -2000 ${names.recipient} ${names.number} カード1 返金2`,
      ]);
      // A refund is found by its magnitude, like a credit note, in the date range it happened.
      const found = await searchVia(mode, a.pBuyer, { dateFrom: "2027-01-01", dateTo: "2027-01-10", amountMin: 3000, amountMax: 3000 });
      expect(found.records.map((r) => r.recordId)).toEqual([refunds[0]!.id]);
      for (const other of [a.qBuyer, a.qVendor]) {
        expect((await searchVia(mode, other)).records.some((r) => ids.includes(r.recordId))).toBe(false);
      }
    }
  });

  it("a refund arriving before its completion: the receipt and the refund are each booked once, whatever comes later", async () => {
    const id = p.invoiceIds[1]!;
    const attempt = await attemptOf(id);
    const amount = sessions.get(id)!.amount;
    // Invoice 2's completion was applied above; this is its full refund, then the completion again (late, new id).
    expect(await post(signed(eventId(), "charge.refunded", refunded(id, amount), REFUND2_AT))).toBe("applied");
    expect(await post(signed(eventId(), "checkout.session.completed", completed(id), PAID_AT))).toBe("unchanged");
    const refunds = await refundsOf(id);
    expect(refunds.map((r) => Number(r.amount))).toEqual([amount]);
    expect(await outboxRows(`receipt:${attempt.id}`)).toBe(1);
    expect(await outboxRows(`receipt:${refunds[0]!.id}`)).toBe(1);
  });
});

describe("a refund asked by a platform admin", () => {
  it("is a record only once charge.refunded applied it; then both Q parties have it (on the /records page too), P does not", async () => {
    const id = q.invoiceIds[0]!;
    const attempt = await attemptOf(id);
    const admin = await createAccount(h.db, { kind: "platform", org: "くらべ運営" });
    const asked = await apiRequest(h, admin.token, `/api/v1/invoices/${id}/refunds`, { method: "POST", body: { amount: "1,000", reason: "検収後の値引き" } });
    expect(asked.status).toBe(201);
    // Asked of Stripe is not money returned: no record, no outbox row yet.
    expect(await refundsOf(id)).toEqual([]);
    expect(await post(signed(eventId(), "charge.refunded", refunded(id, 1000), REFUND1_AT))).toBe("applied");
    const refunds = await refundsOf(id);
    expect(refunds.map((r) => Number(r.amount))).toEqual([1000]);
    expect(await outboxRows(`receipt:${refunds[0]!.id}`)).toBe(1);
    await h.index();

    const a = await actors();
    const names = await printedNames(id);
    for (const mode of ["search", "database"] as const) {
      expect(cardRecords((await searchVia(mode, a.qBuyer)).records, [attempt.id, refunds[0]!.id])).toEqual([
        `card_receipt 2026-12-25 ${sessions.get(id)!.amount} ${names.issuer} ${names.number} カード1`,
        `card_refund 2027-01-06 -1000 ${names.issuer} ${names.number} カード1 返金1`,
      ]);
      expect(cardRecords((await searchVia(mode, a.qVendor)).records, [refunds[0]!.id])).toEqual([
        `card_refund 2027-01-06 -1000 ${names.recipient} ${names.number} カード1 返金1`,
      ]);
      for (const other of [a.pBuyer, a.pVendor]) expect((await searchVia(mode, other)).records.some((r) => r.recordId === refunds[0]!.id)).toBe(false);
    }
    // The vendor's /records page shows it with its sign and its kind, in both languages.
    const cookies = new Cookies();
    expect((await postForm(h, "/login", { email: q.vendor.email, password: FACTORY_PASSWORD }, cookies)).status).toBe(302);
    const query = `/records?search=1&dateFrom=2027-01-06&dateTo=2027-01-06&counterparty=${encodeURIComponent(names.recipient)}`;
    const ja = await (await h.request(query, { cookies, headers: { "Accept-Language": "ja" } })).text();
    expect(ja).toContain("カード返金記録");
    expect(ja).toContain(formatYen(-1000, "ja"));
    expect(ja).toContain(`${names.number} カード1 返金1`);
    const en = await (await h.request(query, { cookies, headers: { "Accept-Language": "en" } })).text();
    expect(en).toContain("Card refund");
    expect(en).toContain(formatYen(-1000, "en"));
  });
});

describe("the index can be rebuilt", () => {
  it("`npm run reindex transaction_records` walks the card receipts and refunds (the same keys the webhook enqueued)", async () => {
    const keys: string[] = [];
    for (let after: string | null = null; ;) {
      const page = await transactionRecordKeys(h.db, after, 5, h.clock.now());
      if (page.length === 0) break;
      keys.push(...page);
      after = page[page.length - 1]!;
    }
    const attempts = await h.db.selectFrom("card_payment_attempts").select("id").where("succeeded_at", "is not", null).execute();
    const refunds = await h.db.selectFrom("card_refunds_applied").select("id").execute();
    expect(attempts).toHaveLength(3);
    expect(refunds).toHaveLength(4);
    for (const { id } of [...attempts, ...refunds]) expect(keys).toContain(`receipt:${id}`);
    // Every card record the webhooks enqueued is one of those keys, and nothing else of theirs was enqueued.
    const enqueued = await h.db
      .selectFrom("outbox")
      .select("entity_id")
      .where("topic", "=", "transaction_record")
      .where("entity_id", "like", "receipt:%")
      .execute();
    expect(enqueued.map((e) => e.entity_id).sort()).toEqual([...attempts, ...refunds].map((r) => `receipt:${r.id}`).sort());
  });
});
