import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorFor, createAccount, createPublishedRfq, createRfq, rfqInput, submitQuote, type Account } from "../factories";
import { completeRfqInput } from "../../app/domain/rfq/test-fixtures";
import { rfqDraftSchema } from "../../app/domain/rfq/schema";
import { workUnderstanding } from "../../app/domain/comparison/test-fixtures";
import { Cookies, createHarness, postForm, type Harness } from "./harness";

// "Save as the RFQ's weights" from the comparison page: one transaction writes the working copy and
// its own audit row; once sealed bids are open the RFQ refuses (re-weighting after seeing the offers
// would let the buyer choose the winner) and nothing is written.

let h: Harness;
let cookies: Cookies;
let BUYER: Account;
/** A sealed RFQ of the buyer's, published three weeks before the harness's "now" with a quote in; its deadline passed at "now". */
let sealedOpened: string;
/** Like sealedOpened, with a criterion only evaluators can score (source "advisor rating"). */
let awaitingRfq: string;
const UNDERSTANDING = workUnderstanding(25);

const auditRows = (rfqId: string) => h.db.selectFrom("audit_log").select(["action", "before", "after"]).where("entity_id", "=", rfqId).orderBy("id").execute();

async function workingWeights(rfqId: string) {
  const row = await h.db.selectFrom("rfqs").select("content").where("id", "=", rfqId).executeTakeFirstOrThrow();
  return Object.fromEntries((rfqDraftSchema.parse(row.content).criteria ?? []).map((c) => [c.key, c.weight]));
}

beforeAll(async () => {
  h = await createHarness();
  BUYER = await createAccount(h.db, { kind: "buyer" });
  const vendor = await createAccount(h.db, { kind: "vendor", vendor: { name: "重み試験ベンダー株式会社" } });
  const now = h.clock.now();
  h.clock.set(new Date(now.getTime() - 21 * 86_400_000));
  sealedOpened = await createPublishedRfq(
    h,
    await actorFor(h.db, BUYER.email),
    completeRfqInput({
      sealed: true,
      visibility: "invited",
      invitedVendorIds: [vendor.org.id],
      quoteDeadline: new Date(now.getTime() - 3_600_000).toISOString(),
    }),
  );
  await submitQuote(h, await actorFor(h.db, vendor.email), sealedOpened);
  // The same, with the catalog's 業務理解度: rated by evaluators, and nobody has rated the quote yet.
  // Built around its own deadline, so the deliverable falls due after it (a past due date cannot be published).
  const base = completeRfqInput({ quoteDeadline: new Date(now.getTime() - 3_600_000).toISOString() });
  awaitingRfq = await createPublishedRfq(h, await actorFor(h.db, BUYER.email), {
    ...base,
    sealed: true,
    visibility: "invited",
    invitedVendorIds: [vendor.org.id],
    quoteDeadline: new Date(now.getTime() - 3_600_000).toISOString(),
    criteria: [...base.criteria, UNDERSTANDING],
    requiredCertifications: [],
    dataSensitivity: "none",
  });
  await submitQuote(h, await actorFor(h.db, vendor.email), awaitingRfq);
  // Back to "now", an hour past the deadline: the sealed bids are open; the buyer signs in at this moment.
  h.clock.set(now);
  cookies = new Cookies();
  const login = await postForm(h, "/login", { email: BUYER.email, password: BUYER.password }, cookies);
  expect(login.status).toBe(302);
  cookies.absorb(login);
});
afterAll(() => h?.close());

