import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveApprovalRoutes } from "../../app/services/approval-routes.server";
import { saveChangeThreshold } from "../../app/services/change-requests.server";
import { openItemsFor } from "../../db/queries/change-requests";
import { actorFor, createAccount, createAcceptedAward, createApiToken, createUser, mustSucceed, type AcceptedAward, type Account } from "../factories";
import { FACTORY_PASSWORD } from "../factories/accounts";
import { apiRequest, Cookies, createHarness, postForm, type ApiInit, type Harness } from "./harness";

// 変更管理 (issue 17 item 3; decision 0041) on real PostgreSQL through the API: the vendor proposes, field errors in
// ja and en writing nothing; below the buyer's threshold the buyer approves → contract version n+1 with the diff, the
// quote untouched; above it, "approve" sends it through the 稟議 route [課長] → [部長] (the member who sent it cannot
// decide; the 承認待ち list shows it) and the last approval makes the version; a rejection writes no version; withdraw;
// the vendor never reads the route or the approvers' comments; another tenant gets 404; the open to-dos.

const TODAY = "2026-12-21";
const INTERNAL = "社内限りSENTINEL-稟議コメント";

let h: Harness;
let buyer: Account;
let other: Account;
let vendor: Account;
let otherVendor: Account;
let award: AcceptedAward;
let contractId: string;
type Member = { id: string; email: string; token: string };
let kacho: Member;
let bucho: Member;

type Problem = { errors?: { path: string; message: string }[] };
type Change = {
  id: string;
  status: string;
  appliedVersion: number | null;
  rejectionReason: string | null;
  diff: { field: string; before: unknown; after: unknown }[] | null;
  thread: { side: string; body: string }[];
  route?: { state: string; decisions: { comment: string | null }[] };
};

const api = (token: string, path: string, init: ApiInit = {}) => apiRequest(h, token, path, init);
const propose = (token: string, body: unknown, lang = "ja") => api(token, `/api/v1/contracts/${contractId}/change-requests`, { method: "POST", body, lang });
const read = async (token: string, id: string) => (await (await api(token, `/api/v1/change-requests/${id}`)).json()) as Change;
const decide = (token: string, id: string, body: unknown, lang = "ja") => api(token, `/api/v1/change-requests/${id}/decision`, { method: "POST", body, lang });
const errorsOf = async (res: Response) => ((await res.json()) as Problem).errors ?? [];
const versions = () =>
  h.db.selectFrom("contract_versions").select(["version", "change_reason", "content"]).where("contract_id", "=", contractId).orderBy("version").execute();
