import ExcelJS from "exceljs";
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
import { quoteBaseSchema, type QuoteInput } from "../../app/domain/quote/schema";
import { quoteA, quoteB } from "../../app/domain/quote/test-fixtures";
import { rfqSchema, type RfqInput } from "../../app/domain/rfq/schema";
import type { Actor } from "../../app/domain/permissions";
import { saveApprovalRoutes } from "../../app/services/approval-routes.server";
import { assignAdvisor } from "../../app/services/advisors.server";
import { decideProposal } from "../../app/services/approval-decisions.server";
import { comparisonCsv, comparisonForBuyer, comparisonXlsx } from "../../app/services/comparison-export.server";
import { approvalPacketPdf } from "../../app/services/contracts.server";
import { pdfPages } from "../support/pdf-text";
import { apiRequest, Cookies, createHarness, postForm, type ApiInit, type Harness } from "./harness";

// Abnormally low quotes and the award's red flags (issue 19 items 2, 4, 6; decision 0051) on real PostgreSQL.
// Two RFQs with the same three peers (median T): a quote at exactly 75 % of T is not flagged, one yen under is —
// on the comparison API, the page, the CSV and the XLSX; the vendor's own surfaces never carry the figures; an
// evaluator rating under price later gets none of it. Awarding the flagged quote needs the specific reason, and
// its red flag (far below the next-lowest) must be acknowledged — stored with who and when, printed in the 稟議書
// (ja and en). A municipality's quote below the 低入札価格調査基準価格 is refused (409) until its explanation
// request is answered and assessed satisfactory.

let h: Harness;
let buyer: Account;
let city: Account;
let memberToken: string;
let approverEmail: string;
let buyerActor: Actor;
const vendors: Account[] = [];
/** The peers' median TCO, a multiple of 4 so 75 % of it is a whole yen. */
const T = 12_000_000;
const THRESHOLD = (3 * T) / 4;
let atRfq: string;
let underRfq: string;
let atLow: string;
let underLow: string;
let underPeers: string[];
let base: RfqInput;
const sessions = { buyer: new Cookies(), lowVendor: new Cookies() };

const api = (token: string, path: string, init: ApiInit = {}) => apiRequest(h, token, path, init);
const digits = (n: number) => new RegExp(`(?<!\\d)${String(n).replace(/\B(?=(\d{3})+(?!\d))/g, "[,，]?")}(?!\\d)`);

/**
 * A quote whose normalized TCO is exactly `tco`: the one-off setup fee moves the TCO about 1.05 yen a yen (the
 * management overhead is a rounded share of the contract value), so the fee is searched near its estimate.
 */
function quoteWithTco(tco: number): QuoteInput {
  const rfq = rfqSchema.parse(base);
  const shape = (setup: number) => quoteA({ unitPrices: { INIT: 100_000, OPS: 300_000, DOC: 100 }, oneOffFees: { setup, transition: 0 } });
  const tcoOf = (q: QuoteInput) => normalizeQuoteToTco(rfq, quoteBaseSchema.parse(q)).tco;
  const zero = tcoOf(shape(0));
  const estimate = Math.round((tco - zero) / 1.05);
  for (let d = -40; d <= 40; d++) {
    const q = shape(estimate + d);
    if (estimate + d > 0 && tcoOf(q) === tco) return q;
  }
  throw new Error(`no setup fee gives a TCO of exactly ${tco}`);
}

/** An RFQ of the buyer with three peers at `peers` TCO and the low quote (vendor 0) at `low`; returns ids. */
async function rfqWith(low: number, peers: [number, number, number]) {
  const rfqId = await createPublishedRfq(h, buyerActor, base);
  const lowId = await submitQuote(h, await actorFor(h.db, vendors[0]!.email), rfqId, quoteWithTco(low));
  const peerIds: string[] = [];
  for (const [i, tco] of peers.entries()) peerIds.push(await submitQuote(h, await actorFor(h.db, vendors[i + 1]!.email), rfqId, quoteWithTco(tco)));
  return { rfqId, lowId, peerIds };
}

async function comparisonBody(rfqId: string, lang: "ja" | "en" = "ja") {
  const res = await api(buyer.token, `/api/v1/rfqs/${rfqId}/comparison?view=full`, { lang });
  expect(res.status).toBe(200);
  return (await res.json()) as { quotes: { id: string; abnormallyLow: { reasons: Record<string, unknown>[]; detailsHref: string } | null }[] };
}

