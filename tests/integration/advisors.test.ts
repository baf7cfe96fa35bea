import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { trackRecordRefreshSchedule } from "../../app/jobs/track-record-refresh";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, findDemoRfqIds, type DemoRfqIds } from "../../db/seed";
import { createApiToken } from "../../app/services/api-tokens.server";
import { createOrg, createUser } from "../factories";
import { Cookies, createHarness, postForm, type Harness } from "./harness";

// Advisors on real PostgreSQL: the buyer assigns an advisory organisation (audited, its members
// notified); the assigned advisor reads the RFQ (drafts too) and — only once the quotes are opened —
// the comparison page, API and exports, and writes notes the buyer reads. An unassigned advisor, a
// vendor and another buyer get 404 everywhere; an invalid note gets field errors and writes nothing.

const account = (email: string) => DEMO_ACCOUNTS.find((a) => a.email === email)!;
const BUYER = account("buyer@midori-city.example");
const OTHER_BUYER = account("buyer@sakura-foods.example");
const VENDOR = account("gyosei@gyosei-support.example");
const ADVISOR = account("advisor@hikaku-advisory.example");
const OUTSIDER_EMAIL = "outsider@other-advisory.example";
const OUTSIDER_PASSWORD = "another-advisor-2026";

let h: Harness;
let ids: DemoRfqIds;
let advisorOrgId: string;
let outsiderToken: string;
let benefitsDeadline: Date;
const sessions: Record<"buyer" | "otherBuyer" | "vendor" | "advisor" | "outsider", Cookies> = {} as never;

const api = (token: string, path: string, init: RequestInit & { lang?: string } = {}) =>
  h.request(path, {
    ...init,
    headers: { Authorization: `Bearer ${token}`, "Accept-Language": init.lang ?? "ja", ...(init.body ? { "Content-Type": "application/json" } : {}) },
  });
