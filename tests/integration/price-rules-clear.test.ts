import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorFor, createAccount, createRfq, FACTORY_PASSWORD, rfqInput, type Account } from "../factories";
import { setBuyerKind } from "../factories/contracts";
import { Cookies, createHarness, postForm, type Harness } from "./harness";

// Clearing a municipality's price rules from the form (decision 0049, revisited): the lines step offers
// "予定価格を設定しない" once a ceiling is set; ticked and saved, `publicPriceRules` leaves the draft (whatever the
// price inputs still hold), the edit is audited with the old rules before and none after, and the other lines-step
// fields are saved as usual. Through the route, in Japanese and English. And the publish step's notice when a
// municipality publishes without a 予定価格 (a notice, never a block).

let h: Harness;
let city: Account;
let company: Account;
const cityCookies = new Cookies();
const companyCookies = new Cookies();
const RULES = {
  ceilingYen: 12_345_678,
  ceilingTaxBasis: "excluded" as const,
  floor: { kind: "minimum" as const, yen: 10_000_000, taxBasis: "excluded" as const },
};

/** The lines step as the browser posts it: one line, the term, the price inputs as they were shown, and the box. */
const form = (clear: boolean) => ({
  "lineItems[0].code": "L1",
  "lineItems[0].description": "窓口受付",
  "lineItems[0].unit": "件",
  "lineItems[0].quantity": "100",
  "lineItems[0].recurrence": "per_unit",
  contractTermMonths: "12",
  "publicPriceRules.ceilingYen": String(RULES.ceilingYen),
  "publicPriceRules.ceilingTaxBasis": "excluded",
  "publicPriceRules.floor.kind": "minimum",
  "publicPriceRules.floor.yen": String(RULES.floor.yen),
  "publicPriceRules.floor.taxBasis": "excluded",
  ...(clear ? { clearPublicPriceRules: "on" } : {}),
  then: "stay",
});

async function draftWithRules(title: string) {
  return createRfq(h, await actorFor(h.db, city.email), { title, category: "general_affairs", publicPriceRules: RULES });
}

async function contentOf(rfqId: string) {
  return (await h.db.selectFrom("rfqs").select("content").where("id", "=", rfqId).executeTakeFirstOrThrow()).content as Record<string, unknown>;
}

beforeAll(async () => {
  h = await createHarness();
  city = await createAccount(h.db, { kind: "buyer", org: "予定価格削除市" });
  await setBuyerKind(h.db, city.org.id, "municipality");
  company = await createAccount(h.db, { kind: "buyer", org: "予定価格なし商事" });
  expect((await postForm(h, "/login", { email: city.email, password: FACTORY_PASSWORD }, cityCookies)).status).toBe(302);
  expect((await postForm(h, "/login", { email: company.email, password: FACTORY_PASSWORD }, companyCookies)).status).toBe(302);
});
afterAll(() => h?.close());

