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
import { buildProposalSnapshot, sha256Hex, verifyProposal } from "../../app/services/award-proposals.server";
import { saveApprovalRoutes } from "../../app/services/approval-routes.server";
import { rankRfqForBuyer } from "../../app/services/ranking.server";
import { snapshotHash } from "../../app/domain/award/proposal";
import { orgActor } from "../../app/utils/service-failure";
import { Cookies, createHarness, postForm, type Harness, apiRequest, type ApiInit } from "./harness";

// 決裁起案 (issue 15, item 2) on real PostgreSQL: a member proposes the rank-2 quote; without the second,
// specific reason it is refused in ja and en and nothing is written; with it the proposal is stored with the
// snapshot's SHA-256 and the frozen route, audited, and its approver notified; the hash still verifies after
// the RFQ's weights and the quotes change; vendors and other tenants get 404.

let h: Harness;
let owner: Account;
let other: Account;
let vendorA: Account;
let vendorB: Account;
let memberToken: string;
let memberId: string;
let memberEmail: string;
let approverId: string;
let rfqId: string;
let first: string;
let second: string;

const api = (token: string, path: string, init: ApiInit = {}) => apiRequest(h, token, path, init);
const proposals = () => h.db.selectFrom("award_proposals").selectAll().where("rfq_id", "=", rfqId).execute();
const path = () => `/api/v1/rfqs/${rfqId}/award-proposals`;
async function signIn(email: string) {
  const cookies = new Cookies();
  const res = await postForm(h, "/login", { email, password: FACTORY_PASSWORD }, cookies);
  expect(res.status).toBe(302);
  cookies.absorb(res);
  return cookies;
}
const page = (p: string, cookies: Cookies, lang = "ja") => h.request(p, { cookies, redirect: "manual", headers: { "Accept-Language": lang } });

beforeAll(async () => {
  h = await createHarness();
  owner = await createAccount(h.db, { kind: "buyer", org: "決裁起案市役所" });
  other = await createAccount(h.db, { kind: "buyer", org: "別テナント商事" });
  vendorA = await createAccount(h.db, { kind: "vendor", vendor: { name: "安値清掃株式会社" } });
  vendorB = await createAccount(h.db, { kind: "vendor", vendor: { name: "高品質清掃株式会社" } });
  const member = await createUser(h.db, { orgId: owner.org.id, role: "member", name: "起案 太郎" });
  memberId = member.id;
  memberEmail = member.email;
  memberToken = await createApiToken(h.db, { orgId: owner.org.id, userId: member.id });
  approverId = (await createUser(h.db, { orgId: owner.org.id, role: "member", name: "課長 承認", isApprover: true })).id;
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
    rfqInput(h, { sealed: true, invitedVendorIds: [vendorA.org.id, vendorB.org.id], requiredCertifications: [], dataSensitivity: "none" }),
  );
  await submitQuote(h, await actorFor(h.db, vendorA.email), rfqId, quoteA());
  await submitQuote(h, await actorFor(h.db, vendorB.email), rfqId, quoteB());
  await openRfq(h, rfqId);
  const ranking = await rankRfqForBuyer(h.ctx, ownerActor, rfqId);
  if (!ranking || ranking.sealed) throw new Error("the RFQ should be opened");
  const ranked = ranking.result.ranking;
  if (ranked.length !== 2) throw new Error(JSON.stringify(ranking.result.disqualified));
  expect(ranked.map((r) => r.rank)).toEqual([1, 2]);
  [first, second] = ranked.map((r) => r.id) as [string, string];
});
afterAll(() => h?.close());

