import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { enqueueQuotesOpenedBetween } from "../../db/queries/quotes";
import { quoteB } from "../../app/domain/quote/test-fixtures";
import { buildProposalSnapshot, proposeAward } from "../../app/services/award-proposals.server";
import { isBafoRoundAccepting } from "../../app/services/bafo.server";
import { createSmtpMailer, mailFrom } from "../../app/services/mail.server";
import { appOrigin } from "../../app/utils/env.server";
import { actorFor, createAccount, createPublishedRfq, openRfq, rfqInput, submitQuote, type Account } from "../factories";
import { Cookies, createHarness, postForm, type Harness } from "./harness";
import { rowCounts } from "./row-counts";
import { startSmtpCapture, type CapturedMail } from "./smtp-capture";

// Shortlist and BAFO round (issue 15 item 1) on real PostgreSQL, Meilisearch and SMTP. The BAFO carries
// sentinel values (a unit price and an assumption found nowhere else, and the TCO they make): before the
// round's deadline no buyer-side surface — comparison page, comparison API, CSV, XLSX, the quote API and
// list, the advisor's comparison, the quotes index — contains them; after it every one ranks the BAFO.
// A cancelled round's BAFO never appears. Refusals are field by field in ja/en and write nothing.

const DAY = 86_400_000;
const SENTINEL_PRICE = 271_829; // INIT one-off, replaces 200,000
const SENTINEL_TEXT = "BAFO前提 ZX-BAFO-8811";
const CANCELLED_PRICE = 314_159;

let h: Harness;
let smtp: Awaited<ReturnType<typeof startSmtpCapture>>;
let received: CapturedMail[];
let buyer: Account;
let otherBuyer: Account;
let advisor: Account;
let vA: Account;
let vB: Account;
let vC: Account;
let rfqId: string;
const quoteIds: Record<"A" | "B" | "C", string> = { A: "", B: "", C: "" };
let roundId: string;
let bafoTco = 0;

const TABLES = ["bafo_rounds", "bafo_participants", "quote_versions", "audit_log", "notifications", "outbox"] as const;

function call(token: string, method: string, path: string, body?: unknown, lang: "ja" | "en" = "ja") {
  return h.request(path, {
    method,
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", "Accept-Language": lang },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function waitForMails(count: number) {
  for (let i = 0; i < 100 && received.length < count; i++) await new Promise((r) => setTimeout(r, 50));
  return received;
}

/** Every buyer/advisor surface as text: pages, API JSON, CSV, the XLSX's cell values, the index's documents. */
async function surfaces(): Promise<Record<string, string>> {
  // Fresh sessions: the clock moves by days between calls, past the idle timeout.
  const buyerCookies = await loggedIn(buyer);
  const advisorCookies = await loggedIn(advisor);
  const page = (path: string, cookies: Cookies) => h.request(path, { cookies }).then(async (r) => `${r.status}\n${await r.text()}`);
  const api = (path: string) => call(buyer.token, "GET", path).then(async (r) => `${r.status}\n${await r.text()}`);
  const xlsxRes = await call(buyer.token, "GET", `/api/v1/rfqs/${rfqId}/comparison.xlsx`);
  expect(xlsxRes.status).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await xlsxRes.arrayBuffer());
  const cells: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => cells.push(String(c.value)))));
  await h.index();
  const docs = await fetch(`${inject("meiliUrl")}/indexes/${h.search.uid("quotes")}/documents?limit=1000`, {
    headers: { Authorization: `Bearer ${inject("meiliKey")}` },
  }).then((r) => r.text());
  return {
    comparePage: await page(`/rfqs/${rfqId}/compare`, buyerCookies),
    bafoPage: await page(`/rfqs/${rfqId}/bafo`, buyerCookies),
    csv: await page(`/rfqs/${rfqId}/compare.csv`, buyerCookies),
    comparisonApi: await api(`/api/v1/rfqs/${rfqId}/comparison?view=full`),
    quoteApi: await api(`/api/v1/quotes/${quoteIds.A}`),
    quotePage: await page(`/quotes/${quoteIds.A}`, buyerCookies),
    quotesListApi: await api(`/api/v1/rfqs/${rfqId}/quotes`),
    xlsx: cells.join("\n"),
    advisorPage: await page(`/rfqs/${rfqId}/compare`, advisorCookies),
    index: docs,
  };
}

async function loggedIn(a: Account) {
  const c = new Cookies();
  expect((await postForm(h, "/login", { email: a.email, password: a.password }, c)).status).toBe(302);
  return c;
}

