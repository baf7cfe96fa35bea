import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertRfqAdvisor } from "../../db/queries/rfq-advisors";
import { createAccount, createAcceptedAward, FACTORY_PASSWORD, type AcceptedAward, type Account } from "../factories";
import { pdfPages } from "../support/pdf-text";
import { Cookies, createHarness, postForm, type Harness } from "./harness";

// The contract pages and the stored documents (issue 15, items 5 and 6) through the Remix app: the buyer
// creates the contract, a bad plan comes back with errors under its row in ja and en (nothing saved), rows
// are added without saving, activation asks first; the vendor's page shows the allow-listed contract; the
// 発注書 and 稟議書 download as stored (same bytes twice), with the names, amounts, legal line and the
// stability sentence read back; who may download what, and 404 for another tenant.

let h: Harness;
let buyer: Account;
let other: Account;
let vendor: Account;
let advisor: Account;
let award: AcceptedAward;
let contractId: string;

async function signIn(email: string) {
  const cookies = new Cookies();
  const res = await postForm(h, "/login", { email, password: FACTORY_PASSWORD }, cookies);
  expect(res.status).toBe(302);
  cookies.absorb(res);
  return cookies;
}
const page = (p: string, cookies: Cookies, lang = "ja") => h.request(p, { cookies, redirect: "manual", headers: { "Accept-Language": lang } });
const plan = (over: Record<string, string> = {}) => ({
  intent: "save",
  basis: "percent",
  "milestones[0].name": "設計完了",
  "milestones[0].percent": "30",
  "milestones[0].dueDate": "2027-04-30",
  "milestones[0].acceptance": "設計書の承認",
  "milestones[0].paymentDueDays": "60",
  "milestones[1].name": "運用開始",
  "milestones[1].percent": "70",
  "milestones[1].dueDate": "2027-09-30",
  "milestones[1].acceptance": "稼働確認",
  "milestones[1].paymentDueDays": "30",
  ...over,
});

beforeAll(async () => {
  h = await createHarness();
  buyer = await createAccount(h.db, { kind: "buyer", org: "ページ商事株式会社" });
  other = await createAccount(h.db, { kind: "buyer", org: "よそ商事" });
  vendor = await createAccount(h.db, { kind: "vendor", vendor: { name: "ページ受注株式会社" } });
  advisor = await createAccount(h.db, { kind: "advisory", org: "助言コンサル" });
  award = await createAcceptedAward(h, { buyerEmail: buyer.email, buyerOrgId: buyer.org.id, vendorEmail: vendor.email, vendorOrgId: vendor.org.id });
  await insertRfqAdvisor(h.db, { rfqId: award.rfqId, advisorOrgId: advisor.org.id, assignedBy: buyer.user.id, at: h.clock.now() });
});
afterAll(() => h?.close());

