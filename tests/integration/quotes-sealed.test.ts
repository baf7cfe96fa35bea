import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, findDemoRfqIds } from "../../db/seed";
import { actorFor, mustSucceed } from "../factories";
import type { QuoteInput } from "../../app/domain/quote/schema";
import { completeRfqInput } from "../../app/domain/rfq/test-fixtures";
import { saveQuote } from "../../app/services/quotes.server";
import { createRfqDraft, publishRfq } from "../../app/services/rfqs.server";
import { Cookies, createHarness, postForm, type Harness } from "./harness";

// The sealed-bid matrix, tested like a public tender: six roles × three moments × every surface that
// shows quotes (pages, API, search index). A leak is any response to a role that may not read the
// quote which contains its distinctive unit price, its id, or (outside the buyer's own pages) the
// quoting vendor's name. Denied API reads answer 404 — never 403 — and leave a "quote.read.denied" row.

let h: Harness;
const account = (email: string) => DEMO_ACCOUNTS.find((a) => a.email === email)!;
const ROLES = {
  buyer: account("buyer@midori-city.example"),
  quotingVendor: account("gyosei@gyosei-support.example"),
  otherVendor: account("contact@hokkaido-data.example"),
  advisor: account("advisor@hikaku-advisory.example"),
  otherBuyer: account("buyer@sakura-foods.example"),
  anonymous: null,
} as const;
type Role = keyof typeof ROLES;
type Moment = "sealedBeforeDeadline" | "sealedAfterDeadline" | "openBeforeDeadline";

const DAY = 24 * 3_600_000;
/** Distinctive figures: a unit price nobody else quotes, found however it is formatted (417263, 417,263). */
const MARKER_PRICE = 417_263;
const MARKER = /417[,，]?263/;
const OTHER_PRICE = 398_777;
const VENDOR_NAME = "行政サポートセンター";

const quote = (ops: number): QuoteInput => ({
  unitPrices: { INIT: 200_000, OPS: ops, DOC: 300 },
  taxBasis: "excluded",
  taxRate: 10,
  leadTimeDays: 30,
  kpiCommitments: { accuracy: 0.999, processing_lead_time_days: 3 },
});

const target: Record<"sealed" | "open", { rfqId: string; quoteId: string; otherQuoteId: string }> = {} as never;
let deadline: Date;
const sessions = new Map<Role, Cookies>();

async function publishWithQuotes(sealed: boolean) {
  const invited = await Promise.all(
    [ROLES.quotingVendor, ROLES.otherVendor].map(
      async (a) => (await h.db.selectFrom("organizations").select("id").where("name", "=", a.org).executeTakeFirstOrThrow()).id,
    ),
  );
  const buyer = await actorFor(h.db, ROLES.buyer.email);
  const input = completeRfqInput({
    title: sealed ? "封印入札の試験" : "公開見積の試験",
    quoteDeadline: deadline.toISOString(),
    sealed,
    invitedVendorIds: invited,
  });
  const rfqId = mustSucceed(await createRfqDraft(h.ctx, buyer, input), "draft").rfq.id;
  mustSucceed(await publishRfq(h.ctx, buyer, rfqId), "publish");
  const mine = mustSucceed(await saveQuote(h.ctx, await actorFor(h.db, ROLES.quotingVendor.email), rfqId, quote(MARKER_PRICE), "submit"), "quote");
  // The other vendor quotes too: a competitor with its own quote must still never see this one.
  const theirs = mustSucceed(await saveQuote(h.ctx, await actorFor(h.db, ROLES.otherVendor.email), rfqId, quote(OTHER_PRICE), "submit"), "other quote");
  return { rfqId, quoteId: mine.quoteId, otherQuoteId: theirs.quoteId };
}

function mayRead(role: Role, moment: Moment) {
  return role === "quotingVendor" || (role === "buyer" && moment !== "sealedBeforeDeadline");
}

// ── Surfaces ─────────────────────────────────────────────────────────────────────────────
// One line per surface. `route` is the Remix route id: page surfaces are tested once the page is in
// the build, so a quote page added later is covered without touching this file beyond its line.

