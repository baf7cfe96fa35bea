import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assignAdvisor } from "../../app/services/advisors.server";
import { actorFor, createAccount, createApiToken, createPublishedRfq, createUser, mustSucceed, openRfq, submitQuote, type Account } from "../factories";
import { Cookies, createHarness, postForm, type Harness } from "./harness";

// Advisor recommendations and notes (issue 14, item 20): an advisory organisation keeps ONE current
// recommendation per RFQ — recommending another quote replaces it, with history — and a note's author
// edits or withdraws it, the earlier state kept and shown to the buyer as edited / withdrawn. Page and API.

type Note = {
  id: string;
  recommends: boolean;
  current: boolean;
  body: string;
  vendorName: string | null;
  editedAt: string | null;
  withdrawnAt: string | null;
  supersededAt: string | null;
  revisions: { change: string; body: string }[];
};

let h: Harness;
let buyer: Account, advisor: Account, vendorA: Account, vendorB: Account;
let colleagueToken: string;
let rfqId: string, quoteA: string, quoteB: string;

const api = (token: string, path: string, init: { method?: string; body?: unknown; lang?: string } = {}) =>
  h.request(`/api/v1/rfqs/${rfqId}/advisor-notes${path}`, {
    method: init.method ?? "GET",
    headers: {
      Authorization: `Bearer ${token}`,
      "Accept-Language": init.lang ?? "ja",
      ...(init.body !== undefined ? { "Content-Type": "application/json" } : {}),
    },
    body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
  });
const list = async (token: string) => ((await (await api(token, "")).json()) as { data: Note[] }).data;
const count = async (table: "advisor_notes" | "advisor_note_revisions" | "audit_log") =>
  Number(
    (
      await h.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  h = await createHarness();
  buyer = await createAccount(h.db, { kind: "buyer", org: "推薦履歴検証市" });
  advisor = await createAccount(h.db, { kind: "advisory", org: "推薦履歴アドバイザリー" });
  const colleague = await createUser(h.db, { orgId: advisor.org.id, role: "member" });
  colleagueToken = await createApiToken(h.db, { orgId: advisor.org.id, userId: colleague.id });
  vendorA = await createAccount(h.db, { kind: "vendor", vendor: { name: "推薦検証ベンダーA株式会社" } });
  vendorB = await createAccount(h.db, { kind: "vendor", vendor: { name: "推薦検証ベンダーB株式会社" } });
  const b = await actorFor(h.db, buyer.email);
  rfqId = await createPublishedRfq(h, b);
  quoteA = await submitQuote(h, await actorFor(h.db, vendorA.email), rfqId);
  quoteB = await submitQuote(h, await actorFor(h.db, vendorB.email), rfqId);
  mustSucceed(await assignAdvisor(h.ctx, b, rfqId, { advisorOrgId: advisor.org.id }), "assigning");
  await openRfq(h, rfqId);
});
afterAll(() => h?.close());

describe("one current recommendation per advisory organisation", () => {
  it("recommending another quote replaces the current recommendation, which stays as history", async () => {
    expect((await api(advisor.token, "", { method: "POST", body: { body: "A社を推薦します", quoteId: quoteA, recommends: true } })).status).toBe(201);
    expect((await api(advisor.token, "", { method: "POST", body: { body: "B社の方が良いです", quoteId: quoteB, recommends: true } })).status).toBe(201);
    const notes = await list(buyer.token);
    expect(notes.filter((n) => n.current)).toEqual([expect.objectContaining({ vendorName: "推薦検証ベンダーB株式会社", body: "B社の方が良いです" })]);
    const replaced = notes.find((n) => n.body === "A社を推薦します")!;
    expect(replaced).toMatchObject({ recommends: true, current: false });
    expect(replaced.supersededAt).not.toBeNull();
    expect(replaced.revisions).toEqual([expect.objectContaining({ change: "supersede", body: "A社を推薦します" })]);
  });

  it("two recommendations at once still leave exactly one current", async () => {
    const both = await Promise.all(
      [quoteA, quoteB].map((quoteId) => api(advisor.token, "", { method: "POST", body: { body: `同時 ${quoteId}`, quoteId, recommends: true } })),
    );
    expect(both.map((r) => r.status)).toEqual([201, 201]);
    expect((await list(buyer.token)).filter((n) => n.current)).toHaveLength(1);
  });
});