const changeRows = () => h.db.selectFrom("change_requests").select(["id", "status"]).execute();
const quoteState = async () => ({
  quote: await h.db.selectFrom("quotes").selectAll().where("id", "=", award.quoteId).executeTakeFirstOrThrow(),
  versions: await h.db.selectFrom("quote_versions").selectAll().where("quote_id", "=", award.quoteId).orderBy("version").execute(),
});
async function proposed(token: string, body: unknown) {
  const res = await propose(token, body);
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

beforeAll(async () => {
  h = await createHarness();
  buyer = await createAccount(h.db, { kind: "buyer", org: "変更管理商事株式会社" });
  other = await createAccount(h.db, { kind: "buyer", org: "別テナント変更工業" });
  vendor = await createAccount(h.db, { kind: "vendor", vendor: { name: "変更対応サービス株式会社" } });
  otherVendor = await createAccount(h.db, { kind: "vendor", vendor: { name: "無関係ベンダー株式会社" } });
  award = await createAcceptedAward(h, {
    buyerEmail: buyer.email,
    buyerOrgId: buyer.org.id,
    vendorEmail: vendor.email,
    vendorOrgId: vendor.org.id,
    buyerKind: "company",
  });
  const created = await api(buyer.token, `/api/v1/rfqs/${award.rfqId}/contract`, { method: "POST" });
  expect(created.status).toBe(201);
  contractId = ((await created.json()) as { id: string }).id;
  const milestones = ["2027-01-29", "2027-03-31", "2027-06-30", "2027-09-30"].map((dueDate, i) => ({
    name: `第${i + 1}期`,
    dueDate,
    acceptance: "完了報告書の承認",
    paymentDueDays: 60,
    percent: 25,
  }));
  expect((await api(buyer.token, `/api/v1/contracts/${contractId}/milestones`, { method: "PUT", body: { basis: "percent", milestones } })).status).toBe(200);
  h.clock.set(`${TODAY}T10:00:00+09:00`);
  const member = async (name: string): Promise<Member> => {
    const u = await createUser(h.db, { orgId: buyer.org.id, role: "member", name, isApprover: true });
    return { id: u.id, email: u.email, token: await createApiToken(h.db, { orgId: buyer.org.id, userId: u.id }) };
  };
  kacho = await member("課長 一郎");
  bucho = await member("部長 二郎");
  // 課長 reads Kurabe in English: the mails follow each member's language.
  await h.db.updateTable("users").set({ locale: "en" }).where("id", "=", kacho.id).execute();
  const owner = await actorFor(h.db, buyer.email);
  mustSucceed(
    await saveApprovalRoutes(h.ctx, owner, {
      version: 1,
      bands: [
        { fromYen: 0, toYen: 1_000_000, steps: [{ kind: "sequential", required: 1, approverIds: [kacho.id] }] },
        {
          fromYen: 1_000_000,
          toYen: null,
          steps: [
            { kind: "sequential", required: 1, approverIds: [kacho.id] },
            { kind: "sequential", required: 1, approverIds: [bucho.id] },
          ],
        },
      ],
    }),
    "saving the route",
  );
  mustSucceed(await saveChangeThreshold(h.ctx, owner, { thresholdYen: 500_000 }), "setting the threshold");
});
afterAll(() => h?.close());

describe("proposing", () => {
  it("waits for activation, then refuses bad input field by field in ja and en, writing nothing", async () => {
    expect((await propose(vendor.token, { title: "t", description: "d", priceImpactYen: 1 })).status).toBe(409);
    expect((await api(buyer.token, `/api/v1/contracts/${contractId}/activate`, { method: "POST" })).status).toBe(200);
    // 検収 of the first milestone (delivered first: acceptance inspects a delivery): it can no longer move.
    expect(
      (await api(vendor.token, `/api/v1/contracts/${contractId}/deliveries`, { method: "POST", body: { milestoneIndex: 0, note: "納品します" } })).status,
    ).toBe(201);
    expect((await api(buyer.token, `/api/v1/contracts/${contractId}/milestones/0/acceptance`, { method: "POST", body: {} })).status).toBe(201);
    const ja = await propose(vendor.token, { title: "", description: "", priceImpactYen: 1.5 });
    expect(ja.status).toBe(400);
    expect(await errorsOf(ja)).toEqual([
      { path: "title", message: "件名を入力してください。" },
      { path: "description", message: "変更の内容と理由を入力してください。" },
      { path: "priceImpactYen", message: "金額影響は円単位の整数で入力してください（減額はマイナス）。" },
    ]);
    const en = await propose(
      vendor.token,
      {
        title: "Move dates",
        description: "Because",
        milestoneDueDates: [
          { index: 0, dueDate: "2027-02-26" },
          { index: 1, dueDate: "2026-12-01" },
        ],
        slaTargets: [{ key: "accuracy", target: 1.5 }],
      },
      "en",
    );
    expect(en.status).toBe(400);
    expect(await errorsOf(en)).toEqual([
      { path: "milestoneDueDates.0.dueDate", message: "Milestone “第1期” is accepted: its due date cannot move." },
      { path: "milestoneDueDates.1.dueDate", message: `The due date must be today (${TODAY}) or later.` },
      { path: "slaTargets.0.target", message: "Enter a rate from 0 to 100%." },
    ]);
    expect(await changeRows()).toEqual([]);
  });

  it("another tenant, an advisor-less outsider and a stranger vendor get 404", async () => {
    for (const token of [other.token, otherVendor.token]) {
      expect((await propose(token, { title: "t", description: "d", priceImpactYen: 1 })).status).toBe(404);
      expect((await api(token, `/api/v1/contracts/${contractId}/change-requests`)).status).toBe(404);
    }
  });
});

describe("below the threshold: the buyer approves directly", () => {
  let id: string;
  it("the vendor proposes; the buyer is told; both sides read it; others get 404", async () => {
    id = await proposed(vendor.token, {
      title: "帳票の追加",
      description: "月次帳票を1種類追加します。",
      priceImpactYen: 300_000,
      milestoneDueDates: [{ index: 3, dueDate: "2027-10-29" }],
      slaTargets: [{ key: "accuracy", target: 0.995 }],
    });
    const notices = await h.db.selectFrom("notifications").select(["user_id", "kind"]).where("kind", "=", "change.proposed").execute();
    expect(notices.map((n) => n.user_id)).toContain(buyer.user.id);
    const mail = h.mailer.sent().find((m) => m.to === buyer.email && m.text.includes(`/contracts/${contractId}/changes/${id}`));
    expect(mail?.subject).toBe("【Kurabe】契約の変更が提案されました：「帳票の追加」");
    expect((await read(buyer.token, id)).status).toBe("proposed");
    expect((await read(vendor.token, id)).status).toBe("proposed");
    for (const token of [other.token, otherVendor.token]) {
      expect((await api(token, `/api/v1/change-requests/${id}`)).status).toBe(404);
      expect((await decide(token, id, { decision: "approve" })).status).toBe(404);
      expect((await api(token, `/api/v1/change-requests/${id}/withdraw`, { method: "POST" })).status).toBe(404);
    }
    // The vendor cannot decide: it is the buyer's decision (404: the decision endpoint is the buyer's).
    expect((await decide(vendor.token, id, { decision: "approve" })).status).toBe(404);
  });

  it("both sides comment in one thread", async () => {
    expect((await api(buyer.token, `/api/v1/change-requests/${id}/comments`, { method: "POST", body: { body: "単価の内訳をください。" } })).status).toBe(201);
    expect((await api(vendor.token, `/api/v1/change-requests/${id}/comments`, { method: "POST", body: { body: "添付の通りです。" } })).status).toBe(201);
    expect((await read(vendor.token, id)).thread.map((c) => [c.side, c.body])).toEqual([
      ["buyer", "単価の内訳をください。"],
      ["vendor", "添付の通りです。"],
    ]);
  });

  it("approval makes version 2 with the title as its reason and a diff; the quote is never rewritten", async () => {
    const before = await quoteState();
    const orders = async () =>
      (await h.db.selectFrom("outbox").select("entity_id").where("topic", "=", "transaction_record").execute()).filter(
        (o) => o.entity_id === `purchase_order:${contractId}`,
      ).length;
    const ordersBefore = await orders();
    const res = await decide(buyer.token, id, { decision: "approve" });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "approved", version: 2 });
    const [v1, v2] = await versions();
    expect(v2).toMatchObject({ version: 2, change_reason: "帳票の追加" });
    const c1 = v1!.content as { totals: { total: number }; lines: unknown[]; quote: unknown };
    const c2 = v2!.content as {
      totals: { subtotal: number; tax: number; total: number };
      lines: { code: string; unitPrice: number; taxRate: number }[];
      quote: unknown;
    };
    expect(c2.lines.at(-1)).toMatchObject({ code: "CHG-1", unitPrice: 300_000, taxRate: 10 });
    expect(c2.totals.total - c1.totals.total).toBe(330_000);
    expect(c2.quote).toEqual(c1.quote);
    expect(await quoteState()).toEqual(before);
    const change = await read(vendor.token, id);
    expect(change).toMatchObject({ status: "approved", appliedVersion: 2 });
    expect(change.diff!.map((d) => d.field)).toEqual([
      "lines.CHG-1",
      "totals.subtotal",
      "totals.tax",
      "totals.total",
      "milestones.3.dueDate",
      "milestones.3.amountYen",
      "sla.accuracy.target",
    ]);
    // The 発注書 of the new version follows the documents path (version-keyed), through the outbox.
    expect(await orders()).toBe(ordersBefore + 1);
    expect(await h.db.selectFrom("notifications").select("user_id").where("kind", "=", "change.approved").execute()).toEqual([{ user_id: vendor.user.id }]);
    // Decided: no second decision, no comment, no withdrawal.
    expect((await decide(buyer.token, id, { decision: "approve" })).status).toBe(409);
    expect((await api(vendor.token, `/api/v1/change-requests/${id}/withdraw`, { method: "POST" })).status).toBe(409);
  });
});

