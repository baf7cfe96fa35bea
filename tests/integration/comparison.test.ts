import ExcelJS from "exceljs";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, findDemoRfqIds } from "../../db/seed";
import { SURVEY_CLOSED_DAYS } from "../../db/seed/demo-rfqs";
import { buildRankingInput, type QuoteForRanking } from "../../app/domain/comparison/ranking-input";
import type { TcoBreakdown } from "../../app/domain/quote/normalize";
import type { Quote } from "../../app/domain/quote/schema";
import type { CertificationType } from "../../app/domain/rfq/categories";
import { rfqSchema } from "../../app/domain/rfq/schema";
import {
  rankAlternatives,
  winnerStability,
  type RankedAlternative,
  type RankingInput,
  type RankingResult,
  type WinnerStability,
} from "../../app/domain/scoring";
import { tokyoDateString } from "../../app/utils/format";
import { enqueueOutbox } from "../../db/queries/outbox";
import { createSearchService } from "../../search/client";
import { Cookies, createHarness, postForm, type Harness } from "./harness";

// The comparison on real PostgreSQL and Meilisearch: the API ranks exactly like the scoring module
// on an independently built input, the quotes index sorts like the module, sealed and foreign
// callers see 404s, the downloads carry Japanese text and yen formats, and nothing needs search.

const token = (email: string) => DEMO_ACCOUNTS.find((a) => a.email === email)!.token;
const BUYER = "buyer@midori-city.example";
const OTHER_BUYER = "buyer@sakura-foods.example";
const VENDOR = "gyosei@gyosei-support.example";
const DAY = 86_400_000;

let h: Harness;
let rfqId: string;
let openRfqId: string;

const api = (harness: Harness, email: string, path: string, lang = "ja") =>
  harness.request(path, { headers: { Authorization: `Bearer ${token(email)}`, "Accept-Language": lang } });

/** The module's answer on an input built here from the tables, not through the service under test. */
async function rankIndependently(harness: Harness, id: string): Promise<RankingResult> {
  return rankAlternatives(await inputIndependently(harness, id));
}

