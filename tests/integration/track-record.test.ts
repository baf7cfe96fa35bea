import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, findDemoRfqIds } from "../../db/seed";
import { DEMO_PAST_CONTRACTS, seedDemoPastContracts } from "../../db/seed/demo-past-contracts";
import { VENDOR } from "../../db/seed/demo-rfqs";
import { recordEvidence, type EvidenceFact } from "../../db/queries/evidence-events";
import { listOffersForRankingWithDigestByBuyer } from "../../db/queries/ranking-listing";
import { trackRecordRefreshSchedule } from "../../app/jobs/track-record-refresh";
import { probabilityBelowTarget, type RankedAlternative } from "../../app/domain/scoring";
import { formatNumber } from "../../app/utils/format";
import { createAccount } from "../factories";
import { Cookies, createHarness, postForm, type Harness } from "./harness";

// The track record from events (issue 17 item 5; decision 0038): the demo's past contracts and their facts reach
// the ranking (claims shrunk towards what was delivered, recency-weighted), the API, the quotes index and the
// vendors index agree, and the vendor page shows the record per category without buyers' names or RFQ titles.
// New facts (recordEvidence) go through the outbox and re-rank an opened comparison.

const BUYER = "buyer@midori-city.example";
const token = (email: string) => DEMO_ACCOUNTS.find((a) => a.email === email)!.token;

let h: Harness;
let rfqId: string;
let buyerOrgId: string;
const org: Record<string, string> = {};

type Credibility = { claim: number; effective: number; verified: boolean; priorStrength: number; evidence: { successes: number; trials: number } | null };
type Comparison = {
  ranking: (RankedAlternative & { contributions: { criterion: string; value: number; credibility?: Credibility }[] })[];
  quotes: { id: string; vendorName: string }[];
  risks: Record<string, Record<string, { probability: number; target: number; from: string }>>;
};

