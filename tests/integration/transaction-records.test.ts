import { createHash } from "node:crypto";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openingSweep } from "../../app/jobs/search";
import type { ScheduleDefinition } from "../../app/jobs/runner";
import { matchesTransactionSearch, type TransactionSearch } from "~/domain/invoices/retention";
import { recordFacts, toTransactionRecord, type TransactionRecord } from "~/domain/invoices/transaction-records";
import { transactionRecordKeys, transactionRecordRowsByKeys } from "../../db/queries/transaction-records";
import type { Actor } from "~/domain/permissions";
import { searchTransactionRecords, type RecordSearchOutcome } from "~/services/transaction-records.server";
import { actorFor, createAccount, createAcceptedAward, createPublishedRfq, rfqInput, submitQuote, FACTORY_PASSWORD, type Account } from "../factories";
import { apiRequest, Cookies, createHarness, postForm, type ApiInit, type Harness } from "./harness";

// 電子帳簿保存法 (issue 16 item 5; decision 0036) on real PostgreSQL and Meilisearch: two buyers and two vendors with
// quotes, purchase orders, invoices, a credit note and a receipt on different dates and amounts. Every combination of
// two and of three criteria (date range × amount range × counterparty) answers exactly the records the pure rule
// `matchesTransactionSearch` picks out of the reader's own records — on Meilisearch AND on the PostgreSQL fallback,
// which answer the same. Never another organisation's: another buyer's invoice with the same amount and date is
// absent; a sealed quote is absent from the buyer's records (and from the index) until it is opened, while its
// vendor has it from submission. Searches, downloads, refusals and exports are audited; the ZIP is read back
// (index.csv and a PDF whose SHA-256 equals the stored one); bad input is 400 with field paths in ja and en; the page.

const REG = "T7000012050002";
const BANK = { bank: "くらべ銀行", branch: "本店営業部", type: "普通", number: "1234567", holderKana: "ジユチユウサービス（カ" };

let h: Harness;
let buyerA: Account;
let buyerB: Account;
let vendorX: Account;
let vendorY: Account;
const ids = {
  quote1: "",
  quote2: "",
  sealedQuote: "",
  sealedRfq: "",
  contract1: "",
  contract2: "",
  inv1: "",
  inv2: "",
  creditNote: "",
  inv1b: "",
  receipt: "",
};

type Problem = { title: string; errors?: { path: string; message: string }[] };
const api = (token: string, path: string, init: ApiInit = {}) => apiRequest(h, token, path, init);
async function ok<T = Record<string, unknown>>(res: Promise<Response>, status = 200): Promise<T> {
  const r = await res;
  const body = await r.text();
  expect(r.status, body).toBe(status);
  return (body ? JSON.parse(body) : {}) as T;
}

/** The vendor delivers a milestone, which the buyer can then accept (検収 inspects a delivery, decision 0039). */
const deliver = (contractId: string, index: number) =>
  ok(api(vendorX.token, `/api/v1/contracts/${contractId}/deliveries`, { method: "POST", body: { milestoneIndex: index, note: "納品します" } }), 201);

/** Contract between the award's buyer and vendor: two milestones of 50 %, activated (a 発注書) and the first one delivered and accepted. */
async function activeContract(buyer: Account, rfqId: string, acceptedOn: string): Promise<string> {
  const { id } = await ok<{ id: string }>(api(buyer.token, `/api/v1/rfqs/${rfqId}/contract`, { method: "POST" }), 201);
  const milestones = [0, 1].map((i) => ({ name: `第${i + 1}回`, dueDate: "2027-03-31", acceptance: "完了報告書の承認", paymentDueDays: 60, percent: 50 }));
  await ok(api(buyer.token, `/api/v1/contracts/${id}/milestones`, { method: "PUT", body: { basis: "percent", milestones } }));
  await ok(api(buyer.token, `/api/v1/contracts/${id}/activate`, { method: "POST" }));
  await deliver(id, 0);
  await ok(api(buyer.token, `/api/v1/contracts/${id}/milestones/0/acceptance`, { method: "POST", body: { acceptedOn } }), 201);
  return id;
}

const line = (unitPrice: number) => [{ description: "業務委託", quantity: 1, unitPrice, taxRate: 10 }];

