import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  actorFor,
  createAccount,
  createApiToken,
  createPublishedRfq,
  createUser,
  FACTORY_PASSWORD,
  mustSucceed,
  openRfq,
  rfqInput,
  submitQuote,
  type Account,
} from "../factories";
import { quoteA, quoteB } from "../../app/domain/quote/test-fixtures";
import { completeRfqInput } from "../../app/domain/rfq/test-fixtures";
import type { Criterion } from "../../app/domain/rfq/schema";
import { krippendorffAlpha } from "../../app/domain/scoring";
import { assignAdvisor } from "../../app/services/advisors.server";
import { saveApprovalRoutes } from "../../app/services/approval-routes.server";
import { pdfPages } from "../support/pdf-text";
import { Cookies, createHarness, postForm, apiRequest, type ApiInit, type Harness } from "./harness";

// Recommendation memos, agreement figures and leniency (issue 18 items 4 and 5; decision 0047) on real PostgreSQL:
// an assigned advisor drafts a memo from its organisation's submitted ratings and annotations (rows inserted directly:
// ratings and annotations are other features' writes), edits it with field errors in ja and en, publishes it and a
// second version (the first superseded, kept); the buyer reads published memos on the comparison; proposing against a
// published memo needs the specific reason naming it; the award snapshot, page and 稟議書 carry memos and annotations
// with the clarification answer; agreement is hidden until every evaluator has submitted; leniency per evaluator.
// Vendors, another buyer and an unassigned advisor get 404 on every surface.

let h: Harness;
let owner: Account;
let other: Account;
let vendorA: Account;
let vendorB: Account;
let advisor: Account;
let outsider: Account;
let memberId: string;
let memberToken: string;
let rfqId: string;
let quoteOfA: string;
let quoteOfB: string;
const cookies: Record<"owner" | "advisor" | "vendor" | "other", Cookies> = {} as never;

const SENTINEL = "MEMO-SENTINEL-体制が厚い";
const api = (token: string, path: string, init: ApiInit = {}) => apiRequest(h, token, path, init);
const page = (path: string, who: keyof typeof cookies, lang = "ja") =>
  h.request(path, { cookies: cookies[who], redirect: "manual", headers: { "Accept-Language": lang } });
const memos = () => h.db.selectFrom("recommendation_memos").selectAll().where("rfq_id", "=", rfqId).orderBy("version").execute();
const audits = (action: string) => h.db.selectFrom("audit_log").selectAll().where("action", "=", action).where("entity_id", "=", rfqId).orderBy("id").execute();

async function signIn(email: string) {
  const jar = new Cookies();
  const res = await postForm(h, "/login", { email, password: FACTORY_PASSWORD }, jar);
  expect(res.status).toBe(302);
  jar.absorb(res);
  return jar;
}

const rated = (key: string, ja: string, en: string): Criterion => ({
  key,
  label: { ja, en },
  perspective: "learningGrowth",
  direction: "benefit",
  weight: 10,
  source: "advisor_rating",
  unit: "score",
  scale: { worst: 1, best: 5 },
  rating: { levels: "1-5" },
});

async function rate(userId: string, quoteId: string, criterionKey: string, score: number, reason: string) {
  await h.db
    .insertInto("evaluator_ratings")
    .values({ rfq_id: rfqId, quote_id: quoteId, criterion_key: criterionKey, evaluator_user_id: userId, score, reason, updated_at: h.clock.now() })
    .execute();
}
const submit = (userId: string) =>
  h.db.updateTable("rfq_evaluators").set({ submitted_at: h.clock.now() }).where("rfq_id", "=", rfqId).where("user_id", "=", userId).execute();

