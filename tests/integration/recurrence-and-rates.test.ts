import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorFor, createAccount, createPublishedRfq, createRfq, rfqInput, submitQuote, type Account } from "../factories";
import { quoteA } from "../../app/domain/quote/test-fixtures";
import { Cookies, createHarness, postForm, type Harness } from "./harness";

// Issue 14, items 3 and 18. A payroll RFQ's 賞与 (twice a year) and 年末調整 (once a year) are priced per
// occurrence and counted over the term, not × 36 months; and a buyer types rates as percentages.

let h: Harness;
let BUYER: Account;
let VENDOR: Account;
const buyerCookies = new Cookies();
const vendorCookies = new Cookies();

const PAYROLL_LINES = [
  { code: "PAYROLL", description: "月次給与計算", unit: "名", quantity: 850, recurrence: "per_unit" as const },
  { code: "BONUS", description: "賞与計算（1回あたり）", unit: "式", quantity: 1, recurrence: "half_yearly" as const },
  { code: "YEAREND", description: "年末調整", unit: "名", quantity: 850, recurrence: "yearly" as const },
  { code: "AUDIT", description: "監査対応", unit: "式", quantity: 1, recurrence: "times_over_term" as const, occurrences: 2 },
];

async function logIn(account: Account, cookies: Cookies) {
  expect((await postForm(h, "/login", { email: account.email, password: account.password }, cookies)).status).toBe(302);
}

beforeAll(async () => {
  h = await createHarness();
  BUYER = await createAccount(h.db, { kind: "buyer", org: "くり返し検証食品株式会社" });
  VENDOR = await createAccount(h.db, { kind: "vendor", vendor: { name: "くり返し検証給与BPO株式会社", categories: ["municipal"] } });
  await logIn(BUYER, buyerCookies);
  await logIn(VENDOR, vendorCookies);
});
afterAll(() => h?.close());

describe("half-yearly, yearly and n-times lines over a 36-month term", () => {
  it("the TCO counts 賞与 6 times and 年末調整 3 times; the vendor reads the counts and what each price is per", async () => {
    const rfqId = await createPublishedRfq(h, await actorFor(h.db, BUYER.email), rfqInput(h, { lineItems: PAYROLL_LINES, contractTermMonths: 36 }));
    const prices = { PAYROLL: 800, BONUS: 165_000, YEAREND: 1_200, AUDIT: 300_000 };
    const quoteId = await submitQuote(h, await actorFor(h.db, VENDOR.email), rfqId, quoteA({ unitPrices: prices, oneOffFees: { setup: 0, transition: 0 } }));
    const row = await h.db
      .selectFrom("quote_versions")
      .select(sql<{ lines: { code: string; payments: number; amountAsEntered: number }[]; contractValueExcludingTax: number }>`normalized`.as("n"))
      .where("quote_id", "=", quoteId)
      .executeTakeFirstOrThrow();
    expect(row.n.lines.map((l) => [l.code, l.payments, l.amountAsEntered])).toEqual([
      ["PAYROLL", 36, 800 * 850 * 36],
      ["BONUS", 6, 165_000 * 6],
      ["YEAREND", 3, 1_200 * 850 * 3],
      ["AUDIT", 2, 600_000],
    ]);
    expect(row.n.contractValueExcludingTax).toBe(800 * 850 * 36 + 165_000 * 6 + 1_200 * 850 * 3 + 600_000);

    const rfqPage = await (await h.request(`/rfqs/${rfqId}`, { cookies: vendorCookies, headers: { "Accept-Language": "ja" } })).text();
    expect(rfqPage).toContain("半年ごと（年2回）・契約期間中6回");
    expect(rfqPage).toContain("年1回・契約期間中3回");
    expect(rfqPage).toContain("契約期間中2回");
    expect(rfqPage).not.toMatch(/>\s*(half_yearly|yearly|times_over_term)\s*</);
    const quoteForm = await (await h.request(`/rfqs/${rfqId}/quote`, { cookies: vendorCookies, headers: { "Accept-Language": "ja" } })).text();
    expect(quoteForm).toContain("1名・1回あたりの単価（× 850名 × 3回）");
    expect(quoteForm).toContain("1名・1か月あたりの単価（× 850名 × 36か月）");

    // The vendor's API view of the RFQ carries the count of the n-times line.
    const api = await h.request(`/api/v1/rfqs/${rfqId}`, { headers: { Authorization: `Bearer ${VENDOR.token}` } });
    const body = (await api.json()) as { content: { lineItems: { code: string; occurrences?: number }[] } };
    expect(body.content.lineItems.find((l) => l.code === "AUDIT")?.occurrences).toBe(2);
  });

  it("the lines step saves an n-times line with its count and says, in the reader's language, when the count is missing", async () => {
    const rfqId = await createRfq(h, await actorFor(h.db, BUYER.email), { title: "回数の検証", category: "hr_payroll" });
    const line = { "lineItems[0].code": "VISIT", "lineItems[0].description": "訪問", "lineItems[0].unit": "回", "lineItems[0].quantity": "1" };
    for (const [lang, text] of [
      ["ja", "「契約期間中n回」の項目には、契約期間中の回数を入力してください。"],
      ["en", "Enter how many times over the term this line occurs."],
    ] as const) {
      if (lang === "ja") {
        // Any refused lines step (here a quantity that is not a number) renders its rows again without warnings.
        const r = await postForm(
          h,
          `/rfqs/${rfqId}/edit/lines`,
          { ...line, "lineItems[0].quantity": "abc", "lineItems[0].recurrence": "monthly", then: "stay" },
          buyerCookies,
        );
        expect(r.status).toBe(400);
      }
      const refused = await postForm(
        h,
        `/rfqs/${rfqId}/edit/lines`,
        { ...line, "lineItems[0].recurrence": "times_over_term", contractTermMonths: "18", then: "stay" },
        buyerCookies,
        { "Accept-Language": lang },
      );
      expect(refused.status).toBe(400);
      expect(await refused.text()).toContain(text);
    }
    const saved = await postForm(
      h,
      `/rfqs/${rfqId}/edit/lines`,
      { ...line, "lineItems[0].recurrence": "times_over_term", "lineItems[0].occurrences": "4", contractTermMonths: "18", then: "stay" },
      buyerCookies,
    );
    expect(saved.status).toBe(302);
    const content = await h.db.selectFrom("rfqs").select("content").where("id", "=", rfqId).executeTakeFirstOrThrow();
    expect((content.content as { lineItems: unknown[] }).lineItems).toEqual([
      { code: "VISIT", description: "訪問", unit: "回", quantity: 1, recurrence: "times_over_term", occurrences: 4 },
    ]);
  });
});

