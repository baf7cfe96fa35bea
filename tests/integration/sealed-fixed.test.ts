import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDatabase } from "../../db/client.server";
import { migrateToLatest } from "../../db/migrate";
import { enqueueQuotesOpenedBetween } from "../../db/queries/quotes";
import { actorFor, createAccount, createPublishedRfq, serviceContext, submitQuote, type Account } from "../factories";
import { quoteA } from "../../app/domain/quote/test-fixtures";
import { isoToJstLocal } from "../../app/domain/rfq/form-steps";
import { completeRfqInput } from "../../app/domain/rfq/test-fixtures";
import { sealedMessages } from "../../app/i18n/messages-sealed";
import { rfqMessages } from "../../app/domain/rfq/messages";
import { Cookies, createHarness, postForm, type Harness } from "./harness";

// Issue 12, item 1: sealed bids can never open early. Sealed/open is fixed at first publication and the
// deadline may only be extended — whatever the path (API addendum, PATCH, the edit form followed by an
// addendum, a direct UPDATE) — and a cancelled sealed RFQ never opens. After every refused attempt the
// buyer still cannot read a quote anywhere: API, pages, comparison, search index.

let h: Harness;
// The file's own accounts (created in beforeAll): a buyer and the two vendors it invites.
let BUYER: Account;
let VENDOR: Account;
let OTHER_VENDOR: Account;
const DAY = 86_400_000;
/** A unit price nobody else quotes: wherever it appears, the quote's content leaked. */
const MARKER = /638[,，]?219/;

/** The fixture quote with a distinctive monthly price. */
const quote = (ops: number) => quoteA({ unitPrices: { INIT: 200_000, OPS: ops, DOC: 300 } });

const buyerCookies = new Cookies();
const api = (path: string, init: { method?: string; body?: unknown; token?: string; lang?: "ja" | "en" } = {}) =>
  h.request(path, {
    method: init.method ?? "GET",
    headers: { Authorization: `Bearer ${init.token ?? BUYER.token}`, "Content-Type": "application/json", "Accept-Language": init.lang ?? "ja" },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });

/** A published RFQ (deadline in 7 days) with two submitted quotes; returns its id, the marked quote's id and its deadline. */
async function publishWithQuotes(sealed: boolean, title: string) {
  const invited = [VENDOR.org.id, OTHER_VENDOR.org.id];
  const deadline = new Date(h.clock.now().getTime() + 7 * DAY);
  const buyer = await actorFor(h.db, BUYER.email);
  const rfqId = await createPublishedRfq(h, buyer, completeRfqInput({ title, quoteDeadline: deadline.toISOString(), sealed, invitedVendorIds: invited }));
  const quoteId = await submitQuote(h, await actorFor(h.db, VENDOR.email), rfqId, quote(638_219));
  await submitQuote(h, await actorFor(h.db, OTHER_VENDOR.email), rfqId, quote(512_004));
  return { rfqId, quoteId, deadline };
}

async function indexedQuoteIds(): Promise<string[]> {
  const res = await fetch(`${inject("meiliUrl")}/indexes/${h.search.uid("quotes")}/documents?limit=1000`, {
    headers: { Authorization: `Bearer ${inject("meiliKey")}` },
  });
  if (res.status === 404) return [];
  expect(res.status).toBe(200);
  return ((await res.json()) as { results: { id: string }[] }).results.map((d) => d.id);
}

/** Every buyer surface that would show the quote once opened: all must still be closed. */
async function expectStillSealed(t: { rfqId: string; quoteId: string }, why: string) {
  expect((await api(`/api/v1/quotes/${t.quoteId}`)).status, `${why}: API quote`).toBe(404);
  const list = (await (await api(`/api/v1/rfqs/${t.rfqId}/quotes`)).json()) as { sealed: boolean; counts: { received: number }; data?: unknown };
  expect(list, `${why}: API list`).toMatchObject({ sealed: true, counts: { received: 2 } });
  expect(list.data, `${why}: API list`).toBeUndefined();
  expect((await api(`/api/v1/rfqs/${t.rfqId}/comparison`)).status, `${why}: API comparison`).toBe(404);
  // The clock may have moved days on, past the session's 12-hour idle timeout: sign in again at this moment.
  await logInBuyer();
  expect((await h.request(`/quotes/${t.quoteId}`, { cookies: buyerCookies })).status, `${why}: quote page`).toBe(404);
  const page = await h.request(`/rfqs/${t.rfqId}`, { cookies: buyerCookies });
  expect(page.status, `${why}: RFQ page`).toBe(200);
  expect(await page.text(), `${why}: RFQ page`).not.toMatch(MARKER);
  await h.index();
  expect(await indexedQuoteIds(), `${why}: quotes index`).not.toContain(t.quoteId);
  const row = await h.db.selectFrom("rfqs").select(["sealed"]).where("id", "=", t.rfqId).executeTakeFirstOrThrow();
  expect(row.sealed, `${why}: stored`).toBe(true);
}