beforeAll(async () => {
  h = await createHarness();
  buyerA = await createAccount(h.db, { kind: "buyer", org: "請求商事株式会社" });
  buyerB = await createAccount(h.db, { kind: "buyer", org: "別テナント工業株式会社" });
  vendorX = await createAccount(h.db, { kind: "vendor", vendor: { name: "受注サービス株式会社" } });
  vendorY = await createAccount(h.db, { kind: "vendor", vendor: { name: "ABC Data 株式会社" } });
  await h.db.updateTable("organizations").set({ invoice_registration_number: REG }).where("id", "=", vendorX.org.id).execute();
  await ok(api(vendorX.token, "/api/v1/invoice-settings", { method: "PUT", body: { bankAccount: BANK } }));

  // Quote 1 (2026-11-20) → award to buyer A; quote 2 (2026-12-04) → award to buyer B (each opens 14 days later).
  const spec = (buyer: Account) => ({
    buyerEmail: buyer.email,
    buyerOrgId: buyer.org.id,
    vendorEmail: vendorX.email,
    vendorOrgId: vendorX.org.id,
    buyerKind: "company" as const,
  });
  const award1 = await createAcceptedAward(h, spec(buyerA));
  const award2 = await createAcceptedAward(h, spec(buyerB));
  ids.quote1 = award1.quoteId;
  ids.quote2 = award2.quoteId;

  // A sealed RFQ of buyer A, vendor Y quotes on 2026-12-18; its deadline is 2027-01-01.
  const buyerActor = await actorFor(h.db, buyerA.email);
  ids.sealedRfq = await createPublishedRfq(
    h,
    buyerActor,
    rfqInput(h, { sealed: true, invitedVendorIds: [vendorY.org.id], requiredCertifications: [], dataSensitivity: "none", title: "封緘見積の案件" }),
  );
  ids.sealedQuote = await submitQuote(h, await actorFor(h.db, vendorY.email), ids.sealedRfq);

  // 2026-12-21: both contracts concluded (発注書), milestone 1 accepted, invoiced the same amount on the same day.
  h.clock.set("2026-12-21T10:00:00+09:00");
  ids.contract1 = await activeContract(buyerA, award1.rfqId, "2026-12-21");
  ids.contract2 = await activeContract(buyerB, award2.rfqId, "2026-12-21");
  const issue = (contractId: string, index: number, invoiceDate: string, unitPrice: number) =>
    ok<{ id: string }>(
      api(vendorX.token, `/api/v1/contracts/${contractId}/milestones/${index}/invoice`, { method: "POST", body: { invoiceDate, lines: line(unitPrice) } }),
      201,
    );
  ids.inv1 = (await issue(ids.contract1, 0, "2026-12-21", 100_000)).id; // ¥110,000
  ids.inv2 = (await issue(ids.contract2, 0, "2026-12-21", 100_000)).id; // ¥110,000, buyer B
  ids.creditNote = (
    await ok<{ id: string }>(
      api(vendorX.token, `/api/v1/invoices/${ids.inv1}/credit-notes`, {
        method: "POST",
        body: { invoiceDate: "2026-12-22", reason: "値引き", lines: line(20_000) },
      }),
      201,
    )
  ).id; // ¥-22,000

  // 2027-01-10: the second milestone of contract 1 (¥330,000) and buyer A's bank transfer of ¥50,000 received 2026-12-25.
  h.clock.set("2027-01-10T10:00:00+09:00");
  await deliver(ids.contract1, 1);
  await ok(api(buyerA.token, `/api/v1/contracts/${ids.contract1}/milestones/1/acceptance`, { method: "POST", body: { acceptedOn: "2027-01-10" } }), 201);
  ids.inv1b = (await issue(ids.contract1, 1, "2027-01-10", 300_000)).id;
  ids.receipt = (
    await ok<{ receiptId: string }>(
      api(buyerA.token, `/api/v1/invoices/${ids.inv1}/receipts`, { method: "POST", body: { amount: 50_000, receivedOn: "2026-12-25" } }),
      201,
    )
  ).receiptId;
  // Back before the sealed deadline: the indexer runs as of a time the sealed quote is still closed.
  h.clock.set("2026-12-28T10:00:00+09:00");
  await h.index();
}, 240_000);
afterAll(() => h?.close());

const actors = async () => ({
  buyerA: await actorFor(h.db, buyerA.email),
  buyerB: await actorFor(h.db, buyerB.email),
  vendorX: await actorFor(h.db, vendorX.email),
  vendorY: await actorFor(h.db, vendorY.email),
});