interface Surface {
  name: string;
  kind: "api" | "page";
  route: string;
  path: (t: { rfqId: string; quoteId: string }) => string;
  /** The surface is about this one quote: a denied read must be 404 and audited. */
  single?: boolean;
}
const SURFACES: Surface[] = [
  { name: "GET /api/v1/quotes/{id}", kind: "api", route: "routes/api.v1+/quotes.$id", path: (t) => `/api/v1/quotes/${t.quoteId}`, single: true },
  { name: "GET /api/v1/rfqs/{id}/quotes", kind: "api", route: "routes/api.v1+/rfqs.$id.quotes", path: (t) => `/api/v1/rfqs/${t.rfqId}/quotes` },
  { name: "GET /api/v1/vendor/quotes", kind: "api", route: "routes/api.v1+/vendor.quotes", path: () => "/api/v1/vendor/quotes" },
  { name: "GET /api/v1/rfqs/{id}", kind: "api", route: "routes/api.v1+/rfqs.$id", path: (t) => `/api/v1/rfqs/${t.rfqId}` },
  { name: "page /rfqs/{id}", kind: "page", route: "routes/rfqs+/$id._index", path: (t) => `/rfqs/${t.rfqId}` },
  { name: "page /quotes/{id}", kind: "page", route: "routes/quotes+/$id", path: (t) => `/quotes/${t.quoteId}`, single: true },
  { name: "page /rfqs/{id}/quotes", kind: "page", route: "routes/rfqs.$id.quotes", path: (t) => `/rfqs/${t.rfqId}/quotes` },
  { name: "page /rfqs/{id}/quote", kind: "page", route: "routes/rfqs+/$id.quote", path: (t) => `/rfqs/${t.rfqId}/quote` },
  { name: "page /quotes", kind: "page", route: "routes/quotes+/_index", path: () => "/quotes" },
  { name: "page /vendor/quotes", kind: "page", route: "routes/vendor.quotes", path: () => "/vendor/quotes" },
  { name: "GET /api/v1/search/rfqs", kind: "api", route: "routes/api.v1+/search.rfqs", path: () => "/api/v1/search/rfqs?perPage=50" },
  { name: "page /rfqs/search", kind: "page", route: "routes/rfqs+/search", path: () => "/rfqs/search" },
];
let builtRoutes: Set<string>;

async function fetchAs(role: Role, surface: Surface, t: { rfqId: string; quoteId: string }) {
  const who = ROLES[role];
  if (surface.kind === "api") {
    const headers: Record<string, string> = who ? { Authorization: `Bearer ${who.token}` } : {};
    return h.request(surface.path(t), { headers });
  }
  // Pages may redirect (the vendor's own quote lives on its RFQ's quote page, visitors go to log in):
  // follow same-site redirects as a browser would, so the page finally shown is the one checked.
  const cookies = sessions.get(role) ?? new Cookies();
  let res = await h.request(surface.path(t), { cookies, redirect: "manual" });
  for (let hops = 0; hops < 3 && res.status >= 300 && res.status < 400; hops++) {
    const location = res.headers.get("Location") ?? "";
    if (!location.startsWith("/")) break;
    res = await h.request(location, { cookies, redirect: "manual" });
  }
  return res;
}

const deniedAudits = async (entityId: string) =>
  // Refused reads are aggregated per actor, resource and minute (decision 0017): count the attempts, not the rows.
  Number(
    (
      await h.db
        .selectFrom("audit_log")
        .select((eb) => eb.fn.sum<string | null>("count").as("n"))
        .where("action", "=", "quote.read.denied")
        .where("entity_id", "=", entityId)
        .executeTakeFirstOrThrow()
    ).n ?? 0,
  );

// Logged in at each moment: the days between the moments would end a session by its idle timeout.
async function logInEveryRole() {
  for (const role of Object.keys(ROLES) as Role[]) {
    const who = ROLES[role];
    if (!who) continue;
    const cookies = new Cookies();
    expect((await postForm(h, "/login", { email: who.email, password: DEMO_PASSWORD }, cookies)).status).toBe(302);
    sessions.set(role, cookies);
  }
}

beforeAll(async () => {
  h = await createHarness({ demo: true });
  deadline = new Date(h.clock.now().getTime() + 7 * DAY);
  target.sealed = await publishWithQuotes(true);
  target.open = await publishWithQuotes(false);
  await logInEveryRole();
  const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as { routes: Record<string, unknown> };
  builtRoutes = new Set(Object.keys(build.routes));
});
afterAll(() => h.close());

it("every API surface and the RFQ page are in the build (a misspelt route id would silently skip a surface)", () => {
  for (const surface of SURFACES.filter((s) => s.kind === "api" || s.route === "routes/rfqs+/$id._index"))
    expect(builtRoutes, surface.route).toContain(surface.route);
});

const MOMENTS: { moment: Moment; rfq: "sealed" | "open"; at: () => Date }[] = [
  { moment: "sealedBeforeDeadline", rfq: "sealed", at: () => new Date(deadline.getTime() - DAY) },
  { moment: "openBeforeDeadline", rfq: "open", at: () => new Date(deadline.getTime() - DAY) },
  { moment: "sealedAfterDeadline", rfq: "sealed", at: () => new Date(deadline.getTime() + 60_000) },
];