describe("award proposals (決裁起案)", () => {
  it("refuses the rank-2 quote without the second reason, in ja and en, and writes nothing", async () => {
    const auditBefore = await h.db.selectFrom("audit_log").select("id").where("action", "=", "award.propose").execute();
    const body = { quoteId: second, rationale: "実績と品質を重視した", debriefReason: "総合評価で他社が上回りました" };
    const ja = await api(memberToken, path(), { method: "POST", body });
    expect(ja.status).toBe(400);
    const jaText = await ja.text();
    expect(jaText).toContain("この見積を選ぶ個別の理由を入力してください。");
    expect(jaText).toContain("比較結果で1位ではありません。");
    expect(jaText).toContain("specificRationale");
    const en = await api(memberToken, path(), { method: "POST", body, lang: "en" });
    expect(en.status).toBe(400);
    expect(await en.text()).toContain("Enter the specific reason for choosing this quote.");
    const missing = await api(memberToken, path(), { method: "POST", body: { quoteId: second, rationale: " ", debriefReason: "理由" }, lang: "en" });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain("Enter the rationale.");
    const noDebrief = await api(memberToken, path(), { method: "POST", body: { quoteId: first, rationale: "最安値", debriefReason: "  " } });
    expect(noDebrief.status).toBe(400);
    const noDebriefText = await noDebrief.text();
    expect(noDebriefText).toContain("debriefReason");
    expect(noDebriefText).toContain("選定されなかった事業者に伝える理由を入力してください。");
    expect(await proposals()).toEqual([]);
    expect(await h.db.selectFrom("audit_log").select("id").where("action", "=", "award.propose").execute()).toEqual(auditBefore);
  });

  it("the comparison page offers the form; the page refuses a missing second reason at its field in ja and en", async () => {
    const cookies = await signIn(memberEmail);
    const compare = await (await page(`/rfqs/${rfqId}/compare`, cookies)).text();
    expect(compare).toContain("決裁起案");
    expect(compare).toContain("比較結果で1位ではありません。");
    const form = { quoteId: second, rationale: "品質重視", specificRationale: "", debriefReason: "品質評価の差" };
    const ja = await postForm(h, `/rfqs/${rfqId}/award`, form, cookies, { "Accept-Language": "ja" });
    expect(ja.status).toBe(400);
    const jaHtml = await ja.text();
    expect(jaHtml).toContain('data-testid="award-specificRationale-error"');
    expect(jaHtml).toContain("この見積を選ぶ個別の理由を入力してください。");
    expect(jaHtml).toContain("品質重視"); // what was typed comes back
    const en = await postForm(h, `/rfqs/${rfqId}/award`, form, cookies, { "Accept-Language": "en" });
    expect(en.status).toBe(400);
    expect(await en.text()).toContain("Enter the specific reason for choosing this quote.");
    const noRoute = await page(`/rfqs/${rfqId}/award`, await signIn(vendorA.email));
    expect(noRoute.status).toBe(404);
    expect(await proposals()).toEqual([]);
  });

  it("vendors and other tenants get 404, and write nothing", async () => {
    for (const token of [vendorA.token, other.token]) {
      expect((await api(token, path())).status).toBe(404);
      expect((await api(token, path(), { method: "POST", body: { quoteId: second, rationale: "x", specificRationale: "y", debriefReason: "z" } })).status).toBe(
        404,
      );
    }
    expect(await proposals()).toEqual([]);
  });

  it("stores the proposal with its hash and frozen route, audits it and notifies the approver; one pending per RFQ", async () => {
    const res = await api(memberToken, path(), {
      method: "POST",
      body: {
        quoteId: second,
        rationale: "実績と品質を重視した",
        specificRationale: "1位の見積は引継ぎ計画が不十分",
        debriefReason: "引継ぎ計画の評価で他社が上回りました",
      },
    });
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: string; snapshotSha256: string; amountYen: number; routeRevision: number };
    expect(created.snapshotSha256).toMatch(/^[0-9a-f]{64}$/);
    const [row] = await proposals();
    expect(row).toMatchObject({
      id: created.id,
      quote_id: second,
      status: "pending",
      proposed_by: memberId,
      route_revision: 1,
      snapshot_sha256: created.snapshotSha256,
    });
    expect(row!.specific_triggers).toEqual(["notRankedFirst"]);
    expect(row!.route_steps).toEqual([{ kind: "sequential", required: 1, approverIds: [approverId] }]);
    expect(Number(row!.amount_yen)).toBe(created.amountYen);
    expect(Number.isInteger(created.amountYen)).toBe(true);
    const snapshot = row!.snapshot as { quotes: { id: string; contractValueIncludingTaxYen: number }[]; stability: { sentence: { ja: string } } };
    expect(snapshot.quotes.find((q) => q.id === second)!.contractValueIncludingTaxYen).toBe(created.amountYen);
    expect(snapshot.stability.sentence.ja.length).toBeGreaterThan(0);
    const audit = await h.db.selectFrom("audit_log").select(["actor_user_id", "entity_id"]).where("action", "=", "award.propose").execute();
    expect(audit).toEqual([{ actor_user_id: memberId, entity_id: rfqId }]);
    const notified = await h.db.selectFrom("notifications").select(["user_id", "kind"]).where("kind", "=", "award.proposed").execute();
    expect(notified).toEqual([{ user_id: approverId, kind: "award.proposed" }]);

    const listed = (await (await api(memberToken, path())).json()) as { data: { id: string; snapshotSha256: string; status: string }[] };
    expect(listed.data.map((p) => [p.id, p.status, p.snapshotSha256])).toEqual([[created.id, "pending", created.snapshotSha256]]);

    const again = await api(memberToken, path(), { method: "POST", body: { quoteId: first, rationale: "最安値", debriefReason: "価格" }, lang: "en" });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("already waiting for approval");
    expect(await proposals()).toHaveLength(1);
  });

  it("the award page shows the proposal, its hash verified and the route; the comparison page links to it", async () => {
    const [row] = await proposals();
    const cookies = await signIn(memberEmail);
    const html = await (await page(`/rfqs/${rfqId}/award`, cookies)).text();
    expect(html).toContain(row!.snapshot_sha256);
    expect(html).toContain("検証済み");
    expect(html).toContain("承認待ち");
    const en = await (await page(`/rfqs/${rfqId}/award`, cookies, "en")).text();
    expect(en).toContain("Verified: the snapshot is unchanged since the proposal.");
    expect(await (await page(`/rfqs/${rfqId}/compare`, cookies)).text()).toContain('data-testid="award-pending"');
    expect((await page(`/rfqs/${rfqId}/award`, await signIn(other.email))).status).toBe(404);
  });

  it("verifies after the RFQ's weights and a quote change; a tampered snapshot does not", async () => {
    const [row] = await proposals();
    const member = await actorFor(h.db, memberEmail);
    // Later: the RFQ version's weights are changed and a quote's figures move.
    const version = await h.db
      .selectFrom("rfq_versions")
      .select(["version", "content"])
      .where("rfq_id", "=", rfqId)
      .orderBy("version", "desc")
      .executeTakeFirstOrThrow();
    const content = version.content as { criteria: { weight: number }[] };
    content.criteria = content.criteria.map((c, i) => ({ ...c, weight: i === 0 ? c.weight + 30 : c.weight }));
    await h.db
      .updateTable("rfq_versions")
      .set({ content: JSON.stringify(content) })
      .where("rfq_id", "=", rfqId)
      .where("version", "=", version.version)
      .execute();
    await h.db
      .updateTable("rfqs")
      .set({ content: JSON.stringify(content) })
      .where("id", "=", rfqId)
      .execute();
    await h.db.updateTable("quote_versions").set({ tco: 1 }).where("quote_id", "=", second).execute();

    const verified = mustSucceed(await verifyProposal(h.ctx, member, row!.id), "verifying");
    expect(verified).toMatchObject({ verified: true, storedSha256: row!.snapshot_sha256, computedSha256: row!.snapshot_sha256 });
    // A snapshot taken now would differ (the weights moved), so the stored one is what was decided on.
    const a = orgActor(member, "buyer")!;
    const now = await buildProposalSnapshot(h.ctx, a, rfqId, "x");
    expect(snapshotHash(now, sha256Hex)).not.toBe(row!.snapshot_sha256);

    const tampered = { ...(row!.snapshot as object), takenAt: "2020-01-01T00:00:00.000Z" };
    await h.db
      .updateTable("award_proposals")
      .set({ snapshot: JSON.stringify(tampered) })
      .where("id", "=", row!.id)
      .execute();
    expect(mustSucceed(await verifyProposal(h.ctx, member, row!.id), "verifying").verified).toBe(false);
    await h.db
      .updateTable("award_proposals")
      .set({ snapshot: JSON.stringify(row!.snapshot) })
      .where("id", "=", row!.id)
      .execute();
    expect(mustSucceed(await verifyProposal(h.ctx, member, row!.id), "verifying").verified).toBe(true);

    // Other tenants cannot verify (or learn of) it.
    expect((await verifyProposal(h.ctx, await actorFor(h.db, other.email), row!.id)).ok).toBe(false);
  });
});