async function inputIndependently(harness: Harness, id: string): Promise<RankingInput> {
  const rfqRow = await harness.db.selectFrom("rfqs").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  const version = await harness.db
    .selectFrom("rfq_versions")
    .select("content")
    .where("rfq_id", "=", id)
    .where("version", "=", rfqRow.current_version)
    .executeTakeFirstOrThrow();
  const rfq = rfqSchema.parse(version.content);
  const rows = await harness.db
    .selectFrom("quotes")
    .innerJoin("quote_versions", (j) => j.onRef("quote_versions.quote_id", "=", "quotes.id").onRef("quote_versions.version", "=", "quotes.current_version"))
    .select(["quotes.id", "quotes.vendor_org_id", "quote_versions.content", "quote_versions.normalized"])
    .where("quotes.rfq_id", "=", id)
    .where("quotes.status", "in", ["submitted", "shortlisted", "awarded", "not_selected"])
    .where("quotes.rfq_version", ">=", rfqRow.current_version)
    .execute();
  const certs = await harness.db.selectFrom("certifications").selectAll().execute();
  // The track record, weighed here from the raw facts (restated independently of weighTrackRecord): every rate fact
  // of the vendor scaled by 2^(−age in days / 730) as of the harness's Tokyo date, and its contracts with facts in
  // the RFQ's category (decision 0038).
  const facts = await harness.db
    .selectFrom("evidence_events")
    .select(["vendor_org_id", "contract_id", "category", "kpi_key", "successes", "trials", sql<string>`to_char(observed_on, 'YYYY-MM-DD')`.as("day")])
    .orderBy("kpi_key")
    .orderBy("observed_on")
    .execute();
  const today = Date.parse(`${tokyoDateString(harness.clock.now())}T00:00:00Z`);
  const evidenceOf = (vendorOrgId: string) => {
    const evidence: Record<string, { successes: number; trials: number }> = {};
    // Summed per KPI and day first, then weighed oldest first: the same additions in the same order, so the
    // floating-point sums (and the scores) are equal to the last bit.
    const days = new Map<string, { kpi: string; day: string; successes: number; trials: number }>();
    for (const o of facts.filter((x) => x.vendor_org_id === vendorOrgId && x.trials !== null)) {
      const d = days.get(`${o.kpi_key} ${o.day}`) ?? { kpi: o.kpi_key, day: o.day, successes: 0, trials: 0 };
      days.set(`${o.kpi_key} ${o.day}`, { ...d, successes: d.successes + o.successes!, trials: d.trials + o.trials! });
    }
    for (const d of days.values()) {
      const weight = Math.pow(2, -Math.max(0, Math.round((today - Date.parse(`${d.day}T00:00:00Z`)) / 86_400_000)) / 730);
      const sum = (evidence[d.kpi] ??= { successes: 0, trials: 0 });
      sum.successes += weight * d.successes;
      sum.trials += weight * d.trials;
    }
    return evidence;
  };
  const contractsIn = (vendorOrgId: string, category: string) =>
    new Set(facts.filter((e) => e.vendor_org_id === vendorOrgId && e.category === category).map((e) => e.contract_id)).size;
  const iso = (d: unknown) => (d instanceof Date ? tokyoDateString(d) : String(d).slice(0, 10));
  const quotes: QuoteForRanking[] = rows.map((r) => ({
    id: r.id,
    vendorName: r.id,
    content: r.content as Quote,
    normalized: r.normalized as TcoBreakdown,
    certifications: certs
      .filter((c) => c.org_id === r.vendor_org_id)
      .map((c) => ({
        type: c.type as CertificationType,
        verificationStatus: c.status as "verified",
        validFrom: iso(c.valid_from),
        validUntil: iso(c.valid_until),
      })),
    evidence: evidenceOf(r.vendor_org_id),
    trackRecord: { engagementsInCategory: contractsIn(r.vendor_org_id, rfq.category) },
  }));
  return buildRankingInput(rfq, quotes, tokyoDateString(harness.clock.now()));
}

async function mandatoryCertificationsOf(id: string): Promise<string[]> {
  const row = await h.db
    .selectFrom("rfqs")
    .innerJoin("rfq_versions", (j) => j.onRef("rfq_versions.rfq_id", "=", "rfqs.id").onRef("rfq_versions.version", "=", "rfqs.current_version"))
    .select("rfq_versions.content")
    .where("rfqs.id", "=", id)
    .executeTakeFirstOrThrow();
  return rfqSchema
    .parse(row.content)
    .requiredCertifications.filter((r) => r.level === "mandatory")
    .map((r) => r.type);
}

const order = (ranking: RankedAlternative[]) => ranking.map((r) => [r.id, r.rank, Number(r.score.toFixed(9))]);

beforeAll(async () => {
  h = await createHarness({ demo: true });
  const ids = await findDemoRfqIds(h.db);
  rfqId = ids.surveyClosed;
  openRfqId = ids.benefits;
  await h.index();
});
afterAll(() => h?.close());

