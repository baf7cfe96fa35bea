import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, findDemoRfqIds, type DemoRfqIds } from "../../db/seed";
import { findDemoLowQuoteRfqId } from "../../db/seed/demo-low-quote";
import { actorFor, mustSucceed } from "../factories";
import { enqueueRfqsClosedBetween } from "../../db/queries/rfqs";
import { completeRfqInput } from "../../app/domain/rfq/test-fixtures";
import { cancelRfq, createRfqDraft, publishRfq } from "../../app/services/rfqs.server";
import { createSearchService } from "../../search/client";
import { Cookies, createHarness, postForm, type Harness } from "./harness";

// Search must never widen what a reader may see. The demo data gives two buyers, vendors with and without
// certificates, a draft, invitation-only and marketplace RFQs, sealed quotes on the open RFQs and opened ones on
// the closed RFQ; this file adds a marketplace RFQ closing in three days. Every reader's results are checked
// through the page and the API, then attacked with crafted keywords and facet parameters, then with
// Meilisearch unreachable (the PostgreSQL fallback must apply the same scope).

const DAY = 86_400_000;
const SOON_TITLE = "検索安全試験 アンケート集計入力業務";

const NEXT_KEIRI = "sales@next-keiri.example"; // ISMS + Pマーク; invited to nothing open
const STUDIO_AOI = "hello@studio-aoi.example"; // no certificates; invited to the ad operations RFQ
const GYOSEI = "gyosei@gyosei-support.example"; // ISMS + Pマーク + ISO 9001; invited to the benefits RFQ
const HOKKAIDO = "contact@hokkaido-data.example"; // Pマーク; its ISMS is unverified (does not count)
const MIDORI = "buyer@midori-city.example";
const SAKURA = "buyer@sakura-foods.example";
const ADVISOR = "advisor@hikaku-advisory.example";

/** `lowQuote`: さくら食品's closed marketplace RFQ with an abnormally low quote (db/seed/demo-low-quote.ts). */
type Ids = DemoRfqIds & { soon: string; lowQuote: string };
type Key = keyof Ids;

/** What each reader may find with no filter: the whole point of this file. */
const SCOPE: Record<string, Key[]> = {
  [NEXT_KEIRI]: ["payroll", "landingPage", "soon"],
  [STUDIO_AOI]: ["payroll", "landingPage", "adOperations", "soon"],
  [GYOSEI]: ["benefits", "payroll", "landingPage", "soon"],
  [HOKKAIDO]: ["benefits", "payroll", "landingPage", "soon"],
  [MIDORI]: ["benefits", "surveyClosed", "taxFormsPending", "callCentreEvaluated", "callCentreEvaluating", "soon"],
  [SAKURA]: ["payroll", "landingPage", "adOperations", "accountingDraft", "bookkeepingAwarded", "lowQuote"],
};

const token = (email: string) => DEMO_ACCOUNTS.find((a) => a.email === email)!.token;

/** The demo (the harness starts from it) plus an RFQ of みどり市 closing soon. */
async function seed(harness: Harness): Promise<Ids> {
  const buyer = await actorFor(harness.db, MIDORI);
  const input = completeRfqInput({
    title: SOON_TITLE,
    category: "data_entry",
    dataSensitivity: "none",
    visibility: "marketplace",
    invitedVendorIds: [],
    requiredCertifications: [{ type: "iso9001", level: "mandatory" }],
    quoteDeadline: new Date(harness.clock.now().getTime() + 3 * DAY).toISOString(),
  });
  const soon = mustSucceed(await createRfqDraft(harness.ctx, buyer, input), "draft").rfq.id;
  mustSucceed(await publishRfq(harness.ctx, buyer, soon), "publish");
  return { ...(await findDemoRfqIds(harness.db)), lowQuote: await findDemoLowQuoteRfqId(harness.db), soon };
}

