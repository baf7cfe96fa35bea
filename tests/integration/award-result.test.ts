import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { quoteA, quoteB } from "../../app/domain/quote/test-fixtures";
import { proposeAward } from "../../app/services/award-proposals.server";
import { createSmtpMailer, mailFrom } from "../../app/services/mail.server";
import { appOrigin } from "../../app/utils/env.server";
import {
  actorFor,
  awardForTest,
  createAccount,
  createPublishedRfq,
  createUser,
  FACTORY_PASSWORD,
  openRfq,
  rfqInput,
  submitQuote,
  type Account,
} from "../factories";
import { logIn } from "./account-security-support";
import { createHarness, postForm, type Harness, apiRequest, type ApiInit } from "./harness";
import { rowCounts } from "./row-counts";
import { startSmtpCapture, type CapturedMail } from "./smtp-capture";

// After the award (issue 15 item 4) on real PostgreSQL: the winner accepts or declines before its deadline
// (two accepts at the same moment have one effect), a decline reopens the RFQ for the next proposal, the
// buyer's proposer and owners hear of it in-app and by a real SMTP mail; a not-selected vendor reads its
// debrief from the frozen snapshot and never another vendor's prices or KPI values (sentinels in the page,
// the API and the mails); one standstill question, answered once; other vendors and tenants get 404.

// Sentinels: the winner's and a third vendor's figures. None may reach the not-selected reader.
const WIN_INIT = 271_828;
const WIN_ACCURACY = 0.99871;
const THIRD_INIT = 314_159;
const THIRD_ACCURACY = 0.99853;
const REASON = "運用体制と引継ぎ計画を最も高く評価しました。";
const RATIONALE = "総合評価と実績に基づき選定する（内部向けの起案理由）";

let h: Harness;
let smtp: Awaited<ReturnType<typeof startSmtpCapture>>;
let received: CapturedMail[];
let buyer: Account;
let otherBuyer: Account;
let win: Account;
let lose: Account;
let third: Account;
let none: Account;
let ownerEnEmail: string;

const api = (token: string, path: string, init: ApiInit = {}) => apiRequest(h, token, path, init);
const page = async (email: string, path: string, lang = "ja") =>
  h.request(path, { cookies: await logIn(h, email, FACTORY_PASSWORD), redirect: "manual", headers: { "Accept-Language": lang } });

async function waitForMails(count: number) {
  for (let i = 0; i < 100 && received.length < count; i++) await new Promise((r) => setTimeout(r, 50));
  return received;
}

/** Every way a sentinel number could be written: raw JSON, grouped yen, a rate in per cent. */
function sentinelForms(): string[] {
  return [String(WIN_INIT), "271,828", String(WIN_ACCURACY), "99.871", String(THIRD_INIT), "314,159", String(THIRD_ACCURACY), "99.853", RATIONALE];
}

interface Awarded {
  rfqId: string;
  awardId: string;
  winQuote: string;
  loseQuote: string;
  thirdQuote: string;
}

async function awardedRfq(o: { standstill: number; accept: number }): Promise<Awarded> {
  const buyerActor = await actorFor(h.db, buyer.email);
  const rfqId = await createPublishedRfq(
    h,
    buyerActor,
    rfqInput(h, { sealed: true, invitedVendorIds: [win.org.id, lose.org.id, third.org.id, none.org.id], requiredCertifications: [], dataSensitivity: "none" }),
  );
  const winQuote = await submitQuote(
    h,
    await actorFor(h.db, win.email),
    rfqId,
    quoteA({ unitPrices: { INIT: WIN_INIT, OPS: 400_000, DOC: 300 }, kpiCommitments: { accuracy: WIN_ACCURACY, processing_lead_time_days: 3 } }),
  );
  const loseQuote = await submitQuote(h, await actorFor(h.db, lose.email), rfqId, quoteB());
  const thirdQuote = await submitQuote(
    h,
    await actorFor(h.db, third.email),
    rfqId,
    quoteB({ unitPrices: { INIT: THIRD_INIT, OPS: 419_000, DOC: 320 }, kpiCommitments: { accuracy: THIRD_ACCURACY, processing_lead_time_days: 4 } }),
  );
  await openRfq(h, rfqId);
  const { awardId } = await awardForTest(h, {
    buyer: buyerActor,
    rfqId,
    quoteId: winQuote,
    reason: REASON,
    acceptBusinessDays: o.accept,
    standstillBusinessDays: o.standstill,
  });
  return { rfqId, awardId, winQuote, loseQuote, thirdQuote };
}

