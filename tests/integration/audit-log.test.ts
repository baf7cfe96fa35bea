import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeAudit } from "../../db/queries/audit";
import { actorFor, createAccount, createPublishedRfq, type Account } from "../factories";
import { Cookies, createHarness, postForm, type Harness } from "./harness";

// The admin audit log (issue 14, item 19, audit part): action codes in words (ja/en, with a fallback
// for codes the catalog does not know), filters by actor, action and date range, links to the object,
// the count of aggregated refused reads, and pages.

let h: Harness;
let admin: Account, buyer: Account, vendor: Account;
let rfqId: string;
let adminCookies: Cookies;

const page = async (query = "", lang = "ja") => {
  const res = await h.request(`/admin${query}`, { cookies: adminCookies, headers: { "Accept-Language": lang } });
  expect(res.status).toBe(200);
  return res.text();
};
const rowsOf = (html: string) => html.split('data-testid="audit-row"').slice(1);

beforeAll(async () => {
  h = await createHarness();
  admin = await createAccount(h.db, { kind: "platform", org: "運営" });
  buyer = await createAccount(h.db, { kind: "buyer", org: "監査検証市", email: "audit-buyer@example.test" });
  vendor = await createAccount(h.db, { kind: "vendor", vendor: { name: "監査検証ベンダー株式会社" } });
  rfqId = await createPublishedRfq(h, await actorFor(h.db, buyer.email));
  for (let i = 0; i < 3; i++)
    await writeAudit(h.db, { actorUserId: vendor.user.id, actorOrgId: vendor.org.id, action: "quote.read.denied", entityType: "quote", entityId: rfqId });
  await writeAudit(h.db, { actorUserId: null, actorOrgId: null, action: "future.feature", entityType: "widget", entityId: "w-1" });
  adminCookies = new Cookies();
  expect((await postForm(h, "/login", { email: admin.email, password: admin.password }, adminCookies)).status).toBe(302);
});
afterAll(() => h?.close());

describe("the admin audit log", () => {
  it("shows actions and objects in words, in Japanese and English, and the count of aggregated refused reads", async () => {
    const ja = await page();
    expect(ja).toContain("見積依頼の公開");
    expect(ja).not.toMatch(/>rfq\.publish</);
    expect(ja).toContain("見積の閲覧拒否");
    expect(ja).toContain("3回（1分間に集計）");
    expect(ja).toContain("その他の操作（future.feature）");
    const en = await page("", "en");
    expect(en).toContain("RFQ published");
    expect(en).toContain("3 times (in one minute)");
  });

  it("links an RFQ's entries to its history, which lists only that RFQ's entries", async () => {
    const link = `/admin?entityType=rfq&amp;entityId=${rfqId}`;
    expect(await page()).toContain(`href="${link}"`);
    const history = await page(`?entityType=rfq&entityId=${rfqId}`);
    const rows = rowsOf(history);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows.join("")).toContain("見積依頼の作成");
    expect(rows.join("")).not.toContain("見積の閲覧拒否");
  });

  it("filters by actor, action and date range; bad filters get a field message and no error page", async () => {
    const byAction = rowsOf(await page("?action=rfq.publish"));
    expect(byAction).toHaveLength(1);
    const byActor = await page(`?actor=${encodeURIComponent("audit-buyer@")}`);
    expect(rowsOf(byActor).length).toBeGreaterThanOrEqual(2);
    expect(rowsOf(byActor).join("")).not.toContain("見積の閲覧拒否");
    expect(await page("?from=2099-01-01")).toContain("条件に合う記録はありません");
    // Audit rows are stamped by the database (now()), not the business clock: take the day of the row.
    const created = await h.db.selectFrom("audit_log").select("created_at").where("action", "=", "rfq.create").executeTakeFirstOrThrow();
    const today = new Date(new Date(created.created_at).getTime() + 9 * 3600_000).toISOString().slice(0, 10);
    expect(rowsOf(await page(`?from=${today}&to=${today}&action=rfq.create`))).toHaveLength(1);
    expect(await page("?from=2026-02-30&action=nope")).toContain("日付は YYYY-MM-DD の形式で入力してください。");
    expect(await page("?from=2026-12-06&to=2026-12-01", "en")).toContain("The end date must not be before the start date.");
  });

  it("pages through the log, 50 entries a page, newest first", async () => {
    for (let i = 0; i < 60; i++)
      await writeAudit(h.db, { actorUserId: admin.user.id, actorOrgId: admin.org.id, action: "seed.demo", entityType: "system", entityId: `bulk-${i}` });
    const first = await page();
    expect(rowsOf(first)).toHaveLength(50);
    expect(first).toContain('rel="next"');
    const second = await page("?page=2");
    expect(second).toContain('rel="prev"');
    expect(rowsOf(second).length).toBeGreaterThan(0);
    expect(
      (
        await h.request("/admin", {
          cookies: await (async () => {
            const c = new Cookies();
            await postForm(h, "/login", { email: buyer.email, password: buyer.password }, c);
            return c;
          })(),
        })
      ).status,
    ).toBe(403);
  });
});