describe("save as the RFQ's weights", () => {
  it("saves an open, unsealed RFQ's weights with one audit row naming the intent", async () => {
    const buyer = await actorFor(h.db, BUYER.email);
    const input = completeRfqInput({
      sealed: false,
      visibility: "marketplace",
      invitedVendorIds: [],
      quoteDeadline: new Date(h.clock.now().getTime() + 20 * 86_400_000).toISOString(),
    });
    const rfqId = await createPublishedRfq(h, buyer, input);
    const before = await workingWeights(rfqId);
    const [first, second] = Object.keys(before);
    const auditBefore = (await auditRows(rfqId)).length;

    const res = await postForm(h, `/rfqs/${rfqId}/compare`, { intent: "saveWeights", [`w_${first}`]: "70", [`w_${second}`]: "5" }, cookies);
    expect(res.status).toBe(302);
    const after = await workingWeights(rfqId);
    expect(after[first]).toBe(70);
    expect(after[second]).toBe(5);
    const written = (await auditRows(rfqId)).slice(auditBefore);
    expect(written.map((r) => r.action)).toEqual(["rfq.weights.save"]);
  });

  it("refuses once sealed bids are open and writes nothing", async () => {
    const surveyClosed = sealedOpened;
    const before = await workingWeights(surveyClosed);
    const auditBefore = (await auditRows(surveyClosed)).length;
    const key = Object.keys(before)[0];
    const res = await postForm(h, `/rfqs/${surveyClosed}/compare`, { intent: "saveWeights", [`w_${key}`]: String((before[key] ?? 0) + 17) }, cookies);
    expect(res.status).toBe(302);
    expect(await workingWeights(surveyClosed)).toEqual(before);
    expect((await auditRows(surveyClosed)).length).toBe(auditBefore);
  });
});

describe("compute and apply (AHP) on the weights step, without JavaScript", () => {
  // tco ≻ accuracy ≻ lead time, yet lead time ≻ tco: a circle, CR far above 0.10.
  const circle = { ahp_0_1: "9", ahp_1_2: "9", ahp_0_2: "1/9" };

  it("asks first when CR is above 0.10 (a page that explains CR, nothing written), then applies on the second submit", async () => {
    const buyer = await actorFor(h.db, BUYER.email);
    const rfqId = await createRfq(h, buyer, rfqInput(h, { title: "AHPの確認" }));
    const step = `/rfqs/${rfqId}/edit/evaluation`;
    const before = await workingWeights(rfqId);
    const auditBefore = (await auditRows(rfqId)).length;

    const asked = await postForm(h, step, { op: "ahp", ...circle }, cookies);
    expect(asked.status).toBe(200);
    const html = await asked.text();
    expect(html).toContain("整合性の低い判断です");
    expect(html).toMatch(/整合比（CR）は \d\.\d{3} です/);
    const cr = /name="confirmInconsistent" value="([\d.]+)"/.exec(html)?.[1];
    expect(Number(cr)).toBeGreaterThan(0.1);
    // The answers are shown again as chosen.
    expect(html).toMatch(/<option value="1\/9" selected="">1\/9<\/option>/);
    expect(await workingWeights(rfqId)).toEqual(before);
    expect((await auditRows(rfqId)).length).toBe(auditBefore);

    // Changed answers with an old confirmation ask again.
    const again = await postForm(h, step, { op: "ahp", ...circle, ahp_0_2: "1/3", confirmInconsistent: cr! }, cookies);
    expect(again.status).toBe(200);
    expect(await workingWeights(rfqId)).toEqual(before);

    const applied = await postForm(h, step, { op: "ahp", ...circle, confirmInconsistent: cr! }, cookies);
    expect(applied.status).toBe(302);
    const after = await workingWeights(rfqId);
    expect(after).not.toEqual(before);
    expect(Object.values(after).reduce((a, b) => a + (b ?? 0), 0)).toBe(100);
    const written = (await auditRows(rfqId)).slice(auditBefore);
    expect(written.map((r) => r.action)).toEqual(["rfq.weights.save"]);
  });

  it("applies consistent judgements at once, and answers in English when asked in English", async () => {
    const buyer = await actorFor(h.db, BUYER.email);
    const rfqId = await createRfq(h, buyer, rfqInput(h, { title: "AHP consistent" }));
    const step = `/rfqs/${rfqId}/edit/evaluation`;
    const res = await postForm(h, step, { op: "ahp", ahp_0_1: "3", ahp_0_2: "3" }, cookies);
    expect(res.status).toBe(302);
    expect((await workingWeights(rfqId)).tco).toBeGreaterThan(40);

    const en = await postForm(h, step, { op: "ahp", ...circle }, cookies, { "Accept-Language": "en" });
    expect(await en.text()).toContain("The consistency ratio (CR) is");
  });
});