describe("GET /api/v1/rfqs/{id}/comparison", () => {
  it("ranks exactly like the scoring module on the same input", async () => {
    const res = await api(h, BUYER, `/api/v1/rfqs/${rfqId}/comparison?view=full`);
    expect(res.status).toBe(200);
    const text = await res.text();
    // The body is written in parts (head, cached ranking): the declared length must be the whole of it.
    expect(Number(res.headers.get("Content-Length"))).toBe(Buffer.byteLength(text));
    const body = JSON.parse(text) as { ranking: RankedAlternative[]; disqualified: { id: string }[]; title: string };
    const expected = await rankIndependently(h, rfqId);
    expect(body.ranking.length + body.disqualified.length).toBeGreaterThanOrEqual(3);
    expect(order(body.ranking)).toEqual(order(expected.ranking));
    expect(body.ranking.map((r) => r.contributions)).toEqual(expected.ranking.map((r) => r.contributions));
    expect(body.disqualified.map((d) => d.id).sort()).toEqual(expected.disqualified.map((d) => d.id).sort());
    expect(body.title).toBe("市民意識調査 調査票データ入力・集計業務");
    // The second answer comes from the memoized ranking and its cached JSON: it must be the same document.
    const again = (await (await api(h, BUYER, `/api/v1/rfqs/${rfqId}/comparison?view=full`)).json()) as typeof body;
    expect(again).toEqual(body);
  });

  it("states the winner's stability under single-weight changes, as the module computes it, with vendor names in the sentence", async () => {
    const body = (await (await api(h, BUYER, `/api/v1/rfqs/${rfqId}/comparison?view=full`)).json()) as {
      stability: WinnerStability;
      quotes: { id: string; vendorName: string }[];
    };
    const expected = winnerStability(await inputIndependently(h, rfqId));
    const { sentence, ...figures } = body.stability;
    const { sentence: idSentence, ...expectedFigures } = expected;
    expect(figures).toEqual(JSON.parse(JSON.stringify(expectedFigures)));
    expect(expected.winner).not.toBeNull();
    const names = new Map(body.quotes.map((q) => [q.id, q.vendorName]));
    expect(idSentence.ja).toContain(expected.winner!);
    expect(sentence.ja).toContain(names.get(expected.winner!)!);
    expect(sentence.ja).not.toContain(expected.winner!);
    expect(sentence.en).toContain(names.get(expected.winner!)!);

    // The buyer's page shows the same sentence under the robustness line, in the reader's language.
    const buyer = new Cookies();
    expect((await postForm(h, "/login", { email: BUYER, password: DEMO_PASSWORD }, buyer)).status).toBe(302);
    const unescape = (html: string) =>
      html
        .replace(/&quot;/g, '"')
        .replace(/&#x27;/g, "'")
        .replace(/&amp;/g, "&");
    const ja = unescape(await (await h.request(`/rfqs/${rfqId}/compare`, { cookies: buyer, headers: { "Accept-Language": "ja" } })).text());
    expect(ja.indexOf('data-testid="stability"')).toBeGreaterThan(ja.indexOf('data-testid="robustness"'));
    expect(ja).toContain(sentence.ja);
    const en = unescape(await (await h.request(`/rfqs/${rfqId}/compare`, { cookies: buyer, headers: { "Accept-Language": "en" } })).text());
    expect(en).toContain(sentence.en);
  });

  it("re-ranks with what-if weights and method without saving them", async () => {
    const res = await api(h, BUYER, `/api/v1/rfqs/${rfqId}/comparison?view=full&method=topsis`);
    const body = (await res.json()) as { method: string; whatIf: boolean };
    expect(body).toMatchObject({ method: "topsis", whatIf: true });
    const again = (await (await api(h, BUYER, `/api/v1/rfqs/${rfqId}/comparison?view=full`)).json()) as { method: string; whatIf: boolean };
    expect(again.whatIf).toBe(false);
    expect(again.method).not.toBe("topsis");
  });

  it("refuses malformed or unknown what-if input with field errors", async () => {
    const bad = await api(h, BUYER, `/api/v1/rfqs/${rfqId}/comparison?view=full&weights=tco:abc&method=best`, "en");
    expect(bad.status).toBe(400);
    const paths = ((await bad.json()) as { errors: { path: string }[] }).errors.map((e) => e.path).sort();
    expect(paths).toEqual(["method", "weights"]);
    const unknown = await api(h, BUYER, `/api/v1/rfqs/${rfqId}/comparison?view=full&weights=no_such_key:10`);
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { errors: { path: string }[] }).errors[0].path).toBe("weights.no_such_key");
  });

  it("is a 404 for vendors, other buyers and, before the deadline, for the buyer too", async () => {
    for (const who of [VENDOR, OTHER_BUYER]) {
      expect((await api(h, who, `/api/v1/rfqs/${rfqId}/comparison`)).status).toBe(404);
      expect((await api(h, who, `/api/v1/rfqs/${rfqId}/comparison.xlsx`)).status).toBe(404);
    }
    expect((await api(h, BUYER, `/api/v1/rfqs/${openRfqId}/comparison`)).status).toBe(404);
    const now = h.clock.now();
    h.clock.set(new Date(now.getTime() + (SURVEY_CLOSED_DAYS.deadline - 1) * DAY));
    try {
      expect((await api(h, BUYER, `/api/v1/rfqs/${rfqId}/comparison`)).status).toBe(404);
      expect((await api(h, BUYER, `/api/v1/rfqs/${rfqId}/comparison.xlsx`)).status).toBe(404);
    } finally {
      h.clock.set(now);
    }
  });
});

