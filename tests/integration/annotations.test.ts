import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAnnotationsForPacket, listDirectClarificationsForPacket } from "../../db/queries/quote-annotations";
import { assignAdvisor } from "../../app/services/advisors.server";
import { actorFor, createAccount, createApiToken, createPublishedRfq, createUser, mustSucceed, openRfq, submitQuote, type Account } from "../factories";
import { Cookies, createHarness, postForm, type Harness } from "./harness";

// Annotations and clarification requests on real PostgreSQL, through the API and the pages (issue 18 item 2):
// before a sealed RFQ opens nobody annotates (404); afterwards the buyer's members and the assigned advisor
// annotate quotes and comparison cells, edit (history kept) and withdraw their own; a question goes to the
// vendor, whose members get a notice and an e-mail, and who answers once on its quote page (a second answer
// 409, the table's trigger too). Vendors never read an annotation; a vendor reads only the questions on its own
// quote; another buyer and an unassigned advisor get 404 everywhere.

type Clarification = { id: string; question: string; answer: string | null; annotationId?: string | null; askerOrgName?: string };
type Annotation = {
  id: string;
  quoteId: string;
  criterionKey: string | null;
  kind: string;
  body: string;
  authorOrgName: string;
  editedAt: string | null;
  withdrawnAt: string | null;
  revisions: { kind: string; body: string }[];
  clarification: Clarification | null;
};

let h: Harness;
let buyer: Account, otherBuyer: Account, advisor: Account, outsider: Account, vendorA: Account, vendorB: Account;
let colleagueToken: string;
let rfqId: string, quoteA: string, quoteB: string;
const sessions: Record<"buyer" | "advisor" | "vendorA" | "vendorB" | "otherBuyer", Cookies> = {} as never;

const api = (token: string, path: string, init: { method?: string; body?: unknown; lang?: string } = {}) =>
  h.request(`/api/v1${path}`, {
    method: init.method ?? "GET",
    headers: {
      Authorization: `Bearer ${token}`,
      "Accept-Language": init.lang ?? "ja",
      ...(init.body !== undefined ? { "Content-Type": "application/json" } : {}),
    },
    body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
  });
const page = (who: keyof typeof sessions, path: string, lang = "ja") =>
  h.request(path, { cookies: sessions[who], redirect: "manual", headers: { "Accept-Language": lang } });
const annotationsOf = async (token: string) =>
  (await (await api(token, `/rfqs/${rfqId}/annotations`)).json()) as { data: Annotation[]; clarifications: Clarification[] };
