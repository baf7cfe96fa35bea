import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cancelRfq } from "~/services/rfqs.server";
import { actorFor, createAccount, createPublishedRfq, FACTORY_PASSWORD, mustSucceed, submitQuote, type Account } from "../factories";
import { logIn } from "./account-security-support";
import { type Cookies, createHarness, type Harness } from "./harness";

// What new users read (issue 14, item 19): one menu entry per place, words instead of codes, English without
// Japanese punctuation, and no opening date promised for an RFQ that was cancelled and will never open.

let h: Harness;
let buyer: Account;
let vendor: Account;
let rfqId: string;
let buyerCookies: Cookies;
let vendorCookies: Cookies;

const page = async (path: string, cookies: Cookies, lang: "ja" | "en") => {
  const res = await h.request(path, { cookies, headers: { "Accept-Language": lang } });
  expect(res.status).toBe(200);
  return (await res.text()).replace(/<script[\s\S]*?<\/script>/g, "");
};

beforeAll(async () => {
  h = await createHarness();
  buyer = await createAccount(h.db, { kind: "buyer", org: "文言検証市" });
  vendor = await createAccount(h.db, { kind: "vendor", vendor: { name: "文言検証ベンダー株式会社", categories: ["municipal"] } });
  rfqId = await createPublishedRfq(h, await actorFor(h.db, buyer.email));
  await submitQuote(h, await actorFor(h.db, vendor.email), rfqId);
  buyerCookies = await logIn(h, buyer.email, FACTORY_PASSWORD);
  vendorCookies = await logIn(h, vendor.email, FACTORY_PASSWORD);
});
afterAll(() => h?.close());

describe("words a new user reads", () => {
  it("gives a vendor one menu entry to find work, which leads on to the keyword search", async () => {
    const html = await page("/rfqs", vendorCookies, "ja");
    const nav = html.slice(html.indexOf('class="main-nav"'), html.indexOf("</nav>", html.indexOf('class="main-nav"')));
    expect(nav).toContain("案件を探す");
    expect(nav).not.toContain("案件検索");
    expect(html).toContain('href="/rfqs/search"');
  });

  it("names peak months and lists in English without Japanese punctuation", async () => {
    const en = await page(`/rfqs/${rfqId}`, buyerCookies, "en");
    expect(en).toMatch(/Jun, Jul/);
    expect(en).not.toMatch(/month \d/);
    const ja = await page(`/rfqs/${rfqId}`, buyerCookies, "ja");
    expect(ja).toContain("6月、7月");
  });

  it("labels the API tokens' prefix column in the reader's language", async () => {
    expect(await page("/settings/tokens", buyerCookies, "en")).not.toContain(">Prefix<");
  });

  it("never promises an opening date for a cancelled sealed RFQ, and asks before cancelling", async () => {
    const before = await page(`/rfqs/${rfqId}`, buyerCookies, "ja");
    expect(before).toContain("中止を確定する");
    expect(before.match(/このRFQを中止する/g)).toBeNull();
    mustSucceed(await cancelRfq(h.ctx, await actorFor(h.db, buyer.email), rfqId, "予算が確保できなかったため"), "cancelling");
    const ja = await page(`/rfqs/${rfqId}`, buyerCookies, "ja");
    expect(ja).toContain("開封されません");
    expect(ja).not.toContain("に開封されます");
    expect(await page(`/rfqs/${rfqId}`, buyerCookies, "en")).toContain("will never be opened");
  });
});