async function searchVia(mode: "search" | "database", actor: Actor, criteria: Record<string, unknown>): Promise<RecordSearchOutcome> {
  // Meilisearch "down" for this call only; searches run one at a time (a concurrent one would see it down too).
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

/** A record as the tests compare it: what it is, its date, amount, counterparty and number. */
const brief = (r: TransactionRecord) => `${r.documentType} ${r.recordDate} ${r.signedAmount} ${r.counterpartyName} ${r.number}`;
const amountOf = async (quoteId: string) =>
  Number(
    (await h.db.selectFrom("quote_versions").select("normalized").where("quote_id", "=", quoteId).orderBy("version", "desc").executeTakeFirstOrThrow())
      .normalized!["contractValueIncludingTax" as never],
  );
const poTotal = async (contractId: string) => {
  const row = await h.db
    .selectFrom("contract_versions")
    .select("content")
    .where("contract_id", "=", contractId)
    .orderBy("version", "desc")
    .executeTakeFirstOrThrow();
  return (row.content as { totals: { total: number } }).totals.total;
};
const numberOf = async (invoiceId: string) => (await h.db.selectFrom("invoices").select("number").where("id", "=", invoiceId).executeTakeFirstOrThrow()).number;

describe("the records of each side", () => {
  it("are exactly each organisation's own documents, with 取引年月日, amount, counterparty, number and 保存期限", async () => {
    const a = await actors();
    const [q1, q2, po1, po2] = [await amountOf(ids.quote1), await amountOf(ids.quote2), await poTotal(ids.contract1), await poTotal(ids.contract2)];
    const [n1, n2, nCn, n1b] = [await numberOf(ids.inv1), await numberOf(ids.inv2), await numberOf(ids.creditNote), await numberOf(ids.inv1b)];
    expect([n1, n2, nCn, n1b]).toEqual(["INV-000001", "INV-000002", "INV-000003", "INV-000004"]);
    const all = async (actor: Actor) => (await searchVia("database", actor, {})).records;
    const buyerARecords = await all(a.buyerA);
    expect(buyerARecords.map(brief)).toEqual([
      `invoice 2027-01-10 330000 受注サービス株式会社 INV-000004`,
      `receipt 2026-12-25 50000 受注サービス株式会社 INV-000001`,
      `credit_note 2026-12-22 -22000 受注サービス株式会社 INV-000003`,
      `invoice 2026-12-21 110000 受注サービス株式会社 INV-000001`,
      expect.stringMatching(new RegExp(`^purchase_order 2026-12-21 ${po1} 受注サービス株式会社 PO-2026-[0-9A-F]{8}-1$`)),
      expect.stringMatching(new RegExp(`^quote 2026-11-20 ${q1} 受注サービス株式会社 Q-[0-9A-F]{8}-v1$`)),
    ]);
    // 2026-12-21 falls in the fiscal year ending March 2027: filed by 2027-05-31, kept 7 years from then.
    expect(buyerARecords.find((r) => r.documentType === "invoice")!.retentionEnd).toBe("2034-05-31");
    expect((await all(a.buyerB)).map(brief)).toEqual([
      `invoice 2026-12-21 110000 受注サービス株式会社 INV-000002`,
      expect.stringMatching(new RegExp(`^purchase_order 2026-12-21 ${po2} 受注サービス株式会社 PO-2026-`)),
      expect.stringMatching(new RegExp(`^quote 2026-12-04 ${q2} 受注サービス株式会社 Q-`)),
    ]);
    expect((await all(a.vendorX)).map(brief)).toEqual([
      `invoice 2027-01-10 330000 請求商事株式会社 INV-000004`,
      `receipt 2026-12-25 50000 請求商事株式会社 INV-000001`,
      `credit_note 2026-12-22 -22000 請求商事株式会社 INV-000003`,
      `invoice 2026-12-21 110000 請求商事株式会社 INV-000001`,
      `invoice 2026-12-21 110000 別テナント工業株式会社 INV-000002`,
      // Same day and kind: ordered by number, which comes from the contract's random id.
      expect.stringMatching(/^purchase_order 2026-12-21 \d+ (請求商事|別テナント工業)株式会社 PO-/),
      expect.stringMatching(/^purchase_order 2026-12-21 \d+ (請求商事|別テナント工業)株式会社 PO-/),
      expect.stringMatching(/^quote 2026-12-04 \d+ 別テナント工業株式会社 Q-/),
      expect.stringMatching(/^quote 2026-11-20 \d+ 請求商事株式会社 Q-/),
    ]);
    const vendorPos = (await all(a.vendorX)).filter((r) => r.kind === "purchase_order");
    expect(vendorPos.map((r) => [r.recordId, r.counterpartyName]).sort()).toEqual(
      [
        [ids.contract1, "請求商事株式会社"],
        [ids.contract2, "別テナント工業株式会社"],
      ].sort(),
    );
    expect((await all(a.vendorY)).map(brief)).toEqual([expect.stringMatching(/^quote 2026-12-18 \d+ 請求商事株式会社 Q-/)]);
    // The index holds the same records as the database, side by side.
    for (const actor of Object.values(a)) expect((await searchVia("search", actor, {})).records).toEqual(await all(actor));
  });

  it("the rebuild's source (npm run reindex transaction_records) lists every record of every side once, and no sealed quote for its buyer", async () => {
    const a = await actors();
    const everyone: string[] = [];
    for (const actor of Object.values(a)) everyone.push(...(await searchVia("database", actor, {})).records.map((r) => r.id));
    const paged: string[] = [];
    for (let after: string | null = null; ;) {
      const page = await transactionRecordKeys(h.db, after, 3, h.clock.now());
      if (page.length === 0) break;
      paged.push(...page);
      after = page.at(-1)!;
    }
    // Pages of 3 keys: the keyset paging is exercised across several pages.
    expect(paged.length).toBeGreaterThan(6);
    const rebuilt = (await transactionRecordRowsByKeys(h.db, paged, h.clock.now())).map((row) => toTransactionRecord(row).id);
    expect(rebuilt.sort()).toEqual([...everyone].sort());
    expect(new Set(paged).size).toBe(paged.length);
    expect(rebuilt).not.toContain(`quote-${ids.sealedQuote}-buyer`);
  });

  it("a sealed quote is its vendor's record at once and its buyer's only once opened (database, index and documents)", async () => {
    const a = await actors();
    for (const mode of ["search", "database"] as const) {
      expect((await searchVia(mode, a.buyerA, {})).records.some((r) => r.recordId === ids.sealedQuote)).toBe(false);
      expect((await searchVia(mode, a.vendorY, {})).records.map((r) => r.recordId)).toEqual([ids.sealedQuote]);
    }
    // Not even in the index under the buyer's side: nothing a wrong filter could reveal.
    const inIndex = await h.search.searchTransactionRecords({ scope: { orgId: buyerA.org.id, side: "buyer" }, limit: 100 });
    expect(inIndex.hits.map((d) => d.record_id)).not.toContain(ids.sealedQuote);

    // The deadline passes; the opening sweep enqueues the quote, whose handler refreshes its records.
    const before = h.clock.now();
    // The deadline was set 14 days after the clock of 2026-12-18 (10:02 after the two awards' steps): a day later.
    h.clock.set("2027-01-02T10:00:00+09:00");
    await h.db.transaction().execute((trx) => (openingSweep as ScheduleDefinition).run({ trx, now: h.clock.now(), since: before } as never));
    await h.index();
    for (const mode of ["search", "database"] as const) {
      const opened = (await searchVia(mode, a.buyerA, { counterparty: "abc data" })).records;
      expect(opened.map((r) => [r.recordId, r.counterpartyName, r.recordDate])).toEqual([[ids.sealedQuote, "ABC Data 株式会社", "2026-12-18"]]);
    }
  });
});

// The criteria: three date ranges, three amount ranges, four counterparty texts (half-width kana, case and spaces,
// another tenant's name) — every pair and every triple.
const DATE_RANGES: Partial<TransactionSearch>[] = [{ dateFrom: "2026-12-01", dateTo: "2026-12-21" }, { dateFrom: "2026-12-21" }, { dateTo: "2026-12-04" }];
const AMOUNT_RANGES: Partial<TransactionSearch>[] = [
  { amountMin: 100_000, amountMax: 110_000 },
  { amountMin: 20_000, amountMax: 60_000 },
  { amountMin: 300_000 },
];
const COUNTERPARTIES: Partial<TransactionSearch>[] = [
  { counterparty: "商事" },
  { counterparty: "ｻｰﾋﾞｽ" },
  { counterparty: "abc data" },
  { counterparty: "別テナント" },
];

function combinations(): Partial<TransactionSearch>[] {
  const out: Partial<TransactionSearch>[] = [];
  for (const d of DATE_RANGES) for (const m of AMOUNT_RANGES) out.push({ ...d, ...m });
  for (const d of DATE_RANGES) for (const c of COUNTERPARTIES) out.push({ ...d, ...c });
  for (const m of AMOUNT_RANGES) for (const c of COUNTERPARTIES) out.push({ ...m, ...c });
  for (const d of DATE_RANGES) for (const m of AMOUNT_RANGES) for (const c of COUNTERPARTIES) out.push({ ...d, ...m, ...c });
  return out;
}

describe("date × amount × counterparty", () => {
  it("every pair and triple answers exactly the reader's matching records, the same on Meilisearch and on PostgreSQL", async () => {
    const a = await actors();
    let nonEmpty = 0;
    let checked = 0;
    for (const [name, actor] of Object.entries(a)) {
      // The reader's own records (checked record by record above) are the oracle's universe.
      const own = (await searchVia("database", actor, {})).records;
      expect(
        own.every((r) => r.orgId === actor.org!.id && r.side === actor.org!.kind),
        name,
      ).toBe(true);
      // The index's own filter scopes the answer (the service checks again, but does not have to).
      const raw = await h.search.searchTransactionRecords({ scope: { orgId: actor.org!.id, side: actor.org!.kind as "buyer" | "vendor" }, limit: 100 });
      expect(raw.hits.map((d) => d.id).sort(), name).toEqual(own.map((r) => r.id).sort());
      for (const criteria of combinations()) {
        const expected = own.filter((r) => matchesTransactionSearch(recordFacts(r), criteria as TransactionSearch)).map((r) => r.id);
        const viaIndex = (await searchVia("search", actor, criteria)).records.map((r) => r.id);
        const viaDatabase = (await searchVia("database", actor, criteria)).records.map((r) => r.id);
        expect(viaIndex, `${name} ${JSON.stringify(criteria)} (Meilisearch)`).toEqual(expected);
        expect(viaDatabase, `${name} ${JSON.stringify(criteria)} (PostgreSQL)`).toEqual(expected);
        if (expected.length > 0) nonEmpty++;
        checked++;
      }
    }
    expect(checked).toBe(4 * combinations().length);
    // Not a grid of empty answers: many combinations find something, and some find nothing.
    expect(nonEmpty).toBeGreaterThan(40);
    expect(nonEmpty).toBeLessThan(checked);
  });

  it("another buyer's invoice with the same amount and date is never in the answer", async () => {
    const a = await actors();
    const criteria = { dateFrom: "2026-12-21", dateTo: "2026-12-21", amountMin: 110_000, amountMax: 110_000 };
    for (const mode of ["search", "database"] as const) {
      expect((await searchVia(mode, a.buyerA, criteria)).records.map((r) => r.recordId)).toEqual([ids.inv1]);
      expect((await searchVia(mode, a.buyerB, criteria)).records.map((r) => r.recordId)).toEqual([ids.inv2]);
      // Buyer A typing buyer B's name finds nothing of buyer B's.
      expect((await searchVia(mode, a.buyerA, { ...criteria, counterparty: "別テナント" })).records).toEqual([]);
      // A counterparty crafted as a filter clause stays one string: nothing of buyer B's comes back.
      for (const counterparty of [`x" OR org_id = "${buyerB.org.id}`, `受注") OR (side = "vendor`, "%", "_"]) {
        const crafted = (await searchVia(mode, a.buyerA, { ...criteria, counterparty })).records;
        expect(crafted, counterparty).toEqual([]);
      }
      // The vendor has both (one per buyer).
      expect((await searchVia(mode, a.vendorX, criteria)).records.map((r) => r.recordId).sort()).toEqual([ids.inv1, ids.inv2].sort());
    }
  });
});

describe("the API", () => {
  type ApiRecords = { mode: string; criteriaCount: number; records: { id: string; number: string; fileUrl: string | null; retentionEnd: string }[] };

  it("searches the caller's own records, audited; the scope cannot be widened by a parameter", async () => {
    const before = await h.db.selectFrom("audit_log").select("id").where("action", "=", "record.search").execute();
    const res = await ok<ApiRecords>(
      api(
        buyerA.token,
        `/api/v1/transaction-records?dateFrom=2026-12-21&dateTo=2026-12-21&amountMin=110000&amountMax=110000&org_id=${buyerB.org.id}&side=vendor`,
      ),
    );
    expect(res.mode).toBe("search");
    expect(res.criteriaCount).toBe(2);
    expect(res.records.map((r) => r.number)).toEqual(["INV-000001"]);
    expect(res.records[0]!.fileUrl).toBe(`/records/files/invoice-${ids.inv1}-buyer`);
    const rows = await h.db
      .selectFrom("audit_log")
      .select(["actor_user_id", "actor_org_id", "entity_type", "entity_id", "after"])
      .where("action", "=", "record.search")
      .orderBy("id")
      .execute();
    expect(rows.length).toBe(before.length + 1);
    expect(rows.at(-1)).toMatchObject({
      actor_user_id: buyerA.user.id,
      actor_org_id: buyerA.org.id,
      entity_type: "organization",
      entity_id: buyerA.org.id,
      after: { side: "buyer", count: 1, mode: "search", criteria: { dateFrom: "2026-12-21", amountMin: 110000 } },
    });
  });

  it("an advisory organisation or the platform has no records here (404), whatever it asks", async () => {
    for (const kind of ["advisory", "platform"] as const) {
      const other = await createAccount(h.db, { kind });
      expect((await api(other.token, "/api/v1/transaction-records?counterparty=%E5%95%86%E4%BA%8B")).status, kind).toBe(404);
      expect((await api(other.token, "/api/v1/transaction-records/export?counterparty=%E5%95%86%E4%BA%8B")).status, kind).toBe(404);
    }
  });

  it("refuses bad criteria field by field in ja and en (400, nothing audited)", async () => {
    const before = (await h.db.selectFrom("audit_log").select("id").where("action", "=", "record.search").execute()).length;
    const q = "/api/v1/transaction-records?dateFrom=2026-02-30&dateTo=2026-01-01&amountMin=12a&amountMax=-5&kind=contract";
    const ja = await api(vendorX.token, q);
    expect(ja.status).toBe(400);
    const jaErrors = ((await ja.json()) as Problem).errors!;
    expect(jaErrors.map((e) => e.path)).toEqual(["dateFrom", "amountMin", "amountMax", "kinds.0"]);
    expect(jaErrors[0]!.message).toBe("日付を YYYY-MM-DD の形式で入力してください。");
    const en = await api(vendorX.token, q, { lang: "en" });
    const enErrors = ((await en.json()) as Problem).errors!;
    expect(enErrors.map((e) => e.path)).toEqual(["dateFrom", "amountMin", "amountMax", "kinds.0"]);
    expect(enErrors[1]!.message).toBe("Enter the amount as whole yen, 0 or more.");
    const reversed = await api(vendorX.token, "/api/v1/transaction-records?dateFrom=2026-12-31&dateTo=2026-12-01&amountMin=9&amountMax=1", { lang: "en" });
    expect(((await reversed.json()) as Problem).errors).toEqual([
      { path: "dateTo", message: "The end date must be on or after the start date." },
      { path: "amountMax", message: expect.any(String) },
    ]);
    expect((await h.db.selectFrom("audit_log").select("id").where("action", "=", "record.search").execute()).length).toBe(before);
  });

  it("exports a ZIP for a tax inspection: index.csv (BOM, Japanese headers) and the stored PDFs byte for byte, audited", async () => {
    const res = await api(
      buyerA.token,
      "/api/v1/transaction-records/export?dateFrom=2026-12-01&dateTo=2026-12-31&counterparty=%E3%82%B5%E3%83%BC%E3%83%93%E3%82%B9",
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/zip");
    const raw = new Uint8Array(await res.arrayBuffer());
    const zip = unzipSync(raw);
    // The first entry is a PDF with a Japanese name: the UTF-8 flag (bit 11) is set, so Windows shows the name right.
    const firstName = Object.keys(zip)[0]!;
    expect(firstName.startsWith("files/") && [...firstName].some((c) => c.charCodeAt(0) > 0x7f)).toBe(true);
    expect(new DataView(raw.buffer).getUint16(6, true) & 0x800).toBe(0x800);
    // UTF-8 with a BOM, so Excel opens the Japanese correctly (TextDecoder would drop it: check the bytes).
    expect([...zip["index.csv"]!.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = strFromU8(zip["index.csv"]!.slice(3));
    const [header, ...lines] = csv.trimEnd().split("\r\n");
    expect(header).toBe("取引年月日,取引金額,取引先,書類の種類,書類番号,ファイル名,SHA-256,保存期限");
    expect(lines.map((l) => l.split(",").slice(0, 5).join(","))).toEqual([
      "2026-12-25,50000,受注サービス株式会社,入金記録,INV-000001",
      "2026-12-22,-22000,受注サービス株式会社,返還インボイス,INV-000003",
      "2026-12-21,110000,受注サービス株式会社,請求書,INV-000001",
      expect.stringMatching(/^2026-12-21,\d+,受注サービス株式会社,発注書,PO-2026-[0-9A-F]{8}-1$/),
    ]);
    // Each PDF named in the index is in the ZIP, its SHA-256 is the index's and the one stored when it was issued.
    const withFiles = lines.map((l) => l.split(",")).filter((cols) => cols[5] !== "");
    expect(withFiles).toHaveLength(3);
    for (const cols of withFiles) {
      const bytes = zip[cols[5]!]!;
      expect(bytes, cols[5]).toBeDefined();
      expect(strFromU8(bytes.slice(0, 5))).toBe("%PDF-");
      const sha = createHash("sha256").update(bytes).digest("hex");
      expect(sha).toBe(cols[6]);
      const stored = await h.db.selectFrom("documents").select(["sha256", "bytes"]).where("sha256", "=", sha).executeTakeFirstOrThrow();
      expect(Buffer.compare(stored.bytes, Buffer.from(bytes))).toBe(0);
    }
    expect(Object.keys(zip).sort()).toEqual(["index.csv", ...withFiles.map((c) => c[5]!)].sort());
    const audit = await h.db.selectFrom("audit_log").select(["actor_org_id", "after"]).where("action", "=", "record.export").executeTakeFirstOrThrow();
    expect(audit.actor_org_id).toBe(buyerA.org.id);
    expect((audit.after as { count: number; files: unknown[] }).count).toBe(4);
    expect((audit.after as { files: unknown[] }).files).toHaveLength(3);
  });
});

describe("the page and its downloads", () => {
  async function signIn(email: string) {
    const cookies = new Cookies();
    const res = await postForm(h, "/login", { email, password: FACTORY_PASSWORD }, cookies);
    expect(res.status).toBe(302);
    cookies.absorb(res);
    return cookies;
  }
  const page = (p: string, cookies: Cookies, lang = "ja") => h.request(p, { cookies, redirect: "manual", headers: { "Accept-Language": lang } });

  it("searches, shows the records with Japanese dates, yen and 保存期限, and links each PDF", async () => {
    const cookies = await signIn(buyerA.email);
    const empty = await page("/records", cookies);
    expect(empty.status).toBe(200);
    const emptyHtml = await empty.text();
    expect(emptyHtml).toContain("取引書類");
    expect(emptyHtml).not.toContain("INV-000001");
    const res = await page("/records?search=1&dateFrom=2026-12-21&dateTo=2026-12-21&counterparty=%E5%8F%97%E6%B3%A8", cookies);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("2026年12月21日");
    expect(html).toContain("￥110,000");
    expect(html).toContain("保存期限 2034年5月31日");
    expect(html).toContain("INV-000001");
    expect(html).not.toContain("INV-000002");
    expect(html).toContain(`/records/files/invoice-${ids.inv1}-buyer`);
    expect(html).not.toContain("2 つ以上を組み合わせると");
    const one = await (await page("/records?search=1&counterparty=%E5%8F%97%E6%B3%A8", cookies)).text();
    expect(one).toContain("2 つ以上を組み合わせると");
    const en = await (await page("/records?search=1&counterparty=x", cookies, "en")).text();
    expect(en).toContain("Combine at least two of transaction date, amount and counterparty");
    const enTable = await (await page("/records?search=1&dateFrom=2026-12-21&dateTo=2026-12-21&amountMin=110000&amountMax=110000", cookies, "en")).text();
    expect(enTable).toContain("21 Dec 2026");
    expect(enTable).toContain("¥110,000");
    expect(enTable).toContain("Keep until 31 May 2034");
    expect(enTable).toContain(">Invoice<");
    expect(enTable).toContain("Export for tax inspection (ZIP)");
    expect(enTable).toContain('href="/records"');
    // The export button carries the same criteria; the export answers a ZIP.
    const href = /href="(\/records\/export\?[^"]*)"/.exec(enTable)![1]!.replace(/&amp;/g, "&");
    expect(href).toBe("/records/export?dateFrom=2026-12-21&dateTo=2026-12-21&amountMin=110000&amountMax=110000");
    const zipRes = await page(href, cookies);
    expect(zipRes.status).toBe(200);
    expect(zipRes.headers.get("Content-Type")).toBe("application/zip");
    expect(Object.keys(unzipSync(new Uint8Array(await zipRes.arrayBuffer())))).toContain("index.csv");
    // The vendor's page lists its invoices to both buyers.
    const vendorHtml = await (
      await page("/records?search=1&dateFrom=2026-12-21&dateTo=2026-12-21&amountMin=110000&amountMax=110000", await signIn(vendorX.email))
    ).text();
    expect(vendorHtml).toContain("INV-000001");
    expect(vendorHtml).toContain("INV-000002");
    expect(vendorHtml).toContain("別テナント工業株式会社");
    const bad = await page("/records?search=1&dateFrom=2026-13-01&amountMin=1", cookies);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("日付を YYYY-MM-DD の形式で入力してください。");
  });

  it("a download of one's own record is audited with its SHA-256; another organisation's is 404, and the attempt is audited", async () => {
    const cookies = await signIn(buyerA.email);
    const res = await page(`/records/files/invoice-${ids.inv1}-buyer`, cookies);
    expect(res.status).toBe(200);
    const bytes = new Uint8Array(await res.arrayBuffer());
    const sha = createHash("sha256").update(bytes).digest("hex");
    expect(res.headers.get("X-Content-SHA256")).toBe(sha);
    const row = await h.db
      .selectFrom("audit_log")
      .select(["actor_org_id", "entity_type", "entity_id", "after"])
      .where("action", "=", "record.download")
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      actor_org_id: buyerA.org.id,
      entity_type: "transaction_record",
      entity_id: `invoice-${ids.inv1}-buyer`,
      after: { sha256: sha },
    });

    // Buyer B asks for buyer A's invoice, under either side's id; vendor Y for a purchase order it has no part in.
    const other = await signIn(buyerB.email);
    for (const id of [`invoice-${ids.inv1}-buyer`, `invoice-${ids.inv1}-vendor`, `purchase_order-${ids.contract1}-buyer`]) {
      const refused = await page(`/records/files/${id}`, other);
      expect(refused.status, id).toBe(404);
    }
    const y = await signIn(vendorY.email);
    expect((await page(`/records/files/purchase_order-${ids.contract1}-vendor`, y)).status).toBe(404);
    const denied = await h.db.selectFrom("audit_log").select(["actor_org_id", "entity_id"]).where("action", "=", "record.download.denied").execute();
    expect(denied).toEqual(
      expect.arrayContaining([
        { actor_org_id: buyerB.org.id, entity_id: `invoice-${ids.inv1}-buyer` },
        { actor_org_id: vendorY.org.id, entity_id: `purchase_order-${ids.contract1}-vendor` },
      ]),
    );
    // Still one successful download on record.
    expect(await h.db.selectFrom("audit_log").select("id").where("action", "=", "record.download").execute()).toHaveLength(1);
  });

  it("the records and their files cannot be changed or deleted, not even by a cascade from their RFQ", async () => {
    await expect(h.db.deleteFrom("invoices").where("id", "=", ids.inv1).execute()).rejects.toThrow(/never deleted/);
    await expect(h.db.updateTable("invoices").set({ total: 1 }).where("id", "=", ids.inv1).execute()).rejects.toThrow(/never edited/);
    // The PDFs are stored on first use (here, or by the export above).
    expect((await api(buyerA.token, `/api/v1/invoices/${ids.inv1}/pdf`)).status).toBe(200);
    expect((await api(buyerA.token, `/api/v1/contracts/${ids.contract1}/documents/purchase-order.pdf`)).status).toBe(200);
    const stored = await h.db
      .selectFrom("documents")
      .select(["id", "sha256"])
      .where("subject_id", "=", ids.inv1)
      .where("locale", "=", "ja")
      .executeTakeFirstOrThrow();
    await expect(
      h.db
        .updateTable("documents")
        .set({ bytes: Buffer.from("%PDF-forged") })
        .where("id", "=", stored.id)
        .execute(),
    ).rejects.toThrow(/never changed/);
    await expect(
      h.db
        .updateTable("documents")
        .set({ sha256: "0".repeat(64) })
        .where("id", "=", stored.id)
        .execute(),
    ).rejects.toThrow(/never changed/);
    await expect(h.db.deleteFrom("documents").where("id", "=", stored.id).execute()).rejects.toThrow(/retention end/);
    await expect(h.db.deleteFrom("invoice_receipts").where("id", "=", ids.receipt).execute()).rejects.toThrow(/never deleted/);
    await expect(h.db.updateTable("invoice_receipts").set({ amount: 1 }).where("id", "=", ids.receipt).execute()).rejects.toThrow(/never changed/);
    // Deleting the RFQ would cascade to its stored documents: refused as a whole.
    const po = await h.db.selectFrom("documents").select("rfq_id").where("subject_id", "=", `${ids.contract1}:v1`).executeTakeFirstOrThrow();
    await expect(h.db.deleteFrom("rfqs").where("id", "=", po.rfq_id).execute()).rejects.toThrow(/retention end/);
    expect((await h.db.selectFrom("documents").select("sha256").where("id", "=", stored.id).executeTakeFirstOrThrow()).sha256).toBe(stored.sha256);
  });
});