beforeAll(async () => {
  smtp = await startSmtpCapture();
  received = smtp.received;
  h = await createHarness();
  h.ctx.mailer = createSmtpMailer(`smtp://127.0.0.1:${smtp.port}`, mailFrom({}, appOrigin(h.ctx.env)));
  buyer = await createAccount(h.db, { kind: "buyer", org: "落札検証市" });
  ownerEnEmail = (await createUser(h.db, { orgId: buyer.org.id, role: "owner", name: "Pat Owner", locale: "en" })).email;
  otherBuyer = await createAccount(h.db, { kind: "buyer", org: "別テナント町" });
  win = await createAccount(h.db, { kind: "vendor", vendor: { name: "落札清掃株式会社" } });
  lose = await createAccount(h.db, { kind: "vendor", vendor: { name: "次点ビルサービス株式会社" } });
  third = await createAccount(h.db, { kind: "vendor", vendor: { name: "三番手メンテナンス株式会社" } });
  none = await createAccount(h.db, { kind: "vendor", vendor: { name: "未提出ベンダー株式会社" } });
});

afterAll(async () => {
  await h?.close();
  await smtp?.close();
});

describe("after the award: debrief, standstill question and the winner's answer", () => {
  let a: Awarded;

  beforeAll(async () => {
    a = await awardedRfq({ standstill: 3, accept: 5 });
  });

  it("is a 404 for everyone but the right party, and writes nothing", async () => {
    const before = await rowCounts(h.db, ["awards", "award_questions", "audit_log", "notifications"]);
    // The result of a quote: only its own vendor.
    for (const [token, quote] of [
      [win.token, a.loseQuote],
      [none.token, a.winQuote],
      [buyer.token, a.winQuote],
      [otherBuyer.token, a.loseQuote],
    ] as const)
      expect((await api(token, `/api/v1/quotes/${quote}/award-result`)).status).toBe(404);
    // Accept / decline: only the winner (the buyer cannot accept).
    for (const token of [buyer.token, lose.token, otherBuyer.token, none.token]) {
      expect((await api(token, `/api/v1/awards/${a.awardId}/accept`, { method: "POST" })).status).toBe(404);
      expect((await api(token, `/api/v1/awards/${a.awardId}/decline`, { method: "POST", body: { reason: "x" } })).status).toBe(404);
    }
    // The question: only a not-selected bidder (not the winner, not a vendor without an opened offer).
    for (const token of [win.token, none.token, buyer.token, otherBuyer.token])
      expect((await api(token, `/api/v1/awards/${a.awardId}/questions`, { method: "POST", body: { body: "質問" } })).status).toBe(404);
    // The buyer's view: only the buyer's organisation.
    for (const token of [win.token, lose.token, otherBuyer.token]) expect((await api(token, `/api/v1/rfqs/${a.rfqId}/award`)).status).toBe(404);
    // A vendor without an opened offer sees nothing of the result.
    const nothing = await page(none.email, `/rfqs/${a.rfqId}/quote`);
    expect(nothing.status).toBe(200);
    const nothingHtml = await nothing.text();
    expect(nothingHtml).not.toContain('data-testid="award-result"');
    expect(nothingHtml).not.toContain(REASON);
    expect(await rowCounts(h.db, ["awards", "award_questions", "audit_log", "notifications"])).toEqual(before);
  });

  it("gives the not-selected vendor its debrief from the frozen snapshot, with no other vendor's figures (API and page)", async () => {
    const res = await api(lose.token, `/api/v1/quotes/${a.loseQuote}/award-result`);
    expect(res.status).toBe(200);
    const text = await res.text();
    const body = JSON.parse(text) as {
      view: string;
      debrief: { winner: { name: string }; reason: string; rank: number; criteria: unknown[] };
      canAsk: boolean;
    };
    expect(body.view).toBe("debrief");
    expect(body.debrief.winner.name).toBe("落札清掃株式会社");
    expect(body.debrief.reason).toBe(REASON);
    expect(body.debrief.rank).toBeGreaterThan(0);
    expect(body.debrief.criteria.length).toBeGreaterThan(0);
    expect(body.canAsk).toBe(true);
    for (const s of sentinelForms()) expect(text, s).not.toContain(s);
    expect(text).not.toContain("三番手メンテナンス株式会社");

    const html = await (await page(lose.email, `/rfqs/${a.rfqId}/quote`)).text();
    expect(html).toContain("選定結果");
    expect(html).toContain(REASON);
    expect(html).toContain("落札清掃株式会社");
    expect(html).toContain('data-testid="award-question-form"');
    // The reader's own quote is on its page; everything of the others must not be.
    for (const s of sentinelForms()) expect(html, s).not.toContain(s);
    expect(html).not.toContain("三番手メンテナンス株式会社");
    const en = await (await page(lose.email, `/rfqs/${a.rfqId}/quote`, "en")).text();
    expect(en).toContain("Selected: 落札清掃株式会社");
  });

  it("shows the winner its offer with the deadline as a Japanese date, and accept / decline", async () => {
    const award = await h.db.selectFrom("awards").select("respond_by").where("id", "=", a.awardId).executeTakeFirstOrThrow();
    const html = await (await page(win.email, `/rfqs/${a.rfqId}/quote`)).text();
    expect(html).toMatch(/受注が内定しました — 受諾期限 \d{4}年\d{1,2}月\d{1,2}日\([月火水木金]\)/);
    expect(html).toContain('data-testid="award-accept"');
    expect(html).toContain('data-testid="award-decline"');
    // The sentinels are written the way the pages write them: the winner's own page shows its own figures.
    expect(html).toContain(String(WIN_INIT));
    expect(html).toContain("99.871");
    const res = (await (await api(win.token, `/api/v1/quotes/${a.winQuote}/award-result`)).json()) as { view: string; respondBy: string; canRespond: boolean };
    expect(res).toMatchObject({ view: "winner", canRespond: true, respondBy: new Date(award.respond_by).toISOString() });
  });

  it("takes one standstill question per vendor, field by field in ja/en; the buyer answers it once; both sides are notified", async () => {
    const path = `/api/v1/awards/${a.awardId}/questions`;
    const before = await rowCounts(h.db, ["award_questions", "audit_log"]);
    const empty = await api(lose.token, path, { method: "POST", body: { body: "  " } });
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as { errors: { path: string; message: string }[] }).errors).toEqual([{ path: "body", message: "質問を入力してください。" }]);
    const long = await api(lose.token, path, { method: "POST", body: { body: "あ".repeat(2001) }, lang: "en" });
    expect(long.status).toBe(400);
    expect(await long.text()).toContain("2,000 characters");
    expect(await rowCounts(h.db, ["award_questions", "audit_log"])).toEqual(before);

    const question = "価格点の算定方法を教えてください。";
    const [one, two] = await Promise.all([
      api(lose.token, path, { method: "POST", body: { body: question } }),
      api(lose.token, path, { method: "POST", body: { body: "二つ目の質問" } }),
    ]);
    expect([one.status, two.status].sort()).toEqual([201, 409]);
    expect(await h.db.selectFrom("award_questions").select("body").where("award_id", "=", a.awardId).execute()).toHaveLength(1);
    const buyerNotes = await h.db.selectFrom("notifications").select("user_id").where("kind", "=", "award.questionAsked").execute();
    expect(buyerNotes.length).toBe(2); // the proposer (an owner) and the other owner

    const view = (await (await api(buyer.token, `/api/v1/rfqs/${a.rfqId}/award`)).json()) as {
      award: { status: string; standstillRunning: boolean; questions: { id: string; vendorName: string; body: string; answer: string | null }[] };
    };
    expect(view.award.status).toBe("offered");
    expect(view.award.standstillRunning).toBe(true);
    expect(view.award.questions).toHaveLength(1);
    const q = view.award.questions[0]!;
    expect(q.vendorName).toBe("次点ビルサービス株式会社");
    const buyerHtml = await (await page(buyer.email, `/rfqs/${a.rfqId}/award`)).text();
    expect(buyerHtml).toContain(q.body);
    expect(buyerHtml).toContain('data-testid="award-answer-form"');

    // A vendor cannot answer; another tenant cannot either.
    for (const token of [lose.token, win.token, otherBuyer.token])
      expect((await api(token, `/api/v1/award-questions/${q.id}/answer`, { method: "POST", body: { body: "x" } })).status).toBe(404);
    const answer = "価格点は最安値を100点とする比例配分です。";
    expect((await api(buyer.token, `/api/v1/award-questions/${q.id}/answer`, { method: "POST", body: { body: " " } })).status).toBe(400);
    expect((await api(buyer.token, `/api/v1/award-questions/${q.id}/answer`, { method: "POST", body: { body: answer } })).status).toBe(200);
    expect((await api(buyer.token, `/api/v1/award-questions/${q.id}/answer`, { method: "POST", body: { body: "再回答" } })).status).toBe(409);
    const vendorNotes = await h.db.selectFrom("notifications").select("user_id").where("kind", "=", "award.questionAnswered").execute();
    expect(vendorNotes.map((n) => n.user_id)).toEqual([lose.user.id]);
    const result = (await (await api(lose.token, `/api/v1/quotes/${a.loseQuote}/award-result`)).json()) as { canAsk: boolean; question: { answer: string } };
    expect(result).toMatchObject({ canAsk: false, question: { answer } });
    expect(await (await page(lose.email, `/rfqs/${a.rfqId}/quote`)).text()).toContain(answer);
    const audit = await h.db.selectFrom("audit_log").select("action").where("entity_id", "=", a.awardId).orderBy("id").execute();
    expect(audit.map((r) => r.action)).toEqual(["award.question.ask", "award.question.answer"]);
  });

  it("refuses a question after the standstill, naming its end", async () => {
    const award = await h.db.selectFrom("awards").select("standstill_ends_at").where("id", "=", a.awardId).executeTakeFirstOrThrow();
    h.clock.set(award.standstill_ends_at!);
    const res = await api(third.token, `/api/v1/awards/${a.awardId}/questions`, { method: "POST", body: { body: "遅い質問" } });
    expect(res.status).toBe(409);
    const problem = (await res.json()) as { title: string; errors: { path: string; field: string }[] };
    expect(problem.title).toContain("待機期間が終了");
    expect(problem.errors[0]).toMatchObject({ path: "standstillEndsAt", field: expect.stringMatching(/^待機期間の終了 \d{4}年\d{1,2}月\d{1,2}日\(.\)$/) });
    expect(await h.db.selectFrom("award_questions").select("id").where("vendor_org_id", "=", third.org.id).execute()).toEqual([]);
  });

  it("accepts once when the winner presses twice at the same moment; the buyer's owners get a mail", async () => {
    const sent = received.length;
    const results = await Promise.all([
      api(win.token, `/api/v1/awards/${a.awardId}/accept`, { method: "POST" }),
      api(win.token, `/api/v1/awards/${a.awardId}/accept`, { method: "POST" }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const row = await h.db.selectFrom("awards").select(["status", "responded_by"]).where("id", "=", a.awardId).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "accepted", responded_by: win.user.id });
    expect(await h.db.selectFrom("audit_log").select("id").where("entity_id", "=", a.awardId).where("action", "=", "award.accept").execute()).toHaveLength(1);
    expect(await h.db.selectFrom("notifications").select("user_id").where("kind", "=", "award.accepted").execute()).toHaveLength(2);
    const mails = (await waitForMails(sent + 2)).slice(sent);
    expect(mails.flatMap((m) => m.envelope.to).sort()).toEqual([buyer.email, ownerEnEmail].sort());
    const ja = mails.find((m) => m.envelope.to.includes(buyer.email))!.mail;
    expect(ja.subject).toMatch(/^【Kurabe】「.+」の落札が受諾されました$/);
    expect(ja.text).toContain("落札清掃株式会社 は見積依頼");
    const en = mails.find((m) => m.envelope.to.includes(ownerEnEmail))!.mail;
    expect(en.subject).toMatch(/^\[Kurabe\] Award on “.+” accepted$/);
    for (const m of mails) for (const s of sentinelForms()) expect(m.mail.text, s).not.toContain(s);
    expect((await api(win.token, `/api/v1/awards/${a.awardId}/decline`, { method: "POST", body: { reason: "やはり辞退" } })).status).toBe(409);
  });
});

