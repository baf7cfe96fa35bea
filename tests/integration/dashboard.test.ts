import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assignAdvisor } from "../../app/services/advisors.server";
import { issueAddendumWithChanges } from "../../app/services/rfq-addenda.server";
import { withdrawQuote } from "../../app/services/quotes.server";
import {
  actorFor,
  askRfqQuestion,
  createAccount,
  createCertificate,
  createPublishedRfq,
  createRfq,
  mustSucceed,
  openRfq,
  rfqInput,
  submitQuote,
  type Account,
} from "../factories";
import { Cookies, createHarness, postForm, type Harness } from "./harness";

// Each role's home shows its work (issue 14, item 17): the buyer's drafts, open RFQs with their
// deadlines, unanswered questions and newly opened comparisons; the vendor's invitations, deadlines,
// quotes to re-confirm and withdrawn quotes it may submit again; the advisor's assigned RFQs (the home
// said none were assigned when one was); the admin's certificates waiting for review. Each list links
// to its object, has an empty state, and a vendor's home shows nothing a vendor may not read.

let h: Harness;
let buyer: Account, vendorA: Account, vendorB: Account, advisor: Account, admin: Account, idleBuyer: Account;
let draftId: string, invitedId: string, withdrawnRfqId: string, quoteAId: string;
const DRAFT_TITLE = "下書き案件 DRAFT-SENTINEL";
const INVITED_TITLE = "窓口業務委託 招待案件";
const REVISED_TITLE = "窓口業務委託 招待案件（改訂）";
const QUESTION = "契約期間の延長条件を教えてください QUESTION-SENTINEL";

async function home(account: Account, lang: "ja" | "en" = "ja") {
  const cookies = new Cookies();
  expect((await postForm(h, "/login", { email: account.email, password: account.password }, cookies)).status).toBe(302);
  const res = await h.request("/", { cookies, headers: { "Accept-Language": lang } });
  expect(res.status).toBe(200);
  return res.text();
}
/** The text of one list of the home page (by its data-testid). */
const section = (html: string, id: string) => {
  const start = html.indexOf(`data-testid="home-${id}"`);
  expect(start, `section ${id}`).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf("</section>", start));
};

beforeAll(async () => {
  h = await createHarness();
  buyer = await createAccount(h.db, { kind: "buyer", org: "ダッシュボード検証市" });
  idleBuyer = await createAccount(h.db, { kind: "buyer", org: "何もない町" });
  vendorA = await createAccount(h.db, { kind: "vendor", vendor: { name: "ダッシュ検証ベンダーA株式会社", categories: ["municipal"] } });
  vendorB = await createAccount(h.db, { kind: "vendor", vendor: { name: "ダッシュ検証ベンダーB株式会社", categories: ["municipal"] } });
  advisor = await createAccount(h.db, { kind: "advisory", org: "ダッシュ検証アドバイザリー" });
  admin = await createAccount(h.db, { kind: "platform", org: "Kurabe運営" });
  const b = await actorFor(h.db, buyer.email);
  const a = await actorFor(h.db, vendorA.email);
  const vb = await actorFor(h.db, vendorB.email);

  draftId = await createRfq(h, b, rfqInput(h, { title: DRAFT_TITLE }));
  invitedId = await createPublishedRfq(h, b, rfqInput(h, { title: INVITED_TITLE, invitedVendorIds: [vendorA.org.id, vendorB.org.id] }));
  quoteAId = await submitQuote(h, a, invitedId);
  await askRfqQuestion(h, vb, invitedId, QUESTION);
  mustSucceed(await issueAddendumWithChanges(h.ctx, b, invitedId, { changeSummary: "件名を改めました", changes: { title: REVISED_TITLE } }), "addendum");
  withdrawnRfqId = await createPublishedRfq(h, b, rfqInput(h, { title: "取り下げ後に再提出できる案件" }));
  const withdrawn = await submitQuote(h, a, withdrawnRfqId);
  mustSucceed(await withdrawQuote(h.ctx, a, withdrawn), "withdrawing");
  mustSucceed(await assignAdvisor(h.ctx, b, invitedId, { advisorOrgId: advisor.org.id }), "assigning the advisor");
  await createCertificate(h.db, vendorB.org.id, {
    type: "isms",
    number: "IS 000001",
    issuer: "検証審査機関",
    validFrom: "2026-01-01",
    validUntil: "2028-12-31",
    status: "unverified",
  });
});
afterAll(() => h?.close());