describe("a BAFO round, sealed like the first", () => {
  const accepted = async (res: Promise<Response>) => {
    const r = await res;
    expect(r.status, await r.clone().text()).toBeLessThan(300);
  };

  it("the buyer's record keeps the first round's amount until the round's deadline; the vendor's shows its BAFO at once", async () => {
    const a = await actors();
    const first = (await searchVia("database", a.buyerA, { counterparty: "abc data" })).records;
    expect(first.map((r) => r.number)).toEqual([expect.stringMatching(/-v1$/)]);
    await accepted(api(buyerA.token, `/api/v1/rfqs/${ids.sealedRfq}/shortlist`, { method: "PUT", body: { quoteIds: [ids.sealedQuote] } }));
    const deadline = new Date(h.clock.now().getTime() + 3 * 86_400_000);
    await accepted(api(buyerA.token, `/api/v1/rfqs/${ids.sealedRfq}/bafo-rounds`, { method: "POST", body: { deadline: deadline.toISOString() } }));
    await accepted(
      api(vendorY.token, `/api/v1/quotes/${ids.sealedQuote}/bafo/submit`, {
        method: "POST",
        body: { unitPrices: { INIT: 1_000_000, OPS: 300_000, DOC: 200 } },
      }),
    );
    await h.index();
    const bafoAmount = await amountOf(ids.sealedQuote);
    expect(bafoAmount).not.toBe(first[0]!.amount);
    for (const mode of ["search", "database"] as const) {
      const buyerSide = (await searchVia(mode, a.buyerA, { counterparty: "abc data" })).records;
      expect(
        buyerSide.map((r) => [r.amount, r.number]),
        mode,
      ).toEqual([[first[0]!.amount, first[0]!.number]]);
      // Searching by the BAFO's amount finds nothing on the buyer's side: the amount does not leak through a range either.
      expect((await searchVia(mode, a.buyerA, { amountMin: bafoAmount, amountMax: bafoAmount })).records, mode).toEqual([]);
      const vendorSide = (await searchVia(mode, a.vendorY, {})).records;
      expect(
        vendorSide.map((r) => [r.amount, r.number.endsWith("-v2")]),
        mode,
      ).toEqual([[bafoAmount, true]]);
    }

    // The round's deadline passes; the opening sweep re-projects the quotes: the buyer's record is the BAFO now.
    const since = h.clock.now();
    h.clock.set(new Date(deadline.getTime() + 60_000));
    await h.db.transaction().execute((trx) => (openingSweep as ScheduleDefinition).run({ trx, now: h.clock.now(), since } as never));
    await h.index();
    for (const mode of ["search", "database"] as const) {
      const opened = (await searchVia(mode, a.buyerA, { amountMin: bafoAmount, amountMax: bafoAmount })).records;
      expect(
        opened.map((r) => [r.recordId, r.number.endsWith("-v2")]),
        mode,
      ).toEqual([[ids.sealedQuote, true]]);
    }
  });
});
