import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS } from "../../db/seed";
import { actorFor, mustSucceed } from "../factories";
import { normalizeQuoteToTco } from "../../app/domain/quote/normalize";
import { buildQuoteSchema, type QuoteInput } from "../../app/domain/quote/schema";
import { quoteMessages } from "../../app/domain/quote/messages";
import { rfqSchema } from "../../app/domain/rfq/schema";
import { completeRfqInput } from "../../app/domain/rfq/test-fixtures";
import { createRfqDraft, publishAddendum, publishRfq, updateRfqWorkingCopyFor } from "../../app/services/rfqs.server";
import { createHarness, type Harness } from "./harness";

// A vendor's quote over /api/v1 with the demo tokens on a real PostgreSQL: refused input (nothing
// stored), submission with the normalized TCO, revision, draft, re-confirmation after an addendum,
// withdrawal and the deadline on the harness clock. The tests run in order on one sealed RFQ.

let h: Harness;
const account = (email: string) => DEMO_ACCOUNTS.find((a) => a.email === email)!;
const buyer = account("buyer@midori-city.example");
const vendor = account("gyosei@gyosei-support.example");
const secondVendor = account("contact@hokkaido-data.example");
const thirdVendor = account("biz@contact-one.example");
const DAY = 24 * 3_600_000;

let rfqId: string;
let quoteId: string;
let deadline: Date;

function api(token: string, path: string, init: { method?: string; body?: unknown; lang?: "ja" | "en" } = {}) {
  const headers: Record<string, string> = { "Content-Type": "application/json", Authorization: `Bearer ${token}`, "Accept-Language": init.lang ?? "en" };
  const body = init.body === undefined ? undefined : typeof init.body === "string" ? init.body : JSON.stringify(init.body);
  return h.request(path, { method: init.method ?? "GET", headers, body });
}
const postQuote = (token: string, body: unknown, lang?: "ja" | "en") => api(token, `/api/v1/rfqs/${rfqId}/quotes`, { method: "POST", body, lang });

type Problem = { status: number; title: string; detail?: string; errors?: { path: string; message: string }[] };
async function expectProblem(res: Response, status: number): Promise<Problem> {
  expect(res.status).toBe(status);
  expect(res.headers.get("Content-Type")).toMatch(/^application\/problem\+json/);
  return (await res.json()) as Problem;
}
async function expectJson<T = Record<string, unknown>>(res: Response, status: number): Promise<T> {
  expect(res.status).toBe(status);
  return (await res.json()) as T;
}