beforeAll(async () => {
  h = await createHarness();
  buyer = await createAccount(h.db, { kind: "buyer", org: "低価格検証商事" });
  for (const name of ["格安 株式会社", "標準 株式会社", "中庸 株式会社", "堅実 株式会社"])
    vendors.push(await createAccount(h.db, { kind: "vendor", vendor: { name } }));
  buyerActor = await actorFor(h.db, buyer.email);
  const member = await createUser(h.db, { orgId: buyer.org.id, role: "member", name: "起案 太郎" });
  memberToken = await createApiToken(h.db, { orgId: buyer.org.id, userId: member.id });
  const approver = await createUser(h.db, { orgId: buyer.org.id, role: "member", name: "課長 承認", isApprover: true });
  approverEmail = approver.email;
  mustSucceed(
    await saveApprovalRoutes(h.ctx, buyerActor, {
      version: 1,
      bands: [{ fromYen: 0, toYen: null, steps: [{ kind: "sequential", required: 1, approverIds: [approver.id] }] }],
    }),
    "saving the route",
  );
  base = rfqInput(h, { sealed: true, invitedVendorIds: vendors.map((v) => v.org.id), requiredCertifications: [], dataSensitivity: "none" });
  // Exactly at 75 % of the others' median (T): not flagged. The next-lowest peer sits at T − 100,000.
  ({ rfqId: atRfq, lowId: atLow } = await rfqWith(THRESHOLD, [T - 100_000, T, T + 100_000]));
  // One yen under: flagged. Here the next-lowest peer is at T, so the low quote is also under 75 % of it (a red flag).
  ({ rfqId: underRfq, lowId: underLow, peerIds: underPeers } = await rfqWith(THRESHOLD - 1, [T, T, T + 100_000]));
  await openRfq(h, underRfq);
  await h.index();
  expect((await postForm(h, "/login", { email: buyer.email, password: buyer.password }, sessions.buyer)).status).toBe(302);
  expect((await postForm(h, "/login", { email: vendors[0]!.email, password: vendors[0]!.password }, sessions.lowVendor)).status).toBe(302);
});
afterAll(() => h?.close());