/** Every published version says sealed, like the fixed column (vendors read the version). */
async function expectVersionsSealed(rfqId: string) {
  const versions = await h.db
    .selectFrom("rfq_versions")
    .select(sql<boolean>`(content->>'sealed')::boolean`.as("sealed"))
    .where("rfq_id", "=", rfqId)
    .execute();
  expect(versions.length).toBeGreaterThan(0);
  expect(versions.every((v) => v.sealed)).toBe(true);
}

async function logInBuyer() {
  expect((await postForm(h, "/login", { email: BUYER.email, password: BUYER.password }, buyerCookies)).status).toBe(302);
}

beforeAll(async () => {
  h = await createHarness();
  BUYER = await createAccount(h.db, { kind: "buyer", org: "封印試験市 契約課" });
  VENDOR = await createAccount(h.db, { kind: "vendor", vendor: { name: "封印試験ベンダー株式会社" } });
  OTHER_VENDOR = await createAccount(h.db, { kind: "vendor", vendor: { name: "別の入札者株式会社" } });
  await logInBuyer();
});
afterAll(() => h.close());

describe("sealed/open is fixed at first publication", () => {
  let t: { rfqId: string; quoteId: string; deadline: Date };
  beforeAll(async () => {
    t = await publishWithQuotes(true, "封印固定の試験");
    await expectStillSealed(t, "baseline");
  });

  it("an API addendum that unseals is refused with a field error in ja and en, and nothing opens", async () => {
    const ja = await api(`/api/v1/rfqs/${t.rfqId}/addenda`, { method: "POST", body: { changeSummary: "封印を解除", changes: { sealed: false } } });
    expect(ja.status).toBe(400);
    expect(ja.headers.get("Content-Type")).toContain("application/problem+json");
    expect(((await ja.json()) as { errors: { path: string; message: string }[] }).errors).toContainEqual({
      path: "sealed",
      field: "封印入札",
      message: sealedMessages["sealed.fixedAtPublication"].ja,
    });
    const en = await api(`/api/v1/rfqs/${t.rfqId}/addenda`, { method: "POST", body: { changeSummary: "unseal", changes: { sealed: false } }, lang: "en" });
    expect(((await en.json()) as { errors: { path: string; message: string }[] }).errors).toContainEqual({
      path: "sealed",
      field: "Sealed bids",
      message: sealedMessages["sealed.fixedAtPublication"].en,
    });
    await expectStillSealed(t, "after the API addendum");
  });

  it("PATCH refuses unsealing (the working copy never holds it) and so does a later addendum", async () => {
    const res = await api(`/api/v1/rfqs/${t.rfqId}`, { method: "PATCH", body: { sealed: false }, lang: "en" });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: { path: string; message: string }[] }).errors).toContainEqual({
      path: "sealed",
      message: sealedMessages["sealed.fixedAtPublication"].en,
    });
    const working = await h.db
      .selectFrom("rfqs")
      .select(sql<boolean>`(content->>'sealed')::boolean`.as("sealed"))
      .where("id", "=", t.rfqId)
      .executeTakeFirstOrThrow();
    expect(working.sealed).toBe(true);
    // Publishing the working copy now publishes nothing that unseals.
    await api(`/api/v1/rfqs/${t.rfqId}/addenda`, { method: "POST", body: { changeSummary: "作業コピーを公開" } });
    await expectVersionsSealed(t.rfqId);
    await expectStillSealed(t, "after PATCH + addendum");
  });

  it("the edit form shows sealed read-only once published, refuses an unsealing post, and the page addendum opens nothing", async () => {
    const page = await h.request(`/rfqs/${t.rfqId}/edit/scheduleAndInvitations`, { cookies: buyerCookies });
    const html = await page.text();
    expect(html).toContain('data-testid="sealed-fixed"');
    expect(html).not.toMatch(/type="checkbox"[^>]*name="sealed"|name="sealed"[^>]*type="checkbox"/);
    // A hand-made post without the hidden field asks for sealed=false (an unchecked box).
    const fields = {
      quoteDeadline: isoToJstLocal(t.deadline.toISOString()),
      visibility: "invited",
      invitedVendorIds: [VENDOR.org.id, OTHER_VENDOR.org.id],
      then: "stay",
    };
    const refused = await postForm(h, `/rfqs/${t.rfqId}/edit/scheduleAndInvitations`, fields, buyerCookies);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain(sealedMessages["sealed.fixedAtPublication"].ja);
    // The form as the browser sends it (with the hidden fixed value) still saves.
    expect((await postForm(h, `/rfqs/${t.rfqId}/edit/scheduleAndInvitations`, { ...fields, sealed: "on" }, buyerCookies)).status).toBe(302);
    await postForm(h, `/rfqs/${t.rfqId}`, { intent: "addendum", changeSummary: "編集を公開" }, buyerCookies);
    await expectVersionsSealed(t.rfqId);
    await expectStillSealed(t, "after the edit form + page addendum");
  });

  it("a second addendum cannot re-seal an open RFQ either (sealing after reading would hide that quotes were read)", async () => {
    const open = await publishWithQuotes(false, "公開見積の再封印の試験");
    const res = await api(`/api/v1/rfqs/${open.rfqId}/addenda`, { method: "POST", body: { changeSummary: "再封印", changes: { sealed: true } } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toContain("sealed");
    expect((await h.db.selectFrom("rfqs").select("sealed").where("id", "=", open.rfqId).executeTakeFirstOrThrow()).sealed).toBe(false);
    // An addendum that leaves sealed alone is still fine: the rule blocks the change, not addenda.
    const ok = await api(`/api/v1/rfqs/${t.rfqId}/addenda`, {
      method: "POST",
      body: { changeSummary: "目的の補足", changes: { purpose: "目的を補足しました。" } },
    });
    expect(ok.status).toBe(201);
    await expectStillSealed(t, "after a legitimate addendum");
  });
});

