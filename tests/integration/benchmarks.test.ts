import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { benchmarksJob } from "~/jobs/benchmarks";
import { recomputeBenchmarks } from "~/services/benchmarks.server";
import { actorFor, createApiToken, createOrg, createPublishedRfq, createRfq, createUser, FACTORY_PASSWORD, openRfq, rfqInput, submitQuote } from "../factories";
import { quoteA } from "~/domain/quote/test-fixtures";
import { apiRequest, Cookies, createHarness, postForm, type Harness } from "./harness";
import { createMarketHistory, spreadOffers, type MarketFact, type MarketOffer } from "./support/market-history";

// Market benchmarks end to end (decision 0048): the publication rule at its edges over real rows, the job's
// idempotence, and what each role receives from the API (buyers numbers without min/max, vendors bands only).

const NOW = new Date("2026-12-07T03:00:00Z");
let h: Harness;
let buyerToken: string;
let vendorToken: string;
let advisorToken: string;
const buyerSession = new Cookies();
const vendorSession = new Cookies();
let editedRfqId: string;

const offers: MarketOffer[] = [
  // accounting: 20 offers from 5 buyers and 5 vendors, 120 days old → published (also its "launch" sub-cell).
  ...spreadOffers(20, 5, 5, 120, { category: "accounting" }),
  // hr_payroll: only 4 distinct buyers → hidden.
  ...spreadOffers(20, 4, 5, 120, { category: "hr_payroll" }),
  // general_affairs: vendor 0 holds 13 of 50 points (26 %) → hidden although 5 buyers and 7 vendors.
  ...Array.from({ length: 13 }, (_, i) => ({ buyer: i % 5, vendor: 0, accuracy: 0.97, openedDaysAgo: 120, category: "general_affairs" })),
  ...Array.from({ length: 37 }, (_, i) => ({ buyer: i % 5, vendor: 1 + (i % 6), accuracy: 0.98, openedDaysAgo: 120, category: "general_affairs" })),
  // it_helpdesk: buyer 4's quotes were opened 89 days ago → only 4 buyers count today; tomorrow they are 90 days old.
  ...spreadOffers(20, 5, 5, 120, { category: "it_helpdesk" }).map((o) => (o.buyer === 4 ? { ...o, openedDaysAgo: 89 } : o)),
];

// Delivered accuracy, one confirmed fact per contract: accounting's 20 contracts (offers 0–19) 100 days ago,
// 980 … 999 of 1000; it_helpdesk's (offers 90–109) 100 days ago except buyer 4's, confirmed 89 days ago.
const facts: MarketFact[] = [
  ...Array.from({ length: 20 }, (_, i) => ({ offer: i, successes: 980 + i, trials: 1000, confirmedDaysAgo: 100 })),
  ...Array.from({ length: 20 }, (_, i) => ({ offer: 90 + i, successes: 990, trials: 1000, confirmedDaysAgo: i % 5 === 4 ? 89 : 100 })),
];

async function tables() {
  const cells = await h.db.selectFrom("market_benchmarks").selectAll().orderBy("kind").orderBy("category").orderBy("key").orderBy("phase").execute();
  const bands = await h.db
    .selectFrom("market_benchmark_bands")
    .selectAll()
    .orderBy("vendor_org_id")
    .orderBy("kind")
    .orderBy("category")
    .orderBy("key")
    .orderBy("phase")
    .execute();
  return { cells, bands };
}

function cell(rows: Awaited<ReturnType<typeof tables>>["cells"], category: string, kind = "committed", key = "accuracy", phase = "") {
  return rows.find((r) => r.category === category && r.kind === kind && r.key === key && r.phase === phase);
}