const count = async (table: "quote_annotations" | "quote_annotation_revisions" | "clarification_requests" | "audit_log") =>
  Number(
    (
      await h.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );
const audits = (action: string) => h.db.selectFrom("audit_log").selectAll().where("action", "=", action).orderBy("id").execute();

async function logIn(who: keyof typeof sessions, account: Account) {
  sessions[who] = new Cookies();
  expect((await postForm(h, "/login", { email: account.email, password: account.password }, sessions[who])).status).toBe(302);
}

beforeAll(async () => {
  h = await createHarness();
  buyer = await createAccount(h.db, { kind: "buyer", org: "評価メモ検証市" });
  otherBuyer = await createAccount(h.db, { kind: "buyer", org: "別の発注者株式会社" });
  advisor = await createAccount(h.db, { kind: "advisory", org: "評価メモアドバイザリー" });
  const colleague = await createUser(h.db, { orgId: advisor.org.id, role: "member" });
  colleagueToken = await createApiToken(h.db, { orgId: advisor.org.id, userId: colleague.id });
  outsider = await createAccount(h.db, { kind: "advisory", org: "割当なしアドバイザリー" });
  vendorA = await createAccount(h.db, { kind: "vendor", vendor: { name: "確認事項ベンダーA株式会社" } });
  vendorB = await createAccount(h.db, { kind: "vendor", vendor: { name: "確認事項ベンダーB株式会社" } });
  // Vendor A reads in English: its e-mail comes in English first.
  await h.db.updateTable("users").set({ locale: "en" }).where("id", "=", vendorA.user.id).execute();
  const b = await actorFor(h.db, buyer.email);
  rfqId = await createPublishedRfq(h, b);
  quoteA = await submitQuote(h, await actorFor(h.db, vendorA.email), rfqId);
  quoteB = await submitQuote(h, await actorFor(h.db, vendorB.email), rfqId);
  mustSucceed(await assignAdvisor(h.ctx, b, rfqId, { advisorOrgId: advisor.org.id }), "assigning");
});
afterAll(() => h?.close());

describe("before the deadline", () => {
  it("a sealed RFQ's quotes cannot be annotated or asked about: 404 on the API and the page, nothing written", async () => {
    const rfq = await h.db.selectFrom("rfqs").select(["sealed", "quote_deadline"]).where("id", "=", rfqId).executeTakeFirstOrThrow();
    expect(rfq.sealed).toBe(true);
    expect(h.clock.now().getTime()).toBeLessThan(rfq.quote_deadline!.getTime());
    const body = { quoteId: quoteA, kind: "risk", body: "封印中のメモ" };
    expect((await api(buyer.token, `/rfqs/${rfqId}/annotations`, { method: "POST", body })).status).toBe(404);
    expect((await api(advisor.token, `/rfqs/${rfqId}/annotations`, { method: "POST", body })).status).toBe(404);
    expect((await api(buyer.token, `/rfqs/${rfqId}/annotations`)).status).toBe(404);
    expect((await api(buyer.token, `/quotes/${quoteA}/clarifications`, { method: "POST", body: { question: "封印中の質問" } })).status).toBe(404);
    expect(await count("quote_annotations")).toBe(0);
    expect(await count("clarification_requests")).toBe(0);

    await openRfq(h, rfqId);
    await logIn("buyer", buyer);
    await logIn("advisor", advisor);
    await logIn("vendorA", vendorA);
    await logIn("vendorB", vendorB);
    await logIn("otherBuyer", otherBuyer);
  });
});

describe("annotating opened quotes", () => {
  it("the advisor annotates a comparison cell and the buyer a whole quote; both read both, audited", async () => {
    const cell = await api(advisor.token, `/rfqs/${rfqId}/annotations`, {
      method: "POST",
      body: { quoteId: quoteA, criterionKey: "accuracy", kind: "question", body: "精度99.9%の根拠となる検査体制を教えてください。" },
    });
    expect(cell.status).toBe(201);
    expect(await cell.json()).toMatchObject({
      quoteId: quoteA,
      criterionKey: "accuracy",
      kind: "question",
      authorOrgName: "評価メモアドバイザリー",
      authorSide: "advisor",
    });
    const whole = await api(buyer.token, `/rfqs/${rfqId}/annotations`, {
      method: "POST",
      body: { quoteId: quoteB, kind: "risk", body: "体制が2名のみで冗長性に欠ける。" },
    });
    expect(whole.status).toBe(201);
    for (const token of [buyer.token, advisor.token, colleagueToken]) {
      const { data } = await annotationsOf(token);
      // Written in the same instant of the test clock: the order between them is not the point here.
      expect(data.map((a) => [a.quoteId, a.criterionKey, a.kind]).sort()).toEqual(
        [
          [quoteA, "accuracy", "question"],
          [quoteB, null, "risk"],
        ].sort(),
      );
    }
    const added = await audits("quote.annotation.add");
    expect(added.map((a) => [a.entity_id, a.actor_org_id])).toEqual([
      [quoteA, advisor.org.id],
      [quoteB, buyer.org.id],
    ]);
  });

  it("refuses a criterion the RFQ lacks and a quote of no RFQ of this buyer, with field messages in the caller's language; nothing written", async () => {
    const before = [await count("quote_annotations"), await count("audit_log")];
    const res = await api(buyer.token, `/rfqs/${rfqId}/annotations`, {
      method: "POST",
      body: { quoteId: "00000000-0000-4000-8000-000000000000", criterionKey: "no_such_kpi", kind: "opinion", body: " " },
      lang: "en",
    });
    expect(res.status).toBe(400);
    const text = JSON.stringify(await res.json());
    for (const message of ["Choose an opened quote of this RFQ.", "Choose a criterion of this RFQ.", "Choose strength, risk or question.", "Enter the text."])
      expect(text).toContain(message);
    expect([await count("quote_annotations"), await count("audit_log")]).toEqual(before);
  });

  it("the page form shows the English field message for an empty text and writes nothing", async () => {
    const before = await count("quote_annotations");
    const res = await postForm(
      h,
      `/rfqs/${rfqId}/annotations`,
      { intent: "annotation.add", back: `/rfqs/${rfqId}/compare`, quoteId: quoteA, criterionKey: "", kind: "strength", body: "" },
      sessions.buyer,
      { "Accept-Language": "en" },
    );
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Enter the text.");
    expect(await count("quote_annotations")).toBe(before);
  });

  it("a page form adds one and goes back to the comparison, where the cell's marker counts it by kind", async () => {
    const res = await postForm(
      h,
      `/rfqs/${rfqId}/annotations`,
      {
        intent: "annotation.add",
        back: `/rfqs/${rfqId}/compare`,
        quoteId: quoteA,
        criterionKey: "accuracy",
        kind: "strength",
        body: "検査の二重化は評価できる。",
      },
      sessions.buyer,
    );
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/rfqs/${rfqId}/compare`);
    const html = await (await page("buyer", `/rfqs/${rfqId}/compare`)).text();
    const marker = new RegExp(`data-cell="${quoteA}:accuracy"[\\s\\S]*?</summary>`).exec(html)?.[0] ?? "";
    expect(marker).toContain('data-testid="marker-count-strength"');
    expect(marker).toContain('data-testid="marker-count-question"');
    expect(marker).not.toContain("marker-count-risk");
    expect(html).toContain("検査の二重化は評価できる。");
    // The advisor's comparison shows them too.
    expect(await (await page("advisor", `/rfqs/${rfqId}/compare`)).text()).toContain("体制が2名のみで冗長性に欠ける。");
  });
});

describe("editing and withdrawing", () => {
  it("its author edits; the earlier text and kind stay as history; another reader gets 403, anyone else 404, nothing written", async () => {
    const { data } = await annotationsOf(buyer.token);
    const risk = data.find((a) => a.kind === "risk")!;
    const before = [await count("quote_annotation_revisions"), await count("audit_log")];
    expect((await api(advisor.token, `/annotations/${risk.id}`, { method: "PATCH", body: { body: "乗っ取り" } })).status).toBe(403);
    expect((await api(outsider.token, `/annotations/${risk.id}`, { method: "PATCH", body: { body: "部外者" } })).status).toBe(404);
    expect((await api(otherBuyer.token, `/annotations/${risk.id}`, { method: "DELETE" })).status).toBe(404);
    expect((await api(vendorB.token, `/annotations/${risk.id}`, { method: "DELETE" })).status).toBe(404);
    expect([await count("quote_annotation_revisions"), await count("audit_log")]).toEqual(before);

    const edited = await api(buyer.token, `/annotations/${risk.id}`, { method: "PATCH", body: { kind: "question", body: "2名体制で欠員時の代替要員は？" } });
    expect(edited.status).toBe(200);
    const seen = (await annotationsOf(advisor.token)).data.find((a) => a.id === risk.id)!;
    expect(seen).toMatchObject({ kind: "question", body: "2名体制で欠員時の代替要員は？" });
    expect(seen.editedAt).not.toBeNull();
    expect(seen.revisions).toEqual([{ kind: "risk", body: "体制が2名のみで冗長性に欠ける。", until: expect.any(String), changedBy: expect.any(String) }]);
    expect(await audits("quote.annotation.edit")).toHaveLength(1);
    const html = await (await page("buyer", `/quotes/${quoteB}`)).text();
    expect(html).toContain("体制が2名のみで冗長性に欠ける。");
    expect(html).toContain('data-testid="annotation-history"');
  });

  it("its author withdraws; it stays readable, marked withdrawn, and cannot change again (409)", async () => {
    const strength = (await annotationsOf(buyer.token)).data.find((a) => a.kind === "strength")!;
    const withdrawn = await api(buyer.token, `/annotations/${strength.id}`, { method: "DELETE" });
    expect(withdrawn.status).toBe(200);
    expect(((await withdrawn.json()) as Annotation).withdrawnAt).not.toBeNull();
    expect((await api(buyer.token, `/annotations/${strength.id}`, { method: "DELETE" })).status).toBe(409);
    expect((await api(buyer.token, `/annotations/${strength.id}`, { method: "PATCH", body: { body: "復活" } })).status).toBe(409);
    expect((await annotationsOf(advisor.token)).data.find((a) => a.id === strength.id)!.body).toBe("検査の二重化は評価できる。");
  });
});

describe("clarification requests", () => {
  let clarificationId: string;

  it("sending a question notifies the vendor's members and mails them (in their language) with a link to their quote page; once only", async () => {
    const question = (await annotationsOf(advisor.token)).data.find((a) => a.quoteId === quoteA && a.kind === "question")!;
    const mailsBefore = h.mailer.sent().length;
    const sent = await api(advisor.token, `/annotations/${question.id}/clarification`, { method: "POST" });
    expect(sent.status).toBe(201);
    const after = (await sent.json()) as Annotation;
    expect(after.clarification).toMatchObject({ question: question.body, answer: null, askerOrgName: "評価メモアドバイザリー" });
    clarificationId = after.clarification!.id;
    expect((await api(advisor.token, `/annotations/${question.id}/clarification`, { method: "POST" })).status).toBe(409);
    // A strength cannot be sent; another member of the advisory organisation cannot send the author's question.
    const other = (await annotationsOf(buyer.token)).data.find((a) => a.quoteId === quoteB && a.kind === "question")!;
    expect((await api(colleagueToken, `/annotations/${other.id}/clarification`, { method: "POST" })).status).toBe(403);

    const notices = await h.db.selectFrom("notifications").select(["user_id", "payload"]).where("kind", "=", "quote.clarificationRequested").execute();
    expect(notices.map((n) => n.user_id)).toEqual([vendorA.user.id]);
    expect(notices[0]!.payload).toMatchObject({ rfqId, href: `/rfqs/${rfqId}/quote` });
    const mails = h.mailer.sent().slice(mailsBefore);
    expect(mails.map((m) => m.to)).toEqual([vendorA.email]);
    expect(mails[0]!.subject).toMatch(/^\[Kurabe\] Clarification from the buyer/);
    expect(mails[0]!.text).toContain(`http://localhost:3000/rfqs/${rfqId}/quote`);
    expect(mails[0]!.text).toContain("評価メモ検証市");
    // The mail never names the advisor who asked.
    expect(mails[0]!.text).not.toContain("評価メモアドバイザリー");
    expect(await audits("quote.clarification.ask")).toHaveLength(1);
  });

  it("the vendor reads only the question on its own quote: never annotations, their kind or the asker; other vendors read nothing", async () => {
    const own = await api(vendorA.token, `/quotes/${quoteA}/clarifications`);
    expect(own.status).toBe(200);
    const { data } = (await own.json()) as { data: Record<string, unknown>[] };
    expect(data).toEqual([
      {
        id: clarificationId,
        quoteId: quoteA,
        question: "精度99.9%の根拠となる検査体制を教えてください。",
        askedAt: expect.any(String),
        answer: null,
        answeredAt: null,
      },
    ]);
    expect((await api(vendorB.token, `/quotes/${quoteA}/clarifications`)).status).toBe(404);
    expect(((await (await api(vendorB.token, `/quotes/${quoteB}/clarifications`)).json()) as { data: unknown[] }).data).toEqual([]);
    for (const token of [vendorA.token, vendorB.token]) expect((await api(token, `/rfqs/${rfqId}/annotations`)).status).toBe(404);

    const mine = await (await page("vendorA", `/rfqs/${rfqId}/quote`)).text();
    expect(mine).toContain("精度99.9%の根拠となる検査体制を教えてください。");
    expect(mine).toContain("発注者からの確認事項");
    expect(mine).toContain("価格や約束内容");
    for (const secret of ["評価メモアドバイザリー", "2名体制で欠員時の代替要員は？", "体制が2名のみ", "検査の二重化", "annotation-kind"])
      expect(mine).not.toContain(secret);
    const theirs = await (await page("vendorB", `/rfqs/${rfqId}/quote`)).text();
    for (const secret of ["精度99.9%の根拠", "2名体制で欠員時", "検査の二重化", "発注者からの確認事項"]) expect(theirs).not.toContain(secret);
    expect((await page("vendorA", `/rfqs/${rfqId}/annotations`)).status).toBe(404);
    expect((await page("vendorB", `/clarifications/${clarificationId}/answer`)).status).toBe(404);
  });

  it("the vendor answers once on its quote page (English field message for an empty answer); a second answer is 409, and the table refuses it too", async () => {
    const empty = await postForm(h, `/clarifications/${clarificationId}/answer`, { answer: "  " }, sessions.vendorA, { "Accept-Language": "en" });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain("Enter your answer.");
    expect((await api(vendorB.token, `/clarifications/${clarificationId}/answer`, { method: "POST", body: { answer: "他社の回答" } })).status).toBe(404);
    expect((await api(buyer.token, `/clarifications/${clarificationId}/answer`, { method: "POST", body: { answer: "発注者の回答" } })).status).toBe(404);

    const res = await postForm(
      h,
      `/clarifications/${clarificationId}/answer`,
      { answer: "全件をダブルエントリーし、差異は責任者が照合します。" },
      sessions.vendorA,
    );
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/rfqs/${rfqId}/quote`);
    const again = await api(vendorA.token, `/clarifications/${clarificationId}/answer`, { method: "POST", body: { answer: "書き換え" }, lang: "en" });
    expect(again.status).toBe(409);
    expect(JSON.stringify(await again.json())).toContain("already answered");
    await expect(sql`update clarification_requests set answer = 'tampered' where id = ${clarificationId}`.execute(h.db)).rejects.toThrow(/cannot change/);

    const row = await h.db.selectFrom("clarification_requests").selectAll().where("id", "=", clarificationId).executeTakeFirstOrThrow();
    expect(row.answer).toBe("全件をダブルエントリーし、差異は責任者が照合します。");
    expect(await audits("quote.clarification.answer")).toHaveLength(1);
    const notice = await h.db.selectFrom("notifications").select(["user_id", "payload"]).where("kind", "=", "rfq.clarificationAnswered").execute();
    expect(notice.map((n) => n.user_id)).toEqual([advisor.user.id]);
    expect(notice[0]!.payload).toMatchObject({ href: `/quotes/${quoteA}` });
  });

  it("the answer is attached to the quote: the buyer reads it on the comparison and the quote page, the advisor through the API; other vendors never", async () => {
    const compare = await (await page("buyer", `/rfqs/${rfqId}/compare`)).text();
    expect(compare).toContain("全件をダブルエントリーし、差異は責任者が照合します。");
    const quotePage = await (await page("buyer", `/quotes/${quoteA}`)).text();
    expect(quotePage).toContain("全件をダブルエントリーし、差異は責任者が照合します。");
    const viaApi = (await (await api(advisor.token, `/quotes/${quoteA}/clarifications`)).json()) as { data: Clarification[] };
    expect(viaApi.data[0]).toMatchObject({ answer: "全件をダブルエントリーし、差異は責任者が照合します。", askerOrgName: "評価メモアドバイザリー" });
    const theirs = await (await page("vendorB", `/rfqs/${rfqId}/quote`)).text();
    expect(theirs).not.toContain("ダブルエントリー");
  });

  it("the buyer asks vendor B directly; only vendor B reads it, and the question stays off vendor A's pages", async () => {
    const asked = await api(buyer.token, `/quotes/${quoteB}/clarifications`, { method: "POST", body: { question: "引継ぎ期間を教えてください。" } });
    expect(asked.status).toBe(201);
    expect(await asked.json()).toMatchObject({ annotationId: null, question: "引継ぎ期間を教えてください。", answer: null });
    const bad = await api(buyer.token, `/quotes/${quoteB}/clarifications`, { method: "POST", body: { question: "" }, lang: "en" });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain("Enter the question.");
    expect(((await (await api(vendorB.token, `/quotes/${quoteB}/clarifications`)).json()) as { data: Clarification[] }).data.map((c) => c.question)).toEqual([
      "引継ぎ期間を教えてください。",
    ]);
    expect(await (await page("vendorB", `/rfqs/${rfqId}/quote`)).text()).toContain("引継ぎ期間を教えてください。");
    expect(await (await page("vendorA", `/rfqs/${rfqId}/quote`)).text()).not.toContain("引継ぎ期間");
    expect((await annotationsOf(advisor.token)).clarifications.map((c) => c.question)).toEqual(["引継ぎ期間を教えてください。"]);
  });
});

describe("other tenants", () => {
  it("another buyer and an unassigned advisor get 404 on every surface", async () => {
    const { data } = await annotationsOf(buyer.token);
    const any = data[0]!;
    for (const token of [otherBuyer.token, outsider.token]) {
      expect((await api(token, `/rfqs/${rfqId}/annotations`)).status).toBe(404);
      expect((await api(token, `/rfqs/${rfqId}/annotations`, { method: "POST", body: { quoteId: quoteA, kind: "risk", body: "x" } })).status).toBe(404);
      expect((await api(token, `/annotations/${any.id}/clarification`, { method: "POST" })).status).toBe(404);
      expect((await api(token, `/quotes/${quoteA}/clarifications`)).status).toBe(404);
      expect((await api(token, `/quotes/${quoteA}/clarifications`, { method: "POST", body: { question: "x" } })).status).toBe(404);
    }
    expect((await page("otherBuyer", `/rfqs/${rfqId}/annotations`)).status).toBe(404);
    expect((await page("otherBuyer", `/quotes/${quoteA}`)).status).toBe(404);
  });
});

describe("for the award packet", () => {
  it("listAnnotationsForPacket returns the current annotations with their clarification answers, withdrawn ones left out", async () => {
    const rows = await listAnnotationsForPacket(h.db, rfqId);
    expect(rows.map((r) => [r.vendor_name, r.kind, r.body, r.answer])).toEqual([
      ["確認事項ベンダーA株式会社", "question", "精度99.9%の根拠となる検査体制を教えてください。", "全件をダブルエントリーし、差異は責任者が照合します。"],
      ["確認事項ベンダーB株式会社", "question", "2名体制で欠員時の代替要員は？", null],
    ]);
    const direct = await listDirectClarificationsForPacket(h.db, rfqId);
    expect(direct.map((c) => [c.vendor_name, c.question, c.answer])).toEqual([["確認事項ベンダーB株式会社", "引継ぎ期間を教えてください。", null]]);
  });
});
