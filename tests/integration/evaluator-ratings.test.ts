import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { quoteB } from "../../app/domain/quote/test-fixtures";
import type { Criterion } from "../../app/domain/rfq/schema";
import { completeRfqInput } from "../../app/domain/rfq/test-fixtures";
import { assignAdvisor } from "../../app/services/advisors.server";
import {
  actorFor,
  createAccount,
  createApiToken,
  createPublishedRfq,
  createUser,
  FACTORY_PASSWORD,
  openRfq,
  rfqInput,
  submitQuote,
  type Account,
} from "../factories";
import { apiRequest, Cookies, createHarness, postForm, type Harness } from "./harness";

// Evaluator-rated criteria on real PostgreSQL and Meilisearch (issue 18 item 3; decision 0046). A buyer names two
// evaluators (one of its members, one user of its assigned advisor), itself as chair, and price later. Until an
// evaluator submits it sees nobody else's ratings and — price later — no price anywhere: comparison page, API and
// files, the quote page and API, the quotes list API. 業務理解度 is "awaiting ratings (n of 2 submitted)" and not
// ranked until both have submitted; then the mean is ranked, a wide spread is flagged, and the chair's consensus
// replaces the mean and moves the ranking — in the quotes index too. Vendors and other tenants get 404.

const CERTS = ["isms_iso27001", "privacy_mark"].map((type, i) => ({
  type,
  number: `CERT-${i}`,
  issuer: "検証機関",
  validFrom: "2020-01-01",
  validUntil: "2099-12-31",
}));
const REASON_SENTINEL = "理由センチネル-業務フローの理解が浅い";

/** The catalog's 業務理解度, rated 1–5 by evaluators, with no scale of its own (scored on the rating scale). */
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
      { ja: "業務をほぼ理解していない", en: "Barely understands the work" },
      { ja: "理解が浅い", en: "Shallow understanding" },
      { ja: "標準的な理解", en: "Adequate understanding" },
      { ja: "深い理解", en: "Deep understanding" },
      { ja: "業務改善まで踏み込んだ理解", en: "Understands it well enough to improve it" },
    ],
  },
};

let h: Harness;
let buyer: Account;
let otherBuyer: Account;
let advisor: Account;
let vendorA: Account;
let member: { id: string; email: string; token: string };
let rfqId: string;
let quoteA: string;
let quoteBId: string;
let tcoA: number;
const sessions: Record<"buyer" | "member" | "advisor" | "vendor" | "other", Cookies> = {} as never;

const page = (who: keyof typeof sessions, path: string, lang = "ja") =>
  h.request(path, { cookies: sessions[who], redirect: "manual", headers: { "Accept-Language": lang } });
const api = (token: string, path: string, init: Parameters<typeof apiRequest>[3] = {}) => apiRequest(h, token, path, init);
const yen = (n: number) => n.toLocaleString("ja-JP");

async function rateAll(token: string, scores: Record<string, number>) {
  const ratings = Object.entries(scores).map(([quoteId, score]) => ({
    quoteId,
    criterionKey: "work_understanding",
    score,
    reason: `${REASON_SENTINEL} ${score}`,
  }));
  expect((await api(token, `/api/v1/rfqs/${rfqId}/ratings`, { method: "PUT", body: { ratings } })).status).toBe(200);
  expect((await api(token, `/api/v1/rfqs/${rfqId}/ratings/submit`, { method: "POST" })).status).toBe(200);
}

async function comparison(token: string) {
  const res = await api(token, `/api/v1/rfqs/${rfqId}/comparison?view=full`);
  expect(res.status).toBe(200);
  return (await res.json()) as { awaitingRatings: string[]; criteria: { key: string }[]; ranking: { id: string; score: number }[] };
}