interface ApiHit {
  id: string;
  title: string;
  status: string;
  invited: boolean;
  highlight: { title: { text: string; match: boolean }[]; purpose: { text: string; match: boolean }[] };
}
interface ApiBody {
  mode: "search" | "degraded";
  total: number | null;
  hasMore: boolean;
  hits: ApiHit[];
  facets: {
    category: Record<string, number>;
    requiredCertifications: Record<string, number>;
    deadline: Record<string, number>;
    fit: { held: number; lacking: number } | null;
  } | null;
}

async function api(harness: Harness, email: string, path: string) {
  const res = await harness.request(path, { headers: { Authorization: `Bearer ${token(email)}`, "Accept-Language": "en" } });
  const text = await res.text();
  return { status: res.status, text, body: (res.headers.get("Content-Type")?.includes("json") ? JSON.parse(text) : null) as ApiBody };
}

const rfqs = (harness: Harness, email: string, qs = "") => api(harness, email, `/api/v1/search/rfqs?perPage=50${qs ? `&${qs}` : ""}`);

async function login(harness: Harness, email: string) {
  const cookies = new Cookies();
  expect((await postForm(harness, "/login", { email, password: DEMO_PASSWORD }, cookies)).status).toBe(302);
  return cookies;
}

async function page(harness: Harness, cookies: Cookies, qs = "") {
  const res = await harness.request(`/rfqs/search${qs ? `?${qs}` : ""}`, { cookies });
  return { status: res.status, html: await res.text() };
}

/** The RFQ ids a page links to (each result's title links to the RFQ). */
const linkedIds = (html: string, ids: Ids) => (Object.keys(ids) as Key[]).filter((k) => html.includes(`href="/rfqs/${ids[k]}"`));
const keysOf = (hits: { id: string }[], ids: Ids) => hits.map((h) => (Object.keys(ids) as Key[]).find((k) => ids[k] === h.id) ?? h.id);
const sorted = <T>(xs: T[]) => [...xs].sort();

let h: Harness;
let ids: Ids;
const sessions = new Map<string, Cookies>();
/** Strings that must never reach a reader: quote ids and every other organisation's id (invitees are other bidders). */
let secrets: string[];
const orgOf = new Map<string, string>();
const secretsFor = (email: string) => secrets.filter((s) => s !== orgOf.get(email));

beforeAll(async () => {
  h = await createHarness({ demo: true });
  ids = await seed(h);
  await h.index();
  for (const email of Object.keys(SCOPE)) {
    sessions.set(email, await login(h, email));
    orgOf.set(email, (await actorFor(h.db, email)).org!.id);
  }
  const quoteIds = (await h.db.selectFrom("quotes").select("id").execute()).map((q) => q.id);
  const orgIds = (await h.db.selectFrom("organizations").select("id").execute()).map((o) => o.id);
  expect(quoteIds.length).toBeGreaterThan(3);
  secrets = [...quoteIds, ...orgIds];
});
afterAll(() => h?.close());