const TABLES = ["quotes", "quote_versions", "audit_log", "outbox"] as const;
async function rowCounts() {
  const counts: Record<string, number> = {};
  for (const table of TABLES)
    counts[table] = Number(
      (
        await h.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return counts;
}
const quoteRow = (id: string) => h.db.selectFrom("quotes").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const versionsOf = (id: string) => h.db.selectFrom("quote_versions").selectAll().where("quote_id", "=", id).orderBy("version").execute();
const orgId = async (name: string) => (await h.db.selectFrom("organizations").select("id").where("name", "=", name).executeTakeFirstOrThrow()).id;

/**
 * Tax-included 10% on the fixture RFQ (INIT one-off ×1, OPS monthly ×1, DOC per-unit 2,000/month, 12 months,
 * overhead 5%, transition effort ¥300,000). By hand: 220,000 + 418,000×12 + 321×2,000×12 + setup 110,000
 * = 13,050,000 incl. tax; ×100/110 = 11,863,636.36 → 11,863,636 (half up); overhead 5% = 593,181.8 → 593,182;
 * TCO = 11,863,636 + 593,182 + 300,000 = 12,756,818.
 */
const INCLUDED: QuoteInput = {
  unitPrices: { INIT: 220_000, OPS: 418_000, DOC: 321 },
  oneOffFees: { setup: 110_000, transition: 0 },
  taxBasis: "included",
  taxRate: 10,
  leadTimeDays: 30,
  kpiCommitments: { accuracy: 0.999, processing_lead_time_days: 3 },
  assumptions: "繁忙期は増員で対応します。",
};
const HAND_COMPUTED_TCO = 12_756_818;

beforeAll(async () => {
  h = await createHarness({ demo: true });
  deadline = new Date(h.clock.now().getTime() + 7 * DAY);
  const invitedVendorIds = [await orgId(vendor.org), await orgId(secondVendor.org), await orgId(thirdVendor.org)];
  const actor = await actorFor(h.db, buyer.email);
  const input = completeRfqInput({ title: "見積API試験用の見積依頼", quoteDeadline: deadline.toISOString(), invitedVendorIds });
  rfqId = mustSucceed(await createRfqDraft(h.ctx, actor, input), "draft").rfq.id;
  mustSucceed(await publishRfq(h.ctx, actor, rfqId), "publish");
});
afterAll(() => h.close());

describe("bad input is refused with field paths in ja and en, and nothing is stored", () => {
  const m = (key: keyof typeof quoteMessages, lang: "ja" | "en") => quoteMessages[key][lang];
  const cases: { name: string; body: unknown; path: string; key?: keyof typeof quoteMessages; en?: string; ja?: string }[] = [
    {
      name: "missing line price",
      body: { ...INCLUDED, unitPrices: { INIT: 220_000, OPS: 418_000 } },
      path: "unitPrices.DOC",
      key: "quote.unitPrices.required",
    },
    { name: "negative amount", body: { ...INCLUDED, oneOffFees: { setup: -1, transition: 0 } }, path: "oneOffFees.setup", key: "quote.money.invalid" },
    {
      name: "negative unit price",
      body: { ...INCLUDED, unitPrices: { ...INCLUDED.unitPrices, OPS: -418_000 } },
      path: "unitPrices.OPS",
      key: "quote.money.invalid",
    },
    {
      name: "milestones not adding up",
      body: {
        ...INCLUDED,
        paymentSchedule: [
          { label: "着手時", amount: 6_000_000 },
          { label: "完了時", amount: 7_000_000 },
        ],
      },
      path: "paymentSchedule",
      key: "quote.paymentSchedule.sumMismatch",
    },
    {
      name: "unknown line code",
      body: { ...INCLUDED, unitPrices: { ...INCLUDED.unitPrices, EXTRA: 1 } },
      path: "unitPrices.EXTRA",
      key: "quote.unitPrices.unknownLine",
    },
    {
      name: "commitment out of range",
      body: { ...INCLUDED, kpiCommitments: { accuracy: 1.2, processing_lead_time_days: 3 } },
      path: "kpiCommitments.accuracy",
      key: "quote.kpiCommitments.outOfRange",
    },
    {
      name: "missing commitment",
      body: { ...INCLUDED, kpiCommitments: { accuracy: 0.999 } },
      path: "kpiCommitments.processing_lead_time_days",
      key: "quote.kpiCommitments.required",
    },
    { name: "misspelt top-level field", body: { ...INCLUDED, discount: 10 }, path: "discount", en: "Unknown field.", ja: "この項目名は使えません。" },
    { name: "unknown mode", body: { ...INCLUDED, mode: "final" }, path: "mode" },
  ];

  it.each(cases)("$name → 400 at $path", async ({ body, path, key, en, ja }) => {
    const before = await rowCounts();
    for (const lang of ["en", "ja"] as const) {
      const problem = await expectProblem(await postQuote(vendor.token, body, lang), 400);
      const error = problem.errors?.find((e) => e.path === path);
      expect(error, JSON.stringify(problem.errors)).toBeDefined();
      const expected = key ? m(key, lang) : lang === "en" ? en : ja;
      if (expected) expect(error!.message).toBe(expected);
      // Generic zod wording must not leak into a Japanese response.
      if (lang === "ja") expect(error!.message).not.toMatch(/^Invalid/);
    }
    expect(await rowCounts()).toEqual(before);
  });

  it("a body that is not JSON is a 400 problem, nothing stored", async () => {
    const before = await rowCounts();
    await expectProblem(await postQuote(vendor.token, "{not json"), 400);
    expect(await rowCounts()).toEqual(before);
  });

  it("the buyer, an uninvited vendor and the advisor cannot quote: 404, nothing stored", async () => {
    const before = await rowCounts();
    for (const token of [buyer.token, account("info@payroll-partners.example").token, account("advisor@hikaku-advisory.example").token]) {
      await expectProblem(await postQuote(token, INCLUDED), 404);
    }
    expect(await rowCounts()).toEqual(before);
  });
});

describe("submit, revise, draft", () => {
  it("submits: 201 with Location, version 1, and the stored TCO equals the hand-computed normalization", async () => {
    const before = await rowCounts();
    const res = await postQuote(vendor.token, INCLUDED);
    const body = await expectJson<{ id: string; status: string; version: number; normalized: { contractValueExcludingTax: number; taxAmount: number } }>(
      res,
      201,
    );
    quoteId = body.id;
    expect(res.headers.get("Location")).toBe(`/api/v1/quotes/${quoteId}`);
    // The vendor reads its own figures; the TCO adds the buyer's hidden costs and stays with the buyer (decision 0014).
    expect(body).toMatchObject({ status: "submitted", version: 1 });
    expect(body).not.toHaveProperty("tco");
    expect(body.normalized).toMatchObject({ contractValueExcludingTax: 11_863_636, taxAmount: 1_186_364 });
    expect(body.normalized).not.toHaveProperty("tco");

    const published = await h.db.selectFrom("rfq_versions").select("content").where("rfq_id", "=", rfqId).where("version", "=", 1).executeTakeFirstOrThrow();
    const rfq = rfqSchema.parse(published.content);
    const expected = normalizeQuoteToTco(rfq, buildQuoteSchema(rfq).parse(INCLUDED));
    expect(expected.tco).toBe(HAND_COMPUTED_TCO);
    expect((await quoteRow(quoteId)).tco).toBe(HAND_COMPUTED_TCO);
    const [v1] = await versionsOf(quoteId);
    expect(v1).toMatchObject({ version: 1, kind: "submitted", tco: HAND_COMPUTED_TCO, normalized: expected });
    expect(await rowCounts()).toEqual({
      ...before,
      quotes: before.quotes + 1,
      quote_versions: before.quote_versions + 1,
      audit_log: before.audit_log + 1,
      outbox: before.outbox + 1,
    });
  });

  it("bad input on an existing quote leaves it exactly as it was", async () => {
    const before = { counts: await rowCounts(), row: await quoteRow(quoteId) };
    await expectProblem(await postQuote(vendor.token, { ...INCLUDED, unitPrices: { INIT: 1 } }), 400);
    expect(await rowCounts()).toEqual(before.counts);
    expect(await quoteRow(quoteId)).toEqual(before.row);
  });

  it("a revision (tax-excluded now) is version 2 and keeps version 1 unchanged", async () => {
    const v1 = (await versionsOf(quoteId))[0];
    h.clock.set(new Date(h.clock.now().getTime() + 3_600_000));
    const revised: QuoteInput = { ...INCLUDED, taxBasis: "excluded", unitPrices: { INIT: 200_000, OPS: 380_000, DOC: 290 } };
    const body = await expectJson<{
      id: string;
      version: number;
      normalized: { contractValueExcludingTax: number };
      versions: { version: number; kind: string }[];
    }>(await postQuote(vendor.token, revised), 200);
    // By hand: 200,000 + 380,000×12 + 290×24,000 + 110,000 = 11,830,000; +5% 591,500; +300,000 = 12,721,500 (stored TCO).
    expect(body).toMatchObject({ id: quoteId, version: 2, normalized: { contractValueExcludingTax: 11_830_000 } });
    expect(body.versions.map((v) => [v.version, v.kind])).toEqual([
      [2, "revised"],
      [1, "submitted"],
    ]);
    const versions = await versionsOf(quoteId);
    expect(versions).toHaveLength(2);
    expect(versions[0]).toEqual(v1);
    expect(await quoteRow(quoteId)).toMatchObject({ current_version: 2, tco: 12_721_500 });
  });

  it("a draft is saved without the completeness check and without a version; submitting it makes version 1", async () => {
    const draft = await expectJson<{ id: string; status: string; version: number; normalized: unknown }>(
      await postQuote(secondVendor.token, { mode: "draft", unitPrices: { INIT: 250_000 }, taxBasis: "excluded" }),
      201,
    );
    expect(draft).toMatchObject({ status: "draft", version: 0, normalized: null });
    expect(await versionsOf(draft.id)).toEqual([]);
    // The shape is still checked for a draft: a negative price is refused.
    await expectProblem(await postQuote(secondVendor.token, { mode: "draft", unitPrices: { INIT: -5 } }), 400);
    const submitted = await expectJson<{ id: string; status: string; version: number }>(
      await postQuote(secondVendor.token, { ...INCLUDED, taxBasis: "excluded" }),
      200,
    );
    expect(submitted).toMatchObject({ id: draft.id, status: "submitted", version: 1 });
  });
});

describe("addendum and re-confirmation", () => {
  it("after an addendum the quote needs re-confirmation until re-confirmed (a new version, same figures)", async () => {
    const actor = await actorFor(h.db, buyer.email);
    mustSucceed(await updateRfqWorkingCopyFor(h.ctx, actor, rfqId, { reportingCadence: "週次・月次" }), "edit");
    mustSucceed(await publishAddendum(h.ctx, actor, rfqId, "報告頻度を週次・月次に変更しました。"), "addendum");

    const flagged = await expectJson<{ needsReconfirmation: boolean; rfqVersion: number; normalized: { contractValueExcludingTax: number } }>(
      await api(vendor.token, `/api/v1/quotes/${quoteId}`),
      200,
    );
    expect(flagged).toMatchObject({ needsReconfirmation: true, rfqVersion: 1 });
    const list = await expectJson<{ data: { id: string; needsReconfirmation: boolean }[] }>(await api(vendor.token, "/api/v1/vendor/quotes"), 200);
    expect(list.data.find((q) => q.id === quoteId)?.needsReconfirmation).toBe(true);

    const done = await expectJson(await api(vendor.token, `/api/v1/quotes/${quoteId}/reconfirm`, { method: "POST" }), 200);
    expect(done).toEqual({ id: quoteId, status: "submitted", version: 3 });
    const after = await expectJson<{
      needsReconfirmation: boolean;
      rfqVersion: number;
      normalized: { contractValueExcludingTax: number };
      versions: { kind: string }[];
    }>(await api(vendor.token, `/api/v1/quotes/${quoteId}`), 200);
    expect(after).toMatchObject({
      needsReconfirmation: false,
      rfqVersion: 2,
      normalized: { contractValueExcludingTax: flagged.normalized.contractValueExcludingTax },
    });
    expect(after.versions[0].kind).toBe("reconfirmed");

    const again = await expectProblem(await api(vendor.token, `/api/v1/quotes/${quoteId}/reconfirm`, { method: "POST", lang: "ja" }), 409);
    expect(again.title).toBe(quoteMessages["quote.reconfirm.notNeeded"].ja);
  });

  it("a revision also clears the flag", async () => {
    const own = await expectJson<{ data: { id: string; needsReconfirmation: boolean }[] }>(await api(secondVendor.token, `/api/v1/rfqs/${rfqId}/quotes`), 200);
    expect(own.data).toHaveLength(1);
    expect(own.data[0].needsReconfirmation).toBe(true);
    const revised = await expectJson<{ needsReconfirmation: boolean; version: number }>(
      await postQuote(secondVendor.token, { ...INCLUDED, leadTimeDays: 20 }),
      200,
    );
    expect(revised).toMatchObject({ needsReconfirmation: false, version: 2 });
  });

  it("another vendor cannot re-confirm or withdraw someone else's quote: 404, nothing stored", async () => {
    const before = { counts: await rowCounts(), row: await quoteRow(quoteId) };
    await expectProblem(await api(secondVendor.token, `/api/v1/quotes/${quoteId}/reconfirm`, { method: "POST" }), 404);
    await expectProblem(await api(secondVendor.token, `/api/v1/quotes/${quoteId}/withdraw`, { method: "POST" }), 404);
    await expectProblem(await api(buyer.token, `/api/v1/quotes/${quoteId}/withdraw`, { method: "POST" }), 404);
    // Refused reads are audited; refused writes are not reads and leave nothing.
    expect(await rowCounts()).toEqual(before.counts);
    expect(await quoteRow(quoteId)).toEqual(before.row);
  });
});

describe("withdrawal and the deadline", () => {
  let thirdQuoteId: string;

  it("a vendor withdraws before the deadline; it cannot be withdrawn twice or turned back into a draft", async () => {
    thirdQuoteId = (await expectJson<{ id: string }>(await postQuote(thirdVendor.token, { ...INCLUDED, taxBasis: "excluded" }), 201)).id;
    const res = await expectJson(await api(thirdVendor.token, `/api/v1/quotes/${thirdQuoteId}/withdraw`, { method: "POST" }), 200);
    expect(res).toEqual({ id: thirdQuoteId, status: "withdrawn", version: 1 });
    expect(await quoteRow(thirdQuoteId)).toMatchObject({ status: "withdrawn" });
    const twice = await expectProblem(await api(thirdVendor.token, `/api/v1/quotes/${thirdQuoteId}/withdraw`, { method: "POST" }), 409);
    expect(twice.title).toBe(quoteMessages["quote.withdraw.notAllowed"].en);
    // Submitting again is allowed until the deadline (tests/integration/quote-withdraw.test.ts); a draft is not.
    await expectProblem(await postQuote(thirdVendor.token, { ...INCLUDED, mode: "draft" }), 409);
  });

  it("after the deadline: submission, revision and withdrawal are refused with a clear message, nothing stored", async () => {
    h.clock.set(new Date(deadline.getTime() + 60_000));
    const before = { counts: await rowCounts(), row: await quoteRow(quoteId) };
    for (const lang of ["ja", "en"] as const) {
      const late = await expectProblem(await postQuote(vendor.token, INCLUDED, lang), 409);
      expect(late.title).toBe(quoteMessages["quote.submit.deadlinePassed"][lang]);
      const withdraw = await expectProblem(await api(vendor.token, `/api/v1/quotes/${quoteId}/withdraw`, { method: "POST", lang }), 409);
      expect(withdraw.title).toBe(quoteMessages["quote.withdraw.notAllowed"][lang]);
    }
    expect(await rowCounts()).toEqual(before.counts);
    expect(await quoteRow(quoteId)).toEqual(before.row);
  });

  it("after the deadline the buyer reads the offers; the withdrawn one only as a count", async () => {
    const list = await expectJson<{ sealed: boolean; counts: { received: number; withdrawn: number }; data: { id: string; tco: number }[] }>(
      await api(buyer.token, `/api/v1/rfqs/${rfqId}/quotes`),
      200,
    );
    expect(list.sealed).toBe(false);
    expect(list.counts).toEqual({ received: 2, withdrawn: 1 });
    expect(list.data.map((q) => q.id)).toContain(quoteId);
    expect(list.data.map((q) => q.id)).not.toContain(thirdQuoteId);
    await expectProblem(await api(buyer.token, `/api/v1/quotes/${thirdQuoteId}`), 404);
  });
});

describe("conventions", () => {
  it("the vendor's list holds its quotes; other organisations have no such list", async () => {
    const list = await expectJson<{ data: { id: string; rfq: { id: string; title: string } }[] }>(await api(vendor.token, "/api/v1/vendor/quotes"), 200);
    expect(list.data.find((q) => q.id === quoteId)?.rfq).toMatchObject({ id: rfqId, title: "見積API試験用の見積依頼" });
    await expectProblem(await api(buyer.token, "/api/v1/vendor/quotes"), 404);
  });

  it("wrong methods answer 405 with Allow; malformed ids 404", async () => {
    const put = await expectProblem(await api(vendor.token, `/api/v1/quotes/${quoteId}`, { method: "PUT", body: {} }), 405);
    expect(put.status).toBe(405);
    expect((await api(vendor.token, `/api/v1/quotes/${quoteId}/withdraw`)).headers.get("Allow")).toBe("POST");
    await expectProblem(await api(vendor.token, "/api/v1/quotes/not-a-uuid"), 404);
  });

  it("the OpenAPI document lists the quote endpoints", async () => {
    const doc = (await (await h.request("/api/v1/openapi.json")).json()) as { paths: Record<string, Record<string, unknown>> };
    for (const [path, method] of [
      ["/api/v1/rfqs/{id}/quotes", "post"],
      ["/api/v1/rfqs/{id}/quotes", "get"],
      ["/api/v1/quotes/{id}", "get"],
      ["/api/v1/quotes/{id}/withdraw", "post"],
      ["/api/v1/quotes/{id}/reconfirm", "post"],
      ["/api/v1/vendor/quotes", "get"],
    ]) {
      expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
    }
  });
});