describe("award proposals: routes, sealing and races", () => {
  let buyer: Account;
  let soleApprover: Account;
  let rfq: string;
  let quote: string;

  beforeAll(async () => {
    buyer = await createAccount(h.db, { kind: "buyer", org: "ルート未設定町" });
    const buyerActor = await actorFor(h.db, buyer.email);
    rfq = await createPublishedRfq(
      h,
      buyerActor,
      rfqInput(h, { sealed: true, invitedVendorIds: [vendorA.org.id, vendorB.org.id], requiredCertifications: [], dataSensitivity: "none" }),
    );
    quote = await submitQuote(h, await actorFor(h.db, vendorA.email), rfq, quoteA());
    await submitQuote(h, await actorFor(h.db, vendorB.email), rfq, quoteB());
    const approver = await createUser(h.db, { orgId: buyer.org.id, role: "member", name: "唯一 承認者", isApprover: true });
    soleApprover = { ...buyer, user: approver, email: approver.email, token: await createApiToken(h.db, { orgId: buyer.org.id, userId: approver.id }) };
  });

  const propose = (token: string, body: Record<string, string>, lang = "ja") =>
    api(token, `/api/v1/rfqs/${rfq}/award-proposals`, {
      method: "POST",
      body: { rationale: "価格", specificRationale: "品質も十分", debriefReason: "価格で上回りました", ...body },
      lang,
    });
  const stored = () => h.db.selectFrom("award_proposals").select("id").where("rfq_id", "=", rfq).execute();

  it("refuses while the sealed quotes are not opened", async () => {
    const res = await propose(buyer.token, { quoteId: quote }, "en");
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("only after the quote deadline");
    expect(await stored()).toEqual([]);
  });

  it("refuses without approval rules, pointing to /settings/approvals, in ja and en", async () => {
    await openRfq(h, rfq);
    const ja = await propose(buyer.token, { quoteId: quote });
    expect(ja.status).toBe(409);
    expect(await ja.text()).toContain("/settings/approvals");
    expect(await (await propose(buyer.token, { quoteId: quote }, "en")).text()).toContain("No approval route is set");
    expect(await stored()).toEqual([]);
  });

  it("refuses a route that only the proposer could approve", async () => {
    mustSucceed(
      await saveApprovalRoutes(h.ctx, await actorFor(h.db, buyer.email), {
        version: 1,
        bands: [{ fromYen: 0, toYen: null, steps: [{ kind: "sequential", required: 1, approverIds: [soleApprover.user.id] }] }],
      }),
      "saving the route",
    );
    const res = await propose(soleApprover.token, { quoteId: quote }, "en");
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("cannot be completed without you");
    expect(await stored()).toEqual([]);
  });

  it("refuses a quote of another RFQ at the quoteId field", async () => {
    const res = await propose(buyer.token, { quoteId: second }, "en");
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).toContain("quoteId");
    expect(text).toContain("Choose one of this RFQ's opened quotes.");
  });

  it("two proposals at the same moment: one is stored, the other is refused", async () => {
    const results = await Promise.all([propose(buyer.token, { quoteId: quote }), propose(buyer.token, { quoteId: quote })]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(await stored()).toHaveLength(1);
    expect(await h.db.selectFrom("audit_log").select("id").where("action", "=", "award.propose").where("entity_id", "=", rfq).execute()).toHaveLength(1);
  });
});