describe("quotes index", () => {
  it("sorted by score gives the module's order, disqualified quotes flagged, scoped to the buyer", async () => {
    const buyerOrgId = (await h.db.selectFrom("rfqs").select("buyer_org_id").where("id", "=", rfqId).executeTakeFirstOrThrow()).buyer_org_id;
    const hits = await h.search.searchQuotes({ rfqId, buyerOrgId, sort: { by: "score", direction: "desc" } });
    const expected = await rankIndependently(h, rfqId);
    const ranked = hits.filter((d) => d.score !== null);
    expect(ranked.map((d) => [d.id, d.rank])).toEqual(expected.ranking.map((r) => [r.id, r.rank]));
    expect(
      hits
        .filter((d) => d.disqualified)
        .map((d) => d.id)
        .sort(),
    ).toEqual(expected.disqualified.map((d) => d.id).sort());
    expect(ranked[0].score).toBeCloseTo(expected.ranking[0].score, 9);
    const otherOrg = (await h.db.selectFrom("organizations").select("id").where("kind", "=", "buyer").where("id", "!=", buyerOrgId).executeTakeFirstOrThrow())
      .id;
    expect(await h.search.searchQuotes({ rfqId, buyerOrgId: otherOrg })).toEqual([]);
  });

  it("re-projects the whole RFQ when a vendor's certificates change: a lapsed mandatory certificate disqualifies its quote", async () => {
    const buyerOrgId = (await h.db.selectFrom("rfqs").select("buyer_org_id").where("id", "=", rfqId).executeTakeFirstOrThrow()).buyer_org_id;
    const before = await h.search.searchQuotes({ rfqId, buyerOrgId, sort: { by: "score", direction: "desc" } });
    const winner = before[0];
    const mandatory = await mandatoryCertificationsOf(rfqId);
    expect(mandatory.length).toBeGreaterThan(0);
    // The vendor's certificate lapsed; a certificate change enqueues the vendor (as the certification service does).
    await h.db
      .updateTable("certifications")
      .set({ valid_until: "2000-01-01" })
      .where("org_id", "=", winner.vendor_org_id)
      .where("type", "in", mandatory)
      .execute();
    await h.db.insertInto("outbox").values({ topic: "vendor", entity_id: winner.vendor_org_id }).execute();
    await h.index();
    const after = await h.search.searchQuotes({ rfqId, buyerOrgId, sort: { by: "score", direction: "desc" } });
    const expected = await rankIndependently(h, rfqId);
    expect(expected.disqualified.map((d) => d.id)).toEqual([winner.id]);
    expect(after.filter((d) => d.disqualified).map((d) => [d.id, d.score, d.rank])).toEqual([[winner.id, null, null]]);
    // The others moved up: their documents were rewritten although only the winner's vendor was queued.
    expect(after.filter((d) => d.score !== null).map((d) => [d.id, d.rank])).toEqual(expected.ranking.map((r) => [r.id, r.rank]));
    expect(after.find((d) => d.id === expected.ranking[0].id)!.rank).toBe(1);
    expect((await h.search.searchQuotes({ rfqId, buyerOrgId, filters: { disqualified: false } })).map((d) => d.id)).not.toContain(winner.id);
  });

  it("an RFQ change (topic rfq, e.g. an addendum to the criteria) re-projects all of its quotes", async () => {
    const buyerOrgId = (await h.db.selectFrom("rfqs").select("buyer_org_id").where("id", "=", rfqId).executeTakeFirstOrThrow()).buyer_org_id;
    const ids = (await h.search.searchQuotes({ rfqId, buyerOrgId })).map((d) => d.id);
    await h.search.deleteQuotes(ids);
    expect(await h.search.searchQuotes({ rfqId, buyerOrgId })).toEqual([]);
    await h.db
      .insertInto("outbox")
      .values({ topic: "rfq", entity_id: rfqId, next_attempt_at: new Date(Date.now() - 1000) })
      .execute();
    await h.index();
    expect((await h.search.searchQuotes({ rfqId, buyerOrgId })).map((d) => d.id).sort()).toEqual([...ids].sort());
  });

  it("flattens KPI commitments into sortable kpi_ attributes", async () => {
    const buyerOrgId = (await h.db.selectFrom("rfqs").select("buyer_org_id").where("id", "=", rfqId).executeTakeFirstOrThrow()).buyer_org_id;
    const all = await h.search.searchQuotes({ rfqId, buyerOrgId });
    const kpi = Object.keys(all[0]).find((k) => k.startsWith("kpi_"));
    expect(kpi).toBeDefined();
    const sorted = await h.search.searchQuotes({ rfqId, buyerOrgId, sort: { by: kpi!, direction: "asc" } });
    const values = sorted.map((d) => (d as Record<string, unknown>)[kpi!] as number).filter((v) => v !== undefined);
    expect(values).toEqual([...values].sort((a, b) => a - b));
  });
});

