import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, type DB } from "../../db/client.server";
import { DEMO_ACCOUNTS, findDemoRfqIds } from "../../db/seed";
import { rfqSchema } from "../../app/domain/rfq/schema";
import { digestOffersForRankingByBuyer, listOffersForRankingWithDigestByBuyer } from "../../db/queries/ranking-listing";
import { createHarness, type Harness } from "./harness";

// The comparison keeps its prepared ranking between requests (decision 0057, "repeated requests"). These tests
// prove it is never stale: after each kind of change the very next request answers the new ranking. Every change
// is written through a SECOND database client, as another app process (or an operator) would write it — nothing
// in this process is told about it, so the answer can only be right if the cache key is read from the database.

const BUYER = "buyer@midori-city.example";
const token = DEMO_ACCOUNTS.find((a) => a.email === BUYER)!.token;

let h: Harness;
let other: DB;
let rfqId: string;

type Full = {
  ranking: { id: string; rank: number; score: number }[];
  disqualified: { id: string }[];
  quotes: { id: string; tco: number; vendorName: string; status: string; abnormallyLow: unknown }[];
  awaitingReconfirmation: { id: string }[];
};

async function full(query = ""): Promise<Full> {
  const res = await h.request(`/api/v1/rfqs/${rfqId}/comparison?view=full${query}`, { headers: { Authorization: `Bearer ${token}`, "Accept-Language": "en" } });
  expect(res.status).toBe(200);
  return (await res.json()) as Full;
}