beforeAll(async () => {
  h = await createHarness();
  buyer = await createAccount(h.db, { kind: "buyer", org: "評価検証市" });
  otherBuyer = await createAccount(h.db, { kind: "buyer", org: "別テナント市" });
  advisor = await createAccount(h.db, { kind: "advisory", org: "比較アドバイザリー" });
  const m = await createUser(h.db, { orgId: buyer.org.id, role: "member", name: "評価 委員" });
  member = { id: m.id, email: m.email, token: await createApiToken(h.db, { orgId: buyer.org.id, userId: m.id }) };
  vendorA = await createAccount(h.db, { kind: "vendor", vendor: { name: "業務理解 株式会社", categories: ["municipal"], certifications: CERTS } });
  const vendorB = await createAccount(h.db, { kind: "vendor", vendor: { name: "提案品質 株式会社", categories: ["municipal"], certifications: CERTS } });
  const buyerActor = await actorFor(h.db, buyer.email);
  rfqId = await createPublishedRfq(h, buyerActor, rfqInput(h, { criteria: [...completeRfqInput().criteria, understanding] }));
  quoteA = await submitQuote(h, await actorFor(h.db, vendorA.email), rfqId);
  quoteBId = await submitQuote(h, await actorFor(h.db, vendorB.email), rfqId, quoteB());
  expect((await assignAdvisor(h.ctx, buyerActor, rfqId, { advisorOrgId: advisor.org.id })).ok).toBe(true);
  await openRfq(h, rfqId);
  tcoA = Number((await h.db.selectFrom("quotes").select("tco").where("id", "=", quoteA).executeTakeFirstOrThrow()).tco);
  const logins: [keyof typeof sessions, string][] = [
    ["buyer", buyer.email],
    ["member", member.email],
    ["advisor", advisor.email],
    ["vendor", vendorA.email],
    ["other", otherBuyer.email],
  ];
  for (const [who, email] of logins) {
    sessions[who] = new Cookies();
    expect((await postForm(h, "/login", { email, password: FACTORY_PASSWORD }, sessions[who])).status).toBe(302);
  }
});
afterAll(() => h?.close());