const variants = (n: number) => [String(n), n.toLocaleString("en-US")];
const holds = (text: string, n: number) => variants(n).some((v) => text.includes(v));

beforeAll(async () => {
  smtp = await startSmtpCapture();
  received = smtp.received;
  h = await createHarness();
  h.ctx.mailer = createSmtpMailer(`smtp://127.0.0.1:${smtp.port}`, mailFrom({}, appOrigin(h.ctx.env)));
  buyer = await createAccount(h.db, { kind: "buyer", org: "BAFO検証市" });
  otherBuyer = await createAccount(h.db, { kind: "buyer", org: "別の市" });
  advisor = await createAccount(h.db, { kind: "advisory", org: "BAFO助言合同会社" });
  vA = await createAccount(h.db, { kind: "vendor", vendor: { name: "最終提案テック株式会社", categories: ["municipal"] }, name: "山田 花子" });
  vB = await createAccount(h.db, { kind: "vendor", vendor: { name: "Final Offer Systems KK", categories: ["municipal"] }, name: "Alex Smith" });
  vC = await createAccount(h.db, { kind: "vendor", vendor: { name: "選外データ株式会社", categories: ["municipal"] }, name: "佐藤 次郎" });
  await h.db.updateTable("users").set({ locale: "en" }).where("id", "=", vB.user.id).execute();
  rfqId = await createPublishedRfq(h, await actorFor(h.db, buyer.email), rfqInput(h, { title: "BAFO検証案件" }));
  await h.db.insertInto("rfq_advisors").values({ rfq_id: rfqId, advisor_org_id: advisor.org.id, assigned_by: buyer.user.id }).execute();
  quoteIds.A = await submitQuote(h, await actorFor(h.db, vA.email), rfqId);
  quoteIds.B = await submitQuote(h, await actorFor(h.db, vB.email), rfqId, quoteB());
  quoteIds.C = await submitQuote(h, await actorFor(h.db, vC.email), rfqId, quoteB({ unitPrices: { INIT: 230_000, OPS: 420_000, DOC: 320 } }));
  await openRfq(h, rfqId);
});

afterAll(async () => {
  await h?.close();
  await smtp?.close();
});

