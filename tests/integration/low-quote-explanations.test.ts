import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorFor, createAccount, createPublishedRfq, mustSucceed, openRfq, rfqInput, submitQuote, type Account } from "../factories";
import { setBuyerKind } from "../factories/contracts";
import { addBusinessDays, addCalendarDays } from "../../app/domain/calendar/japan-business-days";
import { normalizeQuoteToTco } from "../../app/domain/quote/normalize";
import { quoteBaseSchema } from "../../app/domain/quote/schema";
import { quoteA, quoteB } from "../../app/domain/quote/test-fixtures";
import { rfqSchema, type RfqInput } from "../../app/domain/rfq/schema";
import { assignAdvisor } from "../../app/services/advisors.server";
import {
  answerExplanation,
  assessExplanation,
  explanationsForBuyer,
  explanationsForVendorQuote,
  requestExplanation,
} from "../../app/services/low-quote-explanations.server";
import { formatYen, tokyoDateString } from "../../app/utils/format";
import { apiRequest, Cookies, createHarness, postForm, type ApiInit, type Harness } from "./harness";

// Explanation requests for abnormally low quotes (issue 19 item 2; decision 0051) on real PostgreSQL: a
// municipality's RFQ with three opened quotes, one far under the others' median AND under the RFQ's
// 低入札価格調査基準価格; the buyer asks its vendor to explain, the vendor answers per topic, the buyer assesses —
// through the API — and the same on a company's RFQ through the services. Every refusal writes nothing. The
// vendor's page, API answers, in-app notice and e-mail carry none of the buyer's figures: the peers' median, the
// threshold, the other quotes' TCO, the 調査基準価格 (checked as raw and formatted numbers).

let h: Harness;
let city: Account, company: Account, otherBuyer: Account, advisor: Account;
let vendorA: Account, vendorB: Account, cheapVendor: Account;
let rfqId: string, quoteHigh: string, quoteMid: string, quoteCheap: string;
let rfq2: string, rfq2Cheap: string, rfq2High: string;
let floorYen: number;
let sentinels: number[] = [];
const vendorCookies = new Cookies();
const buyerCookies = new Cookies();

