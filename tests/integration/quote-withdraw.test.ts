import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { quoteA, quoteB } from "../../app/domain/quote/test-fixtures";
import { actorFor, createAccount, createPublishedRfq, FACTORY_PASSWORD, openRfq, submitQuote, type Account } from "../factories";
import { Cookies, createHarness, postForm, type Harness } from "./harness";
import { rowCounts } from "./row-counts";

// Withdrawing a quote asks first and is not the end (issue 14, item 2): the confirmation page says what
// will happen and writes nothing; its POST withdraws (one transaction with the audit row, the withdrawn
// version keeps its moment); the vendor may then submit again until the deadline — a new version, on the
// page and through the API — while the buyer still learns nothing of the sealed quote.

let h: Harness;
let buyer: Account;
let vendor: Account;
let rfqId: string;
let quoteId: string;

async function logIn(email: string) {
  const cookies = new Cookies();
  const res = await postForm(h, "/login", { email, password: FACTORY_PASSWORD }, cookies);
  expect(res.status).toBe(302);
  return cookies;
}
const api = (token: string, path: string, init: { method?: string; body?: unknown; lang?: string } = {}) =>
  h.request(path, {
    method: init.method ?? "GET",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", "Accept-Language": init.lang ?? "en" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
const quoteRow = () => h.db.selectFrom("quotes").selectAll().where("id", "=", quoteId).executeTakeFirstOrThrow();
const versions = () => h.db.selectFrom("quote_versions").selectAll().where("quote_id", "=", quoteId).orderBy("version").execute();
const audit = (action: string) => h.db.selectFrom("audit_log").selectAll().where("entity_id", "=", quoteId).where("action", "=", action).execute();
const counts = () => rowCounts(h.db, ["quotes", "quote_versions", "audit_log", "outbox"]);

beforeAll(async () => {
  h = await createHarness();
  buyer = await createAccount(h.db, { kind: "buyer", org: "取下げ検証市" });
  vendor = await createAccount(h.db, { kind: "vendor", vendor: { name: "取下げ検証ベンダー株式会社", categories: ["municipal"] } });
  rfqId = await createPublishedRfq(h, await actorFor(h.db, buyer.email));
  quoteId = await submitQuote(h, await actorFor(h.db, vendor.email), rfqId, quoteA());
});
afterAll(() => h?.close());

describe("withdrawing a quote on the page (works without JavaScript)", () => {
  it("asks first: the quote page links to a confirmation page that says what happens and writes nothing", async () => {
    const cookies = await logIn(vendor.email);
    const page = await (await h.request(`/rfqs/${rfqId}/quote`, { cookies })).text();
    expect(page).toContain(`href="/quotes/${quoteId}/withdraw"`);
    // The old one-click POST no longer withdraws anything.
    const before = await counts();
    const oneClick = await postForm(h, `/rfqs/${rfqId}/quote`, { intent: "withdraw" }, cookies);
    expect(oneClick.status).not.toBe(302);
    expect((await quoteRow()).status).toBe("submitted");

    const confirm = await h.request(`/quotes/${quoteId}/withdraw`, { cookies });
    expect(confirm.status).toBe(200);
    const html = await confirm.text();
    expect(html).toContain("見積（第1版）を取り下げますか");
    expect(html).toContain("新しい版として再提出できます");
    expect(await counts()).toEqual(before);
  });

  it("is 404 for anyone but the quote's vendor", async () => {
    const cookies = await logIn(buyer.email);
    expect((await h.request(`/quotes/${quoteId}/withdraw`, { cookies })).status).toBe(404);
    const res = await postForm(h, `/quotes/${quoteId}/withdraw`, {}, cookies);
    expect(res.status).toBe(404);
    expect((await quoteRow()).status).toBe("submitted");
  });

  it("withdraws on the confirmation's POST, in one transaction with its audit row; the withdrawn version keeps its moment", async () => {
    const cookies = await logIn(vendor.email);
    const res = await postForm(h, `/quotes/${quoteId}/withdraw`, {}, cookies);
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/rfqs/${rfqId}/quote`);
    const row = await quoteRow();
    expect(row.status).toBe("withdrawn");
    const [v1] = await versions();
    expect(v1.withdrawn_at?.toISOString()).toBe(h.clock.now().toISOString());
    expect(await audit("quote.withdraw")).toHaveLength(1);

    // The page says it can be submitted again, until when, and offers to.
    const page = await (await h.request(`/rfqs/${rfqId}/quote`, { cookies })).text();
    expect(page).toContain("この見積は取り下げ済みです");
    expect(page).toContain("見積を再提出");
    // A second confirmation of the same withdrawal is refused in words, nothing written.
    const before = await counts();
    const again = await postForm(h, `/quotes/${quoteId}/withdraw`, {}, cookies);
    expect(again.status).toBe(409);
    expect(await counts()).toEqual(before);
  });
});

describe("submitting again after a withdrawal", () => {
  it("the buyer sees nothing of the sealed quote, before or after", async () => {
    const res = await api(buyer.token, `/api/v1/rfqs/${rfqId}/quotes`);
    const body = (await res.json()) as { sealed: boolean; counts: { received: number; withdrawn: number }; data?: unknown };
    expect(body.sealed).toBe(true);
    expect(body.counts).toEqual({ received: 0, withdrawn: 1 });
    expect(body.data).toBeUndefined();
    expect((await api(buyer.token, `/api/v1/quotes/${quoteId}`)).status).toBe(404);
  });

  it("through the API: a new version of kind resubmitted; the history keeps the withdrawn one", async () => {
    const res = await api(vendor.token, `/api/v1/rfqs/${rfqId}/quotes`, { method: "POST", body: quoteB() });
    expect(res.status).toBe(200);
    const quote = (await res.json()) as {
      id: string;
      status: string;
      version: number;
      withdrawnAt: string | null;
      versions: { version: number; kind: string; withdrawnAt: string | null }[];
    };
    expect(quote).toMatchObject({ id: quoteId, status: "submitted", version: 2, withdrawnAt: null });
    expect(quote.versions.map((v) => [v.version, v.kind, v.withdrawnAt !== null])).toEqual([
      [2, "resubmitted", false],
      [1, "submitted", true],
    ]);
    expect(await audit("quote.resubmit")).toHaveLength(1);
    const buyerView = (await (await api(buyer.token, `/api/v1/rfqs/${rfqId}/quotes`)).json()) as { sealed: boolean; counts: unknown };
    expect(buyerView).toMatchObject({ sealed: true, counts: { received: 1, withdrawn: 0 } });
  });

  it("on the page too, after another withdrawal through the API; never after the deadline", async () => {
    const withdrawn = await api(vendor.token, `/api/v1/quotes/${quoteId}/withdraw`, { method: "POST" });
    expect(withdrawn.status).toBe(200);
    const cookies = await logIn(vendor.email);
    const q = quoteA();
    const fields: Record<string, string> = {
      intent: "submit",
      taxBasis: q.taxBasis,
      taxRate: String(q.taxRate),
      leadTimeDays: String(q.leadTimeDays),
      "oneOffFees.setup": String(q.oneOffFees?.setup ?? 0),
      "oneOffFees.transition": String(q.oneOffFees?.transition ?? 0),
    };
    for (const [code, price] of Object.entries(q.unitPrices)) fields[`unitPrices.${code}`] = String(price);
    // Rates are typed as percentages on the page.
    fields["kpiCommitments.accuracy"] = "99.9";
    fields["kpiCommitments.processing_lead_time_days"] = "3";
    const res = await postForm(h, `/rfqs/${rfqId}/quote`, fields, cookies);
    expect(res.status).toBe(302);
    expect((await quoteRow()).status).toBe("submitted");
    expect((await versions()).map((v) => [v.version, v.kind])).toEqual([
      [1, "submitted"],
      [2, "resubmitted"],
      [3, "resubmitted"],
    ]);

    await api(vendor.token, `/api/v1/quotes/${quoteId}/withdraw`, { method: "POST" });
    await openRfq(h, rfqId);
    const late = await api(vendor.token, `/api/v1/rfqs/${rfqId}/quotes`, { method: "POST", body: quoteA() });
    expect(late.status).toBe(409);
    expect((await quoteRow()).status).toBe("withdrawn");
  });
});