describe("each reader finds exactly its scope", () => {
  it.each(Object.keys(SCOPE))("%s: through the API", async (email) => {
    const r = await rfqs(h, email);
    expect(r.status).toBe(200);
    expect(r.body.mode).toBe("search");
    expect(sorted(keysOf(r.body.hits, ids))).toEqual(sorted(SCOPE[email]));
    expect(r.body.total).toBe(SCOPE[email].length);
    for (const s of secretsFor(email)) expect(r.text).not.toContain(s);
    expect(r.text).not.toMatch(/invited_vendor_ids|buyer_org_id|budget|tco/);
  });

  it.each(Object.keys(SCOPE))("%s: through the page", async (email) => {
    const p = await page(h, sessions.get(email)!);
    expect(p.status).toBe(200);
    expect(sorted(linkedIds(p.html, ids))).toEqual(sorted(SCOPE[email]));
    for (const s of secretsFor(email)) expect(p.html).not.toContain(s);
  });

  it("vendors see open RFQs only; a buyer sees its drafts and closed RFQs with their status", async () => {
    const vendor = await rfqs(h, GYOSEI);
    expect(new Set(vendor.body.hits.map((x) => x.status))).toEqual(new Set(["published"]));
    expect(vendor.body.hits.find((x) => x.id === ids.benefits)?.invited).toBe(true);
    const buyer = await rfqs(h, SAKURA);
    expect(buyer.body.hits.find((x) => x.id === ids.accountingDraft)?.status).toBe("draft");
    const midori = await rfqs(h, MIDORI);
    expect(midori.body.hits.find((x) => x.id === ids.surveyClosed)?.status).toBe("closed");
  });

  it("a vendor does not find a draft by its own words, nor an RFQ it was not invited to", async () => {
    const found = async (email: string, q: string) => keysOf((await rfqs(h, email, `q=${encodeURIComponent(q)}`)).body.hits, ids);
    expect(await found(NEXT_KEIRI, "経理BPO 支払業務 記帳代行 作成中")).not.toContain("accountingDraft");
    expect(await found(NEXT_KEIRI, "物価高騰対策給付金")).not.toContain("benefits");
    expect(await found(NEXT_KEIRI, "運用型広告")).not.toContain("adOperations");
    expect(await found(STUDIO_AOI, "運用型広告")).toContain("adOperations");
    expect(await found(SAKURA, "作成中")).toContain("accountingDraft");
  });

  it("advisors and the platform admin search no RFQs (403), and no page shows the Meilisearch key or URL", async () => {
    expect((await api(h, ADVISOR, "/api/v1/search/rfqs")).status).toBe(403);
    expect((await api(h, "admin@kurabe.example", "/api/v1/search/rfqs")).status).toBe(403);
    expect((await page(h, await login(h, ADVISOR))).status).toBe(403);
    const meili = [inject("meiliKey"), inject("meiliUrl"), new URL(inject("meiliUrl")).host];
    const pages = [
      (await page(h, sessions.get(GYOSEI)!, "q=給与")).html,
      (await page(h, sessions.get(SAKURA)!)).html,
      await (await h.request("/vendors?q=経理", { cookies: sessions.get(SAKURA)! })).text(),
      (await rfqs(h, GYOSEI)).text,
      (await api(h, SAKURA, "/api/v1/search/vendors?q=経理")).text,
    ];
    for (const html of pages) for (const s of meili) expect(html).not.toContain(s);
  });
});

