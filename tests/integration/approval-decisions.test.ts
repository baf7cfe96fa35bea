import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { japanDay } from "../../app/domain/approvals/route-rules";
import { saveApprovalRoutes } from "../../app/services/approval-routes.server";
import { createSmtpMailer, mailFrom } from "../../app/services/mail.server";
import { appOrigin } from "../../app/utils/env.server";
import { quoteA, quoteB } from "../../app/domain/quote/test-fixtures";
import {
  FACTORY_PASSWORD,
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
import { Cookies, createHarness, postForm, type Harness, apiRequest, type ApiInit } from "./harness";
import { startSmtpCapture, type CapturedMail } from "./smtp-capture";

// 稟議 decisions (issue 15 items 3–4) on real PostgreSQL over the API, with mails read back from a real SMTP
// server: the route [課長] → [2 of 3 committee]; self-approval refused; a comment required to return; a
// double submit has one effect; a return, the proposer's edit (round 2, earlier decisions void); 代決 recorded
// as "A for B"; the two last committee approvals sent at the same moment award ONCE; the award transaction's
// rows, notices and mails; rejection on a second RFQ; vendors, advisors and other tenants get 404.

let h: Harness;
let smtp: Awaited<ReturnType<typeof startSmtpCapture>>;
let received: CapturedMail[];
let buyer: Account;
let other: Account;
let advisor: Account;
let vendorA: Account;
let vendorB: Account;
type Member = { id: string; email: string; token: string };
let proposer: Member;
let kacho: Member;
let committee: Member[];
let deputy: Member;
let rfqId: string;
let proposalId: string;
let quotes: { a: string; b: string };

const api = (token: string, path: string, init: ApiInit = {}) => apiRequest(h, token, path, init);
const decide = (m: { token: string }, body: unknown, lang = "ja") =>
  api(m.token, `/api/v1/award-proposals/${proposalId}/decisions`, { method: "POST", body, lang });
const decisions = () => h.db.selectFrom("approval_decisions").selectAll().where("proposal_id", "=", proposalId).orderBy("seq").execute();
const mailsTo = (email: string) => received.filter((m) => m.envelope.to.includes(email));
async function waitForMails(count: number) {
  for (let i = 0; i < 100 && received.length < count; i++) await new Promise((r) => setTimeout(r, 50));
  return received;
}

async function member(name: string, isApprover: boolean): Promise<Member> {
  const u = await createUser(h.db, { orgId: buyer.org.id, role: "member", name, isApprover });
  return { id: u.id, email: u.email, token: await createApiToken(h.db, { orgId: buyer.org.id, userId: u.id }) };
}

async function openedRfq() {
  const owner = await actorFor(h.db, buyer.email);
  const id = await createPublishedRfq(
    h,
    owner,
    rfqInput(h, { sealed: true, invitedVendorIds: [vendorA.org.id, vendorB.org.id], requiredCertifications: [], dataSensitivity: "none" }),
  );
  const a = await submitQuote(h, await actorFor(h.db, vendorA.email), id, quoteA());
  const b = await submitQuote(h, await actorFor(h.db, vendorB.email), id, quoteB());
  await openRfq(h, id);
  return { id, a, b };
}

async function propose(rfq: string, quoteId: string) {
  const res = await api(proposer.token, `/api/v1/rfqs/${rfq}/award-proposals`, {
    method: "POST",
    body: { quoteId, rationale: "総合評価で最も優れる", specificRationale: "品質面の評価を重視した", debriefReason: "総合評価で他社が上回りました" },
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

beforeAll(async () => {
  smtp = await startSmtpCapture();
  received = smtp.received;
  h = await createHarness();
  h.ctx.mailer = createSmtpMailer(`smtp://127.0.0.1:${smtp.port}`, mailFrom({}, appOrigin(h.ctx.env)));
  buyer = await createAccount(h.db, { kind: "buyer", org: "稟議検証市" });
  other = await createAccount(h.db, { kind: "buyer", org: "他テナント株式会社" });
  advisor = await createAccount(h.db, { kind: "advisory", org: "稟議アドバイザリー" });
  vendorA = await createAccount(h.db, { kind: "vendor", vendor: { name: "清掃A株式会社" } });
  vendorB = await createAccount(h.db, { kind: "vendor", vendor: { name: "Cleaning B KK" } });
  await h.db.updateTable("users").set({ locale: "en" }).where("id", "=", vendorB.user.id).execute();
  proposer = await member("起案 一郎", false);
  kacho = await member("課長 二郎", true);
  committee = [await member("委員 三郎", true), await member("委員 四郎", true), await member("委員 五郎", true)];
  deputy = await member("代理 六郎", false);
  mustSucceed(
    await saveApprovalRoutes(h.ctx, await actorFor(h.db, buyer.email), {
      version: 1,
      bands: [
        {
          fromYen: 0,
          toYen: null,
          steps: [
            { kind: "sequential", required: 1, approverIds: [kacho.id] },
            { kind: "parallel", required: 2, approverIds: committee.map((c) => c.id) },
          ],
        },
      ],
    }),
    "saving the route",
  );
  const opened = await openedRfq();
  rfqId = opened.id;
  quotes = { a: opened.a, b: opened.b };
  proposalId = await propose(rfqId, quotes.a);
});

afterAll(async () => {
  await h?.close();
  await smtp?.close();
});

describe("稟議 decisions", () => {
  it("tells the first step in-app and by mail; the 承認待ち list and badge count show it to 課長 only", async () => {
    await waitForMails(1);
    expect(mailsTo(kacho.email)).toHaveLength(1);
    expect(mailsTo(kacho.email)[0]!.mail.subject).toContain("承認待ち");
    expect(mailsTo(kacho.email)[0]!.mail.text).toContain(`${appOrigin(h.ctx.env)}/rfqs/${rfqId}/award`);
    expect(committee.flatMap((c) => mailsTo(c.email))).toEqual([]);
    const list = (await (await api(kacho.token, "/api/v1/approvals")).json()) as { waiting: { proposalId: string; step: { index: number; of: number } }[] };
    expect(list.waiting.map((w) => [w.proposalId, w.step.index, w.step.of])).toEqual([[proposalId, 0, 2]]);
    const c1 = (await (await api(committee[0]!.token, "/api/v1/approvals")).json()) as { waiting: unknown[] };
    expect(c1.waiting).toEqual([]);
    const mine = (await (await api(proposer.token, "/api/v1/approvals")).json()) as { mine: { proposalId: string; status: string }[]; waiting: unknown[] };
    expect(mine.mine.map((p) => [p.proposalId, p.status])).toEqual([[proposalId, "pending"]]);
    expect(mine.waiting).toEqual([]);
  });

  it("vendors, advisors and other tenants get 404 on every endpoint, and nothing is written", async () => {
    for (const token of [vendorA.token, advisor.token, other.token]) {
      expect((await api(token, `/api/v1/award-proposals/${proposalId}`)).status).toBe(404);
      expect((await decide({ token }, { decision: "approve" })).status).toBe(404);
      expect((await api(token, `/api/v1/award-proposals/${proposalId}`, { method: "PATCH", body: { rationale: "x", debriefReason: "y" } })).status).toBe(404);
    }
    for (const token of [vendorA.token, advisor.token]) {
      expect(
        (await api(token, `/api/v1/approval-delegations`, { method: "POST", body: { toUserId: deputy.id, startsOn: "2030-01-01", endsOn: "2030-01-02" } }))
          .status,
      ).toBe(404);
      expect((await api(token, "/api/v1/approvals")).status).toBe(404);
      expect((await api(token, "/api/v1/approval-delegations")).status).toBe(404);
    }
    // Another buyer organisation cannot name our member as its delegate.
    expect(
      (await api(other.token, `/api/v1/approval-delegations`, { method: "POST", body: { toUserId: deputy.id, startsOn: "2030-01-01", endsOn: "2030-01-02" } }))
        .status,
    ).toBe(400);
    expect(await h.db.selectFrom("approval_delegations").select("id").execute()).toEqual([]);
    expect(await decisions()).toEqual([]);
  });

  it("refuses the proposer, a member outside the current step, and a return without a comment (ja/en)", async () => {
    const self = await decide(proposer, { decision: "approve" });
    expect(self.status).toBe(403);
    expect(await self.text()).toContain("起案者は自分の起案を承認できません");
    const early = await decide(committee[0]!, { decision: "approve" }, "en");
    expect(early.status).toBe(403);
    expect(await early.text()).toContain("not an approver of this proposal's current step");
    const ja = await decide(kacho, { decision: "return", comment: "  " });
    expect(ja.status).toBe(400);
    const jaText = await ja.text();
    expect(jaText).toContain("comment");
    expect(jaText).toContain("却下・差戻しにはコメントが必要です。");
    expect(await (await decide(kacho, { decision: "reject" }, "en")).text()).toContain("A comment is required to reject or return.");
    expect(await decisions()).toEqual([]);
  });

  it("課長 approves once: a double submit has one effect; the committee is told", async () => {
    const first = await decide(kacho, { decision: "approve", comment: "妥当" });
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ outcome: "pending", awardId: null, delegated: false });
    const again = await decide(kacho, { decision: "approve" }, "en");
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("already decided");
    expect(await decisions()).toHaveLength(1);
    await waitForMails(4);
    for (const c of committee) expect(mailsTo(c.email)).toHaveLength(1);
    const audit = await h.db.selectFrom("audit_log").select(["actor_user_id", "entity_id"]).where("action", "=", "approval.approve").execute();
    expect(audit).toEqual([{ actor_user_id: kacho.id, entity_id: proposalId }]);
  });

  it("a committee member returns it; the proposer edits: round 2, earlier decisions void, the route restarts", async () => {
    const returned = await decide(committee[0]!, { decision: "return", comment: "引継ぎ計画を補足してください" });
    expect(returned.status).toBe(201);
    expect(await returned.json()).toMatchObject({ outcome: "returned" });
    const row = await h.db.selectFrom("award_proposals").select(["status", "round"]).where("id", "=", proposalId).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "returned", round: 1 });
    await waitForMails(5);
    expect(mailsTo(proposer.email).at(-1)!.mail.text).toContain("引継ぎ計画を補足してください");
    expect((await decide(committee[1]!, { decision: "approve" })).status).toBe(409);

    // Only the proposer edits; a missing debrief reason is named at its field.
    expect(
      (
        await api(kacho.token, `/api/v1/award-proposals/${proposalId}`, {
          method: "PATCH",
          body: { rationale: "x", specificRationale: "y", debriefReason: "z" },
        })
      ).status,
    ).toBe(403);
    const bad = await api(proposer.token, `/api/v1/award-proposals/${proposalId}`, {
      method: "PATCH",
      body: { rationale: "x", specificRationale: "y", debriefReason: "" },
      lang: "en",
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Enter the reason not-selected vendors will read.");
    const edited = await api(proposer.token, `/api/v1/award-proposals/${proposalId}`, {
      method: "PATCH",
      body: {
        rationale: "総合評価で最も優れる（引継ぎ計画を補足）",
        specificRationale: "引継ぎは3か月の並行稼働",
        debriefReason: "総合評価で他社が上回りました",
      },
    });
    expect(edited.status).toBe(200);
    expect(await edited.json()).toEqual({ round: 2, voided: 2 });
    const detail = (await (await api(proposer.token, `/api/v1/award-proposals/${proposalId}`)).json()) as {
      round: number;
      status: string;
      state: { status: string; stepIndex?: number };
      decisions: { void: boolean; decision: string }[];
      you: { isProposer: boolean; canEdit: boolean; decide: unknown; refusal: string | null };
    };
    expect(detail).toMatchObject({ round: 2, status: "pending", state: { status: "pending", stepIndex: 0 } });
    expect(detail.decisions.map((d) => [d.decision, d.void])).toEqual([
      ["approve", true],
      ["return", true],
    ]);
    expect(detail.you).toMatchObject({ isProposer: true, canEdit: true, decide: null, refusal: "proposer" });
    const audit = await h.db.selectFrom("audit_log").select("after").where("action", "=", "award.proposal.edit").execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).toMatchObject({ round: 2, voidedDecisions: 2 });
  });

  it("代決: 課長 delegates to a deputy, whose decision is recorded as the deputy for 課長", async () => {
    const today = japanDay(h.clock.now());
    const past = await api(kacho.token, "/api/v1/approval-delegations", {
      method: "POST",
      body: { toUserId: deputy.id, startsOn: "2020-01-01", endsOn: "2020-01-02" },
      lang: "en",
    });
    expect(past.status).toBe(400);
    expect(await past.text()).toContain("The end date is in the past");
    const notMine = await api(deputy.token, "/api/v1/approval-delegations", {
      method: "POST",
      body: { fromUserId: kacho.id, toUserId: deputy.id, startsOn: today, endsOn: today },
    });
    expect(notMine.status).toBe(400);
    const outsider = await api(kacho.token, "/api/v1/approval-delegations", {
      method: "POST",
      body: { toUserId: other.user.id, startsOn: today, endsOn: today },
    });
    expect(outsider.status).toBe(400);
    expect(await outsider.text()).toContain("この組織のメンバー");
    const created = await api(kacho.token, "/api/v1/approval-delegations", {
      method: "POST",
      body: { toUserId: deputy.id, startsOn: today, endsOn: today, reason: "出張" },
    });
    expect(created.status).toBe(201);
    const delegation = (await created.json()) as { id: string; from: { id: string }; to: { id: string } };
    expect(delegation).toMatchObject({ from: { id: kacho.id }, to: { id: deputy.id } });
    expect((await api(other.token, `/api/v1/approval-delegations/${delegation.id}`, { method: "DELETE" })).status).toBe(404);

    const deputyList = (await (await api(deputy.token, "/api/v1/approvals")).json()) as { waiting: { proposalId: string; delegatedFrom: string | null }[] };
    expect(deputyList.waiting).toEqual([expect.objectContaining({ proposalId, delegatedFrom: kacho.id })]);
    const res = await decide(deputy, { decision: "approve", comment: "課長不在のため代決" });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ outcome: "pending", delegated: true });
    const last = (await decisions()).at(-1)!;
    expect(last).toMatchObject({ round: 2, step_index: 0, approver_user_id: kacho.id, decided_by: deputy.id, delegated: true });
    // The seat is filled: 課長 cannot decide it again in this round.
    expect((await decide(kacho, { decision: "approve" })).status).toBe(403);
  });

  it("two committee members approving the last step at the same moment award once", async () => {
    expect((await decide(committee[0]!, { decision: "approve" })).status).toBe(201);
    const mailsBefore = received.length;
    const [x, y] = await Promise.all([decide(committee[1]!, { decision: "approve" }), decide(committee[2]!, { decision: "approve" })]);
    const statuses = [x.status, y.status].sort();
    expect(statuses).toEqual([201, 409]);
    const loser = x.status === 409 ? x : y;
    expect(await loser.text()).toContain("すでに結果が出ている");
    const winner = (await (x.status === 201 ? x : y).json()) as { outcome: string; awardId: string };
    expect(winner.outcome).toBe("approved");

    const awards = await h.db.selectFrom("awards").selectAll().where("rfq_id", "=", rfqId).execute();
    expect(awards).toHaveLength(1);
    expect(awards[0]).toMatchObject({ id: winner.awardId, proposal_id: proposalId, quote_id: quotes.a, vendor_org_id: vendorA.org.id, status: "offered" });
    expect(awards[0]!.debrief_reason).toBe("総合評価で他社が上回りました");
    expect(new Date(awards[0]!.respond_by).getTime()).toBeGreaterThan(h.clock.now().getTime() + 24 * 3600_000);
    expect(awards[0]!.standstill_ends_at).toBeNull();
    expect(await h.db.selectFrom("audit_log").select("id").where("action", "=", "award.award").where("entity_id", "=", rfqId).execute()).toHaveLength(1);
    expect(await h.db.selectFrom("rfqs").select("status").where("id", "=", rfqId).executeTakeFirstOrThrow()).toEqual({ status: "awarded" });
    const qs = await h.db.selectFrom("quotes").select(["id", "status"]).where("rfq_id", "=", rfqId).execute();
    expect(Object.fromEntries(qs.map((q) => [q.id, q.status]))).toEqual({ [quotes.a]: "awarded", [quotes.b]: "not_selected" });
    expect(await h.db.selectFrom("award_proposals").select("status").where("id", "=", proposalId).executeTakeFirstOrThrow()).toEqual({ status: "approved" });
    expect((await h.db.selectFrom("outbox").select("id").where("topic", "=", "rfq").where("entity_id", "=", rfqId).execute()).length).toBeGreaterThan(0);
    const notices = await h.db
      .selectFrom("notifications")
      .select(["user_id", "kind"])
      .where("kind", "in", ["award.won", "award.notSelected", "award.awarded"])
      .execute();
    expect(notices).toEqual(
      expect.arrayContaining([
        { user_id: vendorA.user.id, kind: "award.won" },
        { user_id: vendorB.user.id, kind: "award.notSelected" },
        { user_id: proposer.id, kind: "award.awarded" },
      ]),
    );
    expect(notices).toHaveLength(3);

    await waitForMails(mailsBefore + 3);
    const won = mailsTo(vendorA.email).at(-1)!.mail;
    expect(won.subject).toContain("落札");
    expect(won.text).toContain(`${appOrigin(h.ctx.env)}/rfqs/${rfqId}`);
    expect(won.text).not.toContain("Please accept or decline by"); // in the vendor's language only (decision 0054)
    const lost = mailsTo(vendorB.email).at(-1)!.mail;
    expect(lost.subject).toContain("Result of"); // in the vendor's language
    expect(lost.text).not.toContain("清掃A株式会社"); // never the winner's details by mail
    expect(mailsTo(proposer.email).at(-1)!.mail.subject).toContain("落札が決定しました");
    expect((await decide(committee[1]!, { decision: "approve" })).status).toBe(409);
  });

  it("rejection on a second RFQ is final; the buyer may propose again", async () => {
    const second = await openedRfq();
    const id = await propose(second.id, second.b);
    proposalId = id;
    const res = await decide(kacho, { decision: "reject", comment: "予算超過" });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ outcome: "rejected" });
    expect(await h.db.selectFrom("award_proposals").select(["status", "decided_at"]).where("id", "=", id).executeTakeFirstOrThrow()).toMatchObject({
      status: "rejected",
    });
    expect(
      (await api(proposer.token, `/api/v1/award-proposals/${id}`, { method: "PATCH", body: { rationale: "x", specificRationale: "y", debriefReason: "z" } }))
        .status,
    ).toBe(409);
    expect(
      await h.db.selectFrom("notifications").select("kind").where("user_id", "=", proposer.id).where("kind", "=", "award.rejected").execute(),
    ).toHaveLength(1);
    pagesRfq = second.id;
    h.clock.set(new Date(h.clock.now().getTime() + 60_000)); // the new proposal is the RFQ's latest
    proposalId = await propose(second.id, second.a);
  });
});