describe("editing and withdrawing a note", () => {
  it("its author edits the text; the buyer sees it as edited with the earlier text (API)", async () => {
    const added = (await (await api(advisor.token, "", { method: "POST", body: { body: "初稿のコメント" } })).json()) as Note;
    const res = await api(advisor.token, `/${added.id}`, { method: "PATCH", body: { body: "訂正したコメント" } });
    expect(res.status).toBe(200);
    const seen = (await list(buyer.token)).find((n) => n.id === added.id)!;
    expect(seen.body).toBe("訂正したコメント");
    expect(seen.editedAt).not.toBeNull();
    expect(seen.revisions).toEqual([expect.objectContaining({ change: "edit", body: "初稿のコメント" })]);
    expect(await h.db.selectFrom("audit_log").select("id").where("action", "=", "advisor_note.edit").where("entity_id", "=", added.id).execute()).toHaveLength(
      1,
    );
  });

  it("refuses others and bad input without writing: a colleague 403, a vendor and the buyer 404, an empty text 400 in the caller's language", async () => {
    const [note] = await list(advisor.token);
    const before = [await count("advisor_note_revisions"), await count("audit_log")];
    expect((await api(colleagueToken, `/${note.id}`, { method: "PATCH", body: { body: "乗っ取り" } })).status).toBe(403);
    expect((await api(colleagueToken, `/${note.id}`, { method: "DELETE" })).status).toBe(403);
    expect((await api(vendorA.token, `/${note.id}`, { method: "DELETE" })).status).toBe(404);
    expect((await api(buyer.token, `/${note.id}`, { method: "PATCH", body: { body: "x" } })).status).toBe(404);
    const empty = await api(advisor.token, `/${note.id}`, { method: "PATCH", body: { body: "  " }, lang: "en" });
    expect(empty.status).toBe(400);
    expect(JSON.stringify(await empty.json())).toContain("Enter a note.");
    expect([await count("advisor_note_revisions"), await count("audit_log")]).toEqual(before);
  });

  it("its author withdraws a note; the buyer still reads it, marked withdrawn; withdrawing again is a conflict", async () => {
    const current = (await list(advisor.token)).find((n) => n.current)!;
    const res = await api(advisor.token, `/${current.id}`, { method: "DELETE" });
    expect(res.status).toBe(200);
    const seen = (await list(buyer.token)).find((n) => n.id === current.id)!;
    expect(seen.withdrawnAt).not.toBeNull();
    expect(seen.current).toBe(false);
    expect((await list(buyer.token)).filter((n) => n.current)).toHaveLength(0);
    expect((await api(advisor.token, `/${current.id}`, { method: "DELETE" })).status).toBe(409);
  });

  it("works on the comparison page too, and the buyer's page shows 編集済み and 撤回済み", async () => {
    const cookies = new Cookies();
    expect((await postForm(h, "/login", { email: advisor.email, password: advisor.password }, cookies)).status).toBe(302);
    const added = (await (await api(advisor.token, "", { method: "POST", body: { body: "ページで直すコメント" } })).json()) as Note;
    const page = await h.request(`/rfqs/${rfqId}/compare`, { cookies });
    expect(await page.text()).toContain('name="intent" value="editNote"');
    const blank = await postForm(h, `/rfqs/${rfqId}/compare`, { intent: "editNote", noteId: added.id, body: "" }, cookies);
    expect(blank.status).toBe(400);
    expect(await blank.text()).toContain("コメントを入力してください。");
    expect((await postForm(h, `/rfqs/${rfqId}/compare`, { intent: "editNote", noteId: added.id, body: "ページで直したコメント" }, cookies)).status).toBe(302);
    expect((await postForm(h, `/rfqs/${rfqId}/compare`, { intent: "withdrawNote", noteId: added.id }, cookies)).status).toBe(302);
    const buyerCookies = new Cookies();
    expect((await postForm(h, "/login", { email: buyer.email, password: buyer.password }, buyerCookies)).status).toBe(302);
    const html = await (await h.request(`/rfqs/${rfqId}/compare`, { cookies: buyerCookies })).text();
    expect(html).toContain("編集済み（");
    expect(html).toContain("撤回済み（");
    expect(html).toContain("ページで直すコメント");
    expect(html).not.toContain('value="editNote"');
  });
});