describe("shortlist and opening the round", () => {
  it("refuses a round without a shortlist or with a past deadline, field by field in ja/en, writing nothing", async () => {
    const before = await rowCounts(h.db, TABLES);
    const noShortlist = await call(buyer.token, "POST", `/api/v1/rfqs/${rfqId}/bafo-rounds`, {
      deadline: new Date(h.clock.now().getTime() + DAY).toISOString(),
    });
    expect(noShortlist.status).toBe(400);
    expect(JSON.stringify(await noShortlist.json())).toContain("ショートリストに見積を1件以上入れてください");
    const past = await call(
      buyer.token,
      "POST",
      `/api/v1/rfqs/${rfqId}/bafo-rounds`,
      { deadline: new Date(h.clock.now().getTime() - 60_000).toISOString() },
      "en",
    );
    expect(past.status).toBe(400);
    const body = (await past.json()) as { errors?: unknown };
    expect(JSON.stringify(body)).toContain("deadline");
    expect(JSON.stringify(body)).toContain("The deadline must be in the future.");
    const junk = await call(buyer.token, "POST", `/api/v1/rfqs/${rfqId}/bafo-rounds`, { deadline: "明日" });
    expect(junk.status).toBe(400);
    expect(JSON.stringify(await junk.json())).toContain("締切は日付と時刻で入力してください");
    const badShortlist = await call(buyer.token, "PUT", `/api/v1/rfqs/${rfqId}/shortlist`, { quoteIds: [buyer.org.id] });
    expect(badShortlist.status).toBe(400);
    expect(await rowCounts(h.db, TABLES)).toEqual(before);
  });

  it("the page's forms name the field too (ja and en) and write nothing", async () => {
    const before = await rowCounts(h.db, TABLES);
    const c = await loggedIn(buyer);
    const ja = await postForm(h, `/rfqs/${rfqId}/bafo`, { intent: "open", deadline: "2020-01-01T10:00" }, c, { "Accept-Language": "ja" });
    expect(ja.status).toBe(400);
    const jaHtml = await ja.text();
    expect(jaHtml).toContain("締切は現在より後の日時にしてください");
    expect(jaHtml).toContain('data-testid="bafo-error-deadline"');
    const en = await postForm(h, `/rfqs/${rfqId}/bafo`, { intent: "open", deadline: "" }, c, { "Accept-Language": "en" });
    expect(en.status).toBe(400);
    expect(await en.text()).toMatch(/Enter the BAFO deadline\.|締切を入力してください/);
    expect(await rowCounts(h.db, TABLES)).toEqual(before);
  });

  it("another tenant gets 404 and writes nothing", async () => {
    const before = await rowCounts(h.db, TABLES);
    expect((await call(otherBuyer.token, "PUT", `/api/v1/rfqs/${rfqId}/shortlist`, { quoteIds: [quoteIds.A] })).status).toBe(404);
    expect((await call(otherBuyer.token, "POST", `/api/v1/rfqs/${rfqId}/bafo-rounds`, { deadline: "2099-01-01T00:00:00+09:00" })).status).toBe(404);
    expect((await call(vA.token, "PUT", `/api/v1/rfqs/${rfqId}/shortlist`, { quoteIds: [quoteIds.A] })).status).toBe(404);
    expect((await h.request(`/rfqs/${rfqId}/bafo`, { cookies: await loggedIn(advisor) })).status).toBe(404);
    expect(await rowCounts(h.db, TABLES)).toEqual(before);
  });

  it("shortlists, un-shortlists before the round, and audits each step", async () => {
    let res = await call(buyer.token, "PUT", `/api/v1/rfqs/${rfqId}/shortlist`, { quoteIds: [quoteIds.A, quoteIds.C] });
    expect(res.status).toBe(200);
    res = await call(buyer.token, "PUT", `/api/v1/rfqs/${rfqId}/shortlist`, { quoteIds: [quoteIds.A, quoteIds.B] });
    expect(res.status).toBe(200);
    const statuses = await h.db.selectFrom("quotes").select(["id", "status"]).where("rfq_id", "=", rfqId).execute();
    expect(Object.fromEntries(statuses.map((s) => [s.id, s.status]))).toEqual({
      [quoteIds.A]: "shortlisted",
      [quoteIds.B]: "shortlisted",
      [quoteIds.C]: "submitted",
    });
    const audits = await h.db.selectFrom("audit_log").select("action").where("action", "=", "bafo.shortlist").execute();
    expect(audits).toHaveLength(2);
  });

  it("opens one round: invites the shortlisted (deadline in Japanese), tells the others they are out, in-app and by mail", async () => {
    const deadline = new Date(h.clock.now().getTime() + 3 * DAY);
    const res = await call(buyer.token, "POST", `/api/v1/rfqs/${rfqId}/bafo-rounds`, { deadline: deadline.toISOString() });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { id: string; invited: number; out: number };
    expect(body).toMatchObject({ invited: 2, out: 1 });
    roundId = body.id;
    const mails = await waitForMails(3);
    expect(mails).toHaveLength(3);
    const to = (a: Account) => mails.find((m) => m.envelope.to.includes(a.email))!.mail;
    expect(to(vA).subject).toContain("最終見積（BAFO）のご依頼");
    expect(to(vA).text).toMatch(/\d{4}年\d{1,2}月\d{1,2}日/);
    expect(to(vA).text).toContain(`/quotes/${quoteIds.A}/bafo`);
    expect(to(vB).subject).toContain("Best and final offer requested");
    expect(to(vC).subject).toContain("BAFOラウンドのお知らせ");
    expect(to(vC).text).toContain("対象外");
    const kinds = await h.db.selectFrom("notifications").select(["user_id", "kind"]).where("kind", "like", "bafo.%").execute();
    expect(kinds).toEqual(
      expect.arrayContaining([
        { user_id: vA.user.id, kind: "bafo.invited" },
        { user_id: vB.user.id, kind: "bafo.invited" },
        { user_id: vC.user.id, kind: "bafo.notShortlisted" },
      ]),
    );
    // The vendors' pages say so.
    const pageOf = async (a: Account) => {
      const c = new Cookies();
      await postForm(h, "/login", { email: a.email, password: a.password }, c);
      return (await h.request(`/rfqs/${rfqId}/quote`, { cookies: c })).text();
    };
    expect(await pageOf(vA)).toContain('data-testid="bafo-invited"');
    expect(await pageOf(vC)).toContain("ショートリストに選ばれませんでした");
  });

  it("refuses a second round, a shortlist change and an award proposal while the round is open", async () => {
    const before = await rowCounts(h.db, TABLES);
    const second = await call(buyer.token, "POST", `/api/v1/rfqs/${rfqId}/bafo-rounds`, {
      deadline: new Date(h.clock.now().getTime() + 5 * DAY).toISOString(),
    });
    expect(second.status).toBe(409);
    expect((await call(buyer.token, "PUT", `/api/v1/rfqs/${rfqId}/shortlist`, { quoteIds: [quoteIds.A] })).status).toBe(409);
    const proposed = await proposeAward(h.ctx, await actorFor(h.db, buyer.email), rfqId, { quoteId: quoteIds.A, rationale: "最安値" });
    expect(proposed).toMatchObject({ ok: false, status: 409, key: "bafo.round.open.blocked" });
    expect(await rowCounts(h.db, TABLES)).toEqual(before);
  });
});

