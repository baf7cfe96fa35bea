import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assignAdvisor } from "~/services/advisors.server";
import { applyDesignComment } from "~/services/design-review.server";
import { createAccount, createRfq, mustSucceed, rfqInput, type Account } from "../factories";
import type { Actor } from "~/domain/permissions";
import { actorFor } from "../factories";
import { FACTORY_PASSWORD } from "../factories";
import { apiRequest, Cookies, createHarness, postForm, type Harness } from "./harness";

// KPI-design review on real PostgreSQL through the JSON API (decision 0044): an assigned advisor comments on a
// draft's evaluation design; the buyer applies a suggestion (the draft changes, the comment is applied and one
// audit row says so, all or nothing), declines with a reason, or discusses in replies; publishing with open
// comments needs a confirmation; after publication the comments are read-only. Vendors, other buyers and
// unassigned advisors get 404 for every comment surface; a vendor's view of the published RFQ never holds them.

let h: Harness;
let buyer: Account;
let otherBuyer: Account;
let vendor: Account;
let advisor: Account;
let outsider: Account;
let buyerActor: Actor;
let rfqId: string;

const api = (who: Account, path: string, init: { method?: string; body?: unknown; lang?: string } = {}) => apiRequest(h, who.token, path, init);
const post = (who: Account, path: string, body?: unknown, lang?: string) => api(who, path, { method: "POST", body, lang });
const draftOf = async (id: string) =>
  (await h.db.selectFrom("rfqs").select("content").where("id", "=", id).executeTakeFirstOrThrow()).content as Record<string, any>;
const commentRow = (id: string) => h.db.selectFrom("rfq_design_comments").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const audits = (action: string) => h.db.selectFrom("audit_log").selectAll().where("action", "=", action).orderBy("id").execute();
const notificationsOf = (userId: string, kind: string) =>
  h.db
    .selectFrom("notifications")
    .select("payload")
    .where("user_id", "=", userId)
    .where("kind", "=", kind as never)
    .execute();

async function comment(body: Record<string, unknown>, who = advisor, lang?: string) {
  const res = await post(who, `/api/v1/rfqs/${rfqId}/design-comments`, { body: "コメント", ...body }, lang);
  return { res, json: (await res.json()) as any };
}

beforeAll(async () => {
  h = await createHarness();
  buyer = await createAccount(h.db, { kind: "buyer", org: "みどり市" });
  otherBuyer = await createAccount(h.db, { kind: "buyer", org: "さくら食品" });
  vendor = await createAccount(h.db, { kind: "vendor", vendor: { name: "行政サポート株式会社" } });
  advisor = await createAccount(h.db, { kind: "advisory", org: "比較アドバイザリー" });
  outsider = await createAccount(h.db, { kind: "advisory", org: "別アドバイザリー" });
  buyerActor = await actorFor(h.db, buyer.email);
  rfqId = await createRfq(h, buyerActor, rfqInput(h, { title: "窓口業務委託" }));
  mustSucceed(await assignAdvisor(h.ctx, buyerActor, rfqId, { advisorOrgId: advisor.org.id }), "assigning");
});
afterAll(() => h?.close());

