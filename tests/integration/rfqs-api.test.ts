import { Validator } from "@seriousme/openapi-schema-validator";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS } from "../../db/seed";
import { completeRfqInput } from "../../app/domain/rfq/test-fixtures";
import { createHarness, type Harness } from "./harness";

// The RFQ lifecycle over /api/v1 with the demo tokens, on a real PostgreSQL: authoring, the
// completeness check, what each party may see, Q&A, addenda and the deadline on the harness clock.
// The tests run in order and share one RFQ, as a procurement officer's day would. The demo seed
// has RFQs of its own, so lists and notifications are narrowed to the RFQs created here.

let h: Harness;
const account = (email: string) => DEMO_ACCOUNTS.find((a) => a.email === email)!;
const buyer = account("buyer@midori-city.example");
const otherBuyer = account("buyer@sakura-foods.example");
const invitedVendor = account("gyosei@gyosei-support.example");
const secondInvitedVendor = account("sales@next-keiri.example");
const uninvitedVendor = account("info@payroll-partners.example");
const advisor = account("advisor@hikaku-advisory.example");

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Deadlines as a buyer in Tokyo writes them: relative to the harness clock, with the +09:00 offset. */
function jstIso(date: Date) {
  return new Date(date.getTime() + 9 * HOUR).toISOString().replace(/\.\d{3}Z$/, "+09:00");
}
const inDays = (days: number) => jstIso(new Date(h.clock.now().getTime() + days * DAY));

type Init = { method?: string; body?: unknown; lang?: "ja" | "en" };
function api(token: string | null, path: string, init: Init = {}) {
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (init.lang) headers["Accept-Language"] = init.lang;
  const body = init.body === undefined ? undefined : typeof init.body === "string" ? init.body : JSON.stringify(init.body);
  return h.request(path, { method: init.method ?? "GET", headers, body });
}

async function expectProblem(res: Response, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers.get("Content-Type")).toMatch(/^application\/problem\+json/);
  const body = (await res.json()) as { status: number; title: string; errors?: { path: string; message: string }[] };
  expect(body.status).toBe(status);
  return body;
}

async function expectJson<T>(res: Response, status: number): Promise<T> {
  expect(res.status).toBe(status);
  expect(res.headers.get("Content-Type")).toMatch(/^application\/json/);
  return (await res.json()) as T;
}

