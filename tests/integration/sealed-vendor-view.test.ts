import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { actorFor, createAccount, createPublishedRfq, createRfq, submitQuote, type Account } from "../factories";
import { normalizeQuoteToTco, type TcoBreakdown } from "../../app/domain/quote/normalize";
import { quoteA } from "../../app/domain/quote/test-fixtures";
import { rfqSchema, type RfqInput } from "../../app/domain/rfq/schema";
import { completeRfqInput } from "../../app/domain/rfq/test-fixtures";
import { Cookies, createHarness, postForm, type Harness } from "./harness";
import { setBuyerKind } from "../factories/contracts";

// Issue 12, item 4: what a vendor may read is defined once (app/domain/quote/vendor-view.ts,
// app/domain/rfq/vendor-view.ts). The buyer's confidential figures are distinctive sentinels; none may
// appear, however formatted, in anything a vendor gets: pages (loader data included), API responses,
// the RFQs index documents, notifications and mails. The buyer still sees them where it should, so an
// empty or broken response cannot pass.

let h: Harness;
// The file's own accounts (created in beforeAll): a buyer, the two vendors it invites and an advisor.
let BUYER: Account;
let VENDOR: Account;
let OTHER_VENDOR: Account;
let ADVISOR: Account;
const DAY = 86_400_000;
const TITLE = "機密値の投影試験";

/** The buyer's confidential settings, each a number or text found nowhere else. */
const HIDDEN = {
  overheadPct: 7.31,
  transitionEffortYen: 246_813,
  baselineMonthlyYen: 1_975_319,
  budget: { min: 8_642_097, max: 19_753_108 },
  tcoCeiling: 31_415_926,
  tcoScaleWorst: 27_182_818,
  tcoScaleBest: 9_876_543,
  tcoTarget: 16_180_339,
  roiGate: 0.1357,
  advisorNote: "社内メモ：最安値の業者を優先 ZQX-7781",
  // A municipality's 予定価格 and 最低制限価格 (decision 0049): above and below the quotes, so nothing is disqualified.
  ceilingYen: 86_420_135,
  minimumYen: 3_141_593,
};

let rfqId: string;
let draftId: string;
let quoteId: string;
let normalized: TcoBreakdown;
const vendorCookies = new Cookies();
const buyerCookies = new Cookies();

function rfqInput(invited: string[], deadline: Date): RfqInput {
  return completeRfqInput({
    title: TITLE,
    // Open bids, so the buyer reads the quote's figures at once (the other direction of the test).
    sealed: false,
    quoteDeadline: deadline.toISOString(),
    invitedVendorIds: invited,
    budget: { ...HIDDEN.budget, showToVendors: false },
    hiddenCosts: { managementOverheadPct: HIDDEN.overheadPct, transitionEffortYen: HIDDEN.transitionEffortYen },
    baselineCostMonthlyYen: HIDDEN.baselineMonthlyYen,
    publicPriceRules: {
      ceilingYen: HIDDEN.ceilingYen,
      ceilingTaxBasis: "excluded",
      floor: { kind: "minimum", yen: HIDDEN.minimumYen, taxBasis: "excluded" },
    },
    criteria: [
      {
        key: "tco",
        label: { ja: "総保有コスト", en: "TCO" },
        perspective: "financial",
        direction: "cost",
        weight: 40,
        source: "price",
        unit: "yen",
        gate: { max: HIDDEN.tcoCeiling },
        scale: { worst: HIDDEN.tcoScaleWorst, best: HIDDEN.tcoScaleBest },
        target: HIDDEN.tcoTarget,
      },
      {
        key: "roi",
        label: { ja: "ROI", en: "ROI" },
        perspective: "financial",
        direction: "benefit",
        weight: 10,
        source: "price",
        unit: "ratio",
        gate: { min: HIDDEN.roiGate },
        scale: { worst: 0, best: 2 },
      },
      {
        key: "accuracy",
        label: { ja: "処理の正確性", en: "Accuracy" },
        perspective: "internalProcess",
        direction: "benefit",
        weight: 30,
        source: "kpi_commitment",
        unit: "rate",
        gate: { min: 0.995 },
        scale: { worst: 0.99, best: 1 },
      },
      {
        key: "processing_lead_time_days",
        label: { ja: "処理リードタイム", en: "Lead time" },
        perspective: "internalProcess",
        direction: "cost",
        weight: 20,
        source: "kpi_commitment",
        unit: "days",
        scale: { worst: 10, best: 1 },
      },
    ],
  });
}

/** A number however a page or JSON writes it: 246813, 246,813, 246，813. */
function numberPattern(n: number) {
  const digits = String(Math.trunc(n));
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, "[,，]?");
  return new RegExp(`(?<!\\d)${grouped}(?!\\d)`);
}

