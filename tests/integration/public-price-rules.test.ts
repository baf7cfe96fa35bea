import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  actorFor,
  createAccount,
  createApiToken,
  createPublishedRfq,
  createUser,
  mustSucceed,
  openRfq,
  rfqInput,
  submitQuote,
  type Account,
} from "../factories";
import { setBuyerKind } from "../factories/contracts";
import { answerExplanationRequest, assessExplanation, insertExplanationRequest } from "../../db/queries/low-quote-explanations";
import { normalizeQuoteToTco } from "../../app/domain/quote/normalize";
import { quoteBaseSchema } from "../../app/domain/quote/schema";
import { quoteA, quoteB } from "../../app/domain/quote/test-fixtures";
import { rfqSchema, type RfqInput } from "../../app/domain/rfq/schema";
import { saveApprovalRoutes } from "../../app/services/approval-routes.server";
import { CEILING_PRICE_KEY } from "../../app/domain/comparison/ranking-input";
import { Cookies, createHarness, postForm, apiRequest, type ApiInit, type Harness } from "./harness";

// A municipality's 予定価格 and 低入札価格調査基準価格 (issue 19 item 3, decision 0049) on real PostgreSQL: the
// quote one yen above the ceiling is disqualified "above the ceiling price", the one below the investigation price
// is ranked but flagged, and its award proposal is refused without the investigation's result; no vendor reads
// either price before or after opening; a company buyer is refused the field, in English.

let h: Harness;
let city: Account;
let company: Account;
let vendorA: Account;
let vendorB: Account;
let memberToken: string;
let rfqId: string;
let ceilingYen: number;
let floorYen: number;
let highQuote: string;
let lowQuote: string;
const vendorCookies = new Cookies();

const api = (token: string, path: string, init: ApiInit = {}) => apiRequest(h, token, path, init);
const digits = (n: number) => new RegExp(`(?<!\\d)${String(n).replace(/\B(?=(\d{3})+(?!\d))/g, "[,，]?")}(?!\\d)`);

async function expectVendorReadsNoPrice(when: string) {
  for (const path of [`/api/v1/rfqs/${rfqId}`, "/api/v1/vendor/quotes", `/api/v1/quotes/${highQuote}`, "/api/v1/rfqs"]) {
    const res = await api(vendorA.token, path);
    expect(res.status, `${when} ${path}`).toBe(200);
    const text = await res.text();
    for (const n of [ceilingYen, floorYen]) expect(text, `${when} ${path}`).not.toMatch(digits(n));
    expect(text).not.toContain("publicPriceRules");
  }
  for (const path of [`/rfqs/${rfqId}`, `/rfqs/${rfqId}/quote`, "/quotes", "/notifications"]) {
    let res = await h.request(path, { cookies: vendorCookies });
    // After the deadline the RFQ page sends the vendor on to its quote: read where it lands.
    if (res.status === 302) res = await h.request(res.headers.get("Location")!, { cookies: vendorCookies });
    expect(res.status, `${when} ${path}`).toBe(200);
    const html = await res.text();
    expect(html).toContain("window.__remixContext");
    for (const n of [ceilingYen, floorYen]) expect(html, `${when} ${path}`).not.toMatch(digits(n));
  }
}

beforeAll(async () => {
  h = await createHarness();
  city = await createAccount(h.db, { kind: "buyer", org: "予定価格試験市" });
  await setBuyerKind(h.db, city.org.id, "municipality");
  company = await createAccount(h.db, { kind: "buyer", org: "予定価格試験商事" });
  vendorA = await createAccount(h.db, { kind: "vendor", vendor: { name: "予定価格超過株式会社" } });
  vendorB = await createAccount(h.db, { kind: "vendor", vendor: { name: "低入札株式会社" } });
  const member = await createUser(h.db, { orgId: city.org.id, role: "member", name: "起案 花子" });
  memberToken = await createApiToken(h.db, { orgId: city.org.id, userId: member.id });
  const approverId = (await createUser(h.db, { orgId: city.org.id, role: "member", name: "課長 承認", isApprover: true })).id;
  const cityActor = await actorFor(h.db, city.email);
  mustSucceed(
    await saveApprovalRoutes(h.ctx, cityActor, {
      version: 1,
      bands: [{ fromYen: 0, toYen: null, steps: [{ kind: "sequential", required: 1, approverIds: [approverId] }] }],
    }),
    "saving the route",
  );
  const base: RfqInput = rfqInput(h, { sealed: true, invitedVendorIds: [vendorA.org.id, vendorB.org.id], requiredCertifications: [], dataSensitivity: "none" });
  // The two quotes' contract values, tax excluded, as the app will normalize them.
  const value = (q: ReturnType<typeof quoteA>) => normalizeQuoteToTco(rfqSchema.parse(base), quoteBaseSchema.parse(q)).contractValueExcludingTax;
  const [valueA, valueB] = [value(quoteA()), value(quoteB())];
  const [high, low] = valueA > valueB ? [valueA, valueB] : [valueB, valueA];
  expect(high).toBeGreaterThan(low + 2);
  // One yen below the higher quote: it is one yen above the ceiling. One yen above the lower: it is below the investigation price.
  ceilingYen = high - 1;
  floorYen = low + 1;
  rfqId = await createPublishedRfq(h, cityActor, {
    ...base,
    publicPriceRules: { ceilingYen, ceilingTaxBasis: "excluded", floor: { kind: "investigation", yen: floorYen, taxBasis: "excluded" } },
  });
  const a = await submitQuote(h, await actorFor(h.db, vendorA.email), rfqId, valueA > valueB ? quoteA() : quoteB());
  const b = await submitQuote(h, await actorFor(h.db, vendorB.email), rfqId, valueA > valueB ? quoteB() : quoteA());
  [highQuote, lowQuote] = [a, b];
  await h.index();
  expect((await postForm(h, "/login", { email: vendorA.email, password: vendorA.password }, vendorCookies)).status).toBe(302);
});
afterAll(() => h?.close());