describe("the comparison flags an abnormally low quote at the exact boundary", () => {
  it("exactly 75 % of the others' median is not flagged; one yen under is, with its reasons and the link", async () => {
    const at = await comparisonBody(atRfq);
    expect(at.quotes.find((q) => q.id === atLow)!.abnormallyLow).toBeNull();
    expect(at.quotes.every((q) => q.abnormallyLow === null)).toBe(true);
    const under = await comparisonBody(underRfq);
    expect(under.quotes.find((q) => q.id === underLow)!.abnormallyLow).toEqual({
      reasons: [{ kind: "belowPeerMedian", peerMedianYen: T, peers: 3, thresholdYen: THRESHOLD }],
      detailsHref: `/quotes/${underLow}#low-price`,
    });
    expect(under.quotes.filter((q) => q.abnormallyLow !== null).map((q) => q.id)).toEqual([underLow]);
  });

  it("the page shows the flag in words and yen, linked to the quote's low-price panel (ja and en)", async () => {
    const ja = await (await h.request(`/rfqs/${underRfq}/compare`, { cookies: sessions.buyer })).text();
    expect(ja).toContain("著しい低価格");
    expect(ja).toContain("他の適格見積3件の中央値 ￥12,000,000 の75%未満（基準 ￥9,000,000）");
    expect(ja).toContain(`/quotes/${underLow}#low-price`);
    const en = await (await h.request(`/rfqs/${underRfq}/compare`, { cookies: sessions.buyer, headers: { "Accept-Language": "en" } })).text();
    expect(en).toContain("Abnormally low");
    expect(en).toContain("under 75% of the median ¥12,000,000 of the other 3 qualifying quotes (threshold ¥9,000,000)");
    const atPage = await (await h.request(`/rfqs/${atRfq}/compare`, { cookies: sessions.buyer })).text();
    expect(atPage).not.toContain("著しい低価格");
  });

  it("the CSV and the XLSX carry it", async () => {
    const c = await comparisonForBuyer(h.ctx, buyerActor, underRfq);
    if (!c.ok) throw new Error("comparison refused");
    const csv = comparisonCsv(c, "ja");
    expect(csv).toContain("著しい低価格: 他の適格見積3件の中央値 ￥12,000,000 の75%未満（基準 ￥9,000,000）");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await comparisonXlsx(c, "en")).buffer);
    const cells: string[] = [];
    wb.worksheets[0]!.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value))));
    expect(cells).toContain("Abnormally low");
    expect(cells.some((v) => v.startsWith("Abnormally low: under 75% of the median ¥12,000,000"))).toBe(true);
    // No flagged quote, no row: the other RFQ's files stay as they were.
    const at = await comparisonForBuyer(h.ctx, buyerActor, atRfq);
    if (!at.ok) throw new Error("comparison refused");
    expect(comparisonCsv(at, "ja")).not.toContain("著しい低価格");
  });

  it("an advisor assigned to the RFQ reads the flag too", async () => {
    const advisor = await createAccount(h.db, { kind: "advisory", org: "低価格アドバイザリー" });
    mustSucceed(await assignAdvisor(h.ctx, buyerActor, underRfq, { advisorOrgId: advisor.org.id }), "assigning the advisor");
    const res = await api(advisor.token, `/api/v1/rfqs/${underRfq}/comparison?view=full`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { quotes: { id: string; abnormallyLow: { reasons: { thresholdYen: number }[] } | null }[] };
    expect(body.quotes.find((q) => q.id === underLow)!.abnormallyLow!.reasons[0]!.thresholdYen).toBe(THRESHOLD);
  });

  it("the vendor's own surfaces never carry the flag or its figures", async () => {
    const figures = [T, THRESHOLD];
    for (const path of [`/api/v1/quotes/${underLow}`, "/api/v1/vendor/quotes"]) {
      const res = await api(vendors[0]!.token, path);
      expect(res.status, path).toBe(200);
      const text = await res.text();
      expect(text, path).not.toContain("abnormallyLow");
      expect(text, path).not.toContain("belowPeerMedian");
      for (const n of figures) expect(text, path).not.toMatch(digits(n));
    }
    for (const path of [`/quotes/${underLow}`, "/quotes"]) {
      let res = await h.request(path, { cookies: sessions.lowVendor });
      // The quote's page may send the vendor on (e.g. to its RFQ's quote page): read where it lands.
      if (res.status === 302) res = await h.request(res.headers.get("Location")!, { cookies: sessions.lowVendor });
      expect(res.status, path).toBe(200);
      const html = await res.text();
      expect(html).toContain("window.__remixContext");
      expect(html, path).not.toContain("著しい低価格");
      expect(html, path).not.toContain("belowPeerMedian");
      for (const n of figures) expect(html, path).not.toMatch(digits(n));
    }
    // The comparison itself is the buyer's: the vendor does not learn it exists.
    expect((await api(vendors[0]!.token, `/api/v1/rfqs/${underRfq}/comparison`)).status).toBe(404);
  });
});