describe("declining, and the deadline", () => {
  it("refuses a decline without a reason in ja/en; a decline reopens the RFQ and the buyer proposes the next quote", async () => {
    const a = await awardedRfq({ standstill: 0, accept: 3 });
    const path = `/api/v1/awards/${a.awardId}/decline`;
    const before = await rowCounts(h.db, ["audit_log", "notifications"]);
    for (const [body, lang, text] of [
      [{}, "ja", "辞退の理由を入力してください。"],
      [{ reason: " " }, "en", "Enter the reason for declining."],
    ] as const) {
      const res = await api(win.token, path, { method: "POST", body, lang });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { errors: { path: string; message: string }[] }).errors).toEqual([{ path: "reason", message: text }]);
    }
    expect(await rowCounts(h.db, ["audit_log", "notifications"])).toEqual(before);

    // Without JavaScript: the confirmation page, then a POST without a reason comes back at its field.
    const cookies = await logIn(h, win.email, FACTORY_PASSWORD);
    const confirm = await h.request(`/awards/${a.awardId}/decline`, { cookies, headers: { "Accept-Language": "ja" } });
    expect(confirm.status).toBe(200);
    expect(await confirm.text()).toContain("受注を辞退しますか？");
    const refused = await postForm(h, `/awards/${a.awardId}/decline`, { reason: "" }, cookies, { "Accept-Language": "en" });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("Enter the reason for declining.");
    expect((await page(lose.email, `/awards/${a.awardId}/decline`)).status).toBe(404);
    expect((await page(buyer.email, `/awards/${a.awardId}/accept`)).status).toBe(404);
    expect(await rowCounts(h.db, ["audit_log", "notifications"])).toEqual(before);

    const sent = received.length;
    const reason = "人員の確保が難しくなったため辞退いたします。";
    const res = await api(win.token, path, { method: "POST", body: { reason } });
    expect(res.status).toBe(200);
    expect(await h.db.selectFrom("awards").select(["status", "decline_reason"]).where("id", "=", a.awardId).executeTakeFirstOrThrow()).toEqual({
      status: "declined",
      decline_reason: reason,
    });
    expect((await h.db.selectFrom("quotes").select("status").where("id", "=", a.winQuote).executeTakeFirstOrThrow()).status).toBe("declined");
    expect((await h.db.selectFrom("rfqs").select("status").where("id", "=", a.rfqId).executeTakeFirstOrThrow()).status).toBe("closed");
    const mails = (await waitForMails(sent + 2)).slice(sent);
    expect(mails).toHaveLength(2);
    expect(mails.find((m) => m.envelope.to.includes(buyer.email))!.mail.text).toContain(reason);
    // No question without a standstill.
    expect((await api(lose.token, `/api/v1/awards/${a.awardId}/questions`, { method: "POST", body: { body: "質問" } })).status).toBe(404);

    // The buyer proposes the next quote (not selected before) through the route.
    const next = await proposeAward(h.ctx, await actorFor(h.db, buyer.email), a.rfqId, {
      quoteId: a.loseQuote,
      rationale: "次点の見積を選定する",
      specificRationale: "落札者が辞退したため",
      debriefReason: "落札者の辞退により、次点の見積を選定しました。",
    });
    expect(next).toMatchObject({ ok: true });
    const buyerView = (await (await api(buyer.token, `/api/v1/rfqs/${a.rfqId}/award`)).json()) as { award: { status: string; declineReason: string } };
    expect(buyerView.award).toMatchObject({ status: "declined", declineReason: reason });
  });

  it("refuses to accept once the deadline has passed, naming it", async () => {
    const a = await awardedRfq({ standstill: 0, accept: 1 });
    const award = await h.db.selectFrom("awards").select("respond_by").where("id", "=", a.awardId).executeTakeFirstOrThrow();
    h.clock.set(award.respond_by);
    const res = await api(win.token, `/api/v1/awards/${a.awardId}/accept`, { method: "POST" });
    expect(res.status).toBe(409);
    const problem = (await res.json()) as { title: string; errors: { path: string; field: string }[] };
    expect(problem.title).toContain("受諾期限を過ぎた");
    expect(problem.errors[0]).toMatchObject({ path: "respondBy", field: expect.stringMatching(/^受諾期限 \d{4}年\d{1,2}月\d{1,2}日\(.\)$/) });
    expect((await h.db.selectFrom("awards").select("status").where("id", "=", a.awardId).executeTakeFirstOrThrow()).status).toBe("offered");
    const viaPage = await postForm(h, `/awards/${a.awardId}/accept`, {}, await logIn(h, win.email, FACTORY_PASSWORD), { "Accept-Language": "ja" });
    expect(viaPage.status).toBe(409);
    expect(await viaPage.text()).toMatch(/受諾期限 \d{4}年\d{1,2}月\d{1,2}日\(.\) — この期限を過ぎています。/);
    const html = await (await page(win.email, `/rfqs/${a.rfqId}/quote`)).text();
    expect(html).toContain("受諾期限（");
    expect(html).not.toContain('data-testid="award-accept"');
  });
});

