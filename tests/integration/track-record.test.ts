import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, findDemoRfqIds, seedDemoData } from "../../db/seed";
import { seedDemoTrackRecords } from "../../db/seed/demo-track-records";
import { VENDOR } from "../../db/seed/demo-rfqs";
import { sql } from "kysely";
import { listOffersForRankingByBuyer } from "../../db/queries/quotes";
import { insertEngagementIfAbsent, listEngagementsOfVendor } from "../../db/queries/track-records";
import type { RankedAlternative } from "../../app/domain/scoring";
import { Cookies, createHarness, postForm, type Harness } from "./harness";

// Track records as evidence: seeded past engagements reach the ranking (claims shrunk towards what was
// delivered), the API, the quotes index and the vendors index agree, and the vendor page lists them.
// A track record is public aggregate data; nothing of any quote, and no RFQ id, comes with it.

const BUYER = "buyer@midori-city.example";
const token = (email: string) => DEMO_ACCOUNTS.find((a) => a.email === email)!.token;

let h: Harness;
let rfqId: string;
let buyerOrgId: string;
const org: Record<string, string> = {};

type Comparison = { ranking: RankedAlternative[]; quotes: { id: string; vendorName: string }[] };

async function comparison(): Promise<Comparison> {
  const res = await h.request(`/api/v1/rfqs/${rfqId}/comparison`, { headers: { Authorization: `Bearer ${token(BUYER)}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as Comparison;
}

const quoteOf = (c: Comparison, vendor: string) => c.quotes.find((q) => q.vendorName === vendor)!.id;
const placeOf = (c: Comparison, vendor: string) => c.ranking.find((r) => r.id === quoteOf(c, vendor))!;
const credibilityOf = (c: Comparison, vendor: string, key: string) => placeOf(c, vendor).contributions.find((x) => x.criterion === key)!.credibility!;

beforeAll(async () => {
  h = await createHarness();
  await seedDemoData(h.db, h.clock.now());
  rfqId = (await findDemoRfqIds(h.db)).surveyClosed;
  buyerOrgId = (await h.db.selectFrom("rfqs").select("buyer_org_id").where("id", "=", rfqId).executeTakeFirstOrThrow()).buyer_org_id;
  for (const row of await h.db.selectFrom("organizations").select(["id", "name"]).where("kind", "=", "vendor").execute()) org[row.name] = row.id;
  await h.index();
});
afterAll(() => h?.close());

describe("the closed survey RFQ's comparison", () => {
  it("shows a verified, a shrunk and an unverified claim", async () => {
    const c = await comparison();
    // 行政サポートセンター: 58 of 60 on time against a claim of 95%.
    const verified = credibilityOf(c, VENDOR.gyosei, "on_time_rate");
    expect(verified).toMatchObject({ claim: 0.95, verified: true, evidence: { successes: 58, trials: 60 } });
    expect(verified.effective).toBeGreaterThanOrEqual(verified.claim);
    // 北海道データエントリー: 48 of 56 on time against a claim of 100%, and 99.77% accurate against 99.95%.
    const onTime = credibilityOf(c, VENDOR.hokkaidoData, "on_time_rate");
    expect(onTime).toMatchObject({ claim: 1, verified: true, evidence: { successes: 48, trials: 56 } });
    expect(onTime.effective).toBeCloseTo((1 * 10 + 48) / (10 + 56), 12);
    const accuracy = credibilityOf(c, VENDOR.hokkaidoData, "accuracy");
    expect(accuracy.effective).toBeLessThan(accuracy.claim - 0.001);
    // ネクスト経理サービス: no record at all.
    expect(credibilityOf(c, VENDOR.nextKeiri, "on_time_rate")).toMatchObject({ claim: 0.9, effective: 0.9, verified: false, evidence: null });
    // Similar projects come from the engagements in the RFQ's category (data entry): 3, 3 and none.
    const similar = (vendor: string) => placeOf(c, vendor).contributions.find((x) => x.criterion === "similar_projects")!.value;
    expect([similar(VENDOR.gyosei), similar(VENDOR.hokkaidoData), similar(VENDOR.nextKeiri)]).toEqual([3, 3, 0]);
  });

  it("the page badges them, with claim and effective value, in Japanese and English", async () => {
    const buyer = new Cookies();
    expect((await postForm(h, "/login", { email: BUYER, password: DEMO_PASSWORD }, buyer)).status).toBe(302);
    const ja = await (await h.request(`/rfqs/${rfqId}/compare`, { cookies: buyer })).text();
    expect(ja).toContain('data-testid="badge-verified"');
    expect(ja).toContain('data-testid="badge-unverified"');
    expect(ja).toMatch(/data-testid="badge-shrunk".*?実績で補正: 100(\.00)?% → 87\.88%/s);
    const en = await (await h.request(`/rfqs/${rfqId}/compare`, { cookies: buyer, headers: { "Accept-Language": "en" } })).text();
    expect(en).toContain("Adjusted by evidence: 100% → 87.88%");
  });

  it("the download carries the same evidence beside each claimed rate", async () => {
    const buyer = new Cookies();
    await postForm(h, "/login", { email: BUYER, password: DEMO_PASSWORD }, buyer);
    const csv = await (await h.request(`/rfqs/${rfqId}/compare.csv`, { cookies: buyer })).text();
    const line = (label: string) => csv.split("\r\n").find((l) => l.startsWith(`${label},`))!;
    const c = await comparison();
    const header = csv
      .split("\r\n")[0]
      .replace(/^\uFEFF/, "")
      .split(",");
    const column = header.indexOf(`${VENDOR.hokkaidoData} 値`);
    expect(column).toBeGreaterThan(1);
    expect(line("納期遵守率: 実績の確認").split(",")[column]).toBe("実績で補正");
    expect(Number(line("納期遵守率: 実効値（実績で補正）").split(",")[column])).toBeCloseTo(
      credibilityOf(c, VENDOR.hokkaidoData, "on_time_rate").effective,
      12,
    );
    expect(line("納期遵守率: 実績: 観測件数").split(",")[column]).toBe("56");
    expect(line("納期遵守率: 実績の確認").split(",")[header.indexOf(`${VENDOR.nextKeiri} 値`)]).toBe("未検証（自己申告）");
  });

  it("a weak record costs the vendor its rank: without it the same quotes rank it higher, and the quotes index follows", async () => {
    const withRecord = await comparison();
    const indexed = async () => Object.fromEntries((await h.search.searchQuotes({ rfqId, buyerOrgId })).map((d) => [d.id, [d.rank, d.score]]));
    const asRanked = (c: Comparison) => Object.fromEntries(c.ranking.map((r) => [r.id, [r.rank, r.score]]));
    expect(await indexed()).toEqual(asRanked(withRecord));

    // The record disappears (as if never imported); the vendor is queued as any record change would do.
    const hokkaido = org[VENDOR.hokkaidoData];
    await h.db.deleteFrom("vendor_engagements").where("vendor_org_id", "=", hokkaido).execute();
    await h.db.insertInto("outbox").values({ topic: "vendor", entity_id: hokkaido }).execute();
    await h.index();
    const bare = await comparison();
    expect(credibilityOf(bare, VENDOR.hokkaidoData, "on_time_rate")).toMatchObject({ claim: 1, effective: 1, verified: false });
    expect(placeOf(bare, VENDOR.hokkaidoData).score).toBeGreaterThan(placeOf(withRecord, VENDOR.hokkaidoData).score);
    expect(placeOf(bare, VENDOR.hokkaidoData).rank).toBeLessThan(placeOf(withRecord, VENDOR.hokkaidoData).rank);
    expect(await indexed()).toEqual(asRanked(bare));

    // Seeding again restores exactly the missing engagements (the seed is idempotent) and the ranking.
    const before = await h.db
      .selectFrom("vendor_engagements")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .executeTakeFirstOrThrow();
    await seedDemoTrackRecords(h.db);
    await seedDemoTrackRecords(h.db);
    const after = await h.db
      .selectFrom("vendor_engagements")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(after.n) - Number(before.n)).toBe(3);
    await h.index();
    expect(asRanked(await comparison())).toEqual(asRanked(withRecord));
    expect(await indexed()).toEqual(asRanked(withRecord));
  });
});

describe("the vendors index", () => {
  it("counts engagements and summarizes the measured rates; sorting by track record puts the longest record first", async () => {
    const hits = await h.search.searchVendors({ q: "", page: 1, perPage: 50 });
    const doc = (name: string) => hits.hits.find((d) => d.name === name)!;
    expect(doc(VENDOR.gyosei).track_record_count).toBe(5);
    expect(doc(VENDOR.gyosei).track_record_summary.engagements).toBe(5);
    expect(doc(VENDOR.gyosei).track_record_summary.on_time_rate).toBeCloseTo(58 / 60, 12);
    expect(doc(VENDOR.gyosei).track_record_summary.rates.accuracy).toBeCloseTo(184_851 / 185_000, 12);
    expect(doc(VENDOR.nextKeiri)).toMatchObject({ track_record_count: 0, track_record_summary: { engagements: 0, on_time_rate: null, rates: {} } });
    // Contact centre KPIs only: measured, but no on-time rate.
    expect(doc(VENDOR.contactOne).track_record_summary.on_time_rate).toBeNull();
    const sorted = await h.search.searchVendors({ q: "", sort: "track_record", page: 1, perPage: 50 });
    expect(sorted.hits[0].name).toBe(VENDOR.gyosei);
    expect(sorted.hits.at(-1)!.track_record_count).toBe(0);
  });

  it("the search page shows each vendor's record beside its name (count and on-time rate)", async () => {
    const buyer = new Cookies();
    expect((await postForm(h, "/login", { email: BUYER, password: DEMO_PASSWORD }, buyer)).status).toBe(302);
    const html = await (await h.request(`/vendors?sort=track_record`, { cookies: buyer, headers: { "Accept-Language": "ja" } })).text();
    const card = html.slice(html.indexOf(VENDOR.gyosei), html.indexOf(VENDOR.gyosei) + 3000);
    expect(card).toContain("実績 5件");
    expect(card).toContain("納期遵守率 96.7%");
  });
});

describe("track-record queries", () => {
  it("list each opened offer with its vendor's certificates, KPI totals and engagements in the RFQ's category, as the direct aggregates say", async () => {
    const rfqId = (await findDemoRfqIds(h.db)).surveyClosed;
    const rfq = await h.db.selectFrom("rfqs").select(["buyer_org_id", "category"]).where("id", "=", rfqId).executeTakeFirstOrThrow();
    const offers = await listOffersForRankingByBuyer(h.db, rfq.buyer_org_id, rfqId, new Date());
    expect(offers.length).toBeGreaterThan(1);
    for (const offer of offers) {
      const totals = await h.db
        .selectFrom("vendor_kpi_observations")
        .select(["kpi_key", sql<number>`sum(successes)::int`.as("successes"), sql<number>`sum(trials)::int`.as("trials")])
        .where("vendor_org_id", "=", offer.vendor_org_id)
        .groupBy("kpi_key")
        .orderBy("kpi_key")
        .execute();
      const engagements = await h.db
        .selectFrom("vendor_engagements")
        .select(sql<number>`count(*)::int`.as("n"))
        .where("vendor_org_id", "=", offer.vendor_org_id)
        .where("category", "=", rfq.category)
        .executeTakeFirstOrThrow();
      const certs = await h.db.selectFrom("certifications").select(["type", "status"]).where("org_id", "=", offer.vendor_org_id).orderBy("type").execute();
      expect(offer.vendor_kpi_totals).toEqual(totals);
      expect(offer.vendor_engagements_in_category).toBe(engagements.n);
      expect(offer.vendor_certifications.map((c) => ({ type: c.type, status: c.status }))).toEqual(certs);
      for (const c of offer.vendor_certifications) expect(c.valid_until).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    // The seeded record is not empty, so the comparison above compares something.
    expect(offers.some((o) => o.vendor_kpi_totals.length > 0 && (o.vendor_engagements_in_category ?? 0) > 0 && o.vendor_certifications.length > 0)).toBe(true);
    // Another buyer's scope lists nothing.
    const other = await h.db.selectFrom("organizations").select("id").where("kind", "=", "buyer").where("id", "<>", rfq.buyer_org_id).executeTakeFirstOrThrow();
    expect(await listOffersForRankingByBuyer(h.db, other.id, rfqId, new Date())).toEqual([]);
  });

  it("never hand out an engagement's RFQ, nor anything of a quote, even for a post-award engagement on another buyer's RFQ", async () => {
    const payroll = (await findDemoRfqIds(h.db)).payroll;
    const hokkaido = org[VENDOR.hokkaidoData];
    await h.db.transaction().execute((trx) =>
      insertEngagementIfAbsent(trx, {
        vendorOrgId: hokkaido,
        clientName: "株式会社さくら食品",
        category: "hr_payroll",
        title: "給与計算業務（受託後の実測）",
        startedOn: "2026-04-01",
        endedOn: null,
        source: "post_award",
        rfqId: payroll,
        kpis: [{ kpiKey: "payroll_on_time", successes: 6, trials: 6 }],
      }),
    );
    const engagements = await listEngagementsOfVendor(h.db, hokkaido);
    expect(engagements.length).toBeGreaterThan(0);
    for (const e of engagements) expect(Object.keys(e).sort()).toEqual(["category", "client_name", "ended_on", "id", "kpis", "source", "started_on", "title"]);

    // The public profile, read by another vendor: engagements listed, the payroll RFQ's id and its quotes' figures absent.
    const rival = new Cookies();
    expect((await postForm(h, "/login", { email: "gyosei@gyosei-support.example", password: DEMO_PASSWORD }, rival)).status).toBe(302);
    const page = await h.request(`/vendors/${hokkaido}`, { cookies: rival });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("北斗市 市民課");
    expect(html).toContain("住民異動届 データ入力業務");
    expect(html).toMatch(/処理の正確性: 99\.77%（30,000件）/);
    expect(html).not.toContain(payroll);
    const payrollQuote = await h.db
      .selectFrom("quotes")
      .select("id")
      .where("rfq_id", "=", payroll)
      .where("vendor_org_id", "=", hokkaido)
      .executeTakeFirstOrThrow();
    expect(html).not.toContain(payrollQuote.id);
  });

  it("show a vendor without a record as such, in English too", async () => {
    const buyer = new Cookies();
    await postForm(h, "/login", { email: BUYER, password: DEMO_PASSWORD }, buyer);
    const html = await (await h.request(`/vendors/${org[VENDOR.nextKeiri]}`, { cookies: buyer, headers: { "Accept-Language": "en" } })).text();
    expect(html).toContain('data-testid="track-record-empty"');
  });
});