const api = (token: string, path: string, init: ApiInit = {}) => apiRequest(h, token, `/api/v1${path}`, init);
/** A number as written raw (12345678) or grouped (12,345,678 / ￥12,345,678), not as part of a longer number. */
const digits = (n: number) => new RegExp(`(?<!\\d)${String(Math.floor(n)).replace(/\B(?=(\d{3})+(?!\d))/g, "[,，]?")}(?!\\d)`);
const cheapQuote = () => quoteA({ unitPrices: { INIT: 40_000, OPS: 90_000, DOC: 100 }, oneOffFees: { setup: 0, transition: 0 } });
const count = async (table: "low_quote_explanations" | "notifications") =>
  Number(
    (
      await h.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );
const audits = (action: string) => h.db.selectFrom("audit_log").selectAll().where("action", "=", action).execute();

function expectNoFigure(text: string, where: string) {
  expect(sentinels.length).toBeGreaterThanOrEqual(5);
  for (const n of sentinels) {
    expect(text, `${where}: ${n}`).not.toMatch(digits(n));
    expect(text, `${where}: ${n} (ja)`).not.toContain(formatYen(Math.round(n), "ja"));
    expect(text, `${where}: ${n} (en)`).not.toContain(formatYen(Math.round(n), "en"));
  }
  for (const word of ["median", "threshold", "中央値", "基準価格", "peerMedian", "low_bid_investigation", "abnormally_low"])
    expect(text, `${where}: ${word}`).not.toContain(word);
}

async function logIn(cookies: Cookies, a: Account) {
  expect((await postForm(h, "/login", { email: a.email, password: a.password }, cookies)).status).toBe(302);
}

beforeAll(async () => {
  h = await createHarness();
  city = await createAccount(h.db, { kind: "buyer", org: "低価格調査市" });
  await setBuyerKind(h.db, city.org.id, "municipality");
  company = await createAccount(h.db, { kind: "buyer", org: "説明依頼商事" });
  otherBuyer = await createAccount(h.db, { kind: "buyer", org: "無関係の発注者株式会社" });
  advisor = await createAccount(h.db, { kind: "advisory", org: "説明依頼アドバイザリー" });
  vendorA = await createAccount(h.db, { kind: "vendor", vendor: { name: "標準価格A株式会社" } });
  vendorB = await createAccount(h.db, { kind: "vendor", vendor: { name: "標準価格B株式会社" } });
  cheapVendor = await createAccount(h.db, { kind: "vendor", vendor: { name: "格安受託株式会社" } });
  // The cheap vendor reads in English: its e-mail comes in English first.
  await h.db.updateTable("users").set({ locale: "en" }).where("id", "=", cheapVendor.user.id).execute();

  const invited = [vendorA.org.id, vendorB.org.id, cheapVendor.org.id];
  const base: RfqInput = rfqInput(h, { sealed: true, invitedVendorIds: invited, requiredCertifications: [], dataSensitivity: "none" });
  const cheapValue = normalizeQuoteToTco(rfqSchema.parse(base), quoteBaseSchema.parse(cheapQuote())).contractValueExcludingTax;
  // The investigation price sits a little above the cheap quote's value and far under the others'.
  floorYen = cheapValue + 54_321;
  const cityActor = await actorFor(h.db, city.email);
  rfqId = await createPublishedRfq(h, cityActor, {
    ...base,
    publicPriceRules: { ceilingYen: 900_000_000, ceilingTaxBasis: "excluded", floor: { kind: "investigation", yen: floorYen, taxBasis: "excluded" } },
  });
  rfq2 = await createPublishedRfq(h, await actorFor(h.db, company.email), base);
  for (const id of [rfqId, rfq2]) {
    const q = [
      await submitQuote(h, await actorFor(h.db, vendorA.email), id, quoteA()),
      await submitQuote(h, await actorFor(h.db, vendorB.email), id, quoteB()),
      await submitQuote(h, await actorFor(h.db, cheapVendor.email), id, cheapQuote()),
    ];
    if (id === rfqId) [quoteHigh, quoteMid, quoteCheap] = q;
    else [rfq2High, , rfq2Cheap] = q;
  }
  mustSucceed(await assignAdvisor(h.ctx, cityActor, rfqId, { advisorOrgId: advisor.org.id }), "assigning the advisor");
  await openRfq(h, rfqId);
  await openRfq(h, rfq2);
  await logIn(vendorCookies, cheapVendor);
  await logIn(buyerCookies, city);
});
afterAll(() => h?.close());

describe("the buyer's view of abnormally low quotes", () => {
  it("flags only the cheap quote, with the peers' median, the threshold and the 調査基準価格; advisors read it, others get 404", async () => {
    const res = await api(city.token, `/rfqs/${rfqId}/explanation-requests`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.canWrite).toBe(true);
    expect(body.seesPrice).toBe(true);
    expect(body.flagged.map((f: { quoteId: string }) => f.quoteId)).toEqual([quoteCheap]);
    const flag = body.flagged[0];
    expect(flag.trigger).toBe("low_bid_investigation");
    expect(flag.lowBidInvestigation).toBe(true);
    expect(flag.investigationPriceYen).toBe(floorYen);
    const reason = flag.reasons.find((r: { kind: string }) => r.kind === "belowPeerMedian");
    expect(reason.peers).toBe(2);
    const tcos = await h.db.selectFrom("quotes").select(["id", "tco"]).where("id", "in", [quoteHigh, quoteMid]).execute();
    const [t1, t2] = tcos.map((t) => Number(t.tco));
    expect(reason.peerMedianYen).toBe((t1! + t2!) / 2);
    expect(4 * flag.tcoYen).toBeLessThan(3 * reason.peerMedianYen);
    // The figures a vendor must never read.
    sentinels = [reason.peerMedianYen, reason.thresholdYen, t1!, t2!, floorYen];

    const advisorView = await api(advisor.token, `/rfqs/${rfqId}/explanation-requests`);
    expect(advisorView.status).toBe(200);
    expect((await advisorView.json()).canWrite).toBe(false);
    for (const token of [otherBuyer.token, cheapVendor.token, company.token])
      expect((await api(token, `/rfqs/${rfqId}/explanation-requests`)).status).toBe(404);
  });
});

describe("refusals before any request (nothing written)", () => {
  const good = { topics: ["costs", "staffing"], message: "積算の内訳をご説明ください。" };

  it("a quote that is not flagged → 409 lowQuote.notFlagged", async () => {
    const res = await api(city.token, `/rfqs/${rfqId}/quotes/${quoteHigh}/explanation-requests`, { method: "POST", body: good, lang: "en" });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("neither abnormally low nor below the low-bid investigation price");
  });

  it("bad input names each field, in Japanese and in English", async () => {
    const bad = { topics: [], message: "x".repeat(2001), replyBy: addCalendarDays(tokyoDateString(h.clock.now()), -1) };
    const ja = await api(city.token, `/rfqs/${rfqId}/quotes/${quoteCheap}/explanation-requests`, { method: "POST", body: bad });
    expect(ja.status).toBe(400);
    const jaText = await ja.text();
    for (const words of [
      "説明を求める項目を1つ以上選んでください。",
      "メッセージは2000文字以内で入力してください。",
      "回答期限は今日以降の日付にしてください。",
    ])
      expect(jaText).toContain(words);
    const en = await api(city.token, `/rfqs/${rfqId}/quotes/${quoteCheap}/explanation-requests`, {
      method: "POST",
      lang: "en",
      body: { topics: ["price"], replyBy: addCalendarDays(tokyoDateString(h.clock.now()), 61) },
    });
    expect(en.status).toBe(400);
    const enText = await en.text();
    expect(enText).toContain("Topics are costs, assumptions or staffing.");
    expect(enText).toContain("The reply-by date must be within 60 days from today.");
    expect(enText).toMatch(/"(path|field)":\s*"?replyBy/);
  });

  it("another tenant, a vendor and the assigned advisor get 404", async () => {
    for (const token of [otherBuyer.token, company.token, cheapVendor.token, advisor.token])
      expect((await api(token, `/rfqs/${rfqId}/quotes/${quoteCheap}/explanation-requests`, { method: "POST", body: good })).status).toBe(404);
    expect(await count("low_quote_explanations")).toBe(0);
    expect(await audits("quote.explanation.request")).toEqual([]);
  });
});

describe("request → answer → assessment through the API", () => {
  let requestId: string;

  it("the buyer asks: default reply-by five business days, the vendor's members get a notice and a mail without any figure", async () => {
    const mailsBefore = h.mailer.sent().length;
    const notificationsBefore = await count("notifications");
    const res = await api(city.token, `/rfqs/${rfqId}/quotes/${quoteCheap}/explanation-requests`, {
      method: "POST",
      body: { topics: ["staffing", "costs"], message: "人員体制と積算根拠をご説明ください。" },
    });
    expect(res.status).toBe(201);
    const made = await res.json();
    requestId = made.id;
    expect(made.topics).toEqual(["costs", "staffing"]);
    expect(made.trigger).toBe("low_bid_investigation");
    expect(made.replyBy).toBe(addBusinessDays(tokyoDateString(h.clock.now()), 5));
    expect((await audits("quote.explanation.request")).length).toBe(1);

    const notices = await h.db
      .selectFrom("notifications")
      .selectAll()
      .where("user_id", "=", cheapVendor.user.id)
      .where("kind", "=", "quote.explanationRequested")
      .execute();
    expect(notices).toHaveLength(1);
    expect(notices[0]!.payload).toMatchObject({ title: expect.any(String), reason: made.replyBy });
    expect(await count("notifications")).toBe(notificationsBefore + 1);
    expectNoFigure(JSON.stringify(notices), "notification");
    const page = await h.request("/notifications", { cookies: vendorCookies, headers: { "Accept-Language": "en" } });
    const noticeHtml = await page.text();
    expect(noticeHtml).toContain("The buyer asks you to explain your price on");
    expectNoFigure(noticeHtml, "notifications page");

    const mails = h.mailer.sent().slice(mailsBefore);
    expect(mails.map((m) => m.to)).toEqual([cheapVendor.email]);
    expect(mails[0]!.subject).toMatch(/^\[Kurabe\] Please explain your price/);
    expect(mails[0]!.text).toContain("Costs and how they were estimated, Staffing");
    expect(mails[0]!.text).toContain("低価格調査市");
    expect(mails[0]!.text).toContain(`http://localhost:3000/explanation-requests/${requestId}/answer`);
    expectNoFigure(`${mails[0]!.subject}\n${mails[0]!.text}`, "mail");
  });

  it("a second request for the same quote version → 409, nothing more written", async () => {
    const res = await api(city.token, `/rfqs/${rfqId}/quotes/${quoteCheap}/explanation-requests`, { method: "POST", body: { topics: ["costs"] }, lang: "en" });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("already requested");
    expect(await count("low_quote_explanations")).toBe(1);
    expect((await audits("quote.explanation.request")).length).toBe(1);
  });

  it("the vendor reads its request with no figure, trigger or assessment — API, quote page, answer page; other vendors get 404", async () => {
    const res = await api(cheapVendor.token, `/quotes/${quoteCheap}/explanation-requests`);
    expect(res.status).toBe(200);
    const text = await res.text();
    const body = JSON.parse(text);
    expect(body.data).toHaveLength(1);
    expect(body.data[0]).not.toHaveProperty("trigger");
    expect(body.data[0]).not.toHaveProperty("assessment");
    expect(body).not.toHaveProperty("flagged");
    expectNoFigure(text, "vendor API");
    expect((await api(vendorA.token, `/quotes/${quoteCheap}/explanation-requests`)).status).toBe(404);
    expect((await api(otherBuyer.token, `/quotes/${quoteCheap}/explanation-requests`)).status).toBe(404);
    const buyerSide = await (await api(advisor.token, `/quotes/${quoteCheap}/explanation-requests`)).json();
    expect(buyerSide.flagged[0].investigationPriceYen).toBe(floorYen);

    // The vendor's home lists the unanswered request as a to-do, linking to its answer page.
    const home = await (await h.request("/", { cookies: vendorCookies, headers: { "Accept-Language": "en" } })).text();
    expect(home).toContain('data-testid="home-explanations"');
    expect(home).toContain(`/explanation-requests/${requestId}/answer`);
    expectNoFigure(home, "vendor home");

    for (const path of [`/rfqs/${rfqId}/quote`, `/explanation-requests/${requestId}/answer`]) {
      const page = await h.request(path, { cookies: vendorCookies, headers: { "Accept-Language": "en" } });
      expect(page.status, path).toBe(200);
      const html = await page.text();
      expect(html).toContain("Request to explain your price");
      expect(html).toContain("人員体制と積算根拠をご説明ください。");
      expectNoFigure(html, path);
    }
  });

  it("assessing before the answer → 409 lowQuote.notAnswered", async () => {
    const res = await api(city.token, `/explanation-requests/${requestId}/assessment`, { method: "POST", body: { assessment: "satisfactory", note: "妥当" } });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("ベンダーの回答がまだないため");
  });

  it("answers: each requested topic is required (field errors per topic, in English), other vendors and buyers get 404", async () => {
    const missing = await api(cheapVendor.token, `/explanation-requests/${requestId}/answer`, {
      method: "POST",
      lang: "en",
      body: { answers: { costs: "内訳" } },
    });
    expect(missing.status).toBe(400);
    const text = await missing.text();
    expect(text).toContain("answers.staffing");
    expect(text).toContain("Answer this topic.");
    const extra = await api(cheapVendor.token, `/explanation-requests/${requestId}/answer`, {
      method: "POST",
      body: { answers: { costs: "内訳", staffing: "体制", assumptions: "前提" } },
    });
    expect(extra.status).toBe(400);
    expect(await extra.text()).toContain("依頼されていない項目には回答できません。");
    for (const token of [vendorA.token, city.token, advisor.token])
      expect((await api(token, `/explanation-requests/${requestId}/answer`, { method: "POST", body: { answers: { costs: "a", staffing: "b" } } })).status).toBe(
        404,
      );
    const row = await h.db.selectFrom("low_quote_explanations").select("answered_at").where("id", "=", requestId).executeTakeFirstOrThrow();
    expect(row.answered_at).toBeNull();
  });

  it("the vendor answers once; the requester is notified and mailed; a second answer → 409", async () => {
    const mailsBefore = h.mailer.sent().length;
    const res = await api(cheapVendor.token, `/explanation-requests/${requestId}/answer`, {
      method: "POST",
      body: { answers: { costs: "自社開発の処理基盤を使うため人件費が小さい。", staffing: "常勤2名、繁忙期3名。" } },
    });
    expect(res.status).toBe(201);
    const answered = await res.json();
    expect(answered.answer.staffing).toBe("常勤2名、繁忙期3名。");
    expect(answered.late).toBe(false);
    expectNoFigure(JSON.stringify(answered), "answer response");
    const notices = await h.db.selectFrom("notifications").select("kind").where("user_id", "=", city.user.id).execute();
    expect(notices.map((n) => n.kind)).toContain("rfq.explanationAnswered");
    const mails = h.mailer.sent().slice(mailsBefore);
    expect(mails.map((m) => m.to)).toEqual([city.email]);
    expect(mails[0]!.text).toContain(`/quotes/${quoteCheap}#low-price`);
    const again = await api(cheapVendor.token, `/explanation-requests/${requestId}/answer`, {
      method: "POST",
      body: { answers: { costs: "x", staffing: "y" } },
    });
    expect(again.status).toBe(409);
    expect((await audits("quote.explanation.answer")).length).toBe(1);
    const home = await (await h.request("/", { cookies: vendorCookies })).text();
    expect(home).not.toContain(`/explanation-requests/${requestId}/answer`);
  });

  it("the buyer assesses once (note required); the advisor and other tenants get 404", async () => {
    const bad = await api(city.token, `/explanation-requests/${requestId}/assessment`, { method: "POST", lang: "en", body: { assessment: "fine", note: " " } });
    expect(bad.status).toBe(400);
    const badText = await bad.text();
    expect(badText).toContain("Choose satisfactory or unsatisfactory.");
    expect(badText).toContain("Enter the reasons for your assessment.");
    for (const token of [advisor.token, otherBuyer.token, cheapVendor.token])
      expect(
        (await api(token, `/explanation-requests/${requestId}/assessment`, { method: "POST", body: { assessment: "satisfactory", note: "妥当" } })).status,
      ).toBe(404);
    expect(await audits("quote.explanation.assess")).toEqual([]);
    const ok = await api(city.token, `/explanation-requests/${requestId}/assessment`, {
      method: "POST",
      body: { assessment: "satisfactory", note: "体制と積算根拠を確認し、履行可能と判断した。" },
    });
    expect(ok.status).toBe(201);
    expect((await ok.json()).assessment).toBe("satisfactory");
    const twice = await api(city.token, `/explanation-requests/${requestId}/assessment`, {
      method: "POST",
      body: { assessment: "unsatisfactory", note: "再評価" },
    });
    expect(twice.status).toBe(409);
    expect((await audits("quote.explanation.assess")).length).toBe(1);
    // The vendor never reads the assessment.
    const vendorText = await (await api(cheapVendor.token, `/quotes/${quoteCheap}/explanation-requests`)).text();
    expect(vendorText).not.toContain("履行可能と判断した");
    expect(vendorText).not.toContain("satisfactory");
  });

  it("the buyer's quote page in English shows the panel with the figures, the answer and the assessment", async () => {
    const page = await h.request(`/quotes/${quoteCheap}`, { cookies: buyerCookies, headers: { "Accept-Language": "en" } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('id="low-price"');
    expect(html).toContain("Abnormally low price");
    expect(html).toContain(formatYen(Math.round(sentinels[0]!), "en"));
    expect(html).toContain(formatYen(floorYen, "en"));
    expect(html).toContain("常勤2名、繁忙期3名。");
    expect(html).toContain("Satisfactory (the vendor can deliver at this price)");
    // A quote that is not flagged has no panel.
    const plain = await h.request(`/quotes/${quoteHigh}`, { cookies: buyerCookies, headers: { "Accept-Language": "en" } });
    expect(await plain.text()).not.toContain('id="low-price"');
  });
});

describe("the same loop through the services, on a company's RFQ (abnormally low only)", () => {
  it("the page form refuses a request without a topic in English, then the services request, answer late and assess", async () => {
    const companyCookies = new Cookies();
    await logIn(companyCookies, company);
    const refused = await postForm(h, `/quotes/${rfq2Cheap}/explanation-request`, { rfqId: rfq2, message: "", replyBy: "" }, companyCookies, {
      "Accept-Language": "en",
    });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("Choose at least one topic.");
    expect(await h.db.selectFrom("low_quote_explanations").select("id").where("rfq_id", "=", rfq2).execute()).toEqual([]);

    const buyer = await actorFor(h.db, company.email);
    const vendor = await actorFor(h.db, cheapVendor.email);
    expect(await requestExplanation(h.ctx, buyer, rfq2, rfq2High, { topics: ["costs"] })).toMatchObject({ status: 409, key: "lowQuote.notFlagged" });
    expect(await requestExplanation(h.ctx, await actorFor(h.db, city.email), rfq2, rfq2Cheap, { topics: ["costs"] })).toMatchObject({ status: 404 });
    const today = tokyoDateString(h.clock.now());
    const asked = mustSucceed(await requestExplanation(h.ctx, buyer, rfq2, rfq2Cheap, { topics: ["assumptions"], replyBy: today }), "requesting");
    expect(asked.explanation.trigger).toBe("abnormally_low");
    expect(asked.explanation.replyBy).toBe(today);

    const own = await explanationsForVendorQuote(h.ctx, vendor, rfq2Cheap);
    expect(own).toHaveLength(1);
    expectNoFigure(JSON.stringify(own), "vendor service read");
    expect(await explanationsForVendorQuote(h.ctx, await actorFor(h.db, vendorA.email), rfq2Cheap)).toBeNull();

    // Two days after the reply-by date: accepted, and shown as late.
    h.clock.set(new Date(h.clock.now().getTime() + 2 * 24 * 60 * 60 * 1000));
    const answered = mustSucceed(
      await answerExplanation(h.ctx, vendor, asked.explanation.id, { answers: { assumptions: "既存ツールの流用を前提とする。" } }),
      "answering",
    );
    expect(answered.explanation.late).toBe(true);
    expect(await answerExplanation(h.ctx, vendor, asked.explanation.id, { answers: { assumptions: "再回答" } })).toMatchObject({
      status: 409,
      key: "lowQuote.alreadyAnswered",
    });
    const assessed = mustSucceed(
      await assessExplanation(h.ctx, buyer, asked.explanation.id, { assessment: "unsatisfactory", note: "前提が仕様と合わない。" }),
      "assessing",
    );
    expect(assessed.explanation.assessment).toBe("unsatisfactory");
    expect(await assessExplanation(h.ctx, buyer, asked.explanation.id, { assessment: "satisfactory", note: "x" })).toMatchObject({
      status: 409,
      key: "lowQuote.alreadyAssessed",
    });
    const view = await explanationsForBuyer(h.ctx, buyer, rfq2);
    expect(view?.requests.map((r) => [r.late, r.assessment])).toEqual([[true, "unsatisfactory"]]);
  });
});