describe("facets, highlighting, sorting and pages", () => {
  it("filters by category, with counts that ignore the category's own selection", async () => {
    const r = await rfqs(h, GYOSEI, "category=hr_payroll");
    expect(keysOf(r.body.hits, ids)).toEqual(["payroll"]);
    expect(r.body.facets!.category).toEqual({ municipal: 1, hr_payroll: 1, creative: 1, data_entry: 1 });
    const both = await rfqs(h, GYOSEI, "category=hr_payroll&category=creative");
    expect(sorted(keysOf(both.body.hits, ids))).toEqual(["landingPage", "payroll"]);
    const p = await page(h, sessions.get(GYOSEI)!, "category=hr_payroll");
    expect(linkedIds(p.html, ids)).toEqual(["payroll"]);
  });

  it("finds an RFQ written in Japanese by its English synonym, and the other way round", async () => {
    // The payroll RFQ is titled 給与計算…; "payroll" must find it although Meilisearch reads kanji-only synonyms as Chinese.
    expect(keysOf((await rfqs(h, GYOSEI, "q=payroll")).body.hits, ids)).toContain("payroll");
    expect(keysOf((await rfqs(h, GYOSEI, `q=${encodeURIComponent("給与計算")}`)).body.hits, ids)).toContain("payroll");
  });

  it("filters by a required certification (every chosen one required)", async () => {
    const r = await rfqs(h, GYOSEI, "cert=privacy_mark");
    expect(sorted(keysOf(r.body.hits, ids))).toEqual(["benefits", "payroll"]);
    expect(r.body.facets!.requiredCertifications).toMatchObject({ privacy_mark: 2, isms_iso27001: 1 });
    expect(keysOf((await rfqs(h, GYOSEI, "cert=privacy_mark&cert=isms_iso27001")).body.hits, ids)).toEqual(["benefits"]);
  });

  it("counts and filters deadline windows on the clock", async () => {
    const r = await rfqs(h, GYOSEI, "deadline=7");
    expect(keysOf(r.body.hits, ids)).toEqual(["soon"]);
    expect(r.body.facets!.deadline).toEqual({ "7": 1, "14": 1, "30": 4 });
  });

  it("held / lacking: counts verified certificates valid today only", async () => {
    // Hokkaido's ISMS is unverified: the benefits RFQ (ISMS + Pマーク) is one it lacks; the soon one needs ISO 9001.
    const held = await rfqs(h, HOKKAIDO, "fit=held");
    expect(sorted(keysOf(held.body.hits, ids))).toEqual(["landingPage", "payroll"]);
    expect(held.body.facets!.fit).toEqual({ held: 2, lacking: 2 });
    expect(sorted(keysOf((await rfqs(h, HOKKAIDO, "fit=lacking")).body.hits, ids))).toEqual(["benefits", "soon"]);
    const aoi = await rfqs(h, STUDIO_AOI, "fit=held");
    expect(sorted(keysOf(aoi.body.hits, ids))).toEqual(["adOperations", "landingPage"]);
    // Gyosei holds everything any RFQ requires: nothing it lacks.
    const gyosei = await rfqs(h, GYOSEI, "fit=lacking");
    expect(gyosei.body.total).toBe(0);
    expect(gyosei.body.facets!.fit).toEqual({ held: 4, lacking: 0 });
    // Buyers hold no certificates: the facet is absent and the parameter changes nothing.
    const buyer = await rfqs(h, SAKURA, "fit=held");
    expect(buyer.body.facets!.fit).toBeNull();
    expect(buyer.body.total).toBe(SCOPE[SAKURA].length);
  });

  it("highlights matched terms, sorts by deadline and newest, and pages", async () => {
    const r = await rfqs(h, NEXT_KEIRI, `q=${encodeURIComponent("給与計算")}`);
    expect(r.body.hits[0].id).toBe(ids.payroll);
    expect(r.body.hits[0].highlight.title.some((s) => s.match && s.text.includes("給与"))).toBe(true);
    const p = await page(h, sessions.get(NEXT_KEIRI)!, `q=${encodeURIComponent("給与計算")}`);
    expect(p.html).toMatch(/<mark>給与[^<]*<\/mark>/);
    expect(keysOf((await rfqs(h, GYOSEI, "sort=deadline")).body.hits, ids)).toEqual(["soon", "landingPage", "payroll", "benefits"]);
    expect(keysOf((await rfqs(h, GYOSEI, "sort=newest")).body.hits, ids)[0]).toBe("soon");
    const first = await api(h, GYOSEI, "/api/v1/search/rfqs?sort=deadline&perPage=3&page=1");
    const second = await api(h, GYOSEI, "/api/v1/search/rfqs?sort=deadline&perPage=3&page=2");
    expect(first.body).toMatchObject({ total: 4, hasMore: true });
    expect(keysOf(second.body.hits, ids)).toEqual(["benefits"]);
    expect(second.body.hasMore).toBe(false);
    const paged = await page(h, sessions.get(GYOSEI)!, "sort=deadline&page=2");
    expect(paged.html).toContain("前へ");
  });

  it("an empty result explains itself and offers to remove the filters, keeping the keywords", async () => {
    const p = await page(h, sessions.get(GYOSEI)!, `q=${encodeURIComponent("給与")}&category=creative&deadline=7`);
    expect(p.html).toContain('data-testid="rfq-search-empty"');
    expect(p.html).toContain("絞り込みを外すと見つかるかもしれません。");
    expect(p.html).toContain(`href="/rfqs/search?q=${encodeURIComponent("給与")}"`);
  });
});