describe("a municipality's price rules", () => {
  it("are refused for a company buyer, beside the field, in English", async () => {
    const res = await api(company.token, "/api/v1/rfqs", {
      method: "POST",
      lang: "en",
      body: { title: "清掃", category: "general_affairs", publicPriceRules: { ceilingYen: 1_000_000, ceilingTaxBasis: "excluded" } },
    });
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).toContain("publicPriceRules");
    expect(text).toContain("Ceiling and floor prices are for municipality buyers only.");
    expect(await h.db.selectFrom("rfqs").select("id").where("buyer_org_id", "=", company.org.id).execute()).toEqual([]);
  });

  it("a floor above the ceiling is named in English", async () => {
    const res = await api(city.token, "/api/v1/rfqs", {
      method: "POST",
      lang: "en",
      body: {
        title: "清掃",
        category: "general_affairs",
        publicPriceRules: { ceilingYen: 100, ceilingTaxBasis: "excluded", floor: { kind: "minimum", yen: 101, taxBasis: "excluded" } },
      },
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Enter an amount below the ceiling price.");
  });

  it("never reach the vendor before opening, and the buyer's API carries them", async () => {
    await expectVendorReadsNoPrice("before opening");
    const own = await (await api(city.token, `/api/v1/rfqs/${rfqId}`)).json();
    expect(own.content.publicPriceRules).toEqual({
      ceilingYen,
      ceilingTaxBasis: "excluded",
      floor: { kind: "investigation", yen: floorYen, taxBasis: "excluded" },
    });
  });

  it("after opening: one yen above the ceiling is disqualified, below the investigation price is ranked and flagged; the comparison states no price", async () => {
    await openRfq(h, rfqId);
    const res = await api(city.token, `/api/v1/rfqs/${rfqId}/comparison?view=full`, { lang: "en" });
    expect(res.status).toBe(200);
    const text = await res.text();
    const body = JSON.parse(text);
    expect(body.disqualified).toEqual([
      {
        id: highQuote,
        reasons: [{ criterion: CEILING_PRICE_KEY, code: "required", value: false, message: { ja: "予定価格超過", en: "Above the ceiling price" } }],
      },
    ]);
    expect(body.ranking.map((r: { id: string }) => r.id)).toEqual([lowQuote]);
    expect(body.quotes.find((q: { id: string }) => q.id === lowQuote).lowBidInvestigation).toBe(true);
    expect(body.quotes.find((q: { id: string }) => q.id === highQuote).lowBidInvestigation).toBe(false);
    for (const n of [ceilingYen, floorYen]) expect(text).not.toMatch(digits(n));

    const cookies = new Cookies();
    expect((await postForm(h, "/login", { email: city.email, password: city.password }, cookies)).status).toBe(302);
    const page = await (await h.request(`/rfqs/${rfqId}/compare`, { cookies, headers: { "Accept-Language": "en" } })).text();
    expect(page).toContain("Subject to low-bid investigation");
    expect(page).toContain("Above the ceiling price");
  });

  it("never reach the vendor after opening either", async () => {
    await expectVendorReadsNoPrice("after opening");
  });

  it("an award proposal for the flagged quote is refused without the investigation's result, and accepted with it", async () => {
    const path = `/api/v1/rfqs/${rfqId}/award-proposals`;
    const body = { quoteId: lowQuote, rationale: "総合評価1位", debriefReason: "総合評価で上回りました" };
    const refused = await api(memberToken, path, { method: "POST", body, lang: "en" });
    expect(refused.status).toBe(400);
    const text = await refused.text();
    expect(text).toContain("specificRationale");
    expect(text).toContain("below the low-bid investigation price");
    expect(await h.db.selectFrom("award_proposals").select("id").where("rfq_id", "=", rfqId).execute()).toEqual([]);
    const withResult = { ...body, specificRationale: "低入札価格調査：人員計画と単価の内訳を確認し、履行可能と判断した。" };
    // Decision 0051: the investigation itself must be on record first — an explanation request for the quote's
    // current version, answered by the vendor and assessed satisfactory by the buyer.
    expect((await api(memberToken, path, { method: "POST", body: withResult })).status).toBe(409);
    const quote = await h.db.selectFrom("quotes").select(["current_version", "vendor_org_id"]).where("id", "=", lowQuote).executeTakeFirstOrThrow();
    const requestId = await insertExplanationRequest(h.db, {
      rfqId,
      quoteId: lowQuote,
      quoteVersion: quote.current_version,
      buyerOrgId: city.org.id,
      vendorOrgId: vendorB.org.id,
      trigger: "low_bid_investigation",
      topics: ["costs", "staffing"],
      message: "価格の根拠を説明してください。",
      replyBy: "2099-01-31",
      requestedBy: city.user.id,
      requestedAt: h.ctx.clock.now(),
    });
    expect(await answerExplanationRequest(h.db, vendorB.org.id, requestId, { costs: "内訳", staffing: "2名" }, vendorB.user.id, h.ctx.clock.now())).toBe(true);
    expect(await assessExplanation(h.db, city.org.id, requestId, "satisfactory", "履行可能", city.user.id, h.ctx.clock.now())).toBe(true);
    const accepted = await api(memberToken, path, { method: "POST", body: withResult });
    expect(accepted.status).toBe(201);
    const [row] = await h.db.selectFrom("award_proposals").select(["specific_triggers"]).where("rfq_id", "=", rfqId).execute();
    expect(row.specific_triggers).toEqual(["lowBidInvestigation"]);
  });
});