describe("an advisor comments on a draft's evaluation design", () => {
  it("anchored to a criterion's target with a suggestion: stored, audited, the buyer's members notified with a link to the review step", async () => {
    const { res, json } = await comment({
      field: "target",
      criterionKey: "accuracy",
      body: "99.9%は過剰です。",
      suggestion: { kind: "set_target", target: 0.995 },
    });
    expect(res.status).toBe(201);
    const row = await commentRow(json.id);
    expect(row).toMatchObject({ rfq_id: rfqId, field: "target", criterion_key: "accuracy", status: "open", suggestion: { kind: "set_target", target: 0.995 } });
    const [audit] = await audits("rfq.design.comment");
    expect(audit).toMatchObject({ entity_id: rfqId, actor_org_id: advisor.org.id });
    expect(await notificationsOf(buyer.user.id, "design.commented")).toEqual([{ payload: expect.objectContaining({ rfqId, href: `/rfqs/${rfqId}/review` }) }]);
  });

  it("refuses a criterion the draft does not have, a suggestion outside the unit's range and an empty text, field by field, writing nothing", async () => {
    const before = await h.db
      .selectFrom("rfq_design_comments")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .executeTakeFirstOrThrow();
    const unknown = await comment({ field: "weight", criterionKey: "no_such", suggestion: { kind: "set_weight", weight: 10 } });
    expect(unknown.res.status).toBe(400);
    expect(unknown.json.errors).toEqual([expect.objectContaining({ path: "criterionKey" })]);
    const outOfRange = await comment({ field: "target", criterionKey: "accuracy", suggestion: { kind: "set_target", target: 99.5 } }, advisor, "en");
    expect(outOfRange.res.status).toBe(400);
    expect(outOfRange.json.errors).toEqual([{ path: "suggestion.target", message: expect.stringMatching(/rate|%/i) }]);
    const empty = await comment({ field: "missing_kpi", body: " " }, advisor, "en");
    expect(empty.json.errors).toEqual([{ path: "body", message: "Enter a comment." }]);
    const after = await h.db
      .selectFrom("rfq_design_comments")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it("the buyer reads the comments; only advisors write them", async () => {
    const list = (await (await api(buyer, `/api/v1/rfqs/${rfqId}/design-comments`)).json()) as any;
    expect(list).toMatchObject({ rfqId, status: "draft", open: 1 });
    expect(list.data[0]).toMatchObject({ field: "target", criterionKey: "accuracy", author: { org: "比較アドバイザリー" }, replies: [] });
    expect((await comment({ field: "missing_kpi" }, buyer)).res.status).toBe(403);
  });

  it("vendors, other buyers and unassigned advisors get 404 for the list, writing, and every comment action", async () => {
    const id = (await commentRow((await h.db.selectFrom("rfq_design_comments").select("id").executeTakeFirstOrThrow()).id)).id;
    for (const who of [vendor, otherBuyer, outsider]) {
      expect((await api(who, `/api/v1/rfqs/${rfqId}/design-comments`)).status).toBe(404);
      expect((await comment({ field: "missing_kpi" }, who)).res.status).toBe(404);
      expect((await post(who, `/api/v1/design-comments/${id}/apply`)).status).toBe(404);
      expect((await post(who, `/api/v1/design-comments/${id}/decline`, { reason: "x" })).status).toBe(404);
      expect((await post(who, `/api/v1/design-comments/${id}/replies`, { body: "x" })).status).toBe(404);
    }
    expect((await commentRow(id)).status).toBe("open");
  });
});

describe("the buyer resolves comments", () => {
  it("apply: the draft changes, the comment is applied and one audit row names both, in one transaction; the advisor is notified", async () => {
    const { json } = await comment({ field: "weight", criterionKey: "tco", body: "価格偏重です。", suggestion: { kind: "set_weight", weight: 30 } });
    const res = await post(buyer, `/api/v1/design-comments/${json.id}/apply`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: json.id, rfqId, status: "applied" });
    const draft = await draftOf(rfqId);
    expect(draft.criteria.find((c: { key: string }) => c.key === "tco").weight).toBe(30);
    expect(await commentRow(json.id)).toMatchObject({ status: "applied", resolved_by: buyer.user.id });
    const applied = await audits("rfq.design.apply");
    expect(applied).toHaveLength(1);
    expect(applied[0]).toMatchObject({ entity_id: rfqId, actor_user_id: buyer.user.id, after: expect.objectContaining({ designCommentId: json.id }) });
    expect((applied[0]!.before as any).criteria.find((c: { key: string }) => c.key === "tco").weight).toBe(40);
    expect(await notificationsOf(advisor.user.id, "design.resolved")).toHaveLength(1);
    // Applied once: a second click is a conflict and changes nothing.
    expect((await post(buyer, `/api/v1/design-comments/${json.id}/apply`)).status).toBe(409);
    expect(await audits("rfq.design.apply")).toHaveLength(1);
  });

  it("apply adds a catalog KPI with the suggested gate ('revision rounds ≤ 2')", async () => {
    const { json } = await comment({
      field: "missing_kpi",
      body: "修正回数を入れるべき",
      suggestion: { kind: "add_criterion", catalogKey: "revision_rounds", gate: { max: 2 }, weight: 10 },
    });
    expect((await post(buyer, `/api/v1/design-comments/${json.id}/apply`)).status).toBe(200);
    expect((await draftOf(rfqId)).criteria.at(-1)).toMatchObject({ key: "revision_rounds", gate: { max: 2 }, weight: 10 });
  });

  it("apply refuses a suggestion that no longer fits the draft: field error, comment still open, draft and audit untouched", async () => {
    const { json } = await comment({
      field: "scale",
      criterionKey: "processing_lead_time_days",
      suggestion: { kind: "set_scale", scale: { worst: 20, best: 3 } },
    });
    // The buyer removes that criterion in the form before applying.
    const draft = await draftOf(rfqId);
    const without = draft.criteria.filter((c: { key: string }) => c.key !== "processing_lead_time_days");
    expect((await api(buyer, `/api/v1/rfqs/${rfqId}`, { method: "PATCH", body: { criteria: without } })).status).toBe(200);
    const auditsBefore = (await audits("rfq.design.apply")).length;
    const res = await post(buyer, `/api/v1/design-comments/${json.id}/apply`, undefined, "en");
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).errors).toEqual([
      { path: "criterionKey", message: "The criterion is no longer in the draft (it was removed or renamed)." },
    ]);
    expect((await commentRow(json.id)).status).toBe("open");
    expect(await audits("rfq.design.apply")).toHaveLength(auditsBefore);
    // Nothing to apply is a decline with a reason, which is required.
    const noReason = await post(buyer, `/api/v1/design-comments/${json.id}/decline`, { reason: "" }, "en");
    expect(noReason.status).toBe(400);
    expect(((await noReason.json()) as any).errors).toEqual([{ path: "reason", message: "Give a reason for declining." }]);
    expect((await commentRow(json.id)).status).toBe("open");
    const declined = await post(buyer, `/api/v1/design-comments/${json.id}/decline`, { reason: "この基準は削除しました。" });
    expect(declined.status).toBe(200);
    expect(await commentRow(json.id)).toMatchObject({ status: "declined", resolution_reason: "この基準は削除しました。" });
    expect((await audits("rfq.design.decline")).at(-1)).toMatchObject({
      after: expect.objectContaining({ designCommentId: json.id, reason: "この基準は削除しました。" }),
    });
  });

  it("two members applying the same comment at once: one applies, the other is refused and writes nothing", async () => {
    const { json } = await comment({ field: "weight", criterionKey: "accuracy", suggestion: { kind: "set_weight", weight: 35 } });
    const auditsBefore = (await audits("rfq.design.apply")).length;
    const answers = await Promise.all([applyDesignComment(h.ctx, buyerActor, json.id), applyDesignComment(h.ctx, buyerActor, json.id)]);
    expect(answers.map((a) => (a.ok ? 200 : a.status)).sort()).toEqual([200, 409]);
    expect(await audits("rfq.design.apply")).toHaveLength(auditsBefore + 1);
    expect((await draftOf(rfqId)).criteria.find((c: { key: string }) => c.key === "accuracy").weight).toBe(35);
  });

  it("only the buyer resolves: the advisor's apply and decline are refused", async () => {
    const { json } = await comment({ field: "scoring_method", suggestion: { kind: "set_scoring_method", scoringMethod: "topsis" } });
    expect((await post(advisor, `/api/v1/design-comments/${json.id}/apply`)).status).toBe(404);
    expect((await post(advisor, `/api/v1/design-comments/${json.id}/decline`, { reason: "x" })).status).toBe(404);
    expect((await commentRow(json.id)).status).toBe("open");
  });

  it("discuss: both sides reply, each notifying the other", async () => {
    const { json } = await comment({ field: "gate", criterionKey: "accuracy", body: "足切りを設けては？" });
    expect((await post(buyer, `/api/v1/design-comments/${json.id}/replies`, { body: "どの水準が妥当ですか？" })).status).toBe(201);
    // The business clock stands still in tests: the reply comes a minute later, as it would.
    h.clock.set(new Date(h.clock.now().getTime() + 60_000));
    expect((await post(advisor, `/api/v1/design-comments/${json.id}/replies`, { body: "99%以上を推奨します。" })).status).toBe(201);
    const bad = await post(advisor, `/api/v1/design-comments/${json.id}/replies`, { body: "" }, "en");
    expect(bad.status).toBe(400);
    const list = (await (await api(advisor, `/api/v1/rfqs/${rfqId}/design-comments`)).json()) as any;
    const c = list.data.find((x: { id: string }) => x.id === json.id);
    expect(c.replies.map((r: any) => [r.author.side, r.body])).toEqual([
      ["buyer", "どの水準が妥当ですか？"],
      ["advisor", "99%以上を推奨します。"],
    ]);
    expect(await notificationsOf(advisor.user.id, "design.replied")).toHaveLength(1);
    expect(await notificationsOf(buyer.user.id, "design.replied")).toHaveLength(1);
  });
});