describe("rates typed as percentages on the evaluation step", () => {
  const criterion = (target: string) => ({
    scoringMethod: "weighted-sum-target",
    "criteria[0].key": "answer_rate",
    "criteria[0].label.ja": "応答率",
    "criteria[0].perspective": "customer",
    "criteria[0].direction": "benefit",
    "criteria[0].weight": "30",
    "criteria[0].source": "kpi_commitment",
    "criteria[0].unit": "rate",
    "criteria[0].gateKind": "min",
    "criteria[0].gateValue": "90",
    "criteria[0].scale.worst": "80",
    "criteria[0].scale.best": "100",
    "criteria[0].target": target,
    then: "stay",
  });

  it("a buyer typing 95 gets 95 % (0.95 stored, 95 shown again); 120 is refused beside the field in ja and en", async () => {
    const rfqId = await createRfq(h, await actorFor(h.db, BUYER.email), { title: "率の検証", category: "contact_center" });
    const saved = await postForm(h, `/rfqs/${rfqId}/edit/evaluation`, criterion("95"), buyerCookies);
    expect(saved.status).toBe(302);
    const row = await h.db.selectFrom("rfqs").select("content").where("id", "=", rfqId).executeTakeFirstOrThrow();
    expect((row.content as { criteria: unknown[] }).criteria[0]).toMatchObject({ gate: { min: 0.9 }, scale: { worst: 0.8, best: 1 }, target: 0.95 });
    const page = await (await h.request(`/rfqs/${rfqId}/edit/evaluation`, { cookies: buyerCookies })).text();
    expect(page).toMatch(/name="criteria\[0\]\.target"[^>]*value="95"|value="95"[^>]*name="criteria\[0\]\.target"/);
    expect(page).toContain("率は%で入力（97% → 97）");
    expect(page).not.toContain("0.97");

    for (const [lang, text] of [
      ["ja", "率は0〜100%で入力してください。"],
      ["en", "Enter a rate from 0 to 100%."],
    ] as const) {
      const refused = await postForm(h, `/rfqs/${rfqId}/edit/evaluation`, criterion("120"), buyerCookies, { "Accept-Language": lang });
      expect(refused.status).toBe(400);
      const html = await refused.text();
      expect(html).toContain(text);
      expect(html).not.toMatch(/0〜1(?!00)|0–1(?!00)/);
    }
    // A gate typed above 100% is refused beside the gate's value, where the buyer typed it.
    const gate = await postForm(h, `/rfqs/${rfqId}/edit/evaluation`, { ...criterion("95"), "criteria[0].gateValue": "120" }, buyerCookies);
    expect(gate.status).toBe(400);
    expect(await gate.text()).toMatch(/id="rfq-evaluation-[^"]*criteria\[0\]\.gateValue-error"[^>]*><li>率は0〜100%で入力してください。<\/li>/);
    const unchanged = await h.db.selectFrom("rfqs").select("content").where("id", "=", rfqId).executeTakeFirstOrThrow();
    expect((unchanged.content as { criteria: { target: number }[] }).criteria[0].target).toBe(0.95);
  });
});
