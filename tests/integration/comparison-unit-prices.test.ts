import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { quoteA, quoteB } from "~/domain/quote/test-fixtures";
import type { Criterion } from "~/domain/rfq/schema";
import { completeRfqInput } from "~/domain/rfq/test-fixtures";
import { assignAdvisor } from "~/services/advisors.server";
import { recomputeBenchmarks } from "~/services/benchmarks.server";
import { actorFor, createAccount, createPublishedRfq, createUser, FACTORY_PASSWORD, openRfq, rfqInput, submitQuote, type Account } from "../factories";
import { apiRequest, Cookies, createHarness, postForm, type Harness } from "./harness";
import { createMarketHistory, spreadOffers } from "./support/market-history";

// The comparison's unit prices beside the market (issue 19 item 1; decision 0048, revisited): a row per RFQ line
// with each quote's tax-excluded unit price, the market's median and IQR of the line's cell beside the label, and
// where each price stands. Buyers and assigned advisors see them; an evaluator still rating under price later sees
// no price at all (decision 0046); a vendor and another tenant never reach the page.

const NOW = new Date("2026-12-07T03:00:00Z");

/** An evaluator-rated criterion, so the buyer can name a panel with price later. */
const understanding: Criterion = {
  key: "work_understanding",
  label: { ja: "業務理解度", en: "Understanding of the work" },
  perspective: "internalProcess",
  direction: "benefit",
  weight: 30,
  source: "advisor_rating",
  unit: "score",
  rating: {
    levels: "1-5",
    anchors: [
      { ja: "1", en: "1" },
      { ja: "2", en: "2" },
      { ja: "3", en: "3" },
      { ja: "4", en: "4" },
      { ja: "5", en: "5" },
    ],
  },
};

let h: Harness;
let buyer: Account;
let advisor: Account;
let vendor: Account;
let other: Account;
let rfqId: string;
let evaluator: { email: string; id: string };
const sessions: Record<"buyer" | "advisor" | "vendor" | "other" | "evaluator", Cookies> = {} as never;

const page = async (who: keyof typeof sessions, lang = "ja") => {
  const res = await h.request(`/rfqs/${rfqId}/compare`, { cookies: sessions[who], redirect: "manual", headers: { "Accept-Language": lang } });
  return { status: res.status, html: (await res.text()).replaceAll("<!-- -->", "") };
};

beforeAll(async () => {
  h = await createHarness();
  h.clock.set(NOW);
  // Unit prices 100 … 119 yen per 件 (per unit) from 5 buyers and 5 vendors, 120 days old: median ¥110, IQR ¥105–¥114.
  await createMarketHistory(h.db, { now: NOW, buyers: 5, vendors: 5, offers: spreadOffers(20, 5, 5, 120, { category: "accounting" }) });
  await recomputeBenchmarks(h.db, NOW);
  buyer = await createAccount(h.db, { kind: "buyer", org: "単価比較市" });
  other = await createAccount(h.db, { kind: "buyer", org: "別テナント町" });
  advisor = await createAccount(h.db, { kind: "advisory", org: "単価アドバイザリー" });
  vendor = await createAccount(h.db, { kind: "vendor", vendor: { name: "単価A 株式会社", categories: ["accounting"] } });
  const vendorB = await createAccount(h.db, { kind: "vendor", vendor: { name: "単価B 株式会社", categories: ["accounting"] } });
  const member = await createUser(h.db, { orgId: buyer.org.id, role: "member", name: "評価 委員" });
  evaluator = { email: member.email, id: member.id };
  const buyerActor = await actorFor(h.db, buyer.email);
  rfqId = await createPublishedRfq(
    h,
    buyerActor,
    rfqInput(h, { category: "accounting", dataSensitivity: "none", requiredCertifications: [], criteria: [...completeRfqInput().criteria, understanding] }),
  );
  // A: DOC ¥300 per 件, tax excluded; B: ¥319 tax included → ¥290 excluded. OPS ¥400,000 / ¥418,000 (→ ¥380,000).
  await submitQuote(h, await actorFor(h.db, vendor.email), rfqId, quoteA());
  await submitQuote(h, await actorFor(h.db, vendorB.email), rfqId, quoteB());
  expect((await assignAdvisor(h.ctx, buyerActor, rfqId, { advisorOrgId: advisor.org.id })).ok).toBe(true);
  await openRfq(h, rfqId);
  const logins: [keyof typeof sessions, string][] = [
    ["buyer", buyer.email],
    ["advisor", advisor.email],
    ["vendor", vendor.email],
    ["other", other.email],
    ["evaluator", evaluator.email],
  ];
  for (const [who, email] of logins) {
    sessions[who] = new Cookies();
    expect((await postForm(h, "/login", { email, password: FACTORY_PASSWORD }, sessions[who])).status).toBe(302);
  }
});
afterAll(() => h?.close());