describe("above the threshold: through the 稟議 route", () => {
  let id: string;
  it("approving sends it to the route; the sender cannot decide; 課長 then 部長 approve → version 3", async () => {
    id = await proposed(vendor.token, { title: "対象業務の拡大", description: "対象部署を追加します。", priceImpactYen: 2_000_000 });
    const sent = await decide(buyer.token, id, { decision: "approve" });
    expect(await sent.json()).toEqual({ status: "in_route", version: null });
    expect(await versions()).toHaveLength(2);
    // 承認待ち: the first step's approver sees it, with a notice; the second step's does not yet.
    const inbox = (await (await api(kacho.token, "/api/v1/approvals")).json()) as { waitingChanges: { changeRequestId: string }[] };
    expect(inbox.waitingChanges.map((w) => w.changeRequestId)).toEqual([id]);
    expect(((await (await api(bucho.token, "/api/v1/approvals")).json()) as { waitingChanges: unknown[] }).waitingChanges).toEqual([]);
    expect(await h.db.selectFrom("notifications").select("user_id").where("kind", "=", "change.waiting").execute()).toEqual([{ user_id: kacho.id }]);
    expect(
      h.mailer
        .sent()
        .filter((m) => m.to === kacho.email)
        .map((m) => m.subject),
    ).toContain("[Kurabe] Awaiting your approval: contract change “対象業務の拡大”");
    // The member who sent it to the route never approves it; 部長 is not at the current step.
    expect((await decide(buyer.token, id, { decision: "approve" })).status).toBe(403);
    expect((await decide(bucho.token, id, { decision: "approve" })).status).toBe(403);
    const first = await decide(kacho.token, id, { decision: "approve", comment: INTERNAL });
    expect(await first.json()).toEqual({ status: "in_route", version: null });
    expect((await decide(kacho.token, id, { decision: "approve" })).status).toBe(409);
    const last = await decide(bucho.token, id, { decision: "approve" });
    expect(await last.json()).toEqual({ status: "approved", version: 3 });
    expect((await versions()).map((v) => v.change_reason)).toContain("対象業務の拡大");
    const rows = await h.db
      .selectFrom("approval_decisions")
      .select(["proposal_id", "change_request_id", "step_index", "decision"])
      .where("change_request_id", "=", id)
      .execute();
    expect(rows).toEqual([
      { proposal_id: null, change_request_id: id, step_index: 0, decision: "approve" },
      { proposal_id: null, change_request_id: id, step_index: 1, decision: "approve" },
    ]);
  });

  it("the buyer reads the route and its comments; the vendor never does", async () => {
    expect((await read(buyer.token, id)).route!.decisions.map((d) => d.comment)).toContain(INTERNAL);
    const res = await api(vendor.token, `/api/v1/change-requests/${id}`);
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(text).not.toContain(INTERNAL);
    expect(text).not.toContain("課長 一郎");
    expect(JSON.parse(text)).not.toHaveProperty("route");
  });

  it("a rejection in the route writes no version; the vendor reads a fixed sentence, not the approver's comment", async () => {
    const rid = await proposed(vendor.token, { title: "さらに増額", description: "追加要員", priceImpactYen: 600_000 });
    expect(await (await decide(buyer.token, rid, { decision: "approve" })).json()).toEqual({ status: "in_route", version: null });
    const ja = await decide(kacho.token, rid, { decision: "reject" });
    expect(ja.status).toBe(400);
    const res = await decide(kacho.token, rid, { decision: "reject", comment: INTERNAL });
    expect(await res.json()).toEqual({ status: "rejected", version: null });
    expect(await versions()).toHaveLength(3);
    const seen = await read(vendor.token, rid);
    expect(seen).toMatchObject({ status: "rejected", rejectionReason: null, rejectedInRoute: true });
    expect(JSON.stringify(seen)).not.toContain(INTERNAL);
  });
});