/** Everything a vendor must never read, with a name for the failure message. */
function sentinels(): [string, RegExp][] {
  const n = normalized;
  return [
    ["transition effort", numberPattern(HIDDEN.transitionEffortYen)],
    ["management overhead %", /7\.31/],
    ["management overhead ¥", numberPattern(n.managementOverhead)],
    ["baseline / month", numberPattern(HIDDEN.baselineMonthlyYen)],
    ["baseline over term", numberPattern(n.baselineOverTerm!)],
    ["TCO", numberPattern(n.tco)],
    ["ROI", new RegExp(String(n.roi).slice(0, 8).replace(".", "\\."))],
    ["hidden budget min", numberPattern(HIDDEN.budget.min)],
    ["hidden budget max", numberPattern(HIDDEN.budget.max)],
    ["TCO ceiling", numberPattern(HIDDEN.tcoCeiling)],
    ["TCO scale", numberPattern(HIDDEN.tcoScaleWorst)],
    ["TCO scale best", numberPattern(HIDDEN.tcoScaleBest)],
    ["TCO target", numberPattern(HIDDEN.tcoTarget)],
    ["ROI gate", /0\.1357/],
    ["other invitee", new RegExp(OTHER_VENDOR.org.name)],
    ["internal note", /ZQX-7781/],
    ["予定価格", numberPattern(HIDDEN.ceilingYen)],
    ["最低制限価格", numberPattern(HIDDEN.minimumYen)],
    ["price rules field", /publicPriceRules/],
  ];
}

function expectNoSentinel(text: string, where: string) {
  for (const [name, pattern] of sentinels()) expect(text, `${where}: ${name}`).not.toMatch(pattern);
}

const api = (path: string, token: string) => h.request(path, { headers: { Authorization: `Bearer ${token}` } });

beforeAll(async () => {
  h = await createHarness();
  BUYER = await createAccount(h.db, { kind: "buyer", org: "投影試験市 総務課" });
  VENDOR = await createAccount(h.db, { kind: "vendor", vendor: { name: "投影試験ベンダー株式会社" } });
  OTHER_VENDOR = await createAccount(h.db, { kind: "vendor", vendor: { name: "もう一社の招待先株式会社" } });
  ADVISOR = await createAccount(h.db, { kind: "advisory", org: "投影試験アドバイザリー合同会社" });
  // A municipality, so the RFQ may carry its 予定価格 and 最低制限価格 among the confidential figures.
  await setBuyerKind(h.db, BUYER.org.id, "municipality");
  const invited = [VENDOR.org.id, OTHER_VENDOR.org.id];
  const buyer = await actorFor(h.db, BUYER.email);
  const input = rfqInput(invited, new Date(h.clock.now().getTime() + 10 * DAY));
  rfqId = await createPublishedRfq(h, buyer, input);
  // The same RFQ kept as a draft: its review step shows it "as vendors will see it".
  draftId = await createRfq(h, buyer, { ...input, title: `${TITLE}（下書き）` });
  const submitted = quoteA({ unitPrices: { INIT: 200_000, OPS: 400_000, DOC: 300 } });
  quoteId = await submitQuote(h, await actorFor(h.db, VENDOR.email), rfqId, submitted);
  await submitQuote(h, await actorFor(h.db, OTHER_VENDOR.email), rfqId, quoteA());
  normalized = normalizeQuoteToTco(rfqSchema.parse(input), {
    unitPrices: submitted.unitPrices,
    oneOffFees: { setup: 100_000, transition: 50_000 },
    taxBasis: "excluded",
    taxRate: 10,
  });

  // An advisor the buyer assigned leaves an internal note on the quote.
  const advisorOrg = ADVISOR.org.id;
  expect(
    (
      await h.request(`/api/v1/rfqs/${rfqId}/advisors`, {
        method: "POST",
        headers: { Authorization: `Bearer ${BUYER.token}`, "Content-Type": "application/json" },
        body: JSON.stringify({ advisorOrgId: advisorOrg }),
      })
    ).status,
  ).toBe(201);
  const note = await h.request(`/api/v1/rfqs/${rfqId}/advisor-notes`, {
    method: "POST",
    headers: { Authorization: `Bearer ${ADVISOR.token}`, "Content-Type": "application/json" },
    body: JSON.stringify({ body: HIDDEN.advisorNote, quoteId }),
  });
  expect(note.status).toBe(201);

  await h.index();
  expect((await postForm(h, "/login", { email: VENDOR.email, password: VENDOR.password }, vendorCookies)).status).toBe(302);
  expect((await postForm(h, "/login", { email: BUYER.email, password: BUYER.password }, buyerCookies)).status).toBe(302);
});
afterAll(() => h.close());