describe("the deadline may only move later", () => {
  let t: { rfqId: string; quoteId: string; deadline: Date };
  beforeAll(async () => {
    t = await publishWithQuotes(true, "締切短縮の試験");
  });
  const earlier = () => new Date(h.clock.now().getTime() + DAY).toISOString();

  it("PATCH refuses bringing it forward with a field error", async () => {
    const res = await api(`/api/v1/rfqs/${t.rfqId}`, { method: "PATCH", body: { quoteDeadline: earlier() }, lang: "en" });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: { path: string; message: string }[] }).errors).toContainEqual({
      path: "quoteDeadline",
      message: rfqMessages["rfq.addendum.deadlineShortened"].en,
    });
  });

  it("the API addendum and the edit form refuse it too", async () => {
    expect(
      (await api(`/api/v1/rfqs/${t.rfqId}/addenda`, { method: "POST", body: { changeSummary: "短縮", changes: { quoteDeadline: earlier() } } })).status,
    ).toBe(400);
    const fields = {
      quoteDeadline: isoToJstLocal(earlier()),
      sealed: "on",
      visibility: "invited",
      invitedVendorIds: [VENDOR.org.id, OTHER_VENDOR.org.id],
      then: "stay",
    };
    const form = await postForm(h, `/rfqs/${t.rfqId}/edit/scheduleAndInvitations`, fields, buyerCookies);
    expect(form.status).toBe(400);
    expect(await form.text()).toContain(rfqMessages["rfq.addendum.deadlineShortened"].ja);
  });

  it("the stored deadline is unchanged and the buyer still reads nothing the day after the proposed one", async () => {
    const row = await h.db.selectFrom("rfqs").select("quote_deadline").where("id", "=", t.rfqId).executeTakeFirstOrThrow();
    expect(row.quote_deadline?.getTime()).toBe(t.deadline.getTime());
    const saved = h.clock.now();
    h.clock.set(new Date(saved.getTime() + 2 * DAY));
    try {
      await expectStillSealed(t, "two days on");
    } finally {
      h.clock.set(saved);
    }
  });
});