describe("publishing with unresolved comments", () => {
  it("the API answers 409 with the code and count unless confirmed; then comments are read-only and never reach the vendor", async () => {
    const open = ((await (await api(buyer, `/api/v1/rfqs/${rfqId}/design-comments`)).json()) as any).open as number;
    expect(open).toBeGreaterThan(0);
    const refused = await post(buyer, `/api/v1/rfqs/${rfqId}/publish`, undefined, "en");
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({
      code: "designCommentsUnresolved",
      unresolvedComments: open,
      title: `Design comments still unresolved: ${open}. Confirm to publish anyway.`,
    });
    expect((await h.db.selectFrom("rfqs").select("status").where("id", "=", rfqId).executeTakeFirstOrThrow()).status).toBe("draft");
    expect((await post(buyer, `/api/v1/rfqs/${rfqId}/publish`, { confirmUnresolved: "yes" })).status).toBe(400);
    const published = await post(buyer, `/api/v1/rfqs/${rfqId}/publish`, { confirmUnresolved: true });
    expect(published.status).toBe(200);
    const openComment = (await h.db.selectFrom("rfq_design_comments").select("id").where("status", "=", "open").executeTakeFirstOrThrow()).id;
    expect((await post(buyer, `/api/v1/design-comments/${openComment}/apply`)).status).toBe(409);
    expect((await post(advisor, `/api/v1/design-comments/${openComment}/replies`, { body: "まだ" })).status).toBe(409);
    expect((await comment({ field: "missing_kpi" })).res.status).toBe(409);
    // Still readable by the buyer and the advisor.
    expect((await api(advisor, `/api/v1/rfqs/${rfqId}/design-comments`)).status).toBe(200);
    // The vendor reads the published RFQ, and nothing of the review.
    const rfq = await api(vendor, `/api/v1/rfqs/${rfqId}`);
    expect(rfq.status).toBe(200);
    const text = await rfq.text();
    for (const sentinel of ["99.9%は過剰です", "足切りを設けては", "99%以上を推奨します"]) expect(text).not.toContain(sentinel);
    expect((await api(vendor, `/api/v1/rfqs/${rfqId}/design-comments`)).status).toBe(404);
  });

  it("a draft without open comments publishes without a body, as clients always have", async () => {
    const id = await createRfq(h, buyerActor, rfqInput(h, { title: "別の依頼" }));
    expect((await post(buyer, `/api/v1/rfqs/${id}/publish`)).status).toBe(200);
  });
});