describe("downloads", () => {
  it("the workbook has the three sheets, Japanese headers and yen formats", async () => {
    const res = await api(h, BUYER, `/api/v1/rfqs/${rfqId}/comparison.xlsx`);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Disposition")).toContain(`filename*=UTF-8''${encodeURIComponent("市民意識調査")}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    expect(wb.worksheets.map((w) => w.name)).toEqual(["比較表", "見積明細", "評価基準と重み"]);
    const table = wb.getWorksheet("比較表")!;
    expect(table.getCell("A1").value).toBe("評価項目");
    const tcoRow = table.getColumn(1).values.findIndex((v) => v === "TCO（税抜）");
    expect(tcoRow).toBeGreaterThan(1);
    expect(typeof table.getCell(tcoRow, 3).value).toBe("number");
    expect(table.getCell(tcoRow, 3).numFmt).toBe('"¥"#,##0');
    const lines = wb.getWorksheet("見積明細")!;
    expect(lines.getCell("F2").numFmt).toBe('"¥"#,##0');
  });

  it("the page's filters and sort run through the quotes index, scoped to the buyer", async () => {
    const buyer = new Cookies();
    expect((await postForm(h, "/login", { email: BUYER, password: DEMO_PASSWORD }, buyer)).status).toBe(302);
    await h.index();
    const buyerOrgId = (await h.db.selectFrom("rfqs").select("buyer_org_id").where("id", "=", rfqId).executeTakeFirstOrThrow()).buyer_org_id;
    const byTco = (await h.search.searchQuotes({ rfqId, buyerOrgId, filters: { disqualified: false }, sort: { by: "tco", direction: "asc" } })).map(
      (d) => d.vendor_name,
    );
    expect(byTco.length).toBeGreaterThan(1);
    const html = await (await h.request(`/rfqs/${rfqId}/compare?sort=tco`, { cookies: buyer })).text();
    expect(html).toContain('data-ordered-by="index"');
    // The table's column headers (right after the marker) appear in the index's TCO order.
    const table = html.slice(html.indexOf('data-ordered-by="index"'));
    const positions = byTco.map((name) => table.indexOf(name));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    // A what-if is ranked here, not by the index (which holds the RFQ's own weights).
    const whatIf = await (await h.request(`/rfqs/${rfqId}/compare?method=topsis`, { cookies: buyer })).text();
    expect(whatIf).toContain('data-ordered-by="database"');
  });

  it("an index that lags behind the database is not trusted: every quote still shows, ordered by PostgreSQL", async () => {
    const buyer = new Cookies();
    expect((await postForm(h, "/login", { email: BUYER, password: DEMO_PASSWORD }, buyer)).status).toBe(302);
    await h.index();
    const buyerOrgId = (await h.db.selectFrom("rfqs").select("buyer_org_id").where("id", "=", rfqId).executeTakeFirstOrThrow()).buyer_org_id;
    const docs = await h.search.searchQuotes({ rfqId, buyerOrgId });
    const missing = docs.find((d) => !d.disqualified)!;
    // As if the indexer had not caught up yet (a deadline that just opened the quotes, a revision in flight).
    await h.search.deleteQuotes([missing.id]);
    const html = await (await h.request(`/rfqs/${rfqId}/compare?sort=tco`, { cookies: buyer })).text();
    expect(html).toContain('data-ordered-by="database"');
    expect(html).toContain(missing.vendor_name);
    // Once the indexer has re-projected the RFQ, the index is used again.
    await enqueueOutbox(h.db, "quote", missing.id);
    await h.index();
    expect(await (await h.request(`/rfqs/${rfqId}/compare?sort=tco`, { cookies: buyer })).text()).toContain('data-ordered-by="index"');
  });

  it("the page-side CSV starts with the BOM; other buyers get a 404", async () => {
    const buyer = new Cookies();
    expect((await postForm(h, "/login", { email: BUYER, password: DEMO_PASSWORD }, buyer)).status).toBe(302);
    const csv = await h.request(`/rfqs/${rfqId}/compare.csv`, { cookies: buyer });
    expect(csv.status).toBe(200);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toContain("合計点");
    const xlsx = await h.request(`/rfqs/${rfqId}/compare.xlsx`, { cookies: buyer });
    expect(xlsx.status).toBe(200);
    const other = new Cookies();
    await postForm(h, "/login", { email: OTHER_BUYER, password: DEMO_PASSWORD }, other);
    expect((await h.request(`/rfqs/${rfqId}/compare.csv`, { cookies: other })).status).toBe(404);
  });
});