describe("escape attempts", () => {
  const craftedQueries = [
    '" OR status = draft',
    'status = "draft"',
    "visibility = invited OR visibility = marketplace",
    `invited_vendor_ids EXISTS`,
    "') OR ('1'='1",
    "\\",
    '"',
    "*",
    "作成中 OR 1=1",
    "🙂 給与 \u202e\u0000",
    "ｱｶｳﾝﾄ　経理　ＩＳＭＳ",
    "x".repeat(199),
  ];

  it.each(craftedQueries)("crafted keywords %#: no leak, no error, through API and page", async (q) => {
    for (const email of [NEXT_KEIRI, SAKURA]) {
      const r = await rfqs(h, email, `q=${encodeURIComponent(q)}`);
      expect(r.status).toBe(200);
      for (const k of keysOf(r.body.hits, ids)) expect(SCOPE[email]).toContain(k);
      for (const s of secretsFor(email)) expect(r.text).not.toContain(s);
      const p = await page(h, sessions.get(email)!, `q=${encodeURIComponent(q)}`);
      expect(p.status).toBe(200);
      for (const k of linkedIds(p.html, ids)) expect(SCOPE[email]).toContain(k);
    }
  });

  it("keywords longer than 200 characters: the API refuses with a field error, the page searches the first 200", async () => {
    const long = "給与".repeat(5000);
    const r = await rfqs(h, NEXT_KEIRI, `q=${encodeURIComponent(long)}`);
    expect(r.status).toBe(400);
    expect(JSON.parse(r.text).errors.map((e: { path: string }) => e.path)).toEqual(["q"]);
    const p = await page(h, sessions.get(NEXT_KEIRI)!, `q=${encodeURIComponent(long)}`);
    expect(p.status).toBe(200);
  });

  const craftedFacets: [string, string][] = [
    ["category", 'category=x" OR visibility = "invited'],
    ["category", 'category=accounting" OR status = "draft'],
    ["cert", "cert=ISMS) OR (status = draft"],
    ["cert", "cert=isms_iso27001%22%5D%20OR%20status%20%3D%20%22draft"],
    ["deadline", "deadline=36500"],
    ["deadline", "deadline=7 OR status = draft"],
    ["fit", "fit=all"],
    ["sort", "sort=status:asc"],
    ["page", "page=-1"],
    ["page", "page=1e9"],
    ["perPage", "perPage=100000"],
    ["perPage", "perPage=0"],
  ];

  it.each(craftedFacets)("crafted facet parameter (%s) %#: the API answers 400 naming it; the page drops it and stays in scope", async (name, qs) => {
    for (const email of [NEXT_KEIRI, SAKURA]) {
      const r = await api(h, email, `/api/v1/search/rfqs?${qs}`);
      expect(r.status).toBe(400);
      expect(JSON.parse(r.text).errors.map((e: { path: string }) => e.path.split(".")[0])).toContain(name);
    }
    for (const email of [NEXT_KEIRI, SAKURA]) {
      const p = await page(h, sessions.get(email)!, qs);
      expect(p.status).toBe(200);
      for (const k of linkedIds(p.html, ids)) expect(SCOPE[email]).toContain(k);
      for (const s of secretsFor(email)) expect(p.html).not.toContain(s);
    }
  });

  it("parameters that try to choose the scope are ignored, repeated ones take the first value", async () => {
    const midoriOrg = (await actorFor(h.db, MIDORI)).org!.id;
    const attempts = [
      `status=draft&visibility=invited&buyer_org_id=${midoriOrg}&scope=buyer&filter=${encodeURIComponent('status = "draft"')}`,
      `invited_vendor_ids=${(await actorFor(h.db, GYOSEI)).org!.id}`,
      "category[]=accounting&cert[]=x",
      "q=a&q=b&sort=deadline&sort=status:asc",
    ];
    for (const qs of attempts) {
      const r = await rfqs(h, NEXT_KEIRI, qs);
      expect(r.status).toBe(200);
      for (const k of keysOf(r.body.hits, ids)) expect(SCOPE[NEXT_KEIRI]).toContain(k);
      const p = await page(h, sessions.get(NEXT_KEIRI)!, qs);
      expect(p.status).toBe(200);
      for (const k of linkedIds(p.html, ids)) expect(SCOPE[NEXT_KEIRI]).toContain(k);
    }
    // With nothing else narrowing it, the ignored parameters leave the vendor's full scope: not more.
    expect(sorted(keysOf((await rfqs(h, NEXT_KEIRI, attempts[0])).body.hits, ids))).toEqual(sorted(SCOPE[NEXT_KEIRI]));
  });

  it("without a token the API answers 401, without a session the page sends to login", async () => {
    expect((await h.request("/api/v1/search/rfqs")).status).toBe(401);
    expect((await h.request("/api/v1/search/vendors")).status).toBe(401);
    const res = await h.request("/rfqs/search?q=x");
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toMatch(/^\/login/);
  });
});