describe("the pages", () => {
  let pageRfq: string;
  const sessions = new Map<Account, Cookies>();
  const session = async (who: Account) => {
    if (!sessions.has(who)) {
      const cookies = new Cookies();
      expect((await postForm(h, "/login", { email: who.email, password: FACTORY_PASSWORD }, cookies)).status).toBe(302);
      sessions.set(who, cookies);
    }
    return sessions.get(who)!;
  };
  const get = async (who: Account, path: string, lang = "ja") =>
    h.request(path, { cookies: await session(who), redirect: "manual", headers: { "Accept-Language": lang } });
  const send = async (who: Account, path: string, fields: Record<string, string>, lang = "ja") =>
    postForm(h, path, fields, await session(who), { "Accept-Language": lang });

  beforeAll(async () => {
    pageRfq = await createRfq(h, buyerActor, rfqInput(h, { title: "ページで確認する依頼" }));
    mustSucceed(await assignAdvisor(h.ctx, buyerActor, pageRfq, { advisorOrgId: advisor.org.id }), "assigning");
  });

  it("the advisor reaches the review from the RFQ page and comments with a suggestion typed in percent", async () => {
    expect(await (await get(advisor, `/rfqs/${pageRfq}`)).text()).toContain(`/rfqs/${pageRfq}/design-review`);
    const form = await get(advisor, `/rfqs/${pageRfq}/design-review`);
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('data-testid="design-comment-form"');
    const res = await send(advisor, `/rfqs/${pageRfq}/design-review`, {
      intent: "comment",
      anchor: "accuracy:target",
      body: "目標は99.5%で十分です。",
      suggestionKind: "set_target",
      value: "99.5",
    });
    expect(res.status).toBe(302);
    const row = await h.db.selectFrom("rfq_design_comments").selectAll().where("rfq_id", "=", pageRfq).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ field: "target", criterion_key: "accuracy", suggestion: { kind: "set_target", target: 0.995 } });
  });

  it("refuses an empty comment and an out-of-range value field by field, in English", async () => {
    const res = await send(
      advisor,
      `/rfqs/${pageRfq}/design-review`,
      { intent: "comment", anchor: "tco:weight", body: "", suggestionKind: "set_weight", value: "-5" },
      "en",
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Enter a comment.");
    expect(html).toContain("Weights must be numbers of at least 0.");
  });

  it("the buyer sees the comment beside its criterion on the review step and the criteria step, and applies it", async () => {
    const review = await (await get(buyer, `/rfqs/${pageRfq}/review`, "en")).text();
    expect(review).toContain("Unresolved comments: 1");
    expect(review).toContain("Set the target to 99.5%");
    expect(review).toContain('data-criterion="accuracy"');
    const step = await (await get(buyer, `/rfqs/${pageRfq}/edit/evaluation`)).text();
    expect(step).toContain('data-testid="design-anchors"');
    const id = (await h.db.selectFrom("rfq_design_comments").select("id").where("rfq_id", "=", pageRfq).executeTakeFirstOrThrow()).id;
    const res = await send(buyer, `/rfqs/${pageRfq}/design-review`, { intent: "apply", commentId: id, back: "review" });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/rfqs/${pageRfq}/review`);
    expect((await draftOf(pageRfq)).criteria.find((c: { key: string }) => c.key === "accuracy").target).toBe(0.995);
  });

  it("a decline without a reason is refused at the reason field", async () => {
    await send(advisor, `/rfqs/${pageRfq}/design-review`, { intent: "comment", anchor: "design:missing_kpi", body: "CSATが必要です。" });
    const id = (await h.db.selectFrom("rfq_design_comments").select("id").where("rfq_id", "=", pageRfq).where("status", "=", "open").executeTakeFirstOrThrow())
      .id;
    const res = await send(buyer, `/rfqs/${pageRfq}/design-review`, { intent: "decline", commentId: id, reason: "" }, "en");
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Give a reason for declining.");
  });

  it("publishing asks for confirmation while a comment is open, then publishes with it", async () => {
    const first = await send(buyer, `/rfqs/${pageRfq}/review`, {});
    expect(first.status).toBe(409);
    const html = await first.text();
    expect(html).toContain('data-testid="publish-unresolved"');
    expect(html).toContain('name="confirmUnresolved" value="1"');
    expect((await h.db.selectFrom("rfqs").select("status").where("id", "=", pageRfq).executeTakeFirstOrThrow()).status).toBe("draft");
    const confirmed = await send(buyer, `/rfqs/${pageRfq}/review`, { confirmUnresolved: "1" });
    expect(confirmed.status).toBe(302);
    expect((await h.db.selectFrom("rfqs").select("status").where("id", "=", pageRfq).executeTakeFirstOrThrow()).status).toBe("published");
    const readOnly = await (await get(advisor, `/rfqs/${pageRfq}/design-review`)).text();
    expect(readOnly).not.toContain('data-testid="design-comment-form"');
    expect(readOnly).toContain("CSATが必要です。");
  });

  it("vendors, other buyers and unassigned advisors get 404; the vendor's RFQ page holds nothing of the review", async () => {
    for (const who of [vendor, otherBuyer, outsider]) expect((await get(who, `/rfqs/${pageRfq}/design-review`)).status).toBe(404);
    const vendorPage = await get(vendor, `/rfqs/${pageRfq}`);
    expect(vendorPage.status).toBe(200);
    const html = await vendorPage.text();
    expect(html).not.toContain("CSATが必要です");
    expect(html).not.toContain("目標は99.5%で十分です");
    expect(html).not.toContain("design-review");
  });
});

describe("the rating scale in the criteria step", () => {
  it("shows the scale and anchors for an evaluator-rated criterion and saves a 0–100 scale as points", async () => {
    const cookies = new Cookies();
    expect((await postForm(h, "/login", { email: buyer.email, password: FACTORY_PASSWORD }, cookies)).status).toBe(302);
    const rated = {
      key: "work_understanding",
      label: { ja: "業務理解度", en: "Understanding of the work" },
      perspective: "customer" as const,
      direction: "benefit" as const,
      weight: 20,
      source: "advisor_rating" as const,
      unit: "score" as const,
      rating: { levels: "1-5" as const, anchors: ["不十分", "やや不足", "標準", "良い", "非常に良い"].map((ja) => ({ ja, en: "" })) },
    };
    const id = await createRfq(h, buyerActor, { title: "評価者評価のある依頼", category: "municipal", criteria: [rated] });
    const page = await h.request(`/rfqs/${id}/edit/evaluation`, { cookies, headers: { "Accept-Language": "en" } });
    const html = await page.text();
    expect(html).toContain('data-testid="rating-scale"');
    expect(html).toContain("Rating scale (evaluator rating)");
    expect(html).toContain('value="非常に良い"');
    const fields: Record<string, string> = {
      "criteria[0].key": rated.key,
      "criteria[0].label.ja": rated.label.ja,
      "criteria[0].label.en": rated.label.en,
      "criteria[0].perspective": rated.perspective,
      "criteria[0].direction": rated.direction,
      "criteria[0].weight": "20",
      "criteria[0].source": rated.source,
      "criteria[0].unit": "score",
      "criteria[0].gateKind": "none",
      "criteria[0].rating.levels": "0-100",
      then: "stay",
    };
    const saved = await postForm(h, `/rfqs/${id}/edit/evaluation`, fields, cookies);
    expect(saved.status).toBe(302);
    expect((await draftOf(id)).criteria[0]).toMatchObject({ key: "work_understanding", unit: "points", rating: { levels: "0-100" } });
    const blank = await postForm(
      h,
      `/rfqs/${id}/edit/evaluation`,
      { ...fields, "criteria[0].rating.levels": "1-5", "criteria[0].rating.anchors[0].ja": "不十分" },
      cookies,
      { "Accept-Language": "en" },
    );
    expect(blank.status).toBe(400);
    expect(await blank.text()).toContain("Describe this level.");
  });
});