describe("with Meilisearch stopped", () => {
  it("the comparison still answers from PostgreSQL", async () => {
    const dead = await createHarness({ demo: true, search: createSearchService({ url: "http://127.0.0.1:9", apiKey: "x", timeoutMs: 500 }) });
    try {
      const id = (await findDemoRfqIds(dead.db)).surveyClosed;
      const res = await api(dead, BUYER, `/api/v1/rfqs/${id}/comparison?view=full`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { ranking: RankedAlternative[] };
      expect(order(body.ranking)).toEqual(order((await rankIndependently(dead, id)).ranking));
      expect((await api(dead, BUYER, `/api/v1/rfqs/${id}/comparison.xlsx`)).status).toBe(200);
      // The page itself: ranks and the winner's name render, with the "search degraded" banner.
      const buyer = new Cookies();
      expect((await postForm(dead, "/login", { email: BUYER, password: DEMO_PASSWORD }, buyer)).status).toBe(302);
      const page = await dead.request(`/rfqs/${id}/compare`, { cookies: buyer });
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('data-testid="search-degraded"');
      expect(html).toContain('data-ordered-by="database"');
      const winner = body.ranking.find((r) => r.rank === 1)!;
      const winnerName = (
        await dead.db
          .selectFrom("quotes")
          .innerJoin("organizations", "organizations.id", "quotes.vendor_org_id")
          .select("organizations.name")
          .where("quotes.id", "=", winner.id)
          .executeTakeFirstOrThrow()
      ).name;
      expect(html).toContain(winnerName);
    } finally {
      await dead.close();
    }
  });
});