beforeAll(async () => {
  h = await createHarness();
  h.clock.set(NOW);
  const market = await createMarketHistory(h.db, { now: NOW, buyers: 5, vendors: 7, offers, facts });
  const buyer = await createUser(h.db, { orgId: market.buyerOrgIds[0]!, email: "bench-buyer@example.test" });
  buyerToken = await createApiToken(h.db, { orgId: market.buyerOrgIds[0]!, userId: buyer.id });
  const vendor = await createUser(h.db, { orgId: market.vendorOrgIds[1]!, email: "bench-vendor@example.test" });
  await createUser(h.db, { orgId: market.vendorOrgIds[2]!, email: "bench-vendor2@example.test" });
  vendorToken = await createApiToken(h.db, { orgId: market.vendorOrgIds[1]!, userId: vendor.id });
  const advisorOrg = await createOrg(h.db, "advisory");
  const advisor = await createUser(h.db, { orgId: advisorOrg.id });
  advisorToken = await createApiToken(h.db, { orgId: advisorOrg.id, userId: advisor.id });
  await recomputeBenchmarks(h.db, NOW);
  expect((await postForm(h, "/login", { email: "bench-buyer@example.test", password: FACTORY_PASSWORD }, buyerSession)).status).toBe(302);
  expect((await postForm(h, "/login", { email: "bench-vendor@example.test", password: FACTORY_PASSWORD }, vendorSession)).status).toBe(302);
  // A draft in the benchmarked category: a 99.9 % accuracy target and a line per 件.
  editedRfqId = await createRfq(h, await actorFor(h.db, "bench-buyer@example.test"), {
    title: "ベンチマーク確認用",
    category: "accounting",
    phase: "launch",
    criteria: [
      {
        key: "accuracy",
        label: { ja: "正確性", en: "Accuracy" },
        perspective: "customer",
        direction: "benefit",
        weight: 100,
        source: "kpi_commitment",
        unit: "rate",
        target: 0.999,
      },
    ],
    lineItems: [{ code: "L1", description: "入力", unit: "件", quantity: 1000, recurrence: "per_unit" }],
  });
});
afterAll(() => h?.close());

describe("the publication rule over stored quotes", () => {
  it("publishes a cell of 5 buyers and 5 vendors with median, quartiles and n only", async () => {
    const { cells } = await tables();
    // Accuracies 0.950 … 0.969: type-7 median 0.9595, q1 0.95475, q3 0.96425 (rates kept to 0.01 %).
    expect(cell(cells, "accounting")).toMatchObject({ published: true, reason: null, median: 0.9595, n: 20, unit: "rate" });
    expect(cell(cells, "accounting")!.q1).toBeCloseTo(0.9548, 4);
    expect(cell(cells, "accounting")!.q3).toBeCloseTo(0.9643, 4);
    expect(cell(cells, "accounting", "committed", "accuracy", "launch")).toMatchObject({ published: true, n: 20 });
    // Unit prices 100 … 119 yen per 件 and TCO per month (price × 1000).
    expect(cell(cells, "accounting", "unit_price", "件|per_unit")).toMatchObject({ published: true, median: 110, unit: "yen" });
    expect(cell(cells, "accounting", "tco_month", "")).toMatchObject({ published: true, median: 109_500, unit: "yen" });
    // Delivered: 0.980 … 0.999 per fact → median 0.9895; the phase comes from the contract's RFQ.
    expect(cell(cells, "accounting", "delivered")).toMatchObject({ published: true, median: 0.9895, n: 20, unit: "rate" });
    expect(cell(cells, "accounting", "delivered", "accuracy", "launch")).toMatchObject({ published: true, n: 20 });
    // No column can hold a minimum or a maximum.
    expect(Object.keys(cells[0]!).filter((k) => /min|max/i.test(k) && k !== "median")).toEqual([]);
  });

  it("hides a cell with 4 distinct buyers, with no figure at all", async () => {
    const { cells } = await tables();
    expect(cell(cells, "hr_payroll")).toMatchObject({ published: false, reason: "too_few_buyers", median: null, q1: null, q3: null, n: null });
  });

  it("hides a cell where one vendor holds 26 % of the points", async () => {
    const { cells } = await tables();
    expect(cell(cells, "general_affairs")).toMatchObject({ published: false, reason: "vendor_share", median: null });
  });

  it("excludes quotes opened and facts confirmed 89 days ago and counts them the day after", async () => {
    try {
      expect(cell((await tables()).cells, "it_helpdesk")).toMatchObject({ published: false, reason: "too_few_buyers" });
      expect(cell((await tables()).cells, "it_helpdesk", "delivered")).toMatchObject({ published: false, reason: "too_few_buyers" });
      await recomputeBenchmarks(h.db, new Date(NOW.getTime() + 86_400_000));
      expect(cell((await tables()).cells, "it_helpdesk")).toMatchObject({ published: true, n: 20 });
      expect(cell((await tables()).cells, "it_helpdesk", "delivered")).toMatchObject({ published: true, n: 20, median: 0.99 });
    } finally {
      await recomputeBenchmarks(h.db, NOW);
    }
  });
});