describe.each(MOMENTS)("$moment", ({ moment, rfq, at }) => {
  beforeAll(async () => {
    h.clock.set(at());
    await logInEveryRole();
  });

  it.each(Object.keys(ROLES) as Role[])("%s: 0 leaks over every surface", async (role) => {
    const t = target[rfq];
    const allowed = mayRead(role, moment);
    for (const surface of SURFACES.filter((s) => builtRoutes.has(s.route))) {
      const auditsBefore = await deniedAudits(t.quoteId);
      const res = await fetchAs(role, surface, t);
      const body = await res.text();
      const where = `${role} ${moment} ${surface.name} → ${res.status}`;
      // 403 would confirm that the RFQ or quote exists; a list that only vendors have reveals nothing by refusing.
      const aboutOne = surface.path(t).includes(t.quoteId) || surface.path(t).includes(t.rfqId);
      if (aboutOne) expect(res.status, where).not.toBe(403);
      if (allowed && surface.single) {
        expect(res.status, where).toBe(200);
        expect(body, where).toMatch(MARKER);
        continue;
      }
      if (allowed) continue;
      expect(body, where).not.toMatch(MARKER);
      // An id the caller typed into the URL may be echoed back; anywhere else it would reveal the quote.
      if (!surface.path(t).includes(t.quoteId)) expect(body, where).not.toContain(t.quoteId);
      // The buyer's own RFQ page names the vendors it invited; that is the invitation, not the quote.
      if (role !== "buyer") expect(body, where).not.toContain(VENDOR_NAME);
      // Anonymous API callers are stopped at authentication; anonymous page visitors go to the login page.
      if (role === "anonymous" && surface.kind === "api") expect(res.status, where).toBe(401);
      if (surface.single && role !== "anonymous") {
        expect(res.status, where).toBe(404);
        expect(await deniedAudits(t.quoteId), `${where}: audited`).toBe(auditsBefore + 1);
      }
    }
  });
});

describe("what the buyer learns while bids are sealed", () => {
  beforeAll(() => h.clock.set(new Date(deadline.getTime() - DAY)));

  it("only the counts: no ids, names or figures", async () => {
    const res = await h.request(`/api/v1/rfqs/${target.sealed.rfqId}/quotes`, { headers: { Authorization: `Bearer ${ROLES.buyer.token}` } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toEqual({ view: "buyer", sealed: true, opensAt: deadline.toISOString(), counts: { received: 2, withdrawn: 0 } });
  });

  it("the buyer's list read is not audited as a denial, another buyer's is", async () => {
    const before = await deniedAudits(target.sealed.rfqId);
    await h.request(`/api/v1/rfqs/${target.sealed.rfqId}/quotes`, { headers: { Authorization: `Bearer ${ROLES.buyer.token}` } });
    expect(await deniedAudits(target.sealed.rfqId)).toBe(before);
    const res = await h.request(`/api/v1/rfqs/${target.sealed.rfqId}/quotes`, { headers: { Authorization: `Bearer ${ROLES.otherBuyer.token}` } });
    expect(res.status).toBe(404);
    expect(await deniedAudits(target.sealed.rfqId)).toBe(before + 1);
  });

  it("the other vendor's list of an RFQ holds its own quote only", async () => {
    const res = await h.request(`/api/v1/rfqs/${target.sealed.rfqId}/quotes`, { headers: { Authorization: `Bearer ${ROLES.otherVendor.token}` } });
    const body = (await res.json()) as { view: string; data: { id: string }[] };
    expect(body.view).toBe("vendor");
    expect(body.data.map((q) => q.id)).toEqual([target.sealed.otherQuoteId]);
  });
});

describe("search index", () => {
  async function indexedQuoteIds(): Promise<string[]> {
    const res = await fetch(`${inject("meiliUrl")}/indexes/${h.search.uid("quotes")}/documents?limit=1000`, {
      headers: { Authorization: `Bearer ${inject("meiliKey")}` },
    });
    if (res.status === 404) return [];
    expect(res.status).toBe(200);
    return ((await res.json()) as { results: { id: string }[] }).results.map((d) => d.id);
  }

  it("holds the open RFQ's offers but never a sealed quote before its deadline", async () => {
    h.clock.set(new Date(deadline.getTime() - DAY));
    await h.index();
    const ids = await indexedQuoteIds();
    // The open RFQ's quote is there, so an empty or unreadable index cannot pass this test.
    expect(ids).toContain(target.open.quoteId);
    expect(ids).not.toContain(target.sealed.quoteId);
    expect(ids).not.toContain(target.sealed.otherQuoteId);
  });
});

describe("demo data", () => {
  it("the closed demo RFQ has at least three opened quotes for its buyer; open sealed ones show counts only", async () => {
    h.clock.set(new Date(deadline.getTime() - 7 * DAY));
    const ids = await findDemoRfqIds(h.db);
    const get = async (rfqId: string) =>
      (await (await h.request(`/api/v1/rfqs/${rfqId}/quotes`, { headers: { Authorization: `Bearer ${ROLES.buyer.token}` } })).json()) as {
        sealed: boolean;
        counts: { received: number };
        data?: { content: { taxBasis: string } }[];
      };
    const closed = await get(ids.surveyClosed);
    expect(closed.sealed).toBe(false);
    expect(closed.data!.length).toBeGreaterThanOrEqual(3);
    expect(new Set(closed.data!.map((q) => q.content.taxBasis))).toEqual(new Set(["included", "excluded"]));
    const benefits = await get(ids.benefits);
    expect(benefits).toMatchObject({ sealed: true, counts: { received: 3 } });
    expect(benefits.data).toBeUndefined();
  });
});