describe("what-if weights on the comparison page, field by field in the reader's language", () => {
  const page = (qs: string, lang = "ja") => h.request(`/rfqs/${sealedOpened}/compare?${qs}`, { cookies, headers: { "Accept-Language": lang } });

  it("refuses a negative, a non-number and a too-large weight beside each field, and applies nothing", async () => {
    const own = await (await page("")).text();
    const ownRanking = /data-testid="ranking"[\s\S]*?<\/ol>/.exec(own)?.[0];
    const res = await page("w_tco=-5&w_accuracy=abc&w_processing_lead_time_days=5000");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("重みは0以上で入力してください。");
    expect(html).toContain("重みは数字で入力してください。");
    expect(html).toContain("重みは1000以下で入力してください。");
    expect(html).toContain("試算の重みに誤りがあるため反映していません");
    expect(html).not.toContain('data-testid="what-if-active"');
    // What was typed stays in its field, marked invalid; the ranking is the RFQ's own.
    expect(html).toMatch(/name="w_tco"[^>]*value="-5"|value="-5"[^>]*name="w_tco"/);
    expect(html).toContain('aria-invalid="true"');
    expect(/data-testid="ranking"[\s\S]*?<\/ol>/.exec(html)?.[0]).toBe(ownRanking);
  });

  it("says all-zero weights in Japanese or English, never the scoring module's developer text", async () => {
    const ja = await (await page("w_tco=0&w_accuracy=0&w_processing_lead_time_days=0")).text();
    expect(ja).toContain("少なくとも1つの評価基準に、0より大きい重みを入力してください。");
    expect(ja).not.toMatch(/must|criteria\[/);
    const en = await (await page("w_tco=0&w_accuracy=0&w_processing_lead_time_days=0", "en")).text();
    expect(en).toContain("Give at least one criterion a weight above 0.");
    expect(await (await page("w_tco=-1", "en")).text()).toContain("A weight cannot be negative.");
  });

  it("leaves a criterion weighted 0 out of the ranking instead of refusing the what-if", async () => {
    const html = await (await page("w_processing_lead_time_days=0")).text();
    expect(html).toContain('data-testid="what-if-active"');
    expect(html).not.toContain('data-testid="what-if-error"');
  });

  it("answers an all-zero what-if on the API in the caller's language", async () => {
    const res = await h.request(`/api/v1/rfqs/${sealedOpened}/comparison?view=full&weights=tco:0,accuracy:0,processing_lead_time_days:0`, {
      headers: { Authorization: `Bearer ${BUYER.token}`, "Accept-Language": "ja" },
    });
    expect(res.status).toBe(400);
    const body = JSON.stringify(await res.json());
    expect(body).toContain("少なくとも1つの評価基準に、0より大きい重みを入力してください。");
    expect(body).not.toContain("positive weight");
  });
});

describe("a criterion nobody can score yet", () => {
  it("is marked awaiting ratings and left out of the ranking, on the page and in the API", async () => {
    const html = await (await h.request(`/rfqs/${awaitingRfq}/compare`, { cookies, headers: { "Accept-Language": "ja" } })).text();
    expect(html).toContain('data-testid="awaiting-ratings"');
    expect(html).toContain("「業務理解度」は評価者の評価がまだすべての見積にそろっていないため「評価待ち」とし、順位の計算から除いています");
    expect(html).toContain("評価待ち");

    const api = async (path: string) =>
      (await (await h.request(path, { headers: { Authorization: `Bearer ${BUYER.token}` } })).json()) as {
        awaitingRatings: string[];
        criteria: { key: string }[];
        ranking: { score: number }[];
      };
    const withRating = await api(`/api/v1/rfqs/${awaitingRfq}/comparison?view=full`);
    expect(withRating.awaitingRatings).toEqual(["work_understanding"]);
    expect(withRating.criteria.map((c) => c.key)).not.toContain("work_understanding");
    // The quote scores as if the criterion were not there: it loses nothing for a rating nobody has given.
    expect(withRating.ranking).toHaveLength(1);
    const without = await api(`/api/v1/rfqs/${awaitingRfq}/comparison?view=full&weights=work_understanding:0`);
    expect(withRating.ranking[0].score).toBeGreaterThan(0);
    expect(withRating.ranking[0].score).toBeCloseTo(without.ranking[0].score, 9);
    expect((await api(`/api/v1/rfqs/${sealedOpened}/comparison?view=full`)).awaitingRatings).toEqual([]);
  });
});