describe("the job", () => {
  it("run twice gives the same table", async () => {
    await benchmarksJob.handle([], { db: h.db, now: NOW });
    const first = await tables();
    await benchmarksJob.handle([], { db: h.db, now: NOW });
    const second = await tables();
    expect(first.cells.length).toBeGreaterThan(10);
    expect(first.bands.length).toBeGreaterThan(0);
    expect(second).toEqual(first);
  });
});

describe("GET /api/v1/benchmarks", () => {
  it("gives a buyer the published numbers and never a minimum or a maximum", async () => {
    const res = await apiRequest(h, buyerToken, "/api/v1/benchmarks?category=accounting");
    expect(res.status).toBe(200);
    const text = await res.text();
    const body = JSON.parse(text);
    expect(body.audience).toBe("market");
    const accuracy = body.cells.find(
      (c: { kind: string; key: string; phase: string | null }) => c.kind === "committed" && c.key === "accuracy" && c.phase === null,
    );
    expect(accuracy).toMatchObject({ published: true, median: 0.9595, n: 20 });
    expect(text).not.toMatch(/"(min|max|minimum|maximum)[^"]*"/i);
    // The lowest and highest commitments (0.95 and 0.969) and prices (100 and 119 yen) are nowhere in the answer.
    expect(text).not.toMatch(/:0\.95[,}]|0\.969|:100[,}]|:119[,}]/);
  });

  it("gives a buyer a hidden cell with no figure", async () => {
    const body = await (await apiRequest(h, buyerToken, "/api/v1/benchmarks?category=hr_payroll")).json();
    expect(body.cells.length).toBeGreaterThan(0);
    for (const c of body.cells) {
      expect(c.published).toBe(false);
      expect(Object.keys(c).sort()).toEqual(["category", "key", "kind", "phase", "published", "unit"]);
    }
  });

  it("gives an advisor the same numbers as a buyer", async () => {
    const body = await (await apiRequest(h, advisorToken, "/api/v1/benchmarks?category=accounting")).json();
    expect(body.audience).toBe("market");
    expect(body.cells.some((c: { published: boolean; median?: number }) => c.published && c.median === 0.9595)).toBe(true);
  });

  it("gives a vendor its own bands and never a number", async () => {
    const res = await apiRequest(h, vendorToken, "/api/v1/benchmarks");
    expect(res.status).toBe(200);
    const text = await res.text();
    const body = JSON.parse(text);
    // Vendor 1 committed 0.951, 0.956, 0.961, 0.966 in accounting: own median 0.9585, below the market's 0.9595.
    expect(body).toEqual({
      audience: "vendor",
      category: null,
      bands: expect.arrayContaining([{ kind: "committed", category: "accounting", key: "accuracy", phase: null, band: "lower_half" }]),
    });
    // Only published cells give bands: none from hr_payroll, general_affairs or (today) it_helpdesk.
    expect(body.bands.map((b: { category: string }) => b.category).filter((c: string) => c !== "accounting")).toEqual([]);
    expect(text).not.toMatch(/median|q1|q3|"n"|\d\.\d|min|max/i);
  });

  it("refuses an unknown category with a field message in the caller's language", async () => {
    const res = await apiRequest(h, buyerToken, "/api/v1/benchmarks?category=nope", { lang: "en" });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Choose a category from the list.");
  });
});

/** The page's own content, without the layout and the scripts (which carry unrelated numbers). */
async function article(res: Response) {
  const html = (await res.text()).replaceAll("<!-- -->", "");
  return /<article[\s\S]*<\/article>/.exec(html)?.[0] ?? "";
}