describe("the contract page", () => {
  it("creates the contract from the accepted award; others get the not-found page", async () => {
    const cookies = await signIn(buyer.email);
    expect(await (await page(`/rfqs/${award.rfqId}/contract`, cookies)).text()).toContain('data-testid="contract-create"');
    for (const who of [other.email, vendor.email]) expect((await page(`/rfqs/${award.rfqId}/contract`, await signIn(who))).status).toBe(404);
    const res = await postForm(h, `/rfqs/${award.rfqId}/contract`, { intent: "create" }, cookies);
    expect(res.status).toBe(302);
    contractId = (await h.db.selectFrom("contracts").select("id").executeTakeFirstOrThrow()).id;
    const html = await (await page(`/rfqs/${award.rfqId}/contract`, cookies)).text();
    expect(html).toContain("ページ受注株式会社");
    expect(html).toContain("支払期限");
  });

  it("a bad plan comes back with each error under its row in ja and en, and nothing is saved", async () => {
    const cookies = await signIn(buyer.email);
    const before = await h.db.selectFrom("contract_versions").select("content").execute();
    const bad = plan({ "milestones[1].percent": "60", "milestones[0].dueDate": "2026-01-05", "milestones[1].paymentDueDays": "61" });
    const ja = await postForm(h, `/rfqs/${award.rfqId}/contract`, bad, cookies, { "Accept-Language": "ja" });
    expect(ja.status).toBe(400);
    const jaHtml = await ja.text();
    expect(jaHtml).toContain('data-testid="error-milestones[0].dueDate"');
    expect(jaHtml).toContain("期日が過去の日付です");
    expect(jaHtml).toContain('data-testid="error-milestones[1].paymentDueDays"');
    expect(jaHtml).toContain("中小受託取引適正化法 第3条第1項");
    expect(jaHtml).toContain("設計書の承認"); // what was typed comes back
    const en = await postForm(h, `/rfqs/${award.rfqId}/contract`, plan({ "milestones[1].percent": "60" }), cookies, { "Accept-Language": "en" });
    expect(en.status).toBe(400);
    expect(await en.text()).toContain("The percentages do not add up to 100% (now 90%).");
    expect(await h.db.selectFrom("contract_versions").select("content").execute()).toEqual(before);
  });

  it("adds a row without saving, saves a valid plan, asks before concluding, concludes", async () => {
    const cookies = await signIn(buyer.email);
    const added = await postForm(h, `/rfqs/${award.rfqId}/contract`, plan({ intent: "add" }), cookies);
    expect(added.status).toBe(200);
    expect(await added.text()).toContain('name="milestones[2].name"');
    const saved = await postForm(h, `/rfqs/${award.rfqId}/contract`, plan(), cookies);
    expect(saved.status).toBe(302);
    const confirm = await (await page(`/rfqs/${award.rfqId}/contract?confirm=activate`, cookies)).text();
    expect(confirm).toContain('data-testid="contract-activate-confirm"');
    expect((await h.db.selectFrom("contracts").select("status").executeTakeFirstOrThrow()).status).toBe("draft");
    const done = await postForm(h, `/rfqs/${award.rfqId}/contract`, { intent: "activate" }, cookies);
    expect(done.status).toBe(302);
    expect((await h.db.selectFrom("contracts").select("status").executeTakeFirstOrThrow()).status).toBe("active");
    const en = await (await page(`/rfqs/${award.rfqId}/contract`, cookies, "en")).text();
    expect(en).toContain("Concluded (active)");
    expect(en).toContain("Pay by");
  });

  it("the vendor's page shows its contract; another vendor or the buyer's quote id elsewhere get 404", async () => {
    const cookies = await signIn(vendor.email);
    const html = await (await page(`/quotes/${award.quoteId}/contract`, cookies)).text();
    expect(html).toContain("ページ商事株式会社");
    expect(html).toContain("設計完了");
    expect(html).toContain('data-testid="contract-sla"');
    expect((await page(`/quotes/${award.quoteId}/contract`, await signIn(other.email))).status).toBe(404);
  });
});