describe("the panel", () => {
  it("is set by the buyer: evaluators named (and notified), chair, price later; audited", async () => {
    const res = await api(buyer.token, `/api/v1/rfqs/${rfqId}/evaluation`, {
      method: "PUT",
      body: { priceLater: true, evaluatorUserIds: [member.id, advisor.user.id] },
    });
    expect(res.status).toBe(200);
    const panel = await res.json();
    expect(panel).toMatchObject({ chairUserId: buyer.user.id, priceLater: true, ratingsExist: false });
    expect(panel.evaluators.map((e: { userId: string; side: string }) => [e.userId, e.side]).sort()).toEqual(
      [
        [member.id, "buyer"],
        [advisor.user.id, "advisor"],
      ].sort(),
    );
    const notes = await h.db.selectFrom("notifications").select(["user_id", "payload"]).where("kind", "=", "evaluation.named").execute();
    expect(notes.map((n) => n.user_id).sort()).toEqual([member.id, advisor.user.id].sort());
    expect(JSON.stringify(notes[0]!.payload)).toContain(`/rfqs/${rfqId}/evaluation/rate`);
    expect(await h.db.selectFrom("audit_log").select("action").where("action", "=", "evaluation.panel.set").execute()).toHaveLength(1);
    // The buyer's RFQ page and the advisor's lead there.
    expect(await (await page("buyer", `/rfqs/${rfqId}`)).text()).toContain(`href="/rfqs/${rfqId}/evaluation"`);
    expect(await (await page("advisor", `/rfqs/${rfqId}`)).text()).toContain(`href="/rfqs/${rfqId}/evaluation"`);
  });

  it("refuses a chair who is not a buyer member, field by field, in English too", async () => {
    const res = await api(buyer.token, `/api/v1/rfqs/${rfqId}/evaluation`, {
      method: "PUT",
      lang: "en",
      body: { chairUserId: advisor.user.id, priceLater: true, evaluatorUserIds: [member.id, advisor.user.id] },
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain("Choose a member of the buyer as chair.");
  });

  it("is 404 to vendors and other tenants, on the API and the pages; an advisor may read but not set it", async () => {
    for (const token of [vendorA.token, otherBuyer.token]) {
      expect((await api(token, `/api/v1/rfqs/${rfqId}/evaluation`)).status).toBe(404);
      expect((await api(token, `/api/v1/rfqs/${rfqId}/ratings`)).status).toBe(404);
      expect(
        (
          await api(token, `/api/v1/rfqs/${rfqId}/consensus`, {
            method: "PUT",
            body: { quoteId: quoteA, criterionKey: "work_understanding", score: 3, comment: "x" },
          })
        ).status,
      ).toBe(404);
    }
    for (const who of ["vendor", "other"] as const) {
      expect((await page(who, `/rfqs/${rfqId}/evaluation`)).status).toBe(404);
      expect((await page(who, `/rfqs/${rfqId}/evaluation/rate`)).status).toBe(404);
    }
    expect((await api(advisor.token, `/api/v1/rfqs/${rfqId}/evaluation`)).status).toBe(200);
    expect((await api(advisor.token, `/api/v1/rfqs/${rfqId}/evaluation`, { method: "PUT", body: { evaluatorUserIds: [] } })).status).toBe(403);
  });
});

describe("an evaluator removed before submitting", () => {
  it("goes with its draft ratings", async () => {
    const temp = await createUser(h.db, { orgId: buyer.org.id, role: "member" });
    const token = await createApiToken(h.db, { orgId: buyer.org.id, userId: temp.id });
    const panel = (ids: string[]) => api(buyer.token, `/api/v1/rfqs/${rfqId}/evaluation`, { method: "PUT", body: { priceLater: true, evaluatorUserIds: ids } });
    expect((await panel([member.id, advisor.user.id, temp.id])).status).toBe(200);
    const draft = { ratings: [{ quoteId: quoteA, criterionKey: "work_understanding", score: 3, reason: "draft" }] };
    expect((await api(token, `/api/v1/rfqs/${rfqId}/ratings`, { method: "PUT", body: draft })).status).toBe(200);
    expect((await panel([member.id, advisor.user.id])).status).toBe(200);
    expect(await h.db.selectFrom("evaluator_ratings").selectAll().where("evaluator_user_id", "=", temp.id).execute()).toHaveLength(0);
    expect((await api(token, `/api/v1/rfqs/${rfqId}/ratings`, { method: "PUT", body: draft })).status).toBe(403);
  });
});

describe("before an evaluator submits (blind, price later)", () => {
  it("shows it no price anywhere: comparison page, API, files, quote page and API, quotes list", async () => {
    for (const who of ["member", "advisor"] as const) {
      const compare = await page(who, `/rfqs/${rfqId}/compare`);
      expect(compare.status).toBe(200);
      const html = await compare.text();
      expect(html).toContain('data-testid="price-later-notice"');
      expect(html).toContain(`/rfqs/${rfqId}/evaluation/rate`);
      expect(html).not.toContain(yen(tcoA));
      // The index-backed filters and sorts of the page (Meilisearch) give the same notice, never a price.
      const filtered = await (await page(who, `/rfqs/${rfqId}/compare?sort=tco&tcoMin=1&tcoMax=999999999&hideDisqualified=1`)).text();
      expect(filtered).toContain('data-testid="price-later-notice"');
      expect(filtered).not.toContain(yen(tcoA));
      expect((await page(who, `/rfqs/${rfqId}/compare.csv`)).status).toBe(409);
      expect((await page(who, `/rfqs/${rfqId}/compare.xlsx`)).status).toBe(409);
      const quote = await page(who, `/quotes/${quoteA}`);
      expect(quote.status).toBe(200);
      const quoteHtml = await quote.text();
      expect(quoteHtml).toContain('data-testid="price-later-notice"');
      expect(quoteHtml).not.toContain(yen(tcoA));
      expect(quoteHtml).not.toContain("unitPrices");
    }
    for (const token of [member.token, advisor.token]) {
      const refused = await api(token, `/api/v1/rfqs/${rfqId}/comparison?view=full`, { lang: "en" });
      expect(refused.status).toBe(409);
      expect(JSON.stringify(await refused.json())).toContain("Price later (two envelopes)");
      expect((await api(token, `/api/v1/rfqs/${rfqId}/comparison.xlsx`)).status).toBe(409);
      expect((await api(token, `/api/v1/quotes/${quoteA}`)).status).toBe(409);
    }
    expect((await api(member.token, `/api/v1/rfqs/${rfqId}/quotes`)).status).toBe(409);
    // Nor through an award proposal (every quote's amount): the API refuses, the page sends it to its rating sheet.
    expect((await api(member.token, `/api/v1/rfqs/${rfqId}/award-proposals`)).status).toBe(409);
    const proposing = await api(member.token, `/api/v1/rfqs/${rfqId}/award-proposals`, {
      method: "POST",
      body: { quoteId: quoteA, rationale: "評価前の起案", debriefReason: "総合評価による" },
    });
    expect(proposing.status).toBe(409);
    const awardPage = await page("member", `/rfqs/${rfqId}/award`);
    expect(awardPage.status).toBe(302);
    expect(awardPage.headers.get("Location")).toBe(`/rfqs/${rfqId}/evaluation/rate`);
    // The rating sheet shows the proposal without TCO or ROI.
    const sheet = await (await page("member", `/rfqs/${rfqId}/evaluation/rate`)).text();
    expect(sheet).toContain('data-testid="price-hidden"');
    expect(sheet).not.toContain('data-testid="tco"');
    expect(sheet).not.toContain(yen(tcoA));
  });

  it("shows the buyer (chair, not an evaluator) the comparison with 業務理解度 awaiting ratings", async () => {
    const html = await (await page("buyer", `/rfqs/${rfqId}/compare`)).text();
    expect(html).toContain("評価待ち（2名中0名提出済み）");
    expect(html).toContain(yen(tcoA));
    const c = await comparison(buyer.token);
    expect(c.awaitingRatings).toEqual(["work_understanding"]);
    expect(c.criteria.map((x) => x.key)).not.toContain("work_understanding");
  });

  it("keeps a draft only when every rating is on the scale with a reason: field errors, nothing written", async () => {
    const res = await api(member.token, `/api/v1/rfqs/${rfqId}/ratings`, {
      method: "PUT",
      lang: "en",
      body: {
        ratings: [
          { quoteId: quoteA, criterionKey: "work_understanding", score: 4, reason: "fine" },
          { quoteId: quoteBId, criterionKey: "work_understanding", score: 7, reason: "too high" },
        ],
      },
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain("Rate with a whole number from 1 to 5.");
    expect(await h.db.selectFrom("evaluator_ratings").selectAll().execute()).toHaveLength(0);
    // The page says it beside the rating, in Japanese.
    const form = await postForm(
      h,
      `/rfqs/${rfqId}/evaluation/rate`,
      { intent: "save", cell: [`${quoteA}|work_understanding`], [`score:${quoteA}|work_understanding`]: "3", [`reason:${quoteA}|work_understanding`]: "" },
      sessions.member,
    );
    expect(form.status).toBe(400);
    expect(await form.text()).toContain("理由を入力してください。");
    expect(await h.db.selectFrom("evaluator_ratings").selectAll().execute()).toHaveLength(0);
  });

  it("refuses to submit an incomplete sheet", async () => {
    expect(
      (
        await api(member.token, `/api/v1/rfqs/${rfqId}/ratings`, {
          method: "PUT",
          body: { ratings: [{ quoteId: quoteA, criterionKey: "work_understanding", score: 2, reason: REASON_SENTINEL }] },
        })
      ).status,
    ).toBe(200);
    expect((await api(member.token, `/api/v1/rfqs/${rfqId}/ratings/submit`, { method: "POST" })).status).toBe(409);
  });

  it("no longer lets the chair or price later change once a rating exists", async () => {
    const res = await api(buyer.token, `/api/v1/rfqs/${rfqId}/evaluation`, {
      method: "PUT",
      body: { priceLater: false, evaluatorUserIds: [member.id, advisor.user.id] },
    });
    expect(res.status).toBe(409);
  });
});

describe("after one of two evaluators submitted", () => {
  beforeAll(async () => {
    await rateAll(member.token, { [quoteA]: 2, [quoteBId]: 4 });
  });

  it("locks its ratings and shows it the comparison with prices — but still awaiting the other evaluator", async () => {
    expect(
      (
        await api(member.token, `/api/v1/rfqs/${rfqId}/ratings`, {
          method: "PUT",
          body: { ratings: [{ quoteId: quoteA, criterionKey: "work_understanding", score: 5, reason: "changed my mind" }] },
        })
      ).status,
    ).toBe(409);
    const html = await (await page("member", `/rfqs/${rfqId}/compare`, "en")).text();
    expect(html).toContain("awaiting ratings (1 of 2 submitted)");
    expect(html).toContain(yen(tcoA));
    expect((await comparison(member.token)).awaitingRatings).toEqual(["work_understanding"]);
  });

  it("keeps an evaluator who submitted on the panel; one who has not may still be removed", async () => {
    const res = await api(buyer.token, `/api/v1/rfqs/${rfqId}/evaluation`, { method: "PUT", body: { priceLater: true, evaluatorUserIds: [advisor.user.id] } });
    expect(res.status).toBe(409);
    expect((await api(buyer.token, `/api/v1/rfqs/${rfqId}/evaluation`)).status).toBe(200);
  });

  it("shows the evaluator still rating nobody else's rating: API, results page, comparison", async () => {
    const mine = await (await api(advisor.token, `/api/v1/rfqs/${rfqId}/ratings`)).json();
    expect(mine).toMatchObject({ evaluator: true, submitted: false, blind: true, submittedRatings: [], own: [] });
    const results = await (await page("advisor", `/rfqs/${rfqId}/evaluation`)).text();
    expect(results).toContain('data-testid="results-blind"');
    expect(results).not.toContain(REASON_SENTINEL);
    expect(await (await page("advisor", `/rfqs/${rfqId}/compare`)).text()).not.toContain(REASON_SENTINEL);
    // Nor does the quotes index carry a rating yet: its scores are the ranking without the rated criterion.
    await h.index();
    const ranking = (await comparison(buyer.token)).ranking;
    const docs = await h.search.searchQuotes({ rfqId, buyerOrgId: buyer.org.id });
    for (const r of ranking) expect(docs.find((d) => d.id === r.id)!.score).toBeCloseTo(r.score, 6);
    expect(JSON.stringify(docs)).not.toContain(REASON_SENTINEL);
    // The submitted evaluator and the buyer read the submitted ratings with their reasons.
    const submitted = await (await api(member.token, `/api/v1/rfqs/${rfqId}/ratings`)).json();
    expect(submitted.blind).toBe(false);
    expect(submitted.submittedRatings).toHaveLength(2);
    expect(await (await page("buyer", `/rfqs/${rfqId}/evaluation`)).text()).toContain(REASON_SENTINEL);
  });
});

describe("once every evaluator submitted", () => {
  let before: { id: string; score: number }[];

  beforeAll(async () => {
    // The advisor rates through its rating page: the anchors are written beside each level, in English too.
    const sheet = await (await page("advisor", `/rfqs/${rfqId}/evaluation/rate`, "en")).text();
    expect(sheet).toContain("Understands it well enough to improve it");
    const cells = [quoteA, quoteBId].map((q) => `${q}|work_understanding`);
    const submitted = await postForm(
      h,
      `/rfqs/${rfqId}/evaluation/rate`,
      {
        intent: "submit",
        cell: cells,
        [`score:${cells[0]}`]: "5",
        [`reason:${cells[0]}`]: `${REASON_SENTINEL} 5`,
        [`score:${cells[1]}`]: "4",
        [`reason:${cells[1]}`]: `${REASON_SENTINEL} 4`,
      },
      sessions.advisor,
    );
    expect(submitted.status).toBe(302);
    expect(submitted.headers.get("Location")).toBe(`/rfqs/${rfqId}/evaluation`);
    await h.index();
    before = (await comparison(buyer.token)).ranking;
  });

  it("ranks the mean on the rating scale and flags the wide spread for consensus", async () => {
    const c = await comparison(buyer.token);
    expect(c.awaitingRatings).toEqual([]);
    expect(c.criteria.find((x) => x.key === "work_understanding")).toMatchObject({ scale: { worst: 1, best: 5 } });
    const html = await (await page("buyer", `/rfqs/${rfqId}/evaluation`)).text();
    expect(html).toContain("合議が必要");
    const compare = await (await page("buyer", `/rfqs/${rfqId}/compare`)).text();
    expect(compare).toContain("平均 (2)");
    // The advisor, now submitted, sees prices and the others' ratings.
    expect(await (await page("advisor", `/rfqs/${rfqId}/compare`)).text()).toContain(yen(tcoA));
    expect((await (await api(advisor.token, `/api/v1/rfqs/${rfqId}/ratings`)).json()).submittedRatings).toHaveLength(4);
  });

  it("lets only the chair record a consensus, on the scale's step and with a comment", async () => {
    const body = { quoteId: quoteA, criterionKey: "work_understanding", score: 2, comment: "合議の結果、業務フローの理解は不十分" };
    expect((await api(member.token, `/api/v1/rfqs/${rfqId}/consensus`, { method: "PUT", body })).status).toBe(403);
    const offStep = await api(buyer.token, `/api/v1/rfqs/${rfqId}/consensus`, { method: "PUT", body: { ...body, score: 2.25 }, lang: "en" });
    expect(offStep.status).toBe(400);
    expect(JSON.stringify(await offStep.json())).toContain("Enter 1 to 5 in steps of 0.5.");
    const noComment = await postForm(
      h,
      `/rfqs/${rfqId}/evaluation`,
      { intent: "consensus", quoteId: quoteA, criterionKey: "work_understanding", score: "2", comment: " " },
      sessions.buyer,
    );
    expect(noComment.status).toBe(400);
    expect(await noComment.text()).toContain("合議コメントを入力してください。");
    expect(await h.db.selectFrom("rating_consensus").selectAll().execute()).toHaveLength(0);
    expect((await api(buyer.token, `/api/v1/rfqs/${rfqId}/consensus`, { method: "PUT", body })).status).toBe(200);
    expect(await h.db.selectFrom("audit_log").select("action").where("action", "=", "evaluation.consensus.record").execute()).toHaveLength(1);
  });

  it("ranks the consensus in place of the mean: the ranking and the quotes index move", async () => {
    const after = (await comparison(buyer.token)).ranking;
    const scoreOf = (r: { id: string; score: number }[], id: string) => r.find((x) => x.id === id)!.score;
    // Quote A's 業務理解度 drops from the mean 3.5 to the consensus 2 (37.5 → 25 of 100, weight 30 of 130).
    expect(scoreOf(after, quoteA)).toBeLessThan(scoreOf(before, quoteA));
    expect(scoreOf(after, quoteBId)).toBeCloseTo(scoreOf(before, quoteBId), 6);
    const compare = await (await page("buyer", `/rfqs/${rfqId}/compare`)).text();
    expect(compare).toContain("合議");
    const body = (await (await api(buyer.token, `/api/v1/rfqs/${rfqId}/comparison?view=full`)).json()) as {
      ratedValues: Record<string, Record<string, unknown>>;
    };
    expect(body.ratedValues[quoteA]!.work_understanding).toEqual({ value: 2, basis: "consensus", n: 2, flagged: true });
    expect(body.ratedValues[quoteBId]!.work_understanding).toEqual({ value: 4, basis: "mean", n: 2, flagged: false });
    const csv = await (await page("buyer", `/rfqs/${rfqId}/compare.csv`, "en")).text();
    expect(csv).toContain("Understanding of the work: basis");
    expect(csv).toContain("mean (2)");
    await h.index();
    const docs = await h.search.searchQuotes({ rfqId, buyerOrgId: buyer.org.id });
    expect(docs.find((d) => d.id === quoteA)!.score).toBeCloseTo(scoreOf(after, quoteA), 6);
  });

  it("never shows a vendor a rating, reason or consensus", async () => {
    for (const path of [`/rfqs/${rfqId}/quote`, `/rfqs/${rfqId}`]) {
      const html = await (await page("vendor", path)).text();
      expect(html).not.toContain(REASON_SENTINEL);
      expect(html).not.toContain("合議の結果");
    }
    const own = await (await api(vendorA.token, `/api/v1/quotes/${quoteA}`)).text();
    expect(own).not.toContain(REASON_SENTINEL);
    expect((await api(vendorA.token, `/api/v1/rfqs/${rfqId}/comparison`)).status).toBe(404);
  });
});