describe("GET /api/v1/search/vendors", () => {
  it("finds vendors with highlights and facet counts; vendors may not search the directory", async () => {
    const r = await api(h, SAKURA, `/api/v1/search/vendors?q=${encodeURIComponent("経理 ISMS 東京")}`);
    expect(r.status).toBe(200);
    const body = JSON.parse(r.text) as {
      mode: string;
      hits: { name: string; highlight: { name: { match: boolean }[] } }[];
      facets: { categories: Record<string, number> };
    };
    expect(body.mode).toBe("search");
    expect(body.hits[0].name).toBe("株式会社ネクスト経理サービス");
    expect(body.hits[0].highlight.name.some((s) => s.match)).toBe(true);
    expect(body.facets.categories.accounting).toBeGreaterThan(0);
    expect((await api(h, NEXT_KEIRI, "/api/v1/search/vendors?q=x")).status).toBe(403);
  });

  it("refuses crafted facets and pages with field errors", async () => {
    for (const [name, qs] of [
      ["category", 'category=accounting" OR categories = "marketing'],
      ["region", "region=tokyo) OR (regions EXISTS"],
      ["cert", "cert=privacy_mark OR 1=1"],
      ["perPage", "perPage=100000"],
      ["page", "page=-1"],
      ["sort", "sort=name:asc"],
    ]) {
      const r = await api(h, SAKURA, `/api/v1/search/vendors?${qs}`);
      expect(r.status, qs).toBe(400);
      expect(JSON.parse(r.text).errors.map((e: { path: string }) => e.path.split(".")[0])).toContain(name);
    }
  });

  it("is listed in the OpenAPI document with the RFQ search", async () => {
    const doc = (await (await h.request("/api/v1/openapi.json")).json()) as { paths: Record<string, { get?: { parameters?: { name: string }[] } }> };
    expect(doc.paths["/api/v1/search/vendors"].get!.parameters!.map((p) => p.name)).toEqual(
      expect.arrayContaining(["q", "category", "region", "cert", "sort", "page", "perPage"]),
    );
    expect(doc.paths["/api/v1/search/rfqs"].get!.parameters!.map((p) => p.name)).toEqual(
      expect.arrayContaining(["q", "category", "cert", "deadline", "fit", "sort", "page", "perPage"]),
    );
  });
});

describe("sync: closing and cancelling", () => {
  it("an RFQ whose deadline passes leaves vendors' results at once; the sweep re-indexes it as closed", async () => {
    const before = h.clock.now();
    h.clock.set(new Date(before.getTime() + 3 * DAY + 60_000));
    try {
      // Before any indexer run: the scope filter's deadline clause already hides it.
      expect(keysOf((await rfqs(h, GYOSEI)).body.hits, ids)).not.toContain("soon");
      expect(linkedIds((await page(h, sessions.get(GYOSEI)!)).html, ids)).not.toContain("soon");
      expect(await enqueueRfqsClosedBetween(h.db, before, h.clock.now())).toBe(1);
      await h.index();
      const raw = await h.search.searchRfqs({
        scope: { kind: "buyer", buyerOrgId: (await actorFor(h.db, MIDORI)).org!.id },
        now: h.clock.now(),
        q: "",
        page: 1,
        perPage: 50,
      });
      expect(raw.hits.find((x) => x.id === ids.soon)?.status).toBe("closed");
      // The buyer still finds it, as closed.
      expect((await rfqs(h, MIDORI)).body.hits.find((x) => x.id === ids.soon)?.status).toBe("closed");
    } finally {
      h.clock.set(before);
    }
  });

  it("a cancelled RFQ leaves vendors' results once indexed", async () => {
    expect(keysOf((await rfqs(h, NEXT_KEIRI)).body.hits, ids)).toContain("payroll");
    mustSucceed(await cancelRfq(h.ctx, await actorFor(h.db, SAKURA), ids.payroll, "予算凍結のため"), "cancel");
    await h.index();
    expect(keysOf((await rfqs(h, NEXT_KEIRI)).body.hits, ids)).not.toContain("payroll");
    expect(linkedIds((await page(h, sessions.get(NEXT_KEIRI)!)).html, ids)).not.toContain("payroll");
    expect((await rfqs(h, SAKURA)).body.hits.find((x) => x.id === ids.payroll)?.status).toBe("cancelled");
  });
});

