import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorFor, createAccount, createPublishedRfq, FACTORY_PASSWORD, openRfq, rfqInput, submitQuote, type Account } from "../factories";
import { setBuyerKind } from "../factories/contracts";
import { apiRequest, Cookies, createHarness, postForm, type Harness } from "./harness";

// Price rules sealed in the audit log on every surface that shows audit content (issue 19 gaps; decision 0049,
// revisited). A municipality sets its 予定価格 and 最低制限価格 on a published sealed RFQ (the working copy of the next
// addendum). Before opening the buyer's 変更履歴 shows the marker, not the amounts, and the platform admin's audit
// log only the changed field's name; after opening the buyer's history shows the amounts as recorded, the admin's
// still no value. Vendors, other tenants and platform admins never reach the buyer's history.

const CEILING = 98_765_432;
const FLOOR = 87_654_321;
let h: Harness;
let city: Account;
let other: Account;
let vendor: Account;
let admin: Account;
let rfqId: string;
const sessions: Record<"city" | "other" | "vendor" | "admin", Cookies> = {} as never;

/** The amount in any written form: 98765432, 98,765,432 (the loader's JSON and the page's words). */
const amount = (n: number) => new RegExp(`(?<!\\d)${String(n).replace(/\B(?=(\d{3})+(?!\d))/g, "[,，]?")}(?!\\d)`);

async function login() {
  for (const [who, account] of [
    ["city", city],
    ["other", other],
    ["vendor", vendor],
    ["admin", admin],
  ] as const) {
    sessions[who] = new Cookies();
    expect((await postForm(h, "/login", { email: account.email, password: FACTORY_PASSWORD }, sessions[who])).status).toBe(302);
  }
}

async function get(who: keyof typeof sessions, path: string, lang = "ja") {
  const res = await h.request(path, { cookies: sessions[who], redirect: "manual", headers: { "Accept-Language": lang } });
  return { status: res.status, html: (await res.text()).replaceAll("<!-- -->", "") };
}

beforeAll(async () => {
  h = await createHarness();
  city = await createAccount(h.db, { kind: "buyer", org: "履歴試験市" });
  await setBuyerKind(h.db, city.org.id, "municipality");
  other = await createAccount(h.db, { kind: "buyer", org: "別テナント村" });
  vendor = await createAccount(h.db, { kind: "vendor", vendor: { name: "履歴確認株式会社" } });
  admin = await createAccount(h.db, { kind: "platform", org: "くらべ運営" });
  const cityActor = await actorFor(h.db, city.email);
  rfqId = await createPublishedRfq(h, cityActor, rfqInput(h, { sealed: true, requiredCertifications: [], dataSensitivity: "none" }));
  await submitQuote(h, await actorFor(h.db, vendor.email), rfqId);
  const res = await apiRequest(h, city.token, `/api/v1/rfqs/${rfqId}`, {
    method: "PATCH",
    body: { publicPriceRules: { ceilingYen: CEILING, ceilingTaxBasis: "excluded", floor: { kind: "minimum", yen: FLOOR, taxBasis: "excluded" } } },
  });
  expect(res.status).toBe(200);
  // The row itself keeps the amounts (it is the record of what was set and when).
  const row = await h.db.selectFrom("audit_log").select("after").where("entity_id", "=", rfqId).where("action", "=", "rfq.edit").executeTakeFirstOrThrow();
  expect(JSON.stringify(row.after)).toContain(String(CEILING));
  await login();
});
afterAll(() => h?.close());

describe("before opening", () => {
  it("the buyer's change history shows the edit of the price rules with the marker, never the amounts", async () => {
    const { status, html } = await get("city", `/rfqs/${rfqId}/history`);
    expect(status).toBe(200);
    expect(html).toContain("変更履歴");
    expect(html).toContain('data-testid="price-rules-sealed"');
    const change = html
      .split('data-testid="history-change"')
      .slice(1)
      .find((c) => c.includes("予定価格・最低制限価格"));
    // Before and after alike: not even whether a price was set earlier is told.
    expect(change).toContain("（開札まで非公開） → （開札まで非公開）");
    // Nowhere in the page, its loader data included.
    expect(html).not.toMatch(amount(CEILING));
    expect(html).not.toMatch(amount(FLOOR));
  });

  it("says the same in English", async () => {
    const { html } = await get("city", `/rfqs/${rfqId}/history`, "en");
    expect(html).toContain("Change history");
    expect(html).toContain("Ceiling and floor prices</strong>: (sealed until opening) → (sealed until opening)");
    expect(html).not.toMatch(amount(CEILING));
  });

  it("the RFQ page links to it for the buyer", async () => {
    expect((await get("city", `/rfqs/${rfqId}`)).html).toContain(`href="/rfqs/${rfqId}/history"`);
  });

  it("the platform admin's audit log names the changed field and shows no amount", async () => {
    const { status, html } = await get("admin", `/admin?entityType=rfq&entityId=${rfqId}`);
    expect(status).toBe(200);
    expect(html).toContain("予定価格・最低制限価格");
    expect(html).not.toMatch(amount(CEILING));
    expect(html).not.toMatch(amount(FLOOR));
  });

  it("is not there for a vendor, another tenant or the platform admin", async () => {
    for (const who of ["vendor", "other", "admin"] as const) {
      const { status, html } = await get(who, `/rfqs/${rfqId}/history`);
      expect(status, who).toBe(404);
      expect(html).not.toMatch(amount(CEILING));
    }
  });
});

describe("after opening", () => {
  beforeAll(async () => {
    await openRfq(h, rfqId);
    // Two weeks on, the sessions have lapsed: sign in again.
    await login();
  });

  it("the buyer's change history shows the amounts as recorded", async () => {
    const { html } = await get("city", `/rfqs/${rfqId}/history`);
    expect(html).not.toContain('data-testid="price-rules-sealed"');
    expect(html).toContain("（未設定） → 予定価格 ￥98,765,432（税抜） / 最低制限価格 ￥87,654,321（税抜）");
    expect(html).not.toContain("開札まで非公開");
  });

  it("the platform admin still reads no amount", async () => {
    const { html } = await get("admin", `/admin?entityType=rfq&entityId=${rfqId}`);
    expect(html).toContain("予定価格・最低制限価格");
    expect(html).not.toMatch(amount(CEILING));
  });

  it("a vendor still gets 404", async () => {
    expect((await get("vendor", `/rfqs/${rfqId}/history`)).status).toBe(404);
  });
});