describe("the vendor reads none of the buyer's confidential figures", () => {
  it("API: its quote, its quote list, the RFQ's quote list, the RFQ, the RFQ list and RFQ search", async () => {
    const paths = [
      `/api/v1/quotes/${quoteId}`,
      "/api/v1/vendor/quotes",
      `/api/v1/rfqs/${rfqId}/quotes`,
      `/api/v1/rfqs/${rfqId}`,
      "/api/v1/rfqs",
      `/api/v1/search/rfqs?q=${encodeURIComponent(TITLE)}`,
      "/api/v1/search/rfqs?perPage=50",
    ];
    for (const path of paths) {
      const res = await api(path, VENDOR.token);
      expect(res.status, path).toBe(200);
      expectNoSentinel(await res.text(), path);
    }
    // The vendor still gets its own figures (a projection that dropped everything would pass the above).
    const own = (await (await api(`/api/v1/quotes/${quoteId}`, VENDOR.token)).json()) as {
      view: string;
      normalized: Record<string, unknown>;
      versions: Record<string, unknown>[];
    };
    expect(own.view).toBe("vendor");
    expect(own.normalized.contractValueExcludingTax).toBe(normalized.contractValueExcludingTax);
    for (const key of ["tco", "managementOverhead", "transitionEffort", "roi"]) expect(own.normalized, key).not.toHaveProperty(key);
    expect(own).not.toHaveProperty("tco");
    expect(own.versions[0]).toEqual(expect.objectContaining({ contractValueExcludingTax: normalized.contractValueExcludingTax }));
    const list = (await (await api("/api/v1/vendor/quotes", VENDOR.token)).json()) as { data: Record<string, unknown>[] };
    expect(list.data.find((q) => q.id === quoteId)).toMatchObject({ contractValueExcludingTax: normalized.contractValueExcludingTax });
  });

  it("pages, loader data included: the RFQ, its quote page, the quote list, RFQ search, notifications", async () => {
    const paths = [
      `/rfqs/${rfqId}`,
      `/rfqs/${rfqId}/quote`,
      "/quotes",
      "/rfqs/search",
      `/rfqs/search?q=${encodeURIComponent(TITLE)}`,
      "/rfqs",
      "/notifications",
    ];
    for (const path of paths) {
      const res = await h.request(path, { cookies: vendorCookies });
      expect(res.status, path).toBe(200);
      const html = await res.text();
      expect(html, path).toContain("window.__remixContext");
      expectNoSentinel(html, path);
    }
    // The quote page still shows the vendor its RFQ and its own contract value.
    const quotePage = await (await h.request(`/rfqs/${rfqId}/quote`, { cookies: vendorCookies })).text();
    expect(quotePage).toContain(TITLE);
    expect(quotePage).toMatch(numberPattern(normalized.contractValueExcludingTax));
  });

  it("the RFQs index documents vendors search, the notifications stored for its users, and the mails sent", async () => {
    const res = await fetch(`${inject("meiliUrl")}/indexes/${h.search.uid("rfqs")}/documents?limit=1000`, {
      headers: { Authorization: `Bearer ${inject("meiliKey")}` },
    });
    expect(res.status).toBe(200);
    const docs = ((await res.json()) as { results: { id: string }[] }).results;
    expect(docs.map((d) => d.id)).toContain(rfqId);
    expectNoSentinel(JSON.stringify(docs), "rfqs index");

    const vendorOrg = VENDOR.org.id;
    const notes = await h.db
      .selectFrom("notifications")
      .innerJoin("memberships", "memberships.user_id", "notifications.user_id")
      .selectAll("notifications")
      .where("memberships.org_id", "=", vendorOrg)
      .execute();
    expect(notes.length).toBeGreaterThan(0);
    expectNoSentinel(JSON.stringify(notes), "notifications");
    expectNoSentinel(JSON.stringify(h.mailer.sent()), "mails");
  });
});

describe("the buyer's review step shows the RFQ as vendors will see it: the same projection", () => {
  it("its vendor preview holds no confidential figure", async () => {
    const res = await h.request(`/rfqs/${draftId}/review`, { cookies: buyerCookies });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`${TITLE}（下書き）`);
    expectNoSentinel(html, "review");
  });
});

describe("the buyer still reads its own figures", () => {
  it("its RFQ carries the hidden budget, baseline, hidden costs and the TCO ceiling", async () => {
    const body = await (await api(`/api/v1/rfqs/${rfqId}`, BUYER.token)).text();
    for (const n of [HIDDEN.budget.min, HIDDEN.baselineMonthlyYen, HIDDEN.transitionEffortYen, HIDDEN.tcoCeiling, HIDDEN.ceilingYen, HIDDEN.minimumYen])
      expect(body).toMatch(numberPattern(n));
  });

  it("the opened quote carries the TCO, the hidden costs and the ROI, and the advisor's note is the buyer's to read", async () => {
    const quote = (await (await api(`/api/v1/quotes/${quoteId}`, BUYER.token)).json()) as { view: string; tco: number; normalized: Record<string, number> };
    expect(quote.view).toBe("buyer");
    expect(quote.tco).toBe(normalized.tco);
    expect(quote.normalized).toMatchObject({
      managementOverhead: normalized.managementOverhead,
      transitionEffort: HIDDEN.transitionEffortYen,
      roi: normalized.roi,
    });
    expect(await (await api(`/api/v1/rfqs/${rfqId}/advisor-notes`, BUYER.token)).text()).toContain("ZQX-7781");
  });
});