let pagesRfq: string;
async function signIn(email: string) {
  const cookies = new Cookies();
  const res = await postForm(h, "/login", { email, password: FACTORY_PASSWORD }, cookies);
  expect(res.status).toBe(302);
  cookies.absorb(res);
  return cookies;
}
const page = (p: string, cookies: Cookies, lang = "ja") => h.request(p, { cookies, redirect: "manual", headers: { "Accept-Language": lang } });

describe("稟議 pages", () => {
  it("承認待ち: the header badge and the list show the proposal to 課長, with its step", async () => {
    const cookies = await signIn(kacho.email);
    const home = await (await page("/", cookies)).text();
    expect(home).toContain('data-testid="approvals-badge"');
    const list = await (await page("/approvals", cookies)).text();
    expect(list).toContain('data-testid="approval-waiting"');
    expect(list).toContain("1 / 2（1段目／全2段）");
    expect(list).toContain(`/rfqs/${pagesRfq}/award`);
    expect(await (await page("/approvals", cookies, "en")).text()).toContain("1 / 2 (step 1 of 2)");
    const committeeHome = await (await page("/", await signIn(committee[0]!.email))).text();
    expect(committeeHome).not.toContain('data-testid="approvals-badge"');
    const mine = await (await page("/approvals", await signIn(proposer.email))).text();
    expect(mine).toContain('data-testid="approvals-mine"');
    for (const outsider of [vendorA.email, advisor.email]) expect((await page("/approvals", await signIn(outsider))).status).toBe(404);
  });

  it("the proposer sees no decision form, and a forged POST is refused with its message", async () => {
    const cookies = await signIn(proposer.email);
    const html = await (await page(`/rfqs/${pagesRfq}/award`, cookies)).text();
    expect(html).not.toContain('data-testid="decision-form"');
    expect(html).toContain('data-testid="edit-proposal"');
    expect(html).toContain('data-testid="approval-route"');
    const forged = await postForm(h, `/rfqs/${pagesRfq}/award`, { intent: "decide", proposalId, decision: "approve", comment: "" }, cookies);
    expect(forged.status).toBe(403);
    expect(await forged.text()).toContain("起案者は自分の起案を承認できません");
    expect(await decisions()).toEqual([]);
  });

  it("課長 decides on the page: a return asks first (no JavaScript), a missing comment is named (ja/en), approve records", async () => {
    const cookies = await signIn(kacho.email);
    expect(await (await page(`/rfqs/${pagesRfq}/award`, cookies)).text()).toContain('data-testid="decision-form"');
    const ask = await postForm(h, `/rfqs/${pagesRfq}/award`, { intent: "decide", proposalId, decision: "return", comment: "要確認" }, cookies);
    expect(ask.status).toBe(200);
    expect(await ask.text()).toContain('data-testid="decision-confirm"');
    expect(await decisions()).toEqual([]);
    const ja = await postForm(h, `/rfqs/${pagesRfq}/award`, { intent: "decide", proposalId, decision: "reject", comment: "" }, cookies, {
      "Accept-Language": "ja",
    });
    expect(ja.status).toBe(400);
    const jaHtml = await ja.text();
    expect(jaHtml).toContain('data-testid="decision-comment-error"');
    expect(jaHtml).toContain("却下・差戻しにはコメントが必要です。");
    const en = await postForm(h, `/rfqs/${pagesRfq}/award`, { intent: "decide", proposalId, decision: "reject", comment: "" }, cookies, {
      "Accept-Language": "en",
    });
    expect(await en.text()).toContain("A comment is required to reject or return.");
    // A committee member away today: their delegate is told too when the committee's step becomes current.
    const today = japanDay(h.clock.now());
    const away = await api(committee[2]!.token, "/api/v1/approval-delegations", {
      method: "POST",
      body: { toUserId: deputy.id, startsOn: today, endsOn: today },
    });
    expect(away.status).toBe(201);
    const deputyMails = mailsTo(deputy.email).length;
    const ok = await postForm(h, `/rfqs/${pagesRfq}/award`, { intent: "decide", proposalId, decision: "approve", comment: "" }, cookies);
    expect(ok.status).toBe(302);
    expect(await decisions()).toHaveLength(1);
    for (let i = 0; i < 100 && mailsTo(deputy.email).length === deputyMails; i++) await new Promise((r) => setTimeout(r, 50));
    expect(mailsTo(deputy.email)).toHaveLength(deputyMails + 1);
    expect(mailsTo(deputy.email).at(-1)!.mail.text).toContain(`/rfqs/${pagesRfq}/award`);
    const after = await (await page(`/rfqs/${pagesRfq}/award`, cookies)).text();
    expect(after).toContain('data-testid="approval-history"');
    expect((await page(`/rfqs/${pagesRfq}/award`, await signIn(other.email))).status).toBe(404);
  });

  it("a mail server that refuses never undoes the award", async () => {
    const working = h.ctx.mailer;
    const warned: unknown[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warned.push(args);
    h.ctx.mailer = { send: () => Promise.reject(new Error("SMTP down")), sent: () => [] };
    try {
      expect((await decide(committee[0]!, { decision: "approve" })).status).toBe(201);
      const last = await decide(committee[1]!, { decision: "approve" });
      expect(last.status).toBe(201);
      expect(await last.json()).toMatchObject({ outcome: "approved" });
    } finally {
      h.ctx.mailer = working;
      console.warn = warn;
    }
    expect(await h.db.selectFrom("awards").select("status").where("rfq_id", "=", pagesRfq).execute()).toEqual([{ status: "offered" }]);
    expect(await h.db.selectFrom("rfqs").select("status").where("id", "=", pagesRfq).executeTakeFirstOrThrow()).toEqual({ status: "awarded" });
    expect(warned.length).toBeGreaterThan(0);
  });

  it("代決 on /settings/approvals: the section, a refusal at its field, a delegation recorded", async () => {
    const cookies = await signIn(kacho.email);
    const html = await (await page("/settings/approvals", cookies)).text();
    expect(html).toContain("代決（不在時の委任）");
    const today = japanDay(h.clock.now());
    const bad = await postForm(
      h,
      "/settings/approvals/delegations",
      { intent: "create", fromUserId: "", toUserId: deputy.id, startsOn: today, endsOn: "2020-01-01" },
      cookies,
    );
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("終了日は開始日以降にしてください。");
    const before = await h.db.selectFrom("approval_delegations").select("id").execute();
    const good = await postForm(
      h,
      "/settings/approvals/delegations",
      { intent: "create", fromUserId: "", toUserId: deputy.id, startsOn: today, endsOn: today, reason: "休暇" },
      cookies,
    );
    expect(good.status).toBe(302);
    expect(await h.db.selectFrom("approval_delegations").select("id").execute()).toHaveLength(before.length + 1);
    // NUL bytes sometimes appear inside the streamed HTML at a chunk boundary (seen here in about one run of
    // three, outside this feature: reported to the lead); they are removed before matching the words.
    const listed = (await (await page("/settings/approvals", cookies)).text()).replaceAll("\u0000", "");
    expect(listed.slice(listed.indexOf('data-testid="delegations"'))).toContain("代決：代理 六郎（課長 二郎 の代わり）");
    expect((await page("/settings/approvals/delegations", await signIn(vendorA.email))).status).toBe(404);
  });
});