async function comparison(): Promise<Comparison> {
  const res = await h.request(`/api/v1/rfqs/${rfqId}/comparison?view=full`, { headers: { Authorization: `Bearer ${token(BUYER)}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as Comparison;
}

const quoteOf = (c: Comparison, vendor: string) => c.quotes.find((q) => q.vendorName === vendor)!.id;
const placeOf = (c: Comparison, vendor: string) => c.ranking.find((r) => r.id === quoteOf(c, vendor))!;
const credibilityOf = (c: Comparison, vendor: string, key: string) => placeOf(c, vendor).contributions.find((x) => x.criterion === key)!.credibility!;
const count = (table: "contracts" | "evidence_events") =>
  h.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.n));

beforeAll(async () => {
  h = await createHarness({ demo: true });
  rfqId = (await findDemoRfqIds(h.db)).surveyClosed;
  buyerOrgId = (await h.db.selectFrom("rfqs").select("buyer_org_id").where("id", "=", rfqId).executeTakeFirstOrThrow()).buyer_org_id;
  for (const row of await h.db.selectFrom("organizations").select(["id", "name"]).where("kind", "=", "vendor").execute()) org[row.name] = row.id;
  await h.index();
});
afterAll(() => h?.close());

describe("the demo's past contracts", () => {
  it("are real contracts whose facts add up to the old totals, and seeding again adds nothing", async () => {
    const past = Object.values(DEMO_PAST_CONTRACTS).flat();
    const contracts = await h.db
      .selectFrom("contracts")
      .innerJoin("organizations as buyer", "buyer.id", "contracts.buyer_org_id")
      .select(["contracts.id", "contracts.status", "buyer.name", "buyer.buyer_kind"])
      .where(
        "buyer.name",
        "in",
        past.map((p) => p.client),
      )
      .execute();
    expect(contracts).toHaveLength(past.length);
    expect(new Set(contracts.map((c) => c.status))).toEqual(new Set(["active"]));
    // 行政サポートセンター's accuracy: 12 months of 青葉市 … adding up to what the old seed had in one row each.
    const sums = await h.db
      .selectFrom("evidence_events")
      .select(["kpi_key", (eb) => eb.fn.sum<string>("successes").as("s"), (eb) => eb.fn.sum<string>("trials").as("t")])
      .where("vendor_org_id", "=", org[VENDOR.gyosei])
      .where("trials", "is not", null)
      .groupBy("kpi_key")
      .orderBy("kpi_key")
      .execute();
    expect(sums.map((r) => [r.kpi_key, Number(r.s), Number(r.t)])).toEqual([
      ["accuracy", 184_851, 185_000],
      ["answer_rate", 21_110, 21_800],
      ["on_time_rate", 58, 60],
    ]);
    const [contractsBefore, factsBefore] = [await count("contracts"), await count("evidence_events")];
    const started = performance.now();
    await seedDemoPastContracts(h.db, h.clock.now(), "unused");
    expect(performance.now() - started).toBeLessThan(5_000);
    expect([await count("contracts"), await count("evidence_events")]).toEqual([contractsBefore, factsBefore]);
  });
});

describe("the closed survey RFQ's comparison", () => {
  it("shows a verified, a shrunk and an unverified claim from recency-weighted evidence", async () => {
    const c = await comparison();
    // 行政サポートセンター: 58 of 60 on time (weighted: fewer, fractional) against a claim of 95%.
    const verified = credibilityOf(c, VENDOR.gyosei, "on_time_rate");
    expect(verified).toMatchObject({ claim: 0.95, verified: true });
    expect(verified.evidence!.trials).toBeGreaterThan(10);
    expect(verified.evidence!.trials).toBeLessThan(60);
    expect(Number.isInteger(verified.evidence!.trials)).toBe(false);
    expect(verified.effective).toBeGreaterThanOrEqual(verified.claim);
    // 北海道データエントリー: 48 of 56 on time against a claim of 100%, and 99.77% accurate against 99.95%.
    const onTime = credibilityOf(c, VENDOR.hokkaidoData, "on_time_rate");
    expect(onTime).toMatchObject({ claim: 1, verified: true });
    const e = onTime.evidence!;
    expect(onTime.effective).toBeCloseTo((1 * 10 + e.successes) / (10 + e.trials), 12);
    expect(onTime.effective).toBeLessThan(0.95);
    const accuracy = credibilityOf(c, VENDOR.hokkaidoData, "accuracy");
    expect(accuracy.effective).toBeLessThan(accuracy.claim - 0.001);
    // ネクスト経理サービス: no accuracy on record (its one Kurabe contract, さくら食品's bookkeeping, has no confirmed
    // measurement yet) — unverified; its two milestones delivered and accepted there are its first on-time record.
    expect(credibilityOf(c, VENDOR.nextKeiri, "accuracy")).toMatchObject({ verified: false, evidence: null });
    expect(credibilityOf(c, VENDOR.nextKeiri, "accuracy").effective).toBe(credibilityOf(c, VENDOR.nextKeiri, "accuracy").claim);
    const nextOnTime = credibilityOf(c, VENDOR.nextKeiri, "on_time_rate");
    expect(nextOnTime.evidence!.trials).toBeGreaterThan(1);
    expect(nextOnTime.evidence!.trials).toBeLessThanOrEqual(2);
    // Similar projects: contracts with facts in the RFQ's category (data entry): 3, 3 and none.
    const similar = (vendor: string) => placeOf(c, vendor).contributions.find((x) => x.criterion === "similar_projects")!.value;
    expect([similar(VENDOR.gyosei), similar(VENDOR.hokkaidoData), similar(VENDOR.nextKeiri)]).toEqual([3, 3, 0]);
  });

  it("the page badges them, with claim and effective value, in Japanese and English", async () => {
    const c = await comparison();
    const effective = formatNumber(credibilityOf(c, VENDOR.hokkaidoData, "on_time_rate").effective * 100, "ja", 2);
    const buyer = new Cookies();
    expect((await postForm(h, "/login", { email: BUYER, password: DEMO_PASSWORD }, buyer)).status).toBe(302);
    const ja = await (await h.request(`/rfqs/${rfqId}/compare`, { cookies: buyer })).text();
    expect(ja).toContain('data-testid="badge-verified"');
    expect(ja).toContain('data-testid="badge-unverified"');
    expect(ja).toContain(`実績で補正: 100% → ${effective}%`);
    expect(ja).toMatch(/data-testid="badge-shrunk"/);
    const en = await (await h.request(`/rfqs/${rfqId}/compare`, { cookies: buyer, headers: { "Accept-Language": "en" } })).text();
    expect(en).toContain(`Adjusted by evidence: 100% → ${effective}%`);

    // The risk of a missed KPI beside each claimed rate with a record: P(true rate < the RFQ's target of 95%).
    const onTime = credibilityOf(c, VENDOR.hokkaidoData, "on_time_rate");
    const p = probabilityBelowTarget(onTime.claim, onTime.priorStrength, onTime.evidence!.successes, onTime.evidence!.trials, 0.95);
    expect(p).toBeGreaterThan(0.5);
    // The API carries the same number; none for a claim without a record (ネクスト経理's accuracy).
    expect(c.risks[quoteOf(c, VENDOR.hokkaidoData)]!.on_time_rate).toEqual({ probability: p, target: 0.95, from: "target" });
    expect(c.risks[quoteOf(c, VENDOR.nextKeiri)]?.accuracy).toBeUndefined();
    expect(ja).toContain(`未達リスク ${formatNumber(p * 100, "ja", 1)}%`);
    expect(en).toContain(`risk of missing ${formatNumber(p * 100, "en", 1)}%`);
    expect(en).toContain("below the target of 95");
    // Two rates with a record for each of two vendors and ネクスト経理's on-time rate — each shown in the table
    // and again in the cards for narrow screens.
    const risks = ja.match(/data-testid="kpi-risk"/g) ?? [];
    expect(risks.length).toBe((2 * 2 + 1) * 2);
  });
});

describe("new facts", () => {
  it("reach the vendors index and re-rank the opened comparison through the outbox; another category counts for rates, not for similar projects", async () => {
    const before = await comparison();
    const indexed = async () => Object.fromEntries((await h.search.searchQuotes({ rfqId, buyerOrgId })).map((d) => [d.id, [d.rank, d.score]]));
    const asRanked = (c: Comparison) => Object.fromEntries(c.ranking.map((r) => [r.id, [r.rank, r.score]]));
    expect(await indexed()).toEqual(asRanked(before));
    const hokkaido = org[VENDOR.hokkaidoData];
    const gyoseiPlace = placeOf(before, VENDOR.gyosei).rank;
    expect(placeOf(before, VENDOR.hokkaidoData).rank).toBeGreaterThan(gyoseiPlace);

    // A year of flawless work for 北海道データエントリー under a contract in ANOTHER category (creative): 1,000 of 1,000
    // on time and 200,000 of 200,000 accurate, confirmed last month.
    const contract = await h.db.selectFrom("contracts").select(["id", "buyer_org_id"]).where("vendor_org_id", "=", hokkaido).executeTakeFirstOrThrow();
    const base = {
      vendorOrgId: hokkaido,
      buyerOrgId: contract.buyer_org_id,
      contractId: contract.id,
      category: "creative",
      observedOn: "2026-10-31",
      source: "measurement" as const,
    };
    const facts: EvidenceFact[] = [
      { ...base, kpiKey: "on_time_rate", successes: 1_000, trials: 1_000, sourceId: "00000000-0000-4000-8000-000000000001" },
      { ...base, kpiKey: "accuracy", successes: 200_000, trials: 200_000, sourceId: "00000000-0000-4000-8000-000000000002" },
    ];
    expect(await h.db.transaction().execute((trx) => recordEvidence(trx, facts))).toBe(2);
    const queued = await h.db.selectFrom("outbox").select(["topic", "entity_id"]).where("topic", "=", "vendor").where("entity_id", "=", hokkaido).execute();
    expect(queued.length).toBeGreaterThan(0);
    await h.index();

    const after = await comparison();
    const onTime = credibilityOf(after, VENDOR.hokkaidoData, "on_time_rate");
    expect(onTime.evidence!.trials).toBeGreaterThan(1_000);
    expect(onTime.effective).toBeGreaterThan(0.99);
    // Rates from every category count; "similar projects" stays the contracts in the RFQ's category (data entry).
    const similar = placeOf(after, VENDOR.hokkaidoData).contributions.find((x) => x.criterion === "similar_projects")!.value;
    expect(similar).toBe(3);
    expect(placeOf(after, VENDOR.hokkaidoData).score).toBeGreaterThan(placeOf(before, VENDOR.hokkaidoData).score);
    expect(placeOf(after, VENDOR.hokkaidoData).rank).toBeLessThan(placeOf(before, VENDOR.hokkaidoData).rank);
    expect(await indexed()).toEqual(asRanked(after));

    const hits = await h.search.searchVendors({ q: "", page: 1, perPage: 50 });
    const doc = hits.hits.find((d) => d.name === VENDOR.hokkaidoData)!;
    expect(doc.track_record_count).toBe(3);
    expect(doc.track_record_summary.rates.on_time_rate).toBeCloseTo(onTime.evidence!.successes / onTime.evidence!.trials, 12);
  });
});

describe("the daily refresh", () => {
  it("queues every vendor with facts once, so the weighted record in the indexes follows the calendar", async () => {
    await h.index();
    await h.db.transaction().execute((trx) => trackRecordRefreshSchedule.run({ trx, period: 1, now: h.clock.now(), since: null }));
    const queued = await h.db.selectFrom("outbox").select("entity_id").where("topic", "=", "vendor").where("processed_at", "is", null).execute();
    const withFacts = await h.db.selectFrom("evidence_events").select("vendor_org_id").distinct().execute();
    expect(queued.map((q) => q.entity_id).sort()).toEqual(withFacts.map((v) => v.vendor_org_id).sort());
    await h.index();
  });
});

describe("the vendors index", () => {
  it("counts contracts with facts and summarizes the weighted rates; sorting by track record puts the longest record first", async () => {
    const c = await comparison();
    const hits = await h.search.searchVendors({ q: "", page: 1, perPage: 50 });
    const doc = (name: string) => hits.hits.find((d) => d.name === name)!;
    expect(doc(VENDOR.gyosei).track_record_count).toBe(5);
    expect(doc(VENDOR.gyosei).track_record_summary.engagements).toBe(5);
    const evidence = credibilityOf(c, VENDOR.gyosei, "accuracy").evidence!;
    expect(doc(VENDOR.gyosei).track_record_summary.rates.accuracy).toBeCloseTo(evidence.successes / evidence.trials, 12);
    // The misses are in the latest contract, which weighs most: the weighted on-time rate is below the plain 58/60.
    expect(doc(VENDOR.gyosei).track_record_summary.on_time_rate).toBeLessThan(58 / 60);
    // ネクスト経理: one contract with facts (two deliveries accepted under さくら食品's bookkeeping contract).
    expect(doc(VENDOR.nextKeiri)).toMatchObject({ track_record_count: 1, track_record_summary: { engagements: 1 } });
    expect(Object.keys(doc(VENDOR.nextKeiri).track_record_summary.rates)).toEqual(["on_time_rate"]);
    expect(doc(VENDOR.contactOne).track_record_summary.on_time_rate).toBeNull();
    const sorted = await h.search.searchVendors({ q: "", sort: "track_record", page: 1, perPage: 50 });
    expect(sorted.hits[0].name).toBe(VENDOR.gyosei);
    expect(sorted.hits.at(-1)!.name).toBe(VENDOR.nextKeiri);
  });
});

describe("the vendor profile", () => {
  it("shows the record per category, weighted and unweighted, measured on Kurabe — no buyer names, no RFQ titles", async () => {
    const rival = new Cookies();
    expect((await postForm(h, "/login", { email: "gyosei@gyosei-support.example", password: DEMO_PASSWORD }, rival)).status).toBe(302);
    const page = await h.request(`/vendors/${org[VENDOR.gyosei]}`, { cookies: rival });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("実績（Kurabeでの契約の実測値）");
    expect(html).toContain('data-testid="track-record-category-data_entry"');
    expect(html).toContain('data-testid="track-record-category-municipal"');
    expect(html).toContain("データ入力（契約 3件）");
    // Unweighted counts beside the weighted ones: 青葉市 + 白浜町 + 緑ヶ丘市 on time, 58 of 60.
    expect(html).toContain("60件中 58件");
    expect(html).toContain("自治体");
    expect(html).toContain("2023年4月 – 2024年3月");
    // Revision rounds are shown as values, not as a rate.
    expect(html).toMatch(/修正回数|revision_rounds/);
    for (const p of DEMO_PAST_CONTRACTS[VENDOR.gyosei]!) {
      expect(html).not.toContain(p.client);
      expect(html).not.toContain(p.title);
    }
    const en = await (await h.request(`/vendors/${org[VENDOR.gyosei]}`, { cookies: rival, headers: { "Accept-Language": "en" } })).text();
    expect(en).toContain("Track record (measured on Kurabe)");
    expect(en).toContain("58 of 60");
  });

  it("shows a vendor without a record as such, in English too", async () => {
    const buyer = new Cookies();
    await postForm(h, "/login", { email: BUYER, password: DEMO_PASSWORD }, buyer);
    // A vendor that has not worked under a Kurabe contract yet.
    const fresh = await createAccount(h.db, { kind: "vendor", vendor: { name: "はじめてベンダー株式会社" } });
    const html = await (await h.request(`/vendors/${fresh.org.id}`, { cookies: buyer, headers: { "Accept-Language": "en" } })).text();
    expect(html).toContain('data-testid="track-record-empty"');
  });

  it("the vendor's settings link to its record as buyers see it", async () => {
    const vendor = new Cookies();
    await postForm(h, "/login", { email: "gyosei@gyosei-support.example", password: DEMO_PASSWORD }, vendor);
    const html = await (await h.request(`/vendor/profile`, { cookies: vendor })).text();
    expect(html).toContain('data-testid="own-track-record"');
    expect(html).toContain(`href="/vendors/${org[VENDOR.gyosei]}"`);
  });
});

describe("track-record queries", () => {
  it("list each opened offer with its vendor's rate facts per day and contracts in the RFQ's category", async () => {
    const rfq = await h.db.selectFrom("rfqs").select(["buyer_org_id", "category"]).where("id", "=", rfqId).executeTakeFirstOrThrow();
    const { quotes: offers } = await listOffersForRankingWithDigestByBuyer(h.db, rfq.buyer_org_id, rfqId, new Date());
    expect(offers.length).toBeGreaterThan(1);
    for (const offer of offers) {
      const days = await h.db
        .selectFrom("evidence_events")
        .select(["kpi_key", "observed_on"])
        .distinct()
        .where("vendor_org_id", "=", offer.vendor_org_id)
        .where("trials", "is not", null)
        .execute();
      expect(offer.vendor_rate_facts).toHaveLength(days.length);
      const contracts = await h.db
        .selectFrom("evidence_events")
        .select("contract_id")
        .distinct()
        .where("vendor_org_id", "=", offer.vendor_org_id)
        .where("category", "=", rfq.category)
        .execute();
      expect(offer.vendor_engagements_in_category).toBe(contracts.length);
      for (const f of offer.vendor_rate_facts) expect(Object.keys(f).sort()).toEqual(["kpi_key", "observed_on", "successes", "trials"]);
    }
    expect(offers.some((o) => o.vendor_rate_facts.length > 0 && (o.vendor_engagements_in_category ?? 0) > 0)).toBe(true);
    const other = await h.db.selectFrom("organizations").select("id").where("kind", "=", "buyer").where("id", "<>", rfq.buyer_org_id).executeTakeFirstOrThrow();
    expect(await listOffersForRankingWithDigestByBuyer(h.db, other.id, rfqId, new Date())).toEqual({ quotes: [], digest: null });
  });
});