const page = (who: keyof typeof sessions, path: string) => h.request(path, { cookies: sessions[who], redirect: "manual" });
const count = async (table: "advisor_notes" | "audit_log" | "rfq_advisors") =>
  Number(
    (
      await h.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );
const audits = (action: string, entityId?: string) => {
  let q = h.db.selectFrom("audit_log").selectAll().where("action", "=", action);
  if (entityId) q = q.where("entity_id", "=", entityId);
  return q.orderBy("id").execute();
};

/** Every surface of one RFQ's comparison: page, CSV and XLSX downloads (session), API JSON and XLSX (token). */
async function comparisonStatuses(who: keyof typeof sessions, token: string, rfqId: string) {
  return {
    page: (await page(who, `/rfqs/${rfqId}/compare`)).status,
    csv: (await page(who, `/rfqs/${rfqId}/compare.csv`)).status,
    xlsx: (await page(who, `/rfqs/${rfqId}/compare.xlsx`)).status,
    api: (await api(token, `/api/v1/rfqs/${rfqId}/comparison?view=full`)).status,
    apiXlsx: (await api(token, `/api/v1/rfqs/${rfqId}/comparison.xlsx`)).status,
  };
}
/** Sessions expire on the business clock: after moving it weeks ahead, everyone logs in again. */
async function logInEveryone() {
  const logins: [keyof typeof sessions, string, string][] = [
    ["buyer", BUYER.email, DEMO_PASSWORD],
    ["otherBuyer", OTHER_BUYER.email, DEMO_PASSWORD],
    ["vendor", VENDOR.email, DEMO_PASSWORD],
    ["advisor", ADVISOR.email, DEMO_PASSWORD],
    ["outsider", OUTSIDER_EMAIL, OUTSIDER_PASSWORD],
  ];
  for (const [who, email, password] of logins) {
    sessions[who] = new Cookies();
    expect((await postForm(h, "/login", { email, password }, sessions[who])).status).toBe(302);
  }
}
const all = (status: number) => ({ page: status, csv: status, xlsx: status, api: status, apiXlsx: status });

beforeAll(async () => {
  h = await createHarness({ demo: true });
  await h.index();
  ids = await findDemoRfqIds(h.db);
  advisorOrgId = (await h.db.selectFrom("organizations").select("id").where("name", "=", ADVISOR.org).executeTakeFirstOrThrow()).id;
  const rfq = await h.db.selectFrom("rfqs").select("quote_deadline").where("id", "=", ids.benefits).executeTakeFirstOrThrow();
  benefitsDeadline = rfq.quote_deadline!;
  // A second advisory organisation, assigned to nothing.
  const outsiderOrg = await createOrg(h.db, "advisory", "別アドバイザリー株式会社");
  const outsider = await createUser(h.db, { orgId: outsiderOrg.id, email: OUTSIDER_EMAIL, password: OUTSIDER_PASSWORD });
  outsiderToken = (await createApiToken(h.ctx, { userId: outsider.id, orgId: outsiderOrg.id }, "test")).value;
  await logInEveryone();
});
afterAll(() => h?.close());

describe("the seeded advisor", () => {
  it("is assigned to the closed survey RFQ, which it lists, and its recommendation is there for the buyer", async () => {
    const list = await (await page("advisor", "/rfqs")).text();
    expect(list).toContain("市民意識調査 調査票データ入力・集計業務");
    expect(list).not.toContain("物価高騰対策給付金");
    const notes = (await (await api(BUYER.token, `/api/v1/rfqs/${ids.surveyClosed}/advisor-notes`)).json()) as {
      data: { recommends: boolean; advisorName: string; vendorName: string }[];
    };
    expect(notes.data).toEqual([expect.objectContaining({ recommends: true, advisorName: ADVISOR.org, vendorName: "行政サポートセンター株式会社" })]);
    expect(await audits("rfq.advisor.assign", ids.surveyClosed)).toHaveLength(1);
  });
});

describe("assigning an advisor to an open RFQ", () => {
  it("the buyer's RFQ page offers the platform's advisory organisations; assigning is audited and notifies the advisor", async () => {
    const html = await (await page("buyer", `/rfqs/${ids.benefits}`)).text();
    expect(html).toContain("別アドバイザリー株式会社");
    expect(html).toContain(ADVISOR.org);
    const advisorUsers = (await h.db.selectFrom("memberships").select("user_id").where("org_id", "=", advisorOrgId).execute()).map((m) => m.user_id);
    const res = await postForm(h, `/rfqs/${ids.benefits}`, { intent: "assignAdvisor", advisorOrgId }, sessions.buyer);
    expect(res.status).toBe(302);
    const [audit] = await audits("rfq.advisor.assign", ids.benefits);
    expect(audit.after).toMatchObject({ advisorOrgId, advisorName: ADVISOR.org });
    const notified = await h.db
      .selectFrom("notifications")
      .select(["user_id", "payload"])
      .where("kind", "=", "rfq.advisorAssigned")
      .where("user_id", "in", advisorUsers)
      .execute();
    expect(notified.map((n) => (n.payload as { rfqId: string }).rfqId)).toContain(ids.benefits);
    // The API lists it; assigning twice is a conflict and writes nothing more.
    const listed = (await (await api(BUYER.token, `/api/v1/rfqs/${ids.benefits}/advisors`)).json()) as { data: { advisorOrgId: string; name: string }[] };
    expect(listed.data).toEqual([expect.objectContaining({ advisorOrgId, name: ADVISOR.org })]);
    const before = await count("audit_log");
    expect((await api(BUYER.token, `/api/v1/rfqs/${ids.benefits}/advisors`, { method: "POST", body: JSON.stringify({ advisorOrgId }) })).status).toBe(409);
    expect(await count("audit_log")).toBe(before);
  });

  it("only an advisory organisation can be assigned, only by the RFQ's buyer", async () => {
    const vendorOrgId = (await h.db.selectFrom("organizations").select("id").where("name", "=", VENDOR.org).executeTakeFirstOrThrow()).id;
    const bad = await api(BUYER.token, `/api/v1/rfqs/${ids.benefits}/advisors`, {
      method: "POST",
      body: JSON.stringify({ advisorOrgId: vendorOrgId }),
      lang: "en",
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: unknown[] }).errors).toEqual([{ path: "advisorOrgId", message: "Choose an advisory organisation." }]);
    const before = await count("rfq_advisors");
    for (const token of [OTHER_BUYER.token, VENDOR.token, ADVISOR.token, outsiderToken]) {
      expect((await api(token, `/api/v1/rfqs/${ids.benefits}/advisors`, { method: "POST", body: JSON.stringify({ advisorOrgId }) })).status).toBe(404);
      expect((await api(token, `/api/v1/rfqs/${ids.benefits}/advisors`)).status).toBe(404);
    }
    expect((await postForm(h, `/rfqs/${ids.benefits}`, { intent: "assignAdvisor", advisorOrgId }, sessions.otherBuyer)).status).toBe(404);
    expect(await count("rfq_advisors")).toBe(before);
  });
});