describe("the /benchmarks page", () => {
  it("shows a buyer median and IQR of a published cell and 'not enough data' for a hidden one, no minimum or maximum", async () => {
    const res = await h.request("/benchmarks", { cookies: buyerSession });
    expect(res.status).toBe(200);
    const page = await article(res);
    expect(page).toContain("市場ベンチマーク");
    expect(page).toContain("95.95%"); // median
    expect(page).toContain("95.48%〜96.43%"); // q1〜q3
    expect(page).toContain("データ不足");
    // The lowest and highest commitments (95 % and 96.9 %) and prices (¥100, ¥119) do not appear.
    expect(page).not.toMatch(/[^.\d]95%|96\.9%|￥100<|￥119</);
    // The intro says minima and maxima are never shown; the tables themselves have no such column or figure.
    const tables = page.slice(page.indexOf("<section"));
    expect(tables).not.toMatch(/最小|最大|minimum|maximum/i);
  });

  it("shows a vendor only its band, in English, with no number at all", async () => {
    const res = await h.request("/benchmarks?category=accounting", { cookies: vendorSession, headers: { "Accept-Language": "en" } });
    expect(res.status).toBe(200);
    const page = await article(res);
    expect(page).toContain("Market benchmarks");
    expect(page).toContain("in the lower half of the market");
    const text = page.replace(/<[^>]+>/g, " ").replace(/&#x?[0-9a-f]+;/gi, "'");
    expect(text).not.toMatch(/\d/);
  });

  it("says an unknown category beside the chooser instead of failing", async () => {
    const res = await h.request("/benchmarks?category=nope", { cookies: buyerSession });
    expect(res.status).toBe(200);
    expect(await article(res)).toContain("業務カテゴリを一覧から選んでください。");
  });
});

describe("the RFQ editor", () => {
  it("shows the market beside each KPI target and where the target stands", async () => {
    const res = await h.request(`/rfqs/${editedRfqId}/edit/evaluation`, { cookies: buyerSession });
    expect(res.status).toBe(200);
    expect((await res.text()).replaceAll("<!-- -->", "")).toContain("市場の中央値 95.95%、四分位範囲 95.48%〜96.43%。目標 99.9% は市場の75%より高い水準です。");
  });

  it("shows the market's unit price beside each line's unit", async () => {
    const res = await h.request(`/rfqs/${editedRfqId}/edit/lines`, { cookies: buyerSession });
    expect(res.status).toBe(200);
    // Unit prices 100 … 119 yen per 件: median ¥110 (type 7 of 20 values: 109.5 → integer yen 110), IQR ¥105–¥114.
    expect((await res.text()).replaceAll("<!-- -->", "")).toContain("市場の中央値 ￥110、四分位範囲 ￥105〜￥114。");
  });
});

describe("the comparison page", () => {
  // Last in the file: opening the RFQ moves the harness clock past its deadline (the stored benchmarks stay).
  it("shows the market once per KPI row and where each quote's commitment stands", async () => {
    const buyer = await actorFor(h.db, "bench-buyer@example.test");
    const rfqId = await createPublishedRfq(
      h,
      buyer,
      rfqInput(h, { category: "accounting", phase: "launch", dataSensitivity: "none", requiredCertifications: [] }),
    );
    await submitQuote(
      h,
      await actorFor(h.db, "bench-vendor2@example.test"),
      rfqId,
      quoteA({ kpiCommitments: { accuracy: 0.999, processing_lead_time_days: 3 } }),
    );
    await openRfq(h, rfqId);
    // Two weeks on, the morning's session has lapsed: sign in again.
    const session = new Cookies();
    expect((await postForm(h, "/login", { email: "bench-buyer@example.test", password: FACTORY_PASSWORD }, session)).status).toBe(302);
    const res = await h.request(`/rfqs/${rfqId}/compare`, { cookies: session });
    expect(res.status).toBe(200);
    const html = (await res.text()).replaceAll("<!-- -->", "");
    expect(html).toContain("市場の中央値 95.95%、四分位範囲 95.48%〜96.43%。");
    expect(html).toContain("提示値 99.9% は市場の75%より高い水準です。");
  });
});