describe("the comparison's unit prices", () => {
  it("shows the buyer each quote's tax-excluded unit price per line, the market beside the line and each price's position", async () => {
    const { status, html } = await page("buyer");
    expect(status).toBe(200);
    expect(html).toContain("単価（税抜）");
    expect(html).toContain("DOC 申請書類の審査・入力");
    const rows = html.split('data-testid="unit-price-row"').slice(1);
    expect(rows).toHaveLength(3);
    const doc = rows.find((r) => r.includes("DOC "))!;
    expect(doc).toContain("件あたり");
    expect(doc).toContain("市場の中央値 ￥110、四分位範囲 ￥105〜￥114。");
    // A's ¥300 and B's ¥319 tax included (¥290 excluded), both above the market's upper quartile.
    expect(doc).toContain("￥300");
    expect(doc).toContain("提示値 ￥300 は市場の75%より高い水準です。");
    expect(doc).toContain("￥290");
    expect(doc).not.toContain("￥319");
    // A line of a unit the market has no cell for reads "not enough data" (no position under the prices), and still
    // shows both quotes' prices.
    const ops = rows.find((r) => r.includes("OPS "))!;
    expect(ops).toContain("市場ベンチマーク：データ不足");
    expect(ops.split(`data-testid="benchmark-hint"`).length - 1).toBe(1);
    expect(ops).toContain("￥400,000");
    expect(ops).toContain("￥380,000");
  });

  it("shows an assigned advisor the same, in English", async () => {
    const { status, html } = await page("advisor", "en");
    expect(status).toBe(200);
    expect(html).toContain("Unit prices (tax-excluded)");
    expect(html).toContain("Market median ¥110, IQR ¥105–¥114.");
    expect(html).toContain("The commitment ¥300 is above 75 % of the market.");
  });

  it("shows an evaluator still rating under price later no unit price at all", async () => {
    const panel = await apiRequest(h, buyer.token, `/api/v1/rfqs/${rfqId}/evaluation`, {
      method: "PUT",
      body: { priceLater: true, evaluatorUserIds: [evaluator.id] },
    });
    expect(panel.status).toBe(200);
    const { status, html } = await page("evaluator");
    expect(status).toBe(200);
    expect(html).toContain('data-testid="price-later-notice"');
    expect(html).not.toContain("単価（税抜）");
    expect(html).not.toContain('data-testid="unit-price"');
    expect(html).not.toMatch(/￥300|￥290|￥400,000|￥380,000|￥110/);
    // The buyer, not an evaluator, still sees them.
    expect((await page("buyer")).html).toContain("￥290");
  });

  it("is not there for a vendor or another tenant", async () => {
    for (const who of ["vendor", "other"] as const) {
      const { status, html } = await page(who);
      expect(status).toBe(404);
      expect(html).not.toMatch(/￥300|￥290|単価（税抜）/);
    }
  });
});