describe("award settings", () => {
  it("owners set 受諾期限 and standstill; bad input is refused field by field; members read only; vendors 404", async () => {
    expect(await (await api(buyer.token, "/api/v1/award-settings")).json()).toMatchObject({ canManage: true });
    const bad = await api(buyer.token, "/api/v1/award-settings", { method: "PUT", body: { acceptBusinessDays: 0, standstillBusinessDays: 21 }, lang: "en" });
    expect(bad.status).toBe(400);
    const errors = ((await bad.json()) as { errors: { path: string; message: string }[] }).errors;
    expect(errors).toEqual([
      { path: "acceptBusinessDays", message: "Enter a whole number of business days from 1 to 30." },
      { path: "standstillBusinessDays", message: "Enter a whole number of business days from 0 to 20." },
    ]);
    const ok = await api(buyer.token, "/api/v1/award-settings", { method: "PUT", body: { acceptBusinessDays: 7, standstillBusinessDays: 2 } });
    expect(ok.status).toBe(200);
    expect(
      await h.db
        .selectFrom("organizations")
        .select(["award_accept_business_days", "award_standstill_business_days"])
        .where("id", "=", buyer.org.id)
        .executeTakeFirstOrThrow(),
    ).toEqual({
      award_accept_business_days: 7,
      award_standstill_business_days: 2,
    });
    expect((await api(win.token, "/api/v1/award-settings")).status).toBe(404);

    // The page form: field-level messages, then a save.
    const cookies = await logIn(h, buyer.email, FACTORY_PASSWORD);
    const refused = await postForm(h, "/settings/award-settings", { acceptBusinessDays: "", standstillBusinessDays: "3" }, cookies, {
      "Accept-Language": "ja",
    });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("受諾期限の営業日数を入力してください。");
    const saved = await postForm(h, "/settings/award-settings", { acceptBusinessDays: "10", standstillBusinessDays: "0" }, cookies);
    expect(saved.status).toBe(302);
    const settings = await (await h.request("/settings/approvals", { cookies, headers: { "Accept-Language": "ja" } })).text();
    expect(settings).toContain('data-testid="award-settings"');
    expect(settings).toContain('value="10"');

    // The buyer's kind picks the legal deadlines and the calendar: a company by default; a local government says so.
    expect(await (await api(buyer.token, "/api/v1/award-settings")).json()).toMatchObject({ buyerKind: "company" });
    const wrongKind = await api(buyer.token, "/api/v1/award-settings", {
      method: "PUT",
      body: { acceptBusinessDays: 7, standstillBusinessDays: 0, buyerKind: "prefecture" },
      lang: "en",
    });
    expect(wrongKind.status).toBe(400);
    expect(((await wrongKind.json()) as { errors: { path: string; message: string }[] }).errors).toEqual([
      { path: "buyerKind", message: "Choose what kind of buyer you are." },
    ]);
    const city = await postForm(h, "/settings/award-settings", { acceptBusinessDays: "10", standstillBusinessDays: "0", buyerKind: "municipality" }, cookies);
    expect(city.status).toBe(302);
    expect((await h.db.selectFrom("organizations").select("buyer_kind").where("id", "=", buyer.org.id).executeTakeFirstOrThrow()).buyer_kind).toBe(
      "municipality",
    );
    const page = await (await h.request("/settings/approvals", { cookies, headers: { "Accept-Language": "ja" } })).text();
    expect(page).toContain("地方公共団体（自治体）");
    expect(page).toMatch(/<input[^>]*value="municipality"[^>]*checked=""|<input[^>]*checked=""[^>]*value="municipality"/);
  });
});