describe("a cancelled sealed RFQ never opens", () => {
  it("stays closed to the buyer past its deadline on every surface, and the opening sweep indexes nothing", async () => {
    const t = await publishWithQuotes(true, "中止した封印入札の試験");
    expect((await postForm(h, `/rfqs/${t.rfqId}`, { intent: "cancel", reason: "予算の見直し" }, buyerCookies)).status).toBe(302);
    await h.index();
    const saved = h.clock.now();
    h.clock.set(new Date(t.deadline.getTime() + DAY));
    try {
      // The indexer's sweep for RFQs whose deadline just passed: it must not pick cancelled ones.
      await enqueueQuotesOpenedBetween(h.db, saved, h.clock.now());
      const swept = await h.db
        .selectFrom("outbox")
        .select("id")
        .where("topic", "=", "quote")
        .where("entity_id", "=", t.quoteId)
        .where("processed_at", "is", null)
        .execute();
      expect(swept).toEqual([]);
      await expectStillSealed(t, "cancelled, a day past the deadline");
    } finally {
      h.clock.set(saved);
    }
  });
});

describe("the database refuses it too (trigger)", () => {
  async function expectRefused(run: () => Promise<unknown>) {
    await expect(run()).rejects.toThrow(
      /fixed once published|only be extended|cannot return to draft|stays cancelled|would change sealed|bring the deadline forward/,
    );
  }

  it("a direct UPDATE cannot unseal, bring the deadline forward, return to draft or revive a cancelled RFQ", async () => {
    const t = await publishWithQuotes(true, "トリガーの試験");
    await expectRefused(() => h.db.updateTable("rfqs").set({ sealed: false }).where("id", "=", t.rfqId).execute());
    await expectRefused(() => sql`update rfqs set quote_deadline = quote_deadline - interval '1 second' where id = ${t.rfqId}`.execute(h.db));
    await expectRefused(() => h.db.updateTable("rfqs").set({ quote_deadline: null }).where("id", "=", t.rfqId).execute());
    await expectRefused(() => h.db.updateTable("rfqs").set({ status: "draft" }).where("id", "=", t.rfqId).execute());
    await expectRefused(() =>
      h.db
        .insertInto("rfq_versions")
        .values({
          rfq_id: t.rfqId,
          version: 99,
          content: JSON.stringify({ sealed: false, quoteDeadline: t.deadline.toISOString() }),
          created_by: sql<string>`(select created_by from rfqs where id = ${t.rfqId})`,
        })
        .execute(),
    );
    // Extending is allowed, and so is cancelling; a cancelled RFQ then stays cancelled.
    await sql`update rfqs set quote_deadline = quote_deadline + interval '1 day' where id = ${t.rfqId}`.execute(h.db);
    await h.db.updateTable("rfqs").set({ status: "cancelled" }).where("id", "=", t.rfqId).execute();
    await expectRefused(() => h.db.updateTable("rfqs").set({ status: "published" }).where("id", "=", t.rfqId).execute());
    expect(await h.db.selectFrom("rfqs").select(["sealed", "status"]).where("id", "=", t.rfqId).executeTakeFirstOrThrow()).toEqual({
      sealed: true,
      status: "cancelled",
    });
  });

  it("works the same on the embedded database (PGlite)", async () => {
    const db = await createDatabase({ dataDir: "memory://" });
    try {
      await migrateToLatest(db);
      const account = await createAccount(db, { kind: "buyer" });
      await createPublishedRfq(
        serviceContext(db, new Date()),
        await actorFor(db, account.email),
        completeRfqInput({ sealed: true, quoteDeadline: new Date(Date.now() + 7 * DAY).toISOString(), visibility: "marketplace", invitedVendorIds: [] }),
      );
      const row = await db.selectFrom("rfqs").select(["id", "sealed"]).where("status", "=", "published").where("sealed", "=", true).executeTakeFirstOrThrow();
      await expect(db.updateTable("rfqs").set({ sealed: false }).where("id", "=", row.id).execute()).rejects.toThrow(/fixed once published/);
      await expect(sql`update rfqs set quote_deadline = quote_deadline - interval '1 day' where id = ${row.id}`.execute(db)).rejects.toThrow(
        /only be extended/,
      );
    } finally {
      await db.destroy();
    }
  }, 60_000);
});