describe("awarding the flagged quote", () => {
  const path = () => `/api/v1/rfqs/${underRfq}/award-proposals`;
  const body = { quoteId: "", rationale: "総合評価1位", debriefReason: "総合評価で上回りました" };

  it("lists it as proposable with its flag, what it requires, and its red flag's key", async () => {
    const res = await api(memberToken, path());
    expect(res.status).toBe(200);
    const listed = await res.json();
    const low = listed.proposable.find((q: { id: string }) => q.id === underLow);
    expect(low.specific).toContain("abnormallyLow");
    expect(low.abnormallyLow.reasons[0].kind).toBe("belowPeerMedian");
    expect(low.redFlags).toEqual([
      expect.objectContaining({ key: expect.stringMatching(/^winnerFarBelowSecond:/), code: "winnerFarBelowSecond", tcoYen: THRESHOLD - 1, secondTcoYen: T }),
    ]);
  });

  it("the award page in English shows the flag, what it requires and a checkbox per red flag", async () => {
    const html = await (await h.request(`/rfqs/${underRfq}/award`, { cookies: sessions.buyer, headers: { "Accept-Language": "en" } })).text();
    expect(html).toContain("Abnormally low");
    expect(html).toContain("Proposing it needs the reason why the vendor&#x27;s explanation is satisfactory");
    expect(html).toMatch(/name="acknowledgedRedFlags" value="winnerFarBelowSecond:/);
    expect(html).toContain("格安 株式会社&#x27;s TCO ¥8,999,999 is under 75% of the next-lowest quote&#x27;s");
  });

  it("is refused without the specific reason, then without acknowledging the red flag, and stored with both", async () => {
    const noReason = await api(memberToken, path(), { method: "POST", body: { ...body, quoteId: underLow }, lang: "en" });
    expect(noReason.status).toBe(400);
    const text = await noReason.text();
    expect(text).toContain("specificRationale");
    expect(text).toContain("Write why the vendor's explanation is satisfactory.");

    const withReason = { ...body, quoteId: underLow, specificRationale: "費用内訳と人員計画の説明を確認し、妥当と判断した。" };
    const noAck = await api(memberToken, path(), { method: "POST", body: withReason, lang: "en" });
    expect(noAck.status).toBe(400);
    const problem = await noAck.json();
    expect(problem.errors).toEqual([{ path: "acknowledgedRedFlags", message: expect.stringContaining("Acknowledge the red flag") }]);
    const noAckJa = await (await api(memberToken, path(), { method: "POST", body: withReason })).json();
    expect(noAckJa.errors[0].message).toContain("レッドフラグ「次に安い適格見積");
    expect(await h.db.selectFrom("award_proposals").select("id").where("rfq_id", "=", underRfq).execute()).toEqual([]);

    const listed = await (await api(memberToken, path())).json();
    const keys: string[] = listed.proposable.find((q: { id: string }) => q.id === underLow).redFlags.map((f: { key: string }) => f.key);
    const before = h.ctx.clock.now();
    const ok = await api(memberToken, path(), { method: "POST", body: { ...withReason, acknowledgedRedFlags: keys } });
    expect(ok.status).toBe(201);
    const row = await h.db
      .selectFrom("award_proposals")
      .select(["id", "specific_triggers", "snapshot", "red_flags"])
      .where("rfq_id", "=", underRfq)
      .executeTakeFirstOrThrow();
    expect(row.specific_triggers).toContain("abnormallyLow");
    const snapshot = row.snapshot as { quotes: { id: string; abnormallyLow?: unknown }[]; explanations?: unknown[] };
    expect(snapshot.quotes.find((q) => q.id === underLow)!.abnormallyLow).toEqual({
      reasons: [{ kind: "belowPeerMedian", peerMedianYen: T, peers: 3, thresholdYen: THRESHOLD }],
    });
    expect(snapshot.quotes.filter((q) => q.abnormallyLow).map((q) => q.id)).toEqual([underLow]);
    expect(snapshot.explanations).toEqual([]);
    const stored = row.red_flags as { key: string; acknowledgedBy: { name: string }; acknowledgedAt: string }[];
    expect(stored.map((f) => f.key)).toEqual(keys);
    expect(stored[0]!.acknowledgedBy.name).toBe("起案 太郎");
    expect(new Date(stored[0]!.acknowledgedAt).getTime()).toBe(before.getTime());
    expect(underPeers).toContain(keys[0]!.split(":")[2]);

    // The API's proposal carries the acknowledged flags; the proposal verifies.
    const list = await (await api(memberToken, path())).json();
    expect(list.data[0].redFlags[0]).toMatchObject({ key: keys[0], acknowledgedBy: { name: "起案 太郎" } });
    const detail = await (await api(memberToken, `/api/v1/award-proposals/${row.id}`)).json();
    expect(detail.verified).toBe(true);
  });

  it("the 稟議書 prints the flag and the acknowledgement, in Japanese and in English", async () => {
    const row = await h.db.selectFrom("award_proposals").select("id").where("rfq_id", "=", underRfq).executeTakeFirstOrThrow();
    const read = async (locale: "ja" | "en") => {
      const pdf = await approvalPacketPdf(h.ctx, buyerActor, underRfq, row.id, locale);
      if (!pdf.ok) throw new Error("packet refused");
      return (await pdfPages(pdf.bytes)).join(" ").replace(/\s+/g, "");
    };
    const ja = await read("ja");
    expect(ja).toContain("レッドフラグ");
    expect(ja).toContain("著しい低価格:格安株式会社");
    expect(ja).toContain("確認:起案太郎");
    expect(ja).toContain("の75%未満（基準￥9,000,000）");
    const en = await read("en");
    expect(en).toContain("Redflags");
    expect(en).toContain("Acknowledgedby起案太郎");
    expect(en).toContain("Abnormallylow:格安株式会社");
  });

  it("the award page shows who acknowledged the red flag (en)", async () => {
    const html = await (await h.request(`/rfqs/${underRfq}/award`, { cookies: sessions.buyer, headers: { "Accept-Language": "en" } })).text();
    expect(html).toContain("Acknowledged by 起案 太郎");
    expect(html).toContain("Abnormally low quotes");
  });
});

describe("the proposer's edit of a returned proposal", () => {
  it("re-checks the red flags: a proposal stored without them must acknowledge them, then stores who and when", async () => {
    const row = await h.db.selectFrom("award_proposals").select(["id", "red_flags"]).where("rfq_id", "=", underRfq).executeTakeFirstOrThrow();
    const keys = (row.red_flags as { key: string }[]).map((f) => f.key);
    // As a proposal made before the red flags existed: nothing acknowledged on record.
    await h.db.updateTable("award_proposals").set({ red_flags: "[]" }).where("id", "=", row.id).execute();
    const approver = await actorFor(h.db, approverEmail);
    mustSucceed(await decideProposal(h.ctx, approver, row.id, { decision: "return", comment: "内訳を確認してください。" }), "returning");
    const texts = {
      rationale: "総合評価1位",
      specificRationale: "費用内訳と人員計画の説明を再確認し、妥当と判断した。",
      debriefReason: "総合評価で上回りました",
    };
    const refused = await api(memberToken, `/api/v1/award-proposals/${row.id}`, { method: "PATCH", body: texts, lang: "en" });
    expect(refused.status).toBe(400);
    expect((await refused.json()).errors).toEqual([{ path: "acknowledgedRedFlags", message: expect.stringContaining("Acknowledge the red flag") }]);
    const ok = await api(memberToken, `/api/v1/award-proposals/${row.id}`, { method: "PATCH", body: { ...texts, acknowledgedRedFlags: keys } });
    expect(ok.status).toBe(200);
    const after = await h.db.selectFrom("award_proposals").select(["red_flags", "status"]).where("id", "=", row.id).executeTakeFirstOrThrow();
    expect(after.status).toBe("pending");
    expect((after.red_flags as { key: string; acknowledgedBy: { name: string } }[]).map((f) => [f.key, f.acknowledgedBy.name])).toEqual(
      keys.map((k) => [k, "起案 太郎"]),
    );
  });
});

describe("price later", () => {
  it("an evaluator still rating gets neither the comparison nor the flag", async () => {
    const evaluator = await createUser(h.db, { orgId: buyer.org.id, role: "member", name: "評価 委員" });
    const token = await createApiToken(h.db, { orgId: buyer.org.id, userId: evaluator.id });
    const res = await api(buyer.token, `/api/v1/rfqs/${underRfq}/evaluation`, { method: "PUT", body: { priceLater: true, evaluatorUserIds: [evaluator.id] } });
    expect(res.status).toBe(200);
    const refused = await api(token, `/api/v1/rfqs/${underRfq}/comparison?view=full`);
    expect(refused.status).toBe(409);
    const text = await refused.text();
    expect(text).not.toContain("abnormallyLow");
    for (const n of [T, THRESHOLD]) expect(text).not.toMatch(digits(n));
    const cookies = new Cookies();
    expect((await postForm(h, "/login", { email: evaluator.email, password: "correct horse battery" }, cookies)).status).toBe(302);
    const page = await (await h.request(`/rfqs/${underRfq}/compare`, { cookies })).text();
    expect(page).toContain("window.__remixContext");
    expect(page).not.toContain("著しい低価格");
    expect(page).not.toMatch(digits(THRESHOLD));
    // The buyer's owner (not an evaluator) still sees it.
    expect((await comparisonBody(underRfq)).quotes.find((q) => q.id === underLow)!.abnormallyLow).not.toBeNull();
  });
});

describe("a quote below the 低入札価格調査基準価格", () => {
  let rfqId: string;
  let lowQuote: string;
  let cityToken: string;
  let cityActor: Actor;

  beforeAll(async () => {
    city = await createAccount(h.db, { kind: "buyer", org: "低入札調査試験市" });
    await setBuyerKind(h.db, city.org.id, "municipality");
    cityActor = await actorFor(h.db, city.email);
    const m = await createUser(h.db, { orgId: city.org.id, role: "member", name: "起案 花子" });
    cityToken = await createApiToken(h.db, { orgId: city.org.id, userId: m.id });
    const approver = await createUser(h.db, { orgId: city.org.id, role: "member", name: "課長 市", isApprover: true });
    mustSucceed(
      await saveApprovalRoutes(h.ctx, cityActor, {
        version: 1,
        bands: [{ fromYen: 0, toYen: null, steps: [{ kind: "sequential", required: 1, approverIds: [approver.id] }] }],
      }),
      "saving the route",
    );
    h.clock.set(new Date(h.ctx.clock.now().getTime() + 60_000));
    const input = rfqInput(h, {
      sealed: true,
      invitedVendorIds: [vendors[0]!.org.id, vendors[1]!.org.id],
      requiredCertifications: [],
      dataSensitivity: "none",
    });
    const value = (q: QuoteInput) => normalizeQuoteToTco(rfqSchema.parse(input), quoteBaseSchema.parse(q)).contractValueExcludingTax;
    const [a, b] = [quoteA(), quoteB()];
    const low = Math.min(value(a), value(b));
    rfqId = await createPublishedRfq(h, cityActor, {
      ...input,
      publicPriceRules: { ceilingYen: 100_000_000, ceilingTaxBasis: "excluded", floor: { kind: "investigation", yen: low + 1, taxBasis: "excluded" } },
    });
    const qa = await submitQuote(h, await actorFor(h.db, vendors[0]!.email), rfqId, a);
    const qb = await submitQuote(h, await actorFor(h.db, vendors[1]!.email), rfqId, b);
    lowQuote = value(a) < value(b) ? qa : qb;
    await openRfq(h, rfqId);
  });

  it("is refused with 409 until its explanation is answered and assessed satisfactory", async () => {
    const path = `/api/v1/rfqs/${rfqId}/award-proposals`;
    const body = {
      quoteId: lowQuote,
      rationale: "総合評価1位",
      debriefReason: "総合評価で上回りました",
      specificRationale: "低入札価格調査の結果、履行可能と判断した。",
    };
    const listed = await (await api(cityToken, path)).json();
    expect(listed.proposable.find((q: { id: string }) => q.id === lowQuote)).toMatchObject({ lowBidInvestigation: true, investigationComplete: false });
    const refuse = async (lang: "ja" | "en" = "ja") => {
      const res = await api(cityToken, path, { method: "POST", body, lang });
      expect(res.status).toBe(409);
      return res.text();
    };
    expect(await refuse("en")).toContain("The low-bid investigation is not complete");

    const quote = await h.db.selectFrom("quotes").select(["current_version", "vendor_org_id"]).where("id", "=", lowQuote).executeTakeFirstOrThrow();
    const vendorUser = await h.db.selectFrom("memberships").select("user_id").where("org_id", "=", quote.vendor_org_id).executeTakeFirstOrThrow();
    const requestId = await insertExplanationRequest(h.db, {
      rfqId,
      quoteId: lowQuote,
      quoteVersion: quote.current_version,
      buyerOrgId: city.org.id,
      vendorOrgId: quote.vendor_org_id,
      trigger: "low_bid_investigation",
      topics: ["costs", "staffing"],
      message: "価格の根拠を説明してください。",
      replyBy: "2099-01-31",
      requestedBy: city.user.id,
      requestedAt: h.ctx.clock.now(),
    });
    // Asked, not answered: still refused.
    expect(await refuse()).toContain("低入札価格調査が完了していません");
    expect(
      await answerExplanationRequest(
        h.db,
        quote.vendor_org_id,
        requestId,
        { costs: "自社ツールで工数を削減", staffing: "常駐2名" },
        vendorUser.user_id,
        h.ctx.clock.now(),
      ),
    ).toBe(true);
    // Answered, not assessed: still refused.
    await refuse();
    expect(await assessExplanation(h.db, city.org.id, requestId, "satisfactory", "内訳に無理がない", city.user.id, h.ctx.clock.now())).toBe(true);
    const ok = await api(cityToken, path, { method: "POST", body });
    expect(ok.status).toBe(201);
    const row = await h.db.selectFrom("award_proposals").select(["id", "snapshot"]).where("rfq_id", "=", rfqId).executeTakeFirstOrThrow();
    const snapshot = row.snapshot as { explanations: { quoteId: string; answer: Record<string, string>; assessment: string; assessmentNote: string }[] };
    expect(snapshot.explanations).toEqual([
      expect.objectContaining({
        quoteId: lowQuote,
        answer: { costs: "自社ツールで工数を削減", staffing: "常駐2名" },
        assessment: "satisfactory",
        assessmentNote: "内訳に無理がない",
      }),
    ]);
    // The 稟議書 prints the explanation with its answer and assessment.
    const pdf = await approvalPacketPdf(h.ctx, cityActor, rfqId, row.id, "ja");
    if (!pdf.ok) throw new Error("packet refused");
    const text = (await pdfPages(pdf.bytes)).join(" ").replace(/\s+/g, "");
    expect(text).toContain("説明要求と回答");
    expect(text).toContain("自社ツールで工数を削減");
    expect(text).toContain("評価:妥当");
  });
});