describe("stored documents", () => {
  it("the 発注書 downloads twice with the same bytes, holding names, amounts and the legal line", async () => {
    const cookies = await signIn(buyer.email);
    const first = await page(`/contracts/${contractId}/purchase-order.pdf`, cookies);
    expect(first.status).toBe(200);
    expect(first.headers.get("Content-Disposition")).toContain("attachment");
    const bytes = new Uint8Array(await first.arrayBuffer());
    const second = await page(`/contracts/${contractId}/purchase-order.pdf`, await signIn(vendor.email));
    expect(new Uint8Array(await second.arrayBuffer())).toEqual(bytes);
    const text = (await pdfPages(bytes)).join("\n");
    expect(text).toContain("ページ受注株式会社");
    expect(text).toContain("設計完了");
    expect(text).toContain("受領日から起算して60日以内");
    const doc = await h.db.selectFrom("documents").select(["id", "sha256"]).executeTakeFirstOrThrow();
    const byId = await page(`/rfqs/${award.rfqId}/documents/${doc.id}`, cookies);
    expect(byId.headers.get("X-Content-SHA256")).toBe(doc.sha256);
    expect(new Uint8Array(await byId.arrayBuffer())).toEqual(bytes);
    // The advisor may not read the 発注書; another tenant gets 404 for both links.
    expect((await page(`/rfqs/${award.rfqId}/documents/${doc.id}`, await signIn(advisor.email))).status).toBe(404);
    const stranger = await signIn(other.email);
    expect((await page(`/rfqs/${award.rfqId}/documents/${doc.id}`, stranger)).status).toBe(404);
    expect((await page(`/contracts/${contractId}/purchase-order.pdf`, stranger)).status).toBe(404);
  });

  it("the 稟議書: buyer and assigned advisor read the same stored packet with the stability sentence; vendor and others 404", async () => {
    const path = `/rfqs/${award.rfqId}/proposals/${award.proposalId}/packet.pdf`;
    const first = await page(path, await signIn(buyer.email));
    expect(first.status).toBe(200);
    const bytes = new Uint8Array(await first.arrayBuffer());
    const text = (await pdfPages(bytes)).join("\n");
    const snapshot = (await h.db.selectFrom("award_proposals").select("snapshot").executeTakeFirstOrThrow()).snapshot as {
      stability: { sentence: { ja: string } };
    };
    const sentence = snapshot.stability.sentence.ja;
    expect(sentence.length).toBeGreaterThan(0);
    // The scoring module names quotes by id; the packet says the sentence with the vendor's name, as the comparison page does.
    expect(sentence).toContain(award.quoteId);
    expect(text.replace(/\s+/g, "")).toContain(sentence.replaceAll(award.quoteId, "ページ受注株式会社").replace(/\s+/g, ""));
    expect(text).not.toContain(award.quoteId);
    expect(text).toContain("ページ受注株式会社");
    expect(text).toContain("総合評価で最上位");
    // The assigned advisor finds the packet on the RFQ's page, the approvals printed in it (課長's decision).
    const advisorCookies = await signIn(advisor.email);
    const rfqPage = await (await page(`/rfqs/${award.rfqId}`, advisorCookies)).text();
    expect(rfqPage).toContain('data-testid="advisor-packets"');
    expect(rfqPage).toContain(`href="${path}"`);
    // The English packet carries the approver's stamp ("Approved"), which only a recorded decision draws.
    const en = await page(`${path}?lang=en`, advisorCookies);
    expect(en.status).toBe(200);
    expect((await pdfPages(new Uint8Array(await en.arrayBuffer()))).join("\n")).toContain("Approved");
    const again = await page(path, advisorCookies);
    expect(again.status).toBe(200);
    expect(new Uint8Array(await again.arrayBuffer())).toEqual(bytes);
    for (const who of [vendor.email, other.email]) expect((await page(path, await signIn(who))).status).toBe(404);
    // One stored packet per language, each rendered once.
    expect(await h.db.selectFrom("documents").select("locale").where("kind", "=", "approval_packet").orderBy("locale").execute()).toEqual([
      { locale: "en" },
      { locale: "ja" },
    ]);
  });
});

describe("the contracts list", () => {
  it("each party lists its contract with the other party and links to its own contract page; others list nothing", async () => {
    const buyerHtml = await (await page("/contracts", await signIn(buyer.email))).text();
    expect(buyerHtml).toContain("ページ受注株式会社");
    expect(buyerHtml).toContain(`href="/rfqs/${award.rfqId}/contract"`);
    expect(buyerHtml).toContain("締結済み（有効）");
    const vendorHtml = await (await page("/contracts", await signIn(vendor.email), "en")).text();
    expect(vendorHtml).toContain("ページ商事株式会社");
    expect(vendorHtml).toContain(`href="/quotes/${award.quoteId}/contract"`);
    expect(vendorHtml).toContain("Concluded (active)");
    expect(vendorHtml).not.toContain(`/rfqs/${award.rfqId}/contract`);
    const otherHtml = await (await page("/contracts", await signIn(other.email))).text();
    expect(otherHtml).toContain("契約はまだありません");
    expect(otherHtml).not.toContain("ページ受注株式会社");
  });
});