describe("rejecting, withdrawing, to-dos", () => {
  it("a direct rejection needs a reason (ja, en), the vendor reads it, and no version is written", async () => {
    const id = await proposed(vendor.token, { title: "期間延長", description: "3か月延長", termTo: "2028-03-31" });
    const ja = await decide(buyer.token, id, { decision: "reject" });
    expect(await errorsOf(ja)).toEqual([{ path: "reason", message: "却下の理由を入力してください。" }]);
    const en = await decide(buyer.token, id, { decision: "reject", reason: " " }, "en");
    expect(await errorsOf(en)).toEqual([{ path: "reason", message: "Enter the reason for rejecting." }]);
    expect(await (await decide(buyer.token, id, { decision: "reject", reason: "予算がありません。" })).json()).toEqual({ status: "rejected", version: null });
    expect(await read(vendor.token, id)).toMatchObject({ status: "rejected", rejectionReason: "予算がありません。", appliedVersion: null });
    expect(await versions()).toHaveLength(3);
  });

  it("two buyer members approving at the same moment make one version; the other is told it is decided", async () => {
    const id = await proposed(vendor.token, { title: "小さな変更", description: "少額", priceImpactYen: 10_000 });
    const before = (await versions()).length;
    const answers = await Promise.all([decide(buyer.token, id, { decision: "approve" }), decide(kacho.token, id, { decision: "approve" })]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect((await versions()).length).toBe(before + 1);
  });

  it("only the proposing side withdraws, while open; the buyer's proposal is the vendor's to-do until it answers", async () => {
    const id = await proposed(buyer.token, { title: "KPIの見直し", description: "目標を下げます。", slaTargets: [{ key: "accuracy", target: 0.99 }] });
    expect(await openItemsFor(h.db, "vendor", vendor.org.id)).toEqual([{ contractId, kind: "change_pending", count: 1 }]);
    expect(await openItemsFor(h.db, "buyer", buyer.org.id)).toEqual([{ contractId, kind: "change_pending", count: 1 }]);
    expect(await openItemsFor(h.db, "buyer", other.org.id)).toEqual([]);
    expect((await api(vendor.token, `/api/v1/change-requests/${id}/comments`, { method: "POST", body: { body: "了解しました。" } })).status).toBe(201);
    expect(await openItemsFor(h.db, "vendor", vendor.org.id)).toEqual([]);
    expect((await api(vendor.token, `/api/v1/change-requests/${id}/withdraw`, { method: "POST" })).status).toBe(403);
    expect((await api(buyer.token, `/api/v1/change-requests/${id}/withdraw`, { method: "POST" })).status).toBe(200);
    expect((await read(vendor.token, id)).status).toBe("withdrawn");
    expect((await api(vendor.token, `/api/v1/change-requests/${id}/comments`, { method: "POST", body: { body: "x" } })).status).toBe(409);
    expect(await openItemsFor(h.db, "buyer", buyer.org.id)).toEqual([]);
    const audit = await h.db.selectFrom("audit_log").select("action").where("entity_type", "=", "change_request").execute();
    expect(new Set(audit.map((a) => a.action))).toEqual(
      new Set([
        "change.propose",
        "change.comment",
        "change.approve",
        "change.route",
        "approval.approve",
        "approval.reject",
        "change.reject",
        "change.withdraw",
      ]),
    );
  });
});

async function signIn(email: string) {
  const cookies = new Cookies();
  const res = await postForm(h, "/login", { email, password: FACTORY_PASSWORD }, cookies);
  expect(res.status).toBe(302);
  cookies.absorb(res);
  return cookies;
}
const page = (p: string, cookies: Cookies, lang = "ja") => h.request(p, { cookies, redirect: "manual", headers: { "Accept-Language": lang } });

describe("pages", () => {
  it("the 変更管理 tab lists the requests with their state and the version history's diff, in ja and en", async () => {
    const cookies = await signIn(buyer.email);
    const ja = await (await page(`/contracts/${contractId}/changes`, cookies)).text();
    expect(ja).toContain('data-testid="change-requests"');
    expect(ja).toContain("帳票の追加");
    expect(ja).toContain("承認");
    expect(ja).toContain("取下げ");
    expect(ja).toContain('data-testid="contract-version"');
    expect(ja).toContain("合計（税込）");
    const en = await (await page(`/contracts/${contractId}/changes`, cookies, "en")).text();
    expect(en).toContain("Withdrawn");
    expect(en).toContain("Total (incl. tax)");
  });

  it("the form refuses a past due date and a rate over 100 % at their own fields, writing nothing; withdrawing asks first", async () => {
    const cookies = await signIn(vendor.email);
    const before = (await changeRows()).length;
    const res = await postForm(
      h,
      `/contracts/${contractId}/changes`,
      { title: "率の変更", description: "理由", sla_accuracy: "120", due_1: "2026-01-01" },
      cookies,
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("率は 0〜100% の範囲で入力してください。");
    expect(html).toContain("期日は今日（2026-12-21）以降にしてください。");
    expect(html).toMatch(/id="due_1-error"/);
    expect(html).toMatch(/id="sla_accuracy-error"/);
    expect((await changeRows()).length).toBe(before);
    const ok = await postForm(h, `/contracts/${contractId}/changes`, { title: "率の変更", description: "理由", sla_accuracy: "99.5" }, cookies);
    expect(ok.status).toBe(302);
    const id = ok.headers.get("location")!.split("/").at(-1)!;
    expect(await read(vendor.token, id)).toMatchObject({ impact: { slaTargets: [{ key: "accuracy", target: 0.995 }] } });
    // Withdrawing asks first, then does it.
    const confirm = await (await page(`/contracts/${contractId}/changes/${id}?withdraw=1`, cookies)).text();
    expect(confirm).toContain('data-testid="withdraw-confirm"');
    expect((await postForm(h, `/contracts/${contractId}/changes/${id}`, { intent: "withdraw" }, cookies)).status).toBe(302);
    expect((await read(vendor.token, id)).status).toBe("withdrawn");
  });

  it("the vendor's request page never shows the route or the approvers' comments; the buyer's does; others get 404", async () => {
    const [routed] = await h.db.selectFrom("change_requests").select("id").where("title", "=", "対象業務の拡大").execute();
    const path = `/contracts/${contractId}/changes/${routed!.id}`;
    const vendorHtml = await (await page(path, await signIn(vendor.email))).text();
    expect(vendorHtml).toContain("対象業務の拡大");
    expect(vendorHtml).not.toContain(INTERNAL);
    expect(vendorHtml).not.toContain('data-testid="change-route"');
    const buyerHtml = await (await page(path, await signIn(buyer.email))).text();
    expect(buyerHtml).toContain('data-testid="change-route"');
    expect(buyerHtml).toContain(INTERNAL);
    expect((await page(path, await signIn(other.email))).status).toBe(404);
    expect((await page(`/contracts/${contractId}/changes`, await signIn(otherVendor.email))).status).toBe(404);
  });

  it("the 承認待ち page lists a change waiting in the route for its approver", async () => {
    const id = await proposed(vendor.token, { title: "保守範囲の追加", description: "追加", priceImpactYen: 700_000 });
    expect(await (await decide(buyer.token, id, { decision: "approve" })).json()).toEqual({ status: "in_route", version: null });
    const html = await (await page("/approvals", await signIn(kacho.email))).text();
    expect(html).toContain('data-testid="approval-waiting-change"');
    expect(html).toContain(`/contracts/${contractId}/changes/${id}`);
  });

  it("the threshold is set on the approval-routes settings page, field by field in ja and en; a vendor gets 404", async () => {
    const cookies = await signIn(buyer.email);
    expect(await (await page("/settings/approvals", cookies)).text()).toContain('data-testid="change-threshold"');
    const ja = await postForm(h, "/settings/change-threshold", { thresholdYen: "-5" }, cookies);
    expect(ja.status).toBe(400);
    expect(await ja.text()).toContain("基準額は0以上の円単位の整数で入力してください。");
    const en = await postForm(h, "/settings/change-threshold", { thresholdYen: "abc" }, cookies, { "Accept-Language": "en" });
    expect(en.status).toBe(400);
    expect(await en.text()).toContain("Enter the threshold in whole yen, 0 or more.");
    expect((await postForm(h, "/settings/change-threshold", { thresholdYen: "1,000,000" }, cookies)).status).toBe(302);
    const org = await h.db.selectFrom("organizations").select("change_route_threshold_yen").where("id", "=", buyer.org.id).executeTakeFirstOrThrow();
    expect(Number(org.change_route_threshold_yen)).toBe(1_000_000);
    expect((await page("/settings/change-threshold", await signIn(vendor.email))).status).toBe(404);
  });
});