describe("the buyer's home", () => {
  it("lists drafts, open RFQs with Japanese deadlines and days left, and unanswered questions, each linked", async () => {
    const html = await home(buyer);
    expect(section(html, "drafts")).toContain(`href="/rfqs/${draftId}"`);
    expect(section(html, "drafts")).toContain("DRAFT-SENTINEL");
    const open = section(html, "open");
    expect(open).toContain(`href="/rfqs/${invitedId}"`);
    expect(open).toMatch(/締切 \d{4}年\d{1,2}月\d{1,2}日/);
    expect(open).toContain("あと14日");
    const questions = section(html, "questions");
    expect(questions).toContain(`href="/rfqs/${invitedId}#qa"`);
    expect(questions).toContain("QUESTION-SENTINEL");
    expect(section(html, "opened")).toContain("締切を過ぎると");
  });

  it("says what to do next when there is nothing, in English too", async () => {
    const html = await home(idleBuyer, "en");
    expect(section(html, "drafts")).toContain("No drafts. Start a new RFQ");
    expect(section(html, "open")).toContain("No RFQs are open");
    expect(section(html, "questions")).toContain("No questions are waiting");
  });
});

describe("the vendor's home", () => {
  it("lists invitations, quotes to re-confirm after the addendum, deadlines and withdrawn quotes it may submit again", async () => {
    const a = await home(vendorA);
    expect(section(a, "reconfirm")).toContain(`href="/quotes/${quoteAId}"`);
    expect(section(a, "reconfirm")).toContain(REVISED_TITLE);
    expect(section(a, "deadlines")).toContain(`href="/rfqs/${invitedId}/quote"`);
    expect(section(a, "withdrawn")).toContain(`href="/rfqs/${withdrawnRfqId}/quote"`);
    // Vendor A has quoted: the invitation is answered.
    expect(section(a, "invitations")).not.toContain(invitedId);
    const b = await home(vendorB);
    expect(section(b, "invitations")).toContain(`href="/rfqs/${invitedId}"`);
    expect(section(b, "invitations")).toContain("あと14日");
    expect(section(b, "reconfirm")).toContain("再確認が必要な見積はありません");
  });

  it("shows nothing a vendor may not read: no drafts, no other vendor's question or name, no advisor", async () => {
    for (const html of [await home(vendorA), await home(vendorB, "en")]) {
      expect(html).not.toContain("DRAFT-SENTINEL");
      expect(html).not.toContain(draftId);
      expect(html).not.toContain(advisor.org.name);
    }
    const a = await home(vendorA);
    expect(a).not.toContain("QUESTION-SENTINEL");
    expect(a).not.toContain("ベンダーB");
  });
});

describe("the advisor's home", () => {
  it("lists the RFQ the buyer assigned it to (it used to say none was assigned)", async () => {
    const html = await home(advisor);
    const assigned = section(html, "assigned");
    expect(assigned).toContain(`href="/rfqs/${invitedId}"`);
    expect(assigned).toContain(REVISED_TITLE);
    expect(assigned).toContain(buyer.org.name);
  });
});

describe("the admin's home", () => {
  it("lists certificates waiting for review with the vendor, linked to the review page", async () => {
    const html = await home(admin);
    const certs = section(html, "certificates");
    expect(certs).toContain("確認待ちの認証（1件）");
    expect(certs).toContain("ダッシュ検証ベンダーB株式会社");
    expect(certs).toContain('href="/admin/certifications#cert-');
  });
});

describe("after the deadline", () => {
  it("the buyer's home links the newly opened comparison", async () => {
    await openRfq(h, invitedId);
    const opened = section(await home(buyer), "opened");
    expect(opened).toContain(`href="/rfqs/${invitedId}/compare"`);
    expect(opened).toContain("見積 1件");
  });
});