beforeAll(async () => {
  h = await createHarness();
  owner = await createAccount(h.db, { kind: "buyer", org: "推薦メモ市役所" });
  other = await createAccount(h.db, { kind: "buyer", org: "別テナント推薦商事" });
  vendorA = await createAccount(h.db, { kind: "vendor", vendor: { name: "安値事務株式会社" } });
  vendorB = await createAccount(h.db, { kind: "vendor", vendor: { name: "厚い体制事務株式会社" } });
  advisor = await createAccount(h.db, { kind: "advisory", org: "みなと調達アドバイザリー" });
  outsider = await createAccount(h.db, { kind: "advisory", org: "割当なしアドバイザリー" });
  const member = await createUser(h.db, { orgId: owner.org.id, role: "member", name: "評価 花子" });
  memberId = member.id;
  memberToken = await createApiToken(h.db, { orgId: owner.org.id, userId: member.id });
  const approverId = (await createUser(h.db, { orgId: owner.org.id, role: "member", name: "課長 承認", isApprover: true })).id;
  const ownerActor = await actorFor(h.db, owner.email);
  mustSucceed(
    await saveApprovalRoutes(h.ctx, ownerActor, {
      version: 1,
      bands: [{ fromYen: 0, toYen: null, steps: [{ kind: "sequential", required: 1, approverIds: [approverId] }] }],
    }),
    "saving the route",
  );
  rfqId = await createPublishedRfq(
    h,
    ownerActor,
    rfqInput(h, {
      sealed: true,
      invitedVendorIds: [vendorA.org.id, vendorB.org.id],
      requiredCertifications: [],
      dataSensitivity: "none",
      criteria: [
        ...completeRfqInput().criteria,
        rated("understanding", "業務理解度", "Understanding of the work"),
        rated("proposal", "改善提案の質", "Quality of proposals"),
      ],
    }),
  );
  mustSucceed(await assignAdvisor(h.ctx, ownerActor, rfqId, { advisorOrgId: advisor.org.id }), "assigning the advisor");
  quoteOfA = await submitQuote(h, await actorFor(h.db, vendorA.email), rfqId, quoteA());
  quoteOfB = await submitQuote(h, await actorFor(h.db, vendorB.email), rfqId, quoteB());
  await openRfq(h, rfqId);
  // The panel: the advisor's user and a buyer member; the advisor rates B above A, the member closer to even.
  const now = h.clock.now();
  await h.db
    .insertInto("rfq_evaluators")
    .values([
      { rfq_id: rfqId, user_id: advisor.user.id, org_id: advisor.org.id, side: "advisor", added_by: owner.user.id, added_at: now },
      { rfq_id: rfqId, user_id: memberId, org_id: owner.org.id, side: "buyer", added_by: owner.user.id, added_at: now },
    ])
    .execute();
  await rate(advisor.user.id, quoteOfA, "understanding", 2, "現行業務の理解が浅い");
  await rate(advisor.user.id, quoteOfA, "proposal", 3, "一般的な提案");
  await rate(advisor.user.id, quoteOfB, "understanding", 5, SENTINEL);
  await rate(advisor.user.id, quoteOfB, "proposal", 4, "改善効果の試算あり");
  await rate(memberId, quoteOfA, "understanding", 4, "十分");
  await rate(memberId, quoteOfA, "proposal", 3, "普通");
  await rate(memberId, quoteOfB, "understanding", 4, "良い");
  await rate(memberId, quoteOfB, "proposal", 4, "良い");
  // The advisory organisation's annotations on B (one withdrawn), one of the buyer's on A, and a clarification.
  const annotation = (quoteId: string, org: Account, kind: "strength" | "risk" | "question", body: string, withdrawn = false) =>
    h.db
      .insertInto("quote_annotations")
      .values({
        rfq_id: rfqId,
        quote_id: quoteId,
        criterion_key: kind === "strength" ? "understanding" : null,
        kind,
        body,
        author_user_id: org.user.id,
        author_org_id: org.org.id,
        created_at: now,
        updated_at: now,
        withdrawn_at: withdrawn ? now : null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
  await annotation(quoteOfB, advisor, "strength", "専任チームで繁忙期も対応");
  await annotation(quoteOfB, advisor, "risk", "立上げ期間が短い");
  const question = await annotation(quoteOfB, advisor, "question", "夜間の連絡体制は？");
  await annotation(quoteOfB, advisor, "risk", "取り下げた懸念", true);
  await annotation(quoteOfA, owner, "risk", "価格改定条項がない");
  await h.db
    .insertInto("clarification_requests")
    .values({
      rfq_id: rfqId,
      quote_id: quoteOfB,
      vendor_org_id: vendorB.org.id,
      annotation_id: question.id,
      question: "夜間の連絡体制を教えてください",
      asked_by: advisor.user.id,
      asker_org_id: advisor.org.id,
      asked_at: now,
      answer: "24時間の当番制で対応します",
      answered_by: vendorB.user.id,
      answered_at: now,
    })
    .execute();
  cookies.owner = await signIn(owner.email);
  cookies.advisor = await signIn(advisor.email);
  cookies.vendor = await signIn(vendorB.email);
  cookies.other = await signIn(other.email);
});
afterAll(() => h?.close());

describe("before the quotes are opened", () => {
  it("an assigned advisor's memo page says so and offers no memo; drafting is refused with 409", async () => {
    const ownerActor = await actorFor(h.db, owner.email);
    const sealed = await createPublishedRfq(
      h,
      ownerActor,
      rfqInput(h, { sealed: true, invitedVendorIds: [vendorA.org.id], requiredCertifications: [], dataSensitivity: "none" }),
    );
    mustSucceed(await assignAdvisor(h.ctx, ownerActor, sealed, { advisorOrgId: advisor.org.id }), "assigning the advisor");
    const html = await (await page(`/rfqs/${sealed}/memo`, "advisor", "en")).text();
    expect(html).toContain("A memo can be written once the quotes are opened.");
    expect(html).not.toContain('data-testid="memo-new"');
    const refused = await postForm(h, `/rfqs/${sealed}/memo`, { intent: "new" }, cookies.advisor);
    expect(refused.status).toBe(409);
    expect(await h.db.selectFrom("recommendation_memos").select("id").where("rfq_id", "=", sealed).execute()).toEqual([]);
  });
});

describe("agreement figures before everyone submitted", () => {
  it("say only how many have submitted, on the API and the memo page (blind rule)", async () => {
    await submit(advisor.user.id);
    const res = await api(owner.token, `/api/v1/rfqs/${rfqId}/agreement`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ state: "waiting", submitted: 1, evaluators: 2, interval: null, ordinal: null });
    const html = await (await page(`/rfqs/${rfqId}/memo`, "advisor")).text();
    expect(html).toContain("まだ表示できません: 1 / 2 名が評価を提出済みです");
    expect(html).not.toContain("α =");
  });
});

describe("a recommendation memo", () => {
  let v1: string;
  it("is drafted from the organisation's submitted ratings and annotations, audited, one draft at a time", async () => {
    const res = await api(advisor.token, `/api/v1/rfqs/${rfqId}/memos`, { method: "POST" });
    expect(res.status).toBe(201);
    const memo = (await res.json()) as { id: string; version: number; status: string; quoteId: string; rationale: string; conditions: string; risks: string };
    v1 = memo.id;
    expect(memo).toMatchObject({ version: 1, status: "draft", quoteId: quoteOfB });
    expect(memo.rationale).toContain("厚い体制事務株式会社 の見積を推薦します。");
    // The advisor's own rating and reason, not the buyer member's.
    expect(memo.rationale).toContain(`業務理解度: 平均 5 / 5（1名の評価） 理由: ${SENTINEL}`);
    expect(memo.rationale).toContain("専任チームで繁忙期も対応");
    expect(memo.risks).toBe("・立上げ期間が短い");
    expect(memo.conditions).toContain("夜間の連絡体制は？");
    expect(memo.rationale + memo.risks).not.toContain("取り下げた懸念");
    expect(memo.rationale + memo.risks).not.toContain("価格改定条項がない");
    expect(await audits("memo.draft")).toHaveLength(1);
    const again = await api(advisor.token, `/api/v1/rfqs/${rfqId}/memos`, { method: "POST", lang: "en" });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("There is already a draft being edited.");
    expect(await memos()).toHaveLength(1);
  });

  it("refuses a bad edit field by field in ja and en and writes nothing", async () => {
    const before = await memos();
    const body = { quoteId: "00000000-0000-4000-8000-000000000000", rationale: "x".repeat(8001) };
    const ja = await api(advisor.token, `/api/v1/memos/${v1}`, { method: "PATCH", body });
    expect(ja.status).toBe(400);
    const jaText = await ja.text();
    expect(jaText).toContain("この見積依頼の開封済みの見積から選んでください。");
    expect(jaText).toContain("8,000文字以内で入力してください。");
    const en = await api(advisor.token, `/api/v1/memos/${v1}`, { method: "PATCH", body, lang: "en" });
    expect(await en.text()).toContain("Choose one of this RFQ's opened quotes.");
    expect(await memos()).toEqual(before);
    expect(await audits("memo.edit")).toHaveLength(0);
  });

  it("is edited and published through the page, with the missing rationale said in English first", async () => {
    const fields = { intent: "publish", memoId: v1, quoteId: quoteOfB, rationale: " ", conditions: "", risks: "" };
    const refused = await postForm(h, `/rfqs/${rfqId}/memo`, fields, cookies.advisor, { "Accept-Language": "en" });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("Enter the rationale.");
    expect((await memos())[0]!.status).toBe("draft");
    const done = await postForm(h, `/rfqs/${rfqId}/memo`, { ...fields, rationale: `${SENTINEL}。運用の安定を優先して推薦します。` }, cookies.advisor);
    expect(done.status).toBe(302);
    const [row] = await memos();
    expect(row).toMatchObject({ status: "published", quote_id: quoteOfB });
    expect(row!.published_at).not.toBeNull();
    expect(await audits("memo.publish")).toHaveLength(1);
  });

  it("a second version supersedes the first, which stays in the history; one current memo", async () => {
    const created = (await (await api(advisor.token, `/api/v1/rfqs/${rfqId}/memos`, { method: "POST" })).json()) as { id: string; version: number };
    expect(created.version).toBe(2);
    const edited = await api(advisor.token, `/api/v1/memos/${created.id}`, {
      method: "PATCH",
      body: { quoteId: quoteOfA, rationale: "価格を重視して安値事務を推薦" },
    });
    expect(edited.status).toBe(200);
    // PATCH keeps what it was not sent: the pre-filled risks stay.
    expect(((await edited.json()) as { risks: string }).risks).toBe("・立上げ期間が短い");
    const published = await api(advisor.token, `/api/v1/memos/${created.id}/publish`, { method: "POST", body: {} });
    expect(published.status).toBe(200);
    expect(await published.json()).toMatchObject({ version: 2, status: "published", quoteId: quoteOfA, supersededId: v1 });
    expect((await memos()).map((m) => [m.version, m.status])).toEqual([
      [1, "superseded"],
      [2, "published"],
    ]);
    const again = await api(advisor.token, `/api/v1/memos/${created.id}/publish`, { method: "POST", body: {} });
    expect(again.status).toBe(409);
    const html = await (await page(`/rfqs/${rfqId}/memo`, "advisor")).text();
    expect(html).toContain('data-testid="memo-version-1"');
    expect(html).toContain('data-testid="memo-version-2"');
    expect(html).toContain("過去の版");
  });

  it("the buyer's members read the published versions (never a draft) on the API and the comparison", async () => {
    await api(advisor.token, `/api/v1/rfqs/${rfqId}/memos`, { method: "POST" }); // a v3 draft, never shown to the buyer
    const listed = (await (await api(memberToken, `/api/v1/rfqs/${rfqId}/memos`)).json()) as { data: { version: number; status: string }[] };
    expect(listed.data.map((m) => [m.version, m.status])).toEqual([
      [2, "published"],
      [1, "superseded"],
    ]);
    const html = await (await page(`/rfqs/${rfqId}/compare`, "owner", "en")).text();
    expect(html).toContain("Advisors&#x27; recommendation memos");
    expect(html).toContain("価格を重視して安値事務を推薦");
    expect(html).toContain("Recommends: 安値事務株式会社");
  });

  it("is 404 for vendors, another buyer and an unassigned advisor on every surface, and the buyer has no memo page", async () => {
    for (const token of [vendorB.token, other.token, outsider.token]) {
      expect((await api(token, `/api/v1/rfqs/${rfqId}/memos`)).status).toBe(404);
      expect((await api(token, `/api/v1/rfqs/${rfqId}/memos`, { method: "POST" })).status).toBe(404);
      expect((await api(token, `/api/v1/memos/${(await memos())[2]!.id}`, { method: "PATCH", body: { rationale: "乗っ取り" } })).status).toBe(404);
      expect((await api(token, `/api/v1/memos/${(await memos())[2]!.id}/publish`, { method: "POST", body: {} })).status).toBe(404);
      expect((await api(token, `/api/v1/rfqs/${rfqId}/agreement`)).status).toBe(404);
    }
    for (const who of ["vendor", "other", "owner"] as const) expect((await page(`/rfqs/${rfqId}/memo`, who)).status).toBe(404);
    // The vendor's own quote page and API never carry a memo, a rating reason or an annotation.
    for (const res of [await page(`/quotes/${quoteOfB}`, "vendor"), await api(vendorB.token, `/api/v1/quotes/${quoteOfB}`)]) {
      const text = await res.text();
      expect(text).not.toContain(SENTINEL);
      expect(text).not.toContain("価格を重視して安値事務を推薦");
      expect(text).not.toContain("立上げ期間が短い");
    }
    expect((await page(`/rfqs/${rfqId}/compare`, "vendor")).status).toBe(404);
  });
});

describe("the blind rule on memos", () => {
  it("a colleague named as evaluator sees and drafts no memo of its organisation until it has submitted", async () => {
    const colleague = await createUser(h.db, { orgId: advisor.org.id, role: "member", name: "同僚 評価者" });
    const token = await createApiToken(h.db, { orgId: advisor.org.id, userId: colleague.id });
    await h.db
      .insertInto("rfq_evaluators")
      .values({ rfq_id: rfqId, user_id: colleague.id, org_id: advisor.org.id, side: "advisor", added_by: owner.user.id, added_at: h.clock.now() })
      .execute();
    const listed = await api(token, `/api/v1/rfqs/${rfqId}/memos`, { lang: "en" });
    expect(listed.status).toBe(409);
    const text = await listed.text();
    expect(text).toContain("Submit all your ratings first");
    expect(text).not.toContain(SENTINEL);
    expect((await api(token, `/api/v1/rfqs/${rfqId}/memos`, { method: "POST" })).status).toBe(409);
    const draft = (await memos()).find((m) => m.status === "draft")!;
    expect((await api(token, `/api/v1/memos/${draft.id}`, { method: "PATCH", body: { rationale: "見ていない" } })).status).toBe(409);
    const jar = await signIn(colleague.email);
    const html = await (await h.request(`/rfqs/${rfqId}/memo`, { cookies: jar, headers: { "Accept-Language": "ja" } })).text();
    expect(html).toContain("評価をすべて提出するまで、推薦メモは表示・作成できません");
    expect(html).not.toContain(SENTINEL);
    expect(html).not.toContain("価格を重視して安値事務を推薦");
    // Submitted (it had nothing to rate): the memos are its organisation's again.
    await submit(colleague.id);
    expect((await api(token, `/api/v1/rfqs/${rfqId}/memos`)).status).toBe(200);
  });
});

describe("proposing against a published memo", () => {
  it("needs the specific reason naming the memo; the snapshot, page and 稟議書 carry memos and annotations", async () => {
    const path = `/api/v1/rfqs/${rfqId}/award-proposals`;
    const body = { quoteId: quoteOfB, rationale: "体制を重視", debriefReason: "総合評価で他社が上回りました" };
    const refused = await api(memberToken, path, { method: "POST", body });
    expect(refused.status).toBe(400);
    const text = await refused.text();
    expect(text).toContain("担当アドバイザーが推薦した見積と異なります。");
    expect(text).toContain("公開中の推薦メモが推薦する見積と異なります。");
    const form = await (await page(`/rfqs/${rfqId}/award`, "owner")).text();
    expect(form).toContain("公開中の推薦メモ（みなと調達アドバイザリー 版2）が推薦する見積と異なります。");
    const enRefused = await api(memberToken, path, { method: "POST", body, lang: "en" });
    expect(await enRefused.text()).toContain("It is not the quote a published recommendation memo recommends.");

    const done = await api(memberToken, path, { method: "POST", body: { ...body, specificRationale: "メモは価格重視だが体制を優先する" } });
    expect(done.status).toBe(201);
    const { id } = (await done.json()) as { id: string };
    const stored = await h.db.selectFrom("award_proposals").select(["snapshot", "specific_triggers"]).where("id", "=", id).executeTakeFirstOrThrow();
    const snapshot = stored.snapshot as {
      schema: number;
      memos: { version: number; quoteId: string }[];
      annotations: { body: string; clarification?: { answer: string } }[];
    };
    expect(stored.specific_triggers).toContain("notRecommended");
    expect(snapshot.schema).toBe(2);
    // Only the current published version; drafts and superseded versions are not what the decision rests on.
    expect(snapshot.memos.map((m) => [m.version, m.quoteId])).toEqual([[2, quoteOfA]]);
    expect(snapshot.annotations.map((a) => a.body).sort()).toEqual(
      ["価格改定条項がない", "夜間の連絡体制は？", "専任チームで繁忙期も対応", "立上げ期間が短い"].sort(),
    );
    expect(snapshot.annotations.find((a) => a.body === "夜間の連絡体制は？")?.clarification?.answer).toBe("24時間の当番制で対応します");

    const proposalPage = await (await page(`/rfqs/${rfqId}/award`, "owner", "en")).text();
    expect(proposalPage).toContain("Recommendation memos");
    expect(proposalPage).toContain("Vendor&#x27;s answer: 24時間の当番制で対応します");

    const squash = (s: string) => s.replace(/\s+/g, "");
    for (const [lang, words] of [
      ["ja", ["推薦メモ", "評価者の注記と確認事項", "ベンダーの回答:24時間の当番制で対応します", "価格を重視して安値事務を推薦"]],
      ["en", ["Recommendationmemos", "Evaluators'annotationsandclarifications", "Vendor'sanswer:24時間の当番制で対応します"]],
    ] as const) {
      const pdf = await page(`/rfqs/${rfqId}/proposals/${id}/packet.pdf${lang === "en" ? "?lang=en" : ""}`, "owner");
      expect(pdf.status).toBe(200);
      const all = squash((await pdfPages(Buffer.from(await pdf.arrayBuffer()))).join(" "));
      for (const w of words) expect(all).toContain(squash(w));
    }
  });
});

describe("agreement and leniency once everyone submitted", () => {
  it("gives interval and ordinal alpha over the submitted ratings, with the reading in the caller's language", async () => {
    await submit(memberId);
    const res = await api(advisor.token, `/api/v1/rfqs/${rfqId}/agreement`, { lang: "en" });
    const figures = (await res.json()) as {
      state: string;
      interval: { alpha: number; pairableValues: number; units: number; words: string };
      ordinal: { alpha: number } | null;
    };
    const u = (q: string, c: string) => `${q}:${c}`;
    const expected = krippendorffAlpha({
      level: "interval",
      ratings: {
        adv: { [u("a", "understanding")]: 2, [u("a", "proposal")]: 3, [u("b", "understanding")]: 5, [u("b", "proposal")]: 4 },
        mem: { [u("a", "understanding")]: 4, [u("a", "proposal")]: 3, [u("b", "understanding")]: 4, [u("b", "proposal")]: 4 },
      },
    });
    expect(figures.state).toBe("ready");
    expect(figures.interval.alpha).toBeCloseTo(expected.alpha!, 10);
    expect([figures.interval.units, figures.interval.pairableValues]).toEqual([4, 8]);
    expect(figures.ordinal).not.toBeNull();
    expect(figures.interval.words).toMatch(/discuss|Tentative|Good/);
    const html = await (await page(`/rfqs/${rfqId}/memo`, "advisor", "en")).text();
    expect(html).toContain("Krippendorff&#x27;s alpha (interval)");
  });

  it("shows each evaluator's leniency to the buyer's members only", async () => {
    const res = await api(memberToken, "/api/v1/evaluators/leniency");
    expect(res.status).toBe(200);
    const { data } = (await res.json()) as { data: { evaluatorId: string; count: number; leniency: number; reading: string }[] };
    const byId = new Map(data.map((d) => [d.evaluatorId, d]));
    // No consensus: each rating against the panel mean. Advisor: (2−3, 3−3, 5−4.5, 4−4) / 4 levels of 4 → −0.125 / 4.
    expect(byId.get(advisor.user.id)).toMatchObject({ count: 4 });
    expect(byId.get(advisor.user.id)!.leniency).toBeCloseTo((-1 + 0 + 0.5 + 0) / 4 / 4, 10);
    expect(byId.get(memberId)!.leniency).toBeCloseTo(-byId.get(advisor.user.id)!.leniency, 10);
    // The chair's consensus replaces the panel mean where recorded.
    await h.db
      .insertInto("rating_consensus")
      .values({
        rfq_id: rfqId,
        quote_id: quoteOfA,
        criterion_key: "understanding",
        score: 1,
        comment: "現行理解が浅い",
        chair_user_id: owner.user.id,
        recorded_at: h.clock.now(),
      })
      .execute();
    const after = (await (await api(memberToken, "/api/v1/evaluators/leniency")).json()) as { data: typeof data };
    const member = after.data.find((d) => d.evaluatorId === memberId)!;
    // The member rated 4 where the consensus is 1: +0.75; the rest as before (0, −0.125, 0).
    expect(member.leniency).toBeCloseTo((0.75 + 0 + -0.125 + 0) / 4, 10);
    expect(member.reading).toBe("lenient");
    const html = await (await page("/settings/evaluators", "owner", "en")).text();
    expect(html).toContain("Evaluators&#x27; leniency");
    expect(html).toContain("評価 花子");
    expect(html).toContain("Lenient");
    for (const token of [advisor.token, vendorB.token]) expect((await api(token, "/api/v1/evaluators/leniency")).status).toBe(404);
    expect((await page("/settings/evaluators", "vendor")).status).toBe(404);
    // Another buyer sees none of this buyer's evaluators.
    expect(((await (await api(other.token, "/api/v1/evaluators/leniency")).json()) as { data: unknown[] }).data).toEqual([]);
  });
});