describe("with Meilisearch unreachable", () => {
  let dead: Harness;
  let deadIds: Ids;
  beforeAll(async () => {
    dead = await createHarness({ demo: true, search: createSearchService({ url: "http://127.0.0.1:9", apiKey: "x", timeoutMs: 500 }) });
    deadIds = await seed(dead);
  });
  afterAll(() => dead?.close());

  it("the API and the page fall back to PostgreSQL with the same scope, and say so", async () => {
    for (const email of [NEXT_KEIRI, STUDIO_AOI, MIDORI, SAKURA]) {
      const r = await rfqs(dead, email);
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ mode: "degraded", total: null, facets: null });
      expect(sorted(keysOf(r.body.hits, deadIds))).toEqual(sorted(SCOPE[email]));
    }
    const cookies = await login(dead, STUDIO_AOI);
    const p = await page(dead, cookies);
    expect(p.status).toBe(200);
    expect(p.html).toContain('data-testid="rfq-search-degraded"');
    expect(sorted(linkedIds(p.html, deadIds))).toEqual(sorted(SCOPE[STUDIO_AOI]));
  });

  it("keywords and category still narrow; crafted input still cannot widen", async () => {
    expect(keysOf((await rfqs(dead, NEXT_KEIRI, `q=${encodeURIComponent("給与計算")}`)).body.hits, deadIds)).toEqual(["payroll"]);
    expect(keysOf((await rfqs(dead, NEXT_KEIRI, "category=creative")).body.hits, deadIds)).toEqual(["landingPage"]);
    for (const q of ["経理BPO 作成中", "物価高騰対策給付金", "運用型広告", "' OR '1'='1", "\\"]) {
      const r = await rfqs(dead, NEXT_KEIRI, `q=${encodeURIComponent(q)}`);
      expect(r.status).toBe(200);
      for (const k of keysOf(r.body.hits, deadIds)) expect(SCOPE[NEXT_KEIRI]).toContain(k);
    }
    // LIKE wildcards are escaped: unescaped, these would match every RFQ.
    for (const q of ["%%%", "___"]) expect((await rfqs(dead, SAKURA, `q=${encodeURIComponent(q)}`)).body.hits).toEqual([]);
    const first = await api(dead, SAKURA, "/api/v1/search/rfqs?perPage=3&sort=deadline");
    expect(first.body.hasMore).toBe(true);
    const second = await api(dead, SAKURA, "/api/v1/search/rfqs?perPage=3&sort=deadline&page=2");
    expect(second.body.hits).toHaveLength(SCOPE[SAKURA].length - 3);
    expect(second.body.hasMore).toBe(false);
  });

  it("the vendor search API falls back too", async () => {
    const r = await api(dead, SAKURA, `/api/v1/search/vendors?q=${encodeURIComponent("経理")}`);
    expect(r.status).toBe(200);
    const body = JSON.parse(r.text) as { mode: string; facets: unknown; hits: { name: string }[] };
    expect(body).toMatchObject({ mode: "degraded", facets: null });
    expect(body.hits.map((x) => x.name)).toContain("株式会社ネクスト経理サービス");
  });
});