describe("予定価格を設定しない on the lines step", () => {
  it("is offered once a ceiling is set, in Japanese and English, and not before", async () => {
    const withRules = await draftWithRules("削除ボックス表示");
    const ja = await (await h.request(`/rfqs/${withRules}/edit/lines`, { cookies: cityCookies })).text();
    expect(ja).toContain('data-testid="clear-price-rules"');
    expect(ja).toContain("予定価格を設定しない（登録済みの予定価格と下限を削除する）");
    const en = await (await h.request(`/rfqs/${withRules}/edit/lines`, { cookies: cityCookies, headers: { "Accept-Language": "en" } })).text();
    expect(en).toContain("No ceiling price (remove the ceiling and floor prices set)");
    const without = await createRfq(h, await actorFor(h.db, city.email), { title: "予定価格なし", category: "general_affairs" });
    expect(await (await h.request(`/rfqs/${without}/edit/lines`, { cookies: cityCookies })).text()).not.toContain('data-testid="clear-price-rules"');
  });

  it("removes the price rules from the draft, audited, and saves the rest of the step", async () => {
    const rfqId = await draftWithRules("削除（日本語）");
    const res = await postForm(h, `/rfqs/${rfqId}/edit/lines`, form(true), cityCookies);
    expect(res.status).toBe(302);
    const content = await contentOf(rfqId);
    expect(content).not.toHaveProperty("publicPriceRules");
    expect(content.contractTermMonths).toBe(12);
    const audit = await h.db
      .selectFrom("audit_log")
      .select(["before", "after"])
      .where("entity_id", "=", rfqId)
      .where("action", "=", "rfq.edit")
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(audit.before).toMatchObject({ publicPriceRules: RULES });
    expect(audit.after).not.toHaveProperty("publicPriceRules");
  });

  it("removes them in English too, and leaves them when the box is not ticked", async () => {
    const kept = await draftWithRules("残す");
    expect((await postForm(h, `/rfqs/${kept}/edit/lines`, form(false), cityCookies, { "Accept-Language": "en" })).status).toBe(302);
    expect((await contentOf(kept)).publicPriceRules).toEqual(RULES);
    const cleared = await draftWithRules("削除（英語）");
    expect((await postForm(h, `/rfqs/${cleared}/edit/lines`, form(true), cityCookies, { "Accept-Language": "en" })).status).toBe(302);
    expect(await contentOf(cleared)).not.toHaveProperty("publicPriceRules");
  });

  it("clears even when the price inputs left behind are invalid (they are ignored)", async () => {
    const rfqId = await draftWithRules("不正な入力のまま削除");
    const res = await postForm(h, `/rfqs/${rfqId}/edit/lines`, { ...form(true), "publicPriceRules.ceilingYen": "abc" }, cityCookies);
    expect(res.status).toBe(302);
    expect(await contentOf(rfqId)).not.toHaveProperty("publicPriceRules");
  });

  it("a company buyer's step has no price inputs and no box", async () => {
    const rfqId = await createRfq(h, await actorFor(h.db, company.email), { title: "会社の下書き", category: "general_affairs" });
    const html = await (await h.request(`/rfqs/${rfqId}/edit/lines`, { cookies: companyCookies })).text();
    expect(html).not.toContain('data-testid="price-rules"');
    expect(html).not.toContain('data-testid="clear-price-rules"');
  });
});

describe("publishing without a 予定価格", () => {
  it("shows a municipality a notice (not a block) on the publish step, in Japanese and English", async () => {
    const rfqId = await createRfq(h, await actorFor(h.db, city.email), rfqInput(h, { requiredCertifications: [], dataSensitivity: "none" }));
    const ja = await (await h.request(`/rfqs/${rfqId}/review`, { cookies: cityCookies })).text();
    expect(ja).toContain('data-testid="no-ceiling-notice"');
    expect(ja).toContain("予定価格が設定されていません。");
    const en = await (await h.request(`/rfqs/${rfqId}/review`, { cookies: cityCookies, headers: { "Accept-Language": "en" } })).text();
    expect(en).toContain("No ceiling price set.");
    // Not a block: the draft publishes as it is.
    expect((await postForm(h, `/rfqs/${rfqId}/review`, {}, cityCookies)).status).toBe(302);
    expect((await h.db.selectFrom("rfqs").select("status").where("id", "=", rfqId).executeTakeFirstOrThrow()).status).toBe("published");
  });

  it("is not shown with a ceiling set, nor to a company buyer", async () => {
    const withCeiling = await createRfq(
      h,
      await actorFor(h.db, city.email),
      rfqInput(h, { requiredCertifications: [], dataSensitivity: "none", publicPriceRules: RULES }),
    );
    expect(await (await h.request(`/rfqs/${withCeiling}/review`, { cookies: cityCookies })).text()).not.toContain("no-ceiling-notice");
    const companyRfq = await createRfq(h, await actorFor(h.db, company.email), rfqInput(h, { requiredCertifications: [], dataSensitivity: "none" }));
    expect(await (await h.request(`/rfqs/${companyRfq}/review`, { cookies: companyCookies })).text()).not.toContain("no-ceiling-notice");
  });
});