async function page(): Promise<{ items: { id: string; rank: number | null; tco: number }[]; totals: Record<string, number> }> {
  const res = await h.request(`/api/v1/rfqs/${rfqId}/comparison?lang=en&perPage=100`, { headers: { Authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as { items: { id: string; rank: number | null; tco: number }[]; totals: Record<string, number> };
}

/** Asked twice, so the second answer comes from the prepared ranking when nothing changed. */
async function warm(): Promise<Full> {
  const first = await full();
  expect(await full()).toEqual(first);
  await page();
  return first;
}

beforeAll(async () => {
  h = await createHarness({ demo: true });
  rfqId = (await findDemoRfqIds(h.db)).surveyClosed;
  other = await createDatabase({ url: h.databaseUrl, poolSize: 1 });
});
afterAll(async () => {
  await other?.destroy();
  await h?.close();
});

// The usual read asks PostgreSQL for a stamp of the listing (ranking-listing.ts) instead of the listing itself; these
// prove the stamp moves with each input the listing reads, and that it is the very digest the listing is stored under
// (if the two ever differed, every request would miss and rebuild — correct, but 300 rows parsed each time).
describe("the listing's stamp", () => {
  const now = () => new Date();
  async function buyerOrg() {
    return (await other.selectFrom("rfqs").select("buyer_org_id").where("id", "=", rfqId).executeTakeFirstOrThrow()).buyer_org_id;
  }
  async function stamp() {
    return (await digestOffersForRankingByBuyer(other, await buyerOrg(), rfqId, now())).digest;
  }

  it("is the digest the listing carries, and the same while nothing changes", async () => {
    const buyer = await buyerOrg();
    const s = await digestOffersForRankingByBuyer(other, buyer, rfqId, now());
    const listing = await listOffersForRankingWithDigestByBuyer(other, buyer, rfqId, now());
    expect(s.count).toBe(listing.quotes.length);
    expect(s.count).toBeGreaterThan(0);
    expect(s.digest).toBe(listing.digest);
    expect(await stamp()).toBe(s.digest);
  });

  it("is empty for another buyer: nothing is listed, so nothing can be found by it", async () => {
    const foreign = await other
      .selectFrom("organizations")
      .select("id")
      .where("kind", "=", "buyer")
      .where("id", "<>", await buyerOrg())
      .executeTakeFirstOrThrow();
    expect(await digestOffersForRankingByBuyer(other, foreign.id, rfqId, now())).toMatchObject({ count: 0, digest: null });
  });

  it("moves with a status, the vendor's name, a certificate and a new track-record fact — and the answers follow", async () => {
    await warm();
    const target = (await full()).ranking[0].id;
    const vendor = (await other.selectFrom("quotes").select("vendor_org_id").where("id", "=", target).executeTakeFirstOrThrow()).vendor_org_id;
    /** Applies a change and expects the stamp to move with it. */
    const moves = async (change: () => Promise<unknown>) => {
      const before = await stamp();
      await change();
      expect(await stamp()).not.toBe(before);
    };
    const original = await stamp();

    // Shortlisted and back: the digest is a function of the rows, so it comes back — and the answer with it, not the
    // shortlisted state's ranking kept under the reused digest (the listing and its digest are one snapshot).
    await moves(() => other.updateTable("quotes").set({ status: "shortlisted" }).where("id", "=", target).execute());
    expect((await full()).quotes.find((q) => q.id === target)!.status).toBe("shortlisted");
    await moves(() => other.updateTable("quotes").set({ status: "submitted" }).where("id", "=", target).execute());
    expect(await stamp()).toBe(original);
    expect((await full()).quotes.find((q) => q.id === target)!.status).toBe("submitted");

    const name = (await other.selectFrom("organizations").select("name").where("id", "=", vendor).executeTakeFirstOrThrow()).name;
    await moves(() =>
      other
        .updateTable("organizations")
        .set({ name: `${name}（新社名）` })
        .where("id", "=", vendor)
        .execute(),
    );
    expect((await full()).quotes.find((q) => q.id === target)!.vendorName).toBe(`${name}（新社名）`);
    await moves(() => other.updateTable("organizations").set({ name }).where("id", "=", vendor).execute());

    const cert = await other.selectFrom("certifications").select(["id", "status", "valid_from"]).where("org_id", "=", vendor).executeTakeFirstOrThrow();
    await moves(() =>
      other
        .updateTable("certifications")
        .set({ status: cert.status === "verified" ? "unverified" : "verified" })
        .where("id", "=", cert.id)
        .execute(),
    );
    await moves(() => other.updateTable("certifications").set({ status: cert.status }).where("id", "=", cert.id).execute());
    await moves(() => other.updateTable("certifications").set({ valid_from: "2001-02-03" }).where("id", "=", cert.id).execute());
    await moves(() => other.updateTable("certifications").set({ valid_from: cert.valid_from }).where("id", "=", cert.id).execute());
    expect(await stamp()).toBe(original);

    // Evidence is append-only, so a new fact is always a new count.
    const contract = await other.selectFrom("contracts").select(["id", "buyer_org_id"]).executeTakeFirstOrThrow();
    await moves(() =>
      other
        .insertInto("evidence_events")
        .values({
          vendor_org_id: vendor,
          buyer_org_id: contract.buyer_org_id,
          contract_id: contract.id,
          category: "payroll",
          // A KPI no criterion reads: the ranking stays as the other tests expect, the count moves all the same.
          kpi_key: "stamp_test_kpi",
          successes: 0,
          trials: 1,
          observed_on: "2026-11-30",
          source: "measurement",
          source_id: crypto.randomUUID(),
        })
        .execute(),
    );
  });

  it("carries the category's published TCO quartile: a newly published one is applied on the next request", async () => {
    const before = await warm();
    expect(before.quotes.length).toBeGreaterThan(0);
    expect(before.quotes.every((q) => q.abnormallyLow === null)).toBe(true);
    const category = (await other.selectFrom("rfqs").select("category").where("id", "=", rfqId).executeTakeFirstOrThrow()).category;
    // A market whose lower quartile per month is far above every quote here: each is abnormally low against it.
    const q1 = 1_000_000_000;
    await other
      .insertInto("market_benchmarks")
      .values({
        kind: "tco_month",
        category,
        key: "",
        phase: "",
        unit: "yen",
        published: true,
        reason: null,
        median: q1 * 2,
        q1,
        q3: q1 * 3,
        n: 40,
        computed_at: new Date(),
      })
      .onConflict((oc) => oc.columns(["kind", "category", "key", "phase"]).doUpdateSet({ published: true, q1, median: q1 * 2, q3: q1 * 3 }))
      .execute();
    const after = await full();
    expect(after.quotes.some((q) => q.abnormallyLow !== null)).toBe(true);
    await other.deleteFrom("market_benchmarks").where("kind", "=", "tco_month").where("category", "=", category).where("key", "=", "").execute();
    expect((await full()).quotes.every((q) => q.abnormallyLow === null)).toBe(true);
  });
});

describe("the prepared comparison follows the database", () => {
  it("a new quote version (another figure) changes the next answer", async () => {
    const before = await warm();
    const target = before.ranking[before.ranking.length - 1].id;
    const q = await other.selectFrom("quotes").select(["current_version"]).where("id", "=", target).executeTakeFirstOrThrow();
    const v = await other
      .selectFrom("quote_versions")
      .selectAll()
      .where("quote_id", "=", target)
      .where("version", "=", q.current_version)
      .executeTakeFirstOrThrow();
    // The same quote at a tenth of its total: a revision the last-placed vendor could have sent.
    const normalized = v.normalized as { tco: number } & Record<string, unknown>;
    const cheaper = { ...normalized, tco: Math.round(normalized.tco / 10) };
    await other
      .insertInto("quote_versions")
      .values({
        quote_id: target,
        version: q.current_version + 1,
        rfq_version: v.rfq_version,
        content: JSON.stringify(v.content),
        normalized: JSON.stringify(cheaper),
        tco: cheaper.tco,
        kind: v.kind,
        created_by: v.created_by,
      })
      .execute();
    await other
      .updateTable("quotes")
      .set({ current_version: q.current_version + 1 })
      .where("id", "=", target)
      .execute();
    const after = await full();
    expect(after.quotes.find((x) => x.id === target)!.tco).toBe(cheaper.tco);
    expect(after.ranking.find((r) => r.id === target)!.score).toBeGreaterThan(before.ranking.find((r) => r.id === target)!.score);
    expect((await page()).items.find((i) => i.id === target)!.tco).toBe(cheaper.tco);
  });

  it("a certificate change (a mandatory certificate lapses) disqualifies the quote on the next request", async () => {
    const before = await warm();
    expect(before.disqualified).toEqual([]);
    const winner = before.ranking[0].id;
    const vendor = (await other.selectFrom("quotes").select("vendor_org_id").where("id", "=", winner).executeTakeFirstOrThrow()).vendor_org_id;
    const version = (await other.selectFrom("rfqs").select("current_version").where("id", "=", rfqId).executeTakeFirstOrThrow()).current_version;
    const row = await other.selectFrom("rfq_versions").select("content").where("rfq_id", "=", rfqId).where("version", "=", version).executeTakeFirstOrThrow();
    const mandatory = rfqSchema
      .parse(row.content)
      .requiredCertifications.filter((r) => r.level === "mandatory")
      .map((r) => r.type);
    expect(mandatory.length).toBeGreaterThan(0);
    const saved = await other.selectFrom("certifications").select(["id", "valid_until"]).where("org_id", "=", vendor).where("type", "in", mandatory).execute();
    await other.updateTable("certifications").set({ valid_until: "2000-01-01" }).where("org_id", "=", vendor).where("type", "in", mandatory).execute();
    const after = await full();
    expect(after.disqualified.map((d) => d.id)).toEqual([winner]);
    expect(after.ranking.map((r) => r.id)).not.toContain(winner);
    expect((await page()).items.find((i) => i.id === winner)!.rank).toBeNull();
    // Renewed: ranked again at once.
    for (const c of saved) await other.updateTable("certifications").set({ valid_until: c.valid_until }).where("id", "=", c.id).execute();
    expect((await full()).ranking).toEqual(before.ranking);
  });

  it("a what-if weight change answers the re-weighted ranking, and the saved weights come back without it", async () => {
    const before = await warm();
    const criteria = rfqSchema.parse(
      (
        await other
          .selectFrom("rfq_versions")
          .innerJoin("rfqs", (j) => j.onRef("rfqs.id", "=", "rfq_versions.rfq_id").onRef("rfqs.current_version", "=", "rfq_versions.version"))
          .select("rfq_versions.content")
          .where("rfq_versions.rfq_id", "=", rfqId)
          .executeTakeFirstOrThrow()
      ).content,
    ).criteria;
    // All the weight on one criterion, none on the others.
    const weights = criteria.map((c, i) => `${c.key}:${i === 0 ? 100 : 0}`).join(",");
    const reweighted = await full(`&weights=${encodeURIComponent(weights)}`);
    expect(reweighted.ranking.map((r) => r.score)).not.toEqual(before.ranking.map((r) => r.score));
    expect((await full()).ranking).toEqual(before.ranking);
  });

  it("an addendum (a new RFQ version) sets every quote apart for re-confirmation on the next request", async () => {
    const before = await warm();
    expect(before.awaitingReconfirmation).toEqual([]);
    const rfq = await other.selectFrom("rfqs").select(["current_version"]).where("id", "=", rfqId).executeTakeFirstOrThrow();
    const row = await other
      .selectFrom("rfq_versions")
      .selectAll()
      .where("rfq_id", "=", rfqId)
      .where("version", "=", rfq.current_version)
      .executeTakeFirstOrThrow();
    await other
      .insertInto("rfq_versions")
      .values({ rfq_id: rfqId, version: rfq.current_version + 1, content: JSON.stringify(row.content), created_by: row.created_by })
      .execute();
    await other
      .updateTable("rfqs")
      .set({ current_version: rfq.current_version + 1 })
      .where("id", "=", rfqId)
      .execute();
    const after = await full();
    expect(after.ranking).toEqual([]);
    expect(after.awaitingReconfirmation.map((q) => q.id).sort()).toEqual([...before.ranking.map((r) => r.id), ...before.disqualified.map((d) => d.id)].sort());
    expect((await page()).totals.awaitingReconfirmation).toBe(before.ranking.length + before.disqualified.length);
  });
});