describe("what the assigned advisor reads", () => {
  it("the RFQ, read-only, in its list, on its page and through the API; nobody unassigned does", async () => {
    const list = await (await page("advisor", "/rfqs")).text();
    expect(list).toContain("物価高騰対策給付金");
    const detail = await page("advisor", `/rfqs/${ids.benefits}`);
    expect(detail.status).toBe(200);
    const html = await detail.text();
    expect(html).toContain("物価高騰対策給付金");
    expect(html).toContain('data-testid="advisor-read-only"');
    // No buyer actions: no edit link, no answer, addendum or cancel forms.
    for (const marker of ["/edit/purposeAndScope", 'value="answer"', 'value="addendum"', 'value="cancel"', 'value="assignAdvisor"'])
      expect(html).not.toContain(marker);
    const body = (await (await api(ADVISOR.token, `/api/v1/rfqs/${ids.benefits}`)).json()) as { view: string; buyerName: string };
    expect(body).toMatchObject({ view: "advisor", buyerName: BUYER.org });
    expect((await api(ADVISOR.token, `/api/v1/rfqs/${ids.benefits}/questions`)).status).toBe(200);
    // An advisor cannot act as the buyer: editing through the API is the 404 of an unknown id.
    expect((await api(ADVISOR.token, `/api/v1/rfqs/${ids.benefits}`, { method: "PATCH", body: JSON.stringify({ title: "乗っ取り" }) })).status).toBe(404);
    expect((await page("outsider", `/rfqs/${ids.benefits}`)).status).toBe(404);
    expect((await api(outsiderToken, `/api/v1/rfqs/${ids.benefits}`)).status).toBe(404);
    expect(await (await page("outsider", "/rfqs")).text()).not.toContain("物価高騰対策給付金");
  });

  it("a draft too, when its buyer brings the advisor in while writing it — but no comparison", async () => {
    const res = await api(OTHER_BUYER.token, `/api/v1/rfqs/${ids.accountingDraft}/advisors`, { method: "POST", body: JSON.stringify({ advisorOrgId }) });
    expect(res.status).toBe(201);
    const body = (await (await api(ADVISOR.token, `/api/v1/rfqs/${ids.accountingDraft}`)).json()) as { view: string; status: string };
    expect(body).toMatchObject({ view: "advisor", status: "draft" });
    expect((await api(ADVISOR.token, `/api/v1/rfqs/${ids.accountingDraft}/comparison`)).status).toBe(404);
  });

  it("before the deadline the sealed comparison is a 404 for the assigned advisor, like for everyone", async () => {
    expect(await comparisonStatuses("advisor", ADVISOR.token, ids.benefits)).toEqual(all(404));
    // So is each sealed quote's own page and API read.
    const sealed = await h.db.selectFrom("quotes").select("id").where("rfq_id", "=", ids.benefits).execute();
    expect(sealed.length).toBeGreaterThan(0);
    for (const q of sealed) {
      expect((await api(ADVISOR.token, `/api/v1/quotes/${q.id}`)).status).toBe(404);
      expect((await page("advisor", `/quotes/${q.id}`)).status).toBe(404);
    }
    expect(await (await page("advisor", `/rfqs/${ids.benefits}`)).text()).not.toContain('data-testid="compare-link"');
  });

  describe("after the deadline", () => {
    beforeAll(async () => {
      h.clock.set(new Date(benefitsDeadline.getTime() + 60_000));
      // Weeks later: the track record is recency-weighted as of the day (decision 0038), so the quotes index
      // follows as the daily refresh makes it (search.track-record-refresh), or the page would rightly distrust it.
      await h.db.transaction().execute((trx) => trackRecordRefreshSchedule.run({ trx, period: 0, now: h.clock.now(), since: null }));
      await h.index();
      await logInEveryone();
    });
    afterAll(() => h.clock.set(new Date(benefitsDeadline.getTime() - 86_400_000)));

    it("the comparison page, API and exports answer the assigned advisor with the buyer's ranking", async () => {
      expect(await comparisonStatuses("advisor", ADVISOR.token, ids.benefits)).toEqual(all(200));
      const theirs = (await (await api(BUYER.token, `/api/v1/rfqs/${ids.benefits}/comparison?view=full`)).json()) as {
        ranking: { id: string; rank: number }[];
      };
      const mine = (await (await api(ADVISOR.token, `/api/v1/rfqs/${ids.benefits}/comparison?view=full`)).json()) as typeof theirs;
      expect(mine.ranking.length).toBeGreaterThan(0);
      expect(mine.ranking.map((r) => [r.id, r.rank])).toEqual(theirs.ranking.map((r) => [r.id, r.rank]));
      // Sorted through the quotes index (filtered by the RFQ's buyer, not the reader's organisation), the
      // advisor sees the buyer's columns; the seeded survey RFQ's opened quotes are in the index.
      const items = (html: string) => html.split('data-testid="ranking-item"').length - 1;
      const advisorSorted = await (await page("advisor", `/rfqs/${ids.surveyClosed}/compare?sort=tco`)).text();
      const buyerSorted = await (await page("buyer", `/rfqs/${ids.surveyClosed}/compare?sort=tco`)).text();
      expect(advisorSorted).toContain('data-ordered-by="index"');
      expect(items(advisorSorted)).toBeGreaterThanOrEqual(2);
      expect(items(advisorSorted)).toBe(items(buyerSorted));
      expect(await (await page("advisor", `/rfqs/${ids.benefits}`)).text()).toContain('data-testid="compare-link"');
    });

    it("the assigned advisor opens each quote's own page and API read, as the buyer does; an unassigned advisor gets 404", async () => {
      const ranked = (await (await api(BUYER.token, `/api/v1/rfqs/${ids.benefits}/comparison?view=full`)).json()) as { ranking: { id: string }[] };
      const quoteId = ranked.ranking[0]!.id;
      const read = await api(ADVISOR.token, `/api/v1/quotes/${quoteId}`);
      expect(read.status).toBe(200);
      const body = (await read.json()) as { view: string; vendor: { name: string }; tco: unknown };
      expect(body.view).toBe("buyer");
      expect(body.tco).toBeTruthy();
      const pageRes = await page("advisor", `/quotes/${quoteId}`);
      expect(pageRes.status).toBe(200);
      expect(await pageRes.text()).toContain(body.vendor.name);
      expect((await api(outsiderToken, `/api/v1/quotes/${quoteId}`)).status).toBe(404);
      expect((await page("outsider", `/quotes/${quoteId}`)).status).toBe(404);
    });

    it("is a 404 everywhere for an unassigned advisor, a vendor and another buyer", async () => {
      expect(await comparisonStatuses("outsider", outsiderToken, ids.benefits)).toEqual(all(404));
      expect(await comparisonStatuses("vendor", VENDOR.token, ids.benefits)).toEqual(all(404));
      expect(await comparisonStatuses("otherBuyer", OTHER_BUYER.token, ids.benefits)).toEqual(all(404));
    });

    it("a what-if re-ranks for the advisor, but saving the weights is the buyer's alone", async () => {
      const advisorPage = await (await page("advisor", `/rfqs/${ids.benefits}/compare?method=topsis`)).text();
      expect(advisorPage).toContain('data-testid="what-if-active"');
      expect(advisorPage).not.toContain('value="saveWeights"');
      expect(await (await page("buyer", `/rfqs/${ids.benefits}/compare?method=topsis`)).text()).toContain('value="saveWeights"');
      const before = await count("audit_log");
      expect((await postForm(h, `/rfqs/${ids.benefits}/compare`, { intent: "saveWeights", w_price: "10" }, sessions.advisor)).status).toBe(404);
      expect(await count("audit_log")).toBe(before);
    });

    it("the advisor recommends a quote; the buyer reads it with the advisor's name; vendors never", async () => {
      const quoteId = (
        await h.db.selectFrom("quotes").select("id").where("rfq_id", "=", ids.benefits).where("status", "=", "submitted").executeTakeFirstOrThrow()
      ).id;
      const res = await postForm(
        h,
        `/rfqs/${ids.benefits}/compare`,
        { intent: "addNote", body: "審査体制が最も厚く、推薦します。", quoteId, recommends: "on" },
        sessions.advisor,
      );
      expect(res.status).toBe(302);
      const [note] = await h.db.selectFrom("advisor_notes").selectAll().where("rfq_id", "=", ids.benefits).execute();
      expect(note).toMatchObject({ advisor_org_id: advisorOrgId, quote_id: quoteId, recommends: true, body: "審査体制が最も厚く、推薦します。" });
      expect((await audits("advisor_note.create", note.id))[0].after).toMatchObject({ rfqId: ids.benefits, quoteId, recommends: true });
      const buyerPage = await (await page("buyer", `/rfqs/${ids.benefits}/compare`)).text();
      expect(buyerPage).toContain("審査体制が最も厚く、推薦します。");
      expect(buyerPage).toContain(ADVISOR.org);
      expect(buyerPage).not.toContain('value="addNote"');
      const viaApi = (await (await api(BUYER.token, `/api/v1/rfqs/${ids.benefits}/advisor-notes`)).json()) as {
        data: { id: string; advisorName: string; recommends: boolean }[];
      };
      expect(viaApi.data).toEqual([expect.objectContaining({ id: note.id, advisorName: ADVISOR.org, recommends: true })]);
      expect((await api(ADVISOR.token, `/api/v1/rfqs/${ids.benefits}/advisor-notes`)).status).toBe(200);
      for (const token of [VENDOR.token, OTHER_BUYER.token, outsiderToken]) {
        expect((await api(token, `/api/v1/rfqs/${ids.benefits}/advisor-notes`)).status).toBe(404);
        expect((await api(token, `/api/v1/rfqs/${ids.benefits}/advisor-notes`, { method: "POST", body: JSON.stringify({ body: "x" }) })).status).toBe(404);
      }
      // The buyer reads notes but does not write them.
      expect((await api(BUYER.token, `/api/v1/rfqs/${ids.benefits}/advisor-notes`, { method: "POST", body: JSON.stringify({ body: "x" }) })).status).toBe(404);
    });

    it("an invalid note gets field errors in the reader's language and writes nothing", async () => {
      const foreignQuote = (await h.db.selectFrom("quotes").select("id").where("rfq_id", "=", ids.surveyClosed).executeTakeFirstOrThrow()).id;
      const [notes, auditRows] = [await count("advisor_notes"), await count("audit_log")];
      const res = await postForm(h, `/rfqs/${ids.benefits}/compare`, { intent: "addNote", body: "   ", quoteId: foreignQuote }, sessions.advisor);
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(html).toContain("コメントを入力してください。");
      expect(html).toContain("この見積依頼の開札済みの見積を選んでください。");
      const viaApi = await api(ADVISOR.token, `/api/v1/rfqs/${ids.benefits}/advisor-notes`, {
        method: "POST",
        body: JSON.stringify({ body: "あ".repeat(4001), quoteId: foreignQuote }),
        lang: "en",
      });
      expect(viaApi.status).toBe(400);
      const errors = ((await viaApi.json()) as { errors: { path: string; message: string }[] }).errors;
      expect(errors).toEqual([
        { path: "body", message: "Keep the note to 4000 characters or fewer." },
        { path: "quoteId", message: "Choose an opened quote of this RFQ." },
      ]);
      const unknownQuote = await api(ADVISOR.token, `/api/v1/rfqs/${ids.benefits}/advisor-notes`, {
        method: "POST",
        body: JSON.stringify({ body: "ok", quoteId: foreignQuote, recommends: true }),
        lang: "en",
      });
      expect(unknownQuote.status).toBe(400);
      expect(((await unknownQuote.json()) as { errors: unknown[] }).errors).toEqual([{ path: "quoteId", message: "Choose an opened quote of this RFQ." }]);
      expect(await count("advisor_notes")).toBe(notes);
      expect(await count("audit_log")).toBe(auditRows);
    });
  });
});

describe("removing the advisor", () => {
  it("is audited and closes every door again; the buyer keeps the notes", async () => {
    h.clock.set(new Date(benefitsDeadline.getTime() + 60_000));
    await logInEveryone();
    const res = await postForm(h, `/rfqs/${ids.benefits}`, { intent: "removeAdvisor", advisorOrgId }, sessions.buyer);
    expect(res.status).toBe(302);
    expect((await audits("rfq.advisor.remove", ids.benefits))[0].before).toEqual({ advisorOrgId });
    expect(await comparisonStatuses("advisor", ADVISOR.token, ids.benefits)).toEqual(all(404));
    expect((await page("advisor", `/rfqs/${ids.benefits}`)).status).toBe(404);
    expect((await api(ADVISOR.token, `/api/v1/rfqs/${ids.benefits}/advisor-notes`)).status).toBe(404);
    const kept = (await (await api(BUYER.token, `/api/v1/rfqs/${ids.benefits}/advisor-notes`)).json()) as { data: unknown[] };
    expect(kept.data).toHaveLength(1);
  });
});