describe("the vendors' BAFO, sealed until the round's deadline", () => {
  it("refuses the vendor that was not shortlisted, and another vendor's quote (404)", async () => {
    const before = await rowCounts(h.db, TABLES);
    const out = await call(vC.token, "POST", `/api/v1/quotes/${quoteIds.C}/bafo/submit`, {}, "en");
    expect(out.status).toBe(409);
    expect(JSON.stringify(await out.json())).toContain("not invited to a BAFO round");
    expect((await call(vB.token, "PUT", `/api/v1/quotes/${quoteIds.A}/bafo`, { assumptions: "x" })).status).toBe(404);
    expect((await call(buyer.token, "PUT", `/api/v1/quotes/${quoteIds.A}/bafo`, { assumptions: "x" })).status).toBe(404);
    expect(await rowCounts(h.db, TABLES)).toEqual(before);
  });

  it("the vendor's BAFO page: the form for the invited vendor, a bad price named at its field, 404 for anyone else", async () => {
    const b = await loggedIn(vB);
    const page = await h.request(`/quotes/${quoteIds.B}/bafo`, { cookies: b });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('data-testid="bafo-form"');
    const before = await rowCounts(h.db, TABLES);
    const bad = await postForm(
      h,
      `/quotes/${quoteIds.B}/bafo`,
      { intent: "draft", "unitPrices.INIT": "-3", "unitPrices.OPS": "418000", "unitPrices.DOC": "319" },
      b,
      {
        "Accept-Language": "ja",
      },
    );
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('aria-invalid="true"');
    expect(await rowCounts(h.db, TABLES)).toEqual(before);
    expect((await h.request(`/quotes/${quoteIds.B}/bafo`, { cookies: await loggedIn(vA) })).status).toBe(404);
    expect((await h.request(`/quotes/${quoteIds.B}/bafo`, { cookies: await loggedIn(buyer) })).status).toBe(404);
    const out = await h.request(`/quotes/${quoteIds.C}/bafo`, { cookies: await loggedIn(vC) });
    expect(await out.text()).toContain('data-testid="bafo-out"');
  });

  it("saves a draft, names a bad price at its field, submits once, and never twice", async () => {
    const bad = await call(vA.token, "PUT", `/api/v1/quotes/${quoteIds.A}/bafo`, { unitPrices: { INIT: -5 } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain("unitPrices");
    const draft = await call(vA.token, "PUT", `/api/v1/quotes/${quoteIds.A}/bafo`, {
      unitPrices: { INIT: SENTINEL_PRICE, OPS: 400_000, DOC: 300 },
      assumptions: SENTINEL_TEXT,
    });
    expect(draft.status, await draft.clone().text()).toBe(200);
    const submitted = await call(vA.token, "POST", `/api/v1/quotes/${quoteIds.A}/bafo/submit`, {});
    expect(submitted.status, await submitted.clone().text()).toBe(200);
    const s = (await submitted.json()) as { version: number; tco: number };
    expect(s.version).toBe(2);
    bafoTco = s.tco;
    expect(bafoTco).toBeGreaterThan(0);
    const again = await call(vA.token, "POST", `/api/v1/quotes/${quoteIds.A}/bafo/submit`, {});
    expect(again.status).toBe(409);
    const version = await h.db
      .selectFrom("quote_versions")
      .select(["kind", "bafo_round_id"])
      .where("quote_id", "=", quoteIds.A)
      .where("version", "=", 2)
      .executeTakeFirstOrThrow();
    expect(version).toEqual({ kind: "bafo", bafo_round_id: roundId });
    const actions = (await h.db.selectFrom("audit_log").select("action").where("entity_id", "=", quoteIds.A).execute()).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(["bafo.saveDraft", "bafo.submit"]));
    // The vendor sees its own BAFO at once.
    const own = await h.request(`/quotes/${quoteIds.A}/bafo`, { cookies: await loggedIn(vA) });
    expect(await own.text()).toContain("BAFOを提出しました（v2）");
  });

  it("before the deadline no buyer or advisor surface holds the BAFO; the first round is ranked", async () => {
    const all = await surfaces();
    for (const [name, text] of Object.entries(all)) {
      if (name !== "xlsx" && name !== "index") expect(text.slice(0, 3), name).toBe("200");
      expect(holds(text, SENTINEL_PRICE), `${name} leaks the BAFO price`).toBe(false);
      expect(holds(text, bafoTco), `${name} leaks the BAFO TCO`).toBe(false);
      expect(text.includes(SENTINEL_TEXT), `${name} leaks the BAFO text`).toBe(false);
    }
    expect(all.bafoPage).toContain("初回");
    expect(all.bafoPage).toContain("提出 1/2 社");
    expect(all.comparePage).not.toContain('data-testid="ranked-bafo"');
  });

  it("moves the deadline only later, field by field; the round's own deadline then opens it", async () => {
    const round = await h.db.selectFrom("bafo_rounds").select("deadline").where("id", "=", roundId).executeTakeFirstOrThrow();
    const before = await rowCounts(h.db, TABLES);
    const earlier = await call(buyer.token, "PATCH", `/api/v1/bafo-rounds/${roundId}`, {
      deadline: new Date(round.deadline.getTime() - 3_600_000).toISOString(),
    });
    expect(earlier.status).toBe(400);
    expect(JSON.stringify(await earlier.json())).toContain("締切は延長のみできます");
    expect((await call(otherBuyer.token, "PATCH", `/api/v1/bafo-rounds/${roundId}`, { deadline: "2099-01-01T00:00:00Z" })).status).toBe(404);
    expect(await rowCounts(h.db, TABLES)).toEqual(before);
    // The database refuses an earlier deadline too, whatever the caller.
    await expect(
      h.db
        .updateTable("bafo_rounds")
        .set({ deadline: new Date(round.deadline.getTime() - 1000) })
        .where("id", "=", roundId)
        .execute(),
    ).rejects.toThrow(/only move later/);
    const later = new Date(round.deadline.getTime() + DAY);
    const moved = await call(buyer.token, "PATCH", `/api/v1/bafo-rounds/${roundId}`, { deadline: later.toISOString() });
    expect(moved.status).toBe(200);
    expect(((await moved.json()) as { deadline: string }).deadline).toBe(later.toISOString());
  });

  it("after the deadline every surface ranks the final versions (BAFO where submitted, else the first round)", async () => {
    const round = await h.db.selectFrom("bafo_rounds").select("deadline").where("id", "=", roundId).executeTakeFirstOrThrow();
    const from = h.clock.now();
    h.clock.set(new Date(round.deadline.getTime() + 60_000));
    expect(await isBafoRoundAccepting(h.ctx, rfqId)).toBe(false);
    // Nobody submits after the deadline; the round can no longer be cancelled.
    const late = await call(vB.token, "POST", `/api/v1/quotes/${quoteIds.B}/bafo/submit`, {}, "en");
    expect(late.status).toBe(409);
    expect(JSON.stringify(await late.json())).toContain("The BAFO deadline has passed");
    expect((await call(buyer.token, "DELETE", `/api/v1/bafo-rounds/${roundId}`)).status).toBe(409);
    // The opening sweep re-projects the RFQ's quotes at the round's deadline.
    expect(await enqueueQuotesOpenedBetween(h.db, from, h.clock.now())).toBeGreaterThan(0);
    const all = await surfaces();
    const surfaceNames = ["comparePage", "csv", "comparisonApi", "quoteApi", "quotePage", "quotesListApi", "xlsx", "advisorPage", "index"];
    for (const [name, text] of Object.entries(all)) if (name !== "xlsx" && name !== "index") expect(text.slice(0, 3), name).toBe("200");
    expect(surfaceNames.filter((name) => !holds(all[name]!, bafoTco))).toEqual([]);
    // The award proposal's frozen snapshot ranks the final versions: A's BAFO (v2), B's first round (v1).
    const snapshot = await buildProposalSnapshot(h.ctx, (await actorFor(h.db, buyer.email)) as never, rfqId, "BAFO検証案件");
    const versionOf = (id: string) => snapshot?.quotes.find((q) => q.id === id)?.version;
    expect([versionOf(quoteIds.A), versionOf(quoteIds.B)]).toEqual([2, 1]);
    expect(snapshot?.quotes.find((q) => q.id === quoteIds.A)?.tcoYen).toBe(bafoTco);
    expect(all.quoteApi).toContain(SENTINEL_TEXT);
    expect(all.quotePage).toContain(SENTINEL_TEXT);
    expect(all.bafoPage).toMatch(/最終提案テック株式会社[\s\S]*?BAFO/);
    // The comparison table marks the column that ranks a best and final offer (A's), and only that one.
    expect(all.comparePage.match(/data-testid="ranked-bafo"/g)).toHaveLength(1);
    expect(all.bafoPage).toMatch(/Final Offer Systems KK[\s\S]*?初回/);
  });
});

describe("cancelling a round before its deadline", () => {
  it("discards the BAFOs unopened: after the deadline the first round is still ranked", async () => {
    const rfq2 = await createPublishedRfq(h, await actorFor(h.db, buyer.email), rfqInput(h, { title: "BAFO中止検証" }));
    const qa = await submitQuote(h, await actorFor(h.db, vA.email), rfq2);
    await submitQuote(h, await actorFor(h.db, vB.email), rfq2, quoteB());
    await openRfq(h, rfq2);
    expect((await call(buyer.token, "PUT", `/api/v1/rfqs/${rfq2}/shortlist`, { quoteIds: [qa] })).status).toBe(200);
    const deadline = new Date(h.clock.now().getTime() + DAY);
    const opened = await call(buyer.token, "POST", `/api/v1/rfqs/${rfq2}/bafo-rounds`, { deadline: deadline.toISOString() });
    const id = ((await opened.json()) as { id: string }).id;
    const sub = await call(vA.token, "POST", `/api/v1/quotes/${qa}/bafo/submit`, { unitPrices: { INIT: CANCELLED_PRICE, OPS: 400_000, DOC: 300 } });
    expect(sub.status).toBe(200);
    const tco = ((await sub.json()) as { tco: number }).tco;
    const cancelled = await call(buyer.token, "DELETE", `/api/v1/bafo-rounds/${id}`);
    expect(cancelled.status).toBe(200);
    expect(((await cancelled.json()) as { phase: string }).phase).toBe("cancelled");
    const audit = await h.db.selectFrom("audit_log").select("after").where("action", "=", "bafo.round.cancel").executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ discardedUnopened: 1 });
    // Nothing more may be submitted; a new round may be opened later (the cancelled one no longer counts).
    expect((await call(vA.token, "PUT", `/api/v1/quotes/${qa}/bafo`, { assumptions: "x" })).status).toBe(409);
    h.clock.set(new Date(deadline.getTime() + 60_000));
    const api = await (await call(buyer.token, "GET", `/api/v1/rfqs/${rfq2}/comparison?view=full`)).text();
    const quote = await (await call(buyer.token, "GET", `/api/v1/quotes/${qa}`)).text();
    expect(api).toContain("最終提案テック株式会社");
    for (const text of [api, quote]) {
      expect(holds(text, tco)).toBe(false);
      expect(holds(text, CANCELLED_PRICE)).toBe(false);
    }
  });
});