const WRITTEN_TABLES = ["rfqs", "rfq_versions", "rfq_invitations", "rfq_questions", "audit_log", "outbox", "notifications"] as const;
async function rowCounts() {
  const counts: Record<string, number> = {};
  for (const table of WRITTEN_TABLES) {
    const row = await h.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

const orgId = async (name: string) => (await h.db.selectFrom("organizations").select("id").where("name", "=", name).executeTakeFirstOrThrow()).id;
const rfqRow = (id: string) => h.db.selectFrom("rfqs").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
/** E-mails of the users notified of `kind` about one RFQ. */
const notifiedEmails = async (kind: string, aboutRfqId: string) =>
  (
    await h.db
      .selectFrom("notifications")
      .innerJoin("users", "users.id", "notifications.user_id")
      .select("users.email")
      .where("kind", "=", kind)
      .where(sql<string>`payload->>'rfqId'`, "=", aboutRfqId)
      .execute()
  )
    .map((n) => n.email)
    .sort();
/** List entries about the RFQs this file created (the seed's own RFQs are left out). */
const ours = <T extends { id: string }>(list: { data: T[] }) => list.data.filter((r) => r.id === rfqId || r.id === otherDraftId);
const auditActions = async (entityId: string) =>
  (await h.db.selectFrom("audit_log").select("action").where("entity_id", "=", entityId).orderBy("id").execute()).map((r) => r.action);

interface RfqBody {
  view: "buyer" | "vendor";
  id: string;
  status: string;
  version: number;
  quoteDeadline: string | null;
  counts?: { questions: number; unansweredQuestions: number; invitedVendors: number };
  versions: { version: number; changeSummary: string }[];
  content: Record<string, unknown>;
}
type FieldError = { path: string; message: string };
const byPath = (errors: FieldError[] = []) => [...errors].sort((a, b) => a.path.localeCompare(b.path));

let rfqId: string;
let otherDraftId: string;
let questionId: string;
let deadline: string;
let invitedVendorIds: string[];

beforeAll(async () => {
  h = await createHarness({ demo: true });
  invitedVendorIds = [await orgId(invitedVendor.org), await orgId(secondInvitedVendor.org)];
});
afterAll(async () => {
  await h.close();
});

describe("authoring a draft", () => {
  it("POST /rfqs creates a draft: 201, Location, the RFQ as stored, with audit and outbox rows", async () => {
    const res = await api(buyer.token, "/api/v1/rfqs", {
      method: "POST",
      body: { title: "給付金申請受付・審査業務の委託", category: "municipal", phase: "launch", purpose: "給付金の申請を正確かつ迅速に処理する。" },
    });
    const body = await expectJson<RfqBody>(res, 201);
    rfqId = body.id;
    expect(res.headers.get("Location")).toBe(`/api/v1/rfqs/${rfqId}`);
    expect(body).toMatchObject({ view: "buyer", status: "draft", version: 0, quoteDeadline: null, versions: [] });
    expect(body.content).toEqual({
      title: "給付金申請受付・審査業務の委託",
      category: "municipal",
      phase: "launch",
      purpose: "給付金の申請を正確かつ迅速に処理する。",
    });
    const row = await rfqRow(rfqId);
    expect(row).toMatchObject({ status: "draft", buyer_org_id: await orgId(buyer.org), current_version: 0 });
    expect(await auditActions(rfqId)).toEqual(["rfq.create"]);
    expect(await h.db.selectFrom("outbox").select("id").where("topic", "=", "rfq").where("entity_id", "=", rfqId).execute()).toHaveLength(1);
  });

  it("vendors cannot create RFQs (403) and nothing is written", async () => {
    const before = await rowCounts();
    await expectProblem(await api(invitedVendor.token, "/api/v1/rfqs", { method: "POST", body: { title: "x", category: "municipal" } }), 403);
    expect(await rowCounts()).toEqual(before);
  });

  it("PATCH merges the given fields into the draft and keeps the others", async () => {
    const res = await api(buyer.token, `/api/v1/rfqs/${rfqId}`, {
      method: "PATCH",
      body: {
        scopeIn: "申請受付、書類審査、データ入力、通知発送",
        lineItems: [{ code: "DOC", description: "申請書類の審査・入力", unit: "件", quantity: 2000, recurrence: "per_unit" }],
        budget: { min: 1, max: 2 },
      },
    });
    const body = await expectJson<RfqBody>(res, 200);
    expect(body.content).toMatchObject({ purpose: "給付金の申請を正確かつ迅速に処理する。", scopeIn: "申請受付、書類審査、データ入力、通知発送" });
    expect((await rfqRow(rfqId)).content).toMatchObject({ phase: "launch", lineItems: [{ code: "DOC", quantity: 2000 }], budget: { min: 1, max: 2 } });
  });

  it("PATCH with null removes an optional field, but never the title", async () => {
    const cleared = await expectJson<RfqBody>(await api(buyer.token, `/api/v1/rfqs/${rfqId}`, { method: "PATCH", body: { budget: null } }), 200);
    expect(cleared.content).not.toHaveProperty("budget");
    expect((await rfqRow(rfqId)).content).not.toHaveProperty("budget");

    const before = await rowCounts();
    const problem = await expectProblem(await api(buyer.token, `/api/v1/rfqs/${rfqId}`, { method: "PATCH", body: { title: null }, lang: "en" }), 400);
    expect(problem.errors).toEqual([{ path: "title", message: "This field is required." }]);
    expect(await rowCounts()).toEqual(before);
    expect((await rfqRow(rfqId)).title).toBe("給付金申請受付・審査業務の委託");
  });
});

describe("publishing", () => {
  it("an incomplete draft is refused with everything missing at once, and the database is unchanged", async () => {
    const before = await rowCounts();
    const rowBefore = await rfqRow(rfqId);
    const ja = await expectProblem(await api(buyer.token, `/api/v1/rfqs/${rfqId}/publish`, { method: "POST", lang: "ja" }), 400);
    expect(ja.title).toBe("公開するには次の項目を整えてください。");
    expect(ja.errors!.map((e) => e.path).sort()).toEqual(
      ["contractTermMonths", "criteria", "dataSensitivity", "invitedVendorIds", "quoteDeadline", "scoringMethod"].sort(),
    );
    expect(ja.errors).toContainEqual({ path: "quoteDeadline", field: "見積締切", message: "見積期限を入力してください。" });
    const en = await expectProblem(await api(buyer.token, `/api/v1/rfqs/${rfqId}/publish`, { method: "POST", lang: "en" }), 400);
    expect(en.errors).toContainEqual({ path: "criteria", field: "Evaluation criteria", message: "Add at least one evaluation criterion." });
    expect(await rowCounts()).toEqual(before);
    expect(await rfqRow(rfqId)).toEqual(rowBefore);
  });

  it("a deadline in the past is named as such", async () => {
    const complete = completeRfqInput({ quoteDeadline: inDays(-1), invitedVendorIds });
    await expectJson(await api(buyer.token, `/api/v1/rfqs/${rfqId}`, { method: "PATCH", body: complete }), 200);
    const problem = await expectProblem(await api(buyer.token, `/api/v1/rfqs/${rfqId}/publish`, { method: "POST", lang: "en" }), 400);
    expect(problem.errors).toEqual([{ path: "quoteDeadline", field: "Quote deadline", message: "The quote deadline must be in the future." }]);
    expect((await rfqRow(rfqId)).status).toBe("draft");
  });

  it("a complete draft publishes as version 1 with invitations, notifications, audit and outbox rows", async () => {
    deadline = inDays(14);
    await expectJson(await api(buyer.token, `/api/v1/rfqs/${rfqId}`, { method: "PATCH", body: { quoteDeadline: deadline } }), 200);
    const res = await api(buyer.token, `/api/v1/rfqs/${rfqId}/publish`, { method: "POST" });
    const body = await expectJson<{ status: string; version: number; quoteDeadline: string; warnings: unknown[] }>(res, 200);
    expect(body).toMatchObject({ status: "published", version: 1, quoteDeadline: new Date(deadline).toISOString(), warnings: [] });

    const row = await rfqRow(rfqId);
    expect(row).toMatchObject({ status: "published", current_version: 1 });
    expect(row.quote_deadline?.toISOString()).toBe(new Date(deadline).toISOString());
    expect(await h.db.selectFrom("rfq_versions").select("version").where("rfq_id", "=", rfqId).execute()).toEqual([{ version: 1 }]);
    const invited = await h.db.selectFrom("rfq_invitations").select("vendor_org_id").where("rfq_id", "=", rfqId).execute();
    expect(invited.map((r) => r.vendor_org_id).sort()).toEqual([...invitedVendorIds].sort());
    expect(await auditActions(rfqId)).toContain("rfq.publish");
    expect(await notifiedEmails("rfq.invited", rfqId)).toEqual([invitedVendor.email, secondInvitedVendor.email].sort());
  });

  it("a published RFQ cannot be published again (409)", async () => {
    await expectProblem(await api(buyer.token, `/api/v1/rfqs/${rfqId}/publish`, { method: "POST" }), 409);
  });
});

describe("who sees what", () => {
  beforeAll(async () => {
    const res = await api(buyer.token, "/api/v1/rfqs", { method: "POST", body: { title: "給与計算BPO（下書き）", category: "hr_payroll" } });
    otherDraftId = (await expectJson<RfqBody>(res, 201)).id;
  });

  it("the invited vendor reads the published version: no budget (not shown), invitations, baseline or hidden costs", async () => {
    const body = await expectJson<RfqBody>(await api(invitedVendor.token, `/api/v1/rfqs/${rfqId}`), 200);
    expect(body).toMatchObject({ view: "vendor", status: "published", version: 1, versions: [{ version: 1, changeSummary: "" }] });
    expect(body.content).toMatchObject({ title: "給付金申請受付・審査業務の委託", lineItems: expect.any(Array), criteria: expect.any(Array) });
    for (const secret of ["budget", "invitedVendorIds", "baselineCostMonthlyYen", "hiddenCosts"]) expect(body.content).not.toHaveProperty(secret);
    expect(body).not.toHaveProperty("counts");
  });

  it("the buyer reads the working copy with counts and versions", async () => {
    const body = await expectJson<RfqBody>(await api(buyer.token, `/api/v1/rfqs/${rfqId}`), 200);
    expect(body).toMatchObject({ view: "buyer", status: "published", version: 1, counts: { questions: 0, unansweredQuestions: 0, invitedVendors: 2 } });
    expect(body.content).toMatchObject({ budget: { min: 10_000_000, max: 15_000_000, showToVendors: false }, baselineCostMonthlyYen: 1_500_000 });
  });

  it("everyone else gets the same 404 as for an id that does not exist — never 403", async () => {
    const missing = await expectProblem(await api(otherBuyer.token, `/api/v1/rfqs/00000000-0000-4000-8000-000000000000`), 404);
    const cases: [string, string][] = [
      [uninvitedVendor.token, rfqId],
      [otherBuyer.token, rfqId],
      [advisor.token, rfqId],
      [otherBuyer.token, otherDraftId],
      [invitedVendor.token, otherDraftId],
    ];
    for (const [token, id] of cases) {
      expect(await expectProblem(await api(token, `/api/v1/rfqs/${id}`), 404)).toEqual(missing);
      expect(await expectProblem(await api(token, `/api/v1/rfqs/${id}/questions`), 404)).toEqual(missing);
    }
  });

  it("without a token the answer is 401 whether the RFQ exists or not", async () => {
    const existing = await expectProblem(await api(null, `/api/v1/rfqs/${rfqId}`), 401);
    expect(await expectProblem(await api(null, `/api/v1/rfqs/00000000-0000-4000-8000-000000000000`), 401)).toEqual(existing);
  });

  it("another buyer cannot edit, publish or amend the RFQs (404) and nothing changes", async () => {
    const before = await rowCounts();
    const draftBefore = await rfqRow(otherDraftId);
    await expectProblem(await api(otherBuyer.token, `/api/v1/rfqs/${otherDraftId}`, { method: "PATCH", body: { title: "乗っ取り" } }), 404);
    await expectProblem(await api(otherBuyer.token, `/api/v1/rfqs/${otherDraftId}/publish`, { method: "POST" }), 404);
    await expectProblem(await api(otherBuyer.token, `/api/v1/rfqs/${rfqId}/addenda`, { method: "POST", body: { changeSummary: "x" } }), 404);
    await expectProblem(await api(invitedVendor.token, `/api/v1/rfqs/${rfqId}`, { method: "PATCH", body: { title: "x" } }), 404);
    expect(await rowCounts()).toEqual(before);
    expect(await rfqRow(otherDraftId)).toEqual(draftBefore);
  });

  it("ids that are not ids answer 404, not 500", async () => {
    await expectProblem(await api(buyer.token, "/api/v1/rfqs/not-a-uuid"), 404);
    await expectProblem(await api(buyer.token, "/api/v1/questions/not-a-uuid/answer", { method: "POST", body: { answer: "x" } }), 404);
  });

  it("GET /rfqs lists a buyer's own RFQs, filterable by status", async () => {
    type List = { data: { id: string; view: string; status: string; counts?: unknown }[] };
    const all = await expectJson<List>(await api(buyer.token, "/api/v1/rfqs"), 200);
    expect(
      ours(all)
        .map((r) => r.id)
        .sort(),
    ).toEqual([rfqId, otherDraftId].sort());
    const drafts = await expectJson<List>(await api(buyer.token, "/api/v1/rfqs?status=draft"), 200);
    expect(drafts.data.every((r) => r.view === "buyer" && r.status === "draft")).toBe(true);
    expect(ours(drafts)).toEqual([expect.objectContaining({ id: otherDraftId })]);
    const open = await expectJson<List>(await api(buyer.token, "/api/v1/rfqs?status=open"), 200);
    expect(open.data.every((r) => r.status === "published")).toBe(true);
    expect(ours(open)).toEqual([expect.objectContaining({ id: rfqId, counts: { questions: 0, unansweredQuestions: 0 } })]);
    expect(ours(await expectJson<List>(await api(otherBuyer.token, "/api/v1/rfqs"), 200))).toEqual([]);
    const bad = await expectProblem(await api(buyer.token, "/api/v1/rfqs?status=published-ish", { lang: "en" }), 400);
    expect(bad.errors).toEqual([{ path: "status", message: "Choose one of the options." }]);
  });

  it("GET /rfqs lists for a vendor the open RFQs it may quote on", async () => {
    type List = { data: { id: string; view: string; invited: boolean; buyerName: string }[] };
    const invited = await expectJson<List>(await api(invitedVendor.token, "/api/v1/rfqs"), 200);
    expect(invited.data.every((r) => r.view === "vendor")).toBe(true);
    expect(ours(invited)).toEqual([expect.objectContaining({ id: rfqId, invited: true, buyerName: buyer.org })]);
    expect(ours(await expectJson<List>(await api(uninvitedVendor.token, "/api/v1/rfqs"), 200))).toEqual([]);
    expect((await expectJson<List>(await api(invitedVendor.token, "/api/v1/rfqs?status=draft"), 200)).data).toEqual([]);
  });
});

describe("questions and answers", () => {
  it("an invited vendor asks; an uninvited one gets 404 and nothing is written", async () => {
    const res = await api(invitedVendor.token, `/api/v1/rfqs/${rfqId}/questions`, { method: "POST", body: { question: "繁忙期の件数の上限はありますか？" } });
    const body = await expectJson<{ id: string; rfqId: string; question: string }>(res, 201);
    questionId = body.id;
    expect(body).toMatchObject({ rfqId, question: "繁忙期の件数の上限はありますか？" });
    const row = await h.db.selectFrom("rfq_questions").selectAll().where("id", "=", questionId).executeTakeFirstOrThrow();
    expect(row.asked_by_org_id).toBe(invitedVendorIds[0]);

    const before = await rowCounts();
    await expectProblem(await api(uninvitedVendor.token, `/api/v1/rfqs/${rfqId}/questions`, { method: "POST", body: { question: "？" } }), 404);
    await expectProblem(await api(buyer.token, `/api/v1/rfqs/${rfqId}/questions`, { method: "POST", body: { question: "？" } }), 404);
    expect(await rowCounts()).toEqual(before);
  });

  it("the buyer sees who asked; another vendor does not see the unanswered question", async () => {
    type List = { view: string; data: Record<string, unknown>[] };
    const forBuyer = await expectJson<List>(await api(buyer.token, `/api/v1/rfqs/${rfqId}/questions`), 200);
    expect(forBuyer).toEqual({ view: "buyer", data: [expect.objectContaining({ id: questionId, askedBy: invitedVendor.org, answer: null })] });
    const forOther = await expectJson<List>(await api(secondInvitedVendor.token, `/api/v1/rfqs/${rfqId}/questions`), 200);
    expect(forOther).toEqual({ view: "vendor", data: [] });
  });

  it("only the owning buyer answers (others 404); the answer reaches every bidder without naming the asker", async () => {
    await expectProblem(await api(otherBuyer.token, `/api/v1/questions/${questionId}/answer`, { method: "POST", body: { answer: "x" } }), 404);
    await expectProblem(await api(invitedVendor.token, `/api/v1/questions/${questionId}/answer`, { method: "POST", body: { answer: "x" } }), 404);
    expect((await h.db.selectFrom("rfq_questions").select("answer").where("id", "=", questionId).executeTakeFirstOrThrow()).answer).toBeNull();

    const answer = "上限は月4,000件です。超過分は別途協議とします。";
    const res = await api(buyer.token, `/api/v1/questions/${questionId}/answer`, { method: "POST", body: { answer } });
    expect(await expectJson(res, 200)).toEqual({ id: questionId, rfqId, answer });

    const forOther = await expectJson<{ data: Record<string, unknown>[] }>(await api(secondInvitedVendor.token, `/api/v1/rfqs/${rfqId}/questions`), 200);
    expect(forOther.data).toEqual([expect.objectContaining({ id: questionId, answer, mine: false })]);
    expect(forOther.data[0]).not.toHaveProperty("askedBy");
    expect(JSON.stringify(forOther)).not.toContain(invitedVendor.org);
    const forAsker = await expectJson<{ data: Record<string, unknown>[] }>(await api(invitedVendor.token, `/api/v1/rfqs/${rfqId}/questions`), 200);
    expect(forAsker.data).toEqual([expect.objectContaining({ id: questionId, mine: true })]);

    expect(await notifiedEmails("rfq.answerPublished", rfqId)).toEqual([invitedVendor.email, secondInvitedVendor.email].sort());
    expect(await auditActions(questionId)).toEqual(["rfq.question", "rfq.answer"]);
  });
});

describe("addenda", () => {
  it("a refused addendum leaves the working copy and everything else untouched", async () => {
    const before = await rowCounts();
    const rowBefore = await rfqRow(rfqId);
    const res = await api(buyer.token, `/api/v1/rfqs/${rfqId}/addenda`, {
      method: "POST",
      lang: "en",
      body: { changeSummary: "締切の変更", changes: { title: "変更後の件名", quoteDeadline: inDays(7) } },
    });
    const problem = await expectProblem(res, 400);
    expect(problem.errors).toEqual([{ path: "quoteDeadline", field: "Quote deadline", message: "An addendum may extend the deadline, not bring it forward." }]);
    expect(await rowCounts()).toEqual(before);
    expect(await rfqRow(rfqId)).toEqual(rowBefore);
  });

  it("an addendum extends the deadline, shows the budget, bumps the version and writes an audit row", async () => {
    const extended = inDays(21);
    const res = await api(buyer.token, `/api/v1/rfqs/${rfqId}/addenda`, {
      method: "POST",
      body: {
        changeSummary: "見積期限を1週間延長し、予算額を開示します。",
        changes: { quoteDeadline: extended, budget: { min: 10_000_000, max: 15_000_000, showToVendors: true } },
      },
    });
    const body = await expectJson(res, 201);
    expect(body).toEqual({
      id: rfqId,
      status: "published",
      version: 2,
      quoteDeadline: new Date(extended).toISOString(),
      changeSummary: "見積期限を1週間延長し、予算額を開示します。",
    });
    deadline = extended;

    const row = await rfqRow(rfqId);
    expect(row).toMatchObject({ status: "published", current_version: 2 });
    expect(row.quote_deadline?.toISOString()).toBe(new Date(extended).toISOString());
    const audit = await h.db.selectFrom("audit_log").selectAll().where("entity_id", "=", rfqId).where("action", "=", "rfq.addendum").execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].before).toMatchObject({ version: 1 });
    expect(audit[0].after).toMatchObject({ version: 2, quoteDeadline: extended, changeSummary: "見積期限を1週間延長し、予算額を開示します。" });

    const forVendor = await expectJson<RfqBody>(await api(secondInvitedVendor.token, `/api/v1/rfqs/${rfqId}`), 200);
    expect(forVendor).toMatchObject({ version: 2, quoteDeadline: new Date(extended).toISOString() });
    expect(forVendor.content.budget).toEqual({ min: 10_000_000, max: 15_000_000 });
    expect(forVendor.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(await notifiedEmails("rfq.addendum", rfqId)).toEqual([invitedVendor.email, secondInvitedVendor.email].sort());
  });

  it("PATCH on a published RFQ prepares the next addendum without changing what vendors see", async () => {
    await expectJson(await api(buyer.token, `/api/v1/rfqs/${rfqId}`, { method: "PATCH", body: { reportingCadence: "週次" } }), 200);
    expect((await rfqRow(rfqId)).content).toMatchObject({ reportingCadence: "週次" });
    const forVendor = await expectJson<RfqBody>(await api(invitedVendor.token, `/api/v1/rfqs/${rfqId}`), 200);
    expect(forVendor.content.reportingCadence).toBe("月次");
  });
});

describe("invalid input", () => {
  it("malformed JSON is a 400 problem and nothing is written", async () => {
    const before = await rowCounts();
    const problem = await expectProblem(await api(buyer.token, "/api/v1/rfqs", { method: "POST", body: '{"title": "給与', lang: "en" }), 400);
    expect(problem.errors).toEqual([{ path: "", message: "Send the request body as a JSON object." }]);
    await expectProblem(await api(buyer.token, `/api/v1/rfqs/${rfqId}`, { method: "PATCH", body: "not json" }), 400);
    expect(await rowCounts()).toEqual(before);
  });

  const wrongTypes = {
    title: 42,
    category: "cooking",
    contractTermMonths: "twelve",
    lineItems: [{ code: "A B", description: "x", unit: "件", quantity: "many", recurrence: "weekly" }],
    colour: "red",
  };

  it("wrong types are answered field by field in Japanese, and nothing is written", async () => {
    const before = await rowCounts();
    const problem = await expectProblem(await api(buyer.token, "/api/v1/rfqs", { method: "POST", body: wrongTypes, lang: "ja" }), 400);
    expect(problem.title).toBe("入力内容を確認してください。");
    expect(byPath(problem.errors)).toEqual(
      byPath([
        { path: "category", message: "業務カテゴリを選択してください。" },
        { path: "title", message: "入力内容が正しくありません。" },
        { path: "contractTermMonths", message: "契約期間は1〜120か月の整数で入力してください。" },
        { path: "lineItems.0.code", message: "項目コードは英数字・ハイフン・アンダースコアの32文字以内で入力してください。" },
        { path: "lineItems.0.quantity", message: "数量は1以上の整数で入力してください（従量項目は月あたりの数量）。" },
        { path: "lineItems.0.recurrence", message: "計上区分（一時・月額・従量・四半期・半年・年1回・契約期間中n回）を選択してください。" },
        { path: "colour", message: "この項目名は使えません。" },
      ]),
    );
    expect(await rowCounts()).toEqual(before);
  });

  it("the same errors come in English with Accept-Language: en, also on PATCH and addenda", async () => {
    const before = await rowCounts();
    const rowBefore = await rfqRow(rfqId);
    const post = await expectProblem(await api(buyer.token, "/api/v1/rfqs", { method: "POST", body: wrongTypes, lang: "en" }), 400);
    expect(byPath(post.errors)).toEqual(
      byPath([
        { path: "category", message: "Choose a category." },
        { path: "title", message: "This value is not valid." },
        { path: "contractTermMonths", message: "The contract term must be a whole number of months from 1 to 120." },
        { path: "lineItems.0.code", message: "Line codes use letters, digits, hyphens and underscores (32 characters at most)." },
        { path: "lineItems.0.quantity", message: "Quantity must be a whole number of at least 1 (per month for per-unit lines)." },
        { path: "lineItems.0.recurrence", message: "Choose one-off, monthly, per unit, quarterly, half-yearly, yearly or n times over the term." },
        { path: "colour", message: "Unknown field." },
      ]),
    );
    const patch = await expectProblem(
      await api(buyer.token, `/api/v1/rfqs/${rfqId}`, { method: "PATCH", body: { criteria: [{ key: "Bad Key", weight: -1 }] }, lang: "en" }),
      400,
    );
    expect(patch.errors!.map((e) => e.path)).toEqual(expect.arrayContaining(["criteria.0.key", "criteria.0.weight", "criteria.0.label"]));
    const addendum = await expectProblem(
      await api(buyer.token, `/api/v1/rfqs/${rfqId}/addenda`, {
        method: "POST",
        body: { changeSummary: "", changes: { quoteDeadline: "tomorrow" } },
        lang: "en",
      }),
      400,
    );
    expect(addendum.errors!.map((e) => e.path).sort()).toEqual(["changeSummary", "changes.quoteDeadline"]);
    const question = await expectProblem(
      await api(invitedVendor.token, `/api/v1/rfqs/${rfqId}/questions`, { method: "POST", body: { question: "  " }, lang: "en" }),
      400,
    );
    expect(question.errors).toEqual([{ path: "question", message: "This field is required." }]);
    expect(await rowCounts()).toEqual(before);
    expect(await rfqRow(rfqId)).toEqual(rowBefore);
  });

  it("unsupported methods answer 405 problem+json with Allow", async () => {
    const cases: [string, string, string][] = [
      ["DELETE", `/api/v1/rfqs/${rfqId}`, "GET, PATCH"],
      ["PUT", "/api/v1/rfqs", "GET, POST"],
      ["GET", `/api/v1/rfqs/${rfqId}/publish`, "POST"],
      ["GET", `/api/v1/rfqs/${rfqId}/addenda`, "POST"],
      ["DELETE", `/api/v1/rfqs/${rfqId}/questions`, "GET, POST"],
      ["GET", `/api/v1/questions/${questionId}/answer`, "POST"],
    ];
    for (const [method, path, allow] of cases) {
      const res = await api(buyer.token, path, { method });
      await expectProblem(res, 405);
      expect(res.headers.get("Allow")).toBe(allow);
    }
  });
});

describe("after the deadline", () => {
  it("questions are refused 409, vendors no longer see it listed, the buyer sees it closed and cannot amend it", async () => {
    h.clock.set(new Date(Date.parse(deadline) + 60_000));
    const before = await rowCounts();
    const asked = await expectProblem(
      await api(secondInvitedVendor.token, `/api/v1/rfqs/${rfqId}/questions`, { method: "POST", body: { question: "まだ質問できますか？" }, lang: "en" }),
      409,
    );
    expect(asked.title).toBe("Questions are closed for this RFQ.");
    await expectProblem(
      await api(buyer.token, `/api/v1/rfqs/${rfqId}/addenda`, { method: "POST", body: { changeSummary: "延長", changes: { quoteDeadline: inDays(7) } } }),
      409,
    );
    await expectProblem(await api(buyer.token, `/api/v1/rfqs/${rfqId}`, { method: "PATCH", body: { reportingCadence: "日次" } }), 409);
    expect(await rowCounts()).toEqual(before);

    type List = { data: { id: string; status: string }[] };
    expect(ours(await expectJson<List>(await api(invitedVendor.token, "/api/v1/rfqs"), 200))).toEqual([]);
    const closed = await expectJson<List>(await api(buyer.token, "/api/v1/rfqs?status=closed"), 200);
    expect(ours(closed)).toEqual([expect.objectContaining({ id: rfqId, status: "closed" })]);
    expect(ours(await expectJson<List>(await api(buyer.token, "/api/v1/rfqs?status=open"), 200))).toEqual([]);
    // An invited vendor may still read what it was asked to quote on.
    expect(await expectJson<RfqBody>(await api(invitedVendor.token, `/api/v1/rfqs/${rfqId}`), 200)).toMatchObject({ status: "closed", version: 2 });
  });
});

describe("OpenAPI", () => {
  it("the document stays valid and describes every RFQ endpoint", async () => {
    const doc = await expectJson<{ paths: Record<string, Record<string, unknown>> }>(await h.request("/api/v1/openapi.json"), 200);
    const result = await new Validator().validate(doc as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((k) => k !== "parameters")
        .map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(operations).toEqual(
      expect.arrayContaining([
        "GET /api/v1/rfqs",
        "POST /api/v1/rfqs",
        "GET /api/v1/rfqs/{id}",
        "PATCH /api/v1/rfqs/{id}",
        "POST /api/v1/rfqs/{id}/publish",
        "POST /api/v1/rfqs/{id}/addenda",
        "GET /api/v1/rfqs/{id}/questions",
        "POST /api/v1/rfqs/{id}/questions",
        "POST /api/v1/questions/{id}/answer",
      ]),
    );
  });
});