describe("double submissions", () => {
  it("two opens at the same moment open one round; two BAFO submissions at once make one version", async () => {
    const rfq3 = await createPublishedRfq(h, await actorFor(h.db, buyer.email), rfqInput(h, { title: "BAFO同時検証" }));
    const qa = await submitQuote(h, await actorFor(h.db, vA.email), rfq3);
    await openRfq(h, rfq3);
    expect((await call(buyer.token, "PUT", `/api/v1/rfqs/${rfq3}/shortlist`, { quoteIds: [qa] })).status).toBe(200);
    const deadline = new Date(h.clock.now().getTime() + DAY).toISOString();
    const opens = await Promise.all([1, 2].map(() => call(buyer.token, "POST", `/api/v1/rfqs/${rfq3}/bafo-rounds`, { deadline })));
    expect(opens.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(await h.db.selectFrom("bafo_rounds").select("id").where("rfq_id", "=", rfq3).execute()).toHaveLength(1);
    const body = { unitPrices: { INIT: 199_999, OPS: 400_000, DOC: 300 } };
    const submits = await Promise.all([1, 2].map(() => call(vA.token, "POST", `/api/v1/quotes/${qa}/bafo/submit`, body)));
    expect(submits.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await h.db.selectFrom("quote_versions").select("version").where("quote_id", "=", qa).where("kind", "=", "bafo").execute()).toHaveLength(1);
  });
});
