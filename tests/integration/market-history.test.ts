import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { DEMO_ACCOUNTS, seedDemoData } from "../../db/seed";
import { HISTORY_BUYERS, HISTORY_CATEGORIES, HISTORY_VENDORS, MARKET_HISTORY_SEED, planMarketHistory, seedMarketHistory } from "../../db/seed/market-history";
import { loadRfqIndexRows } from "../../db/queries/rfqs";
import { toRfqDocument, type RfqIndexRow } from "../../search/documents";
import { verifyPassword } from "../../app/services/passwords.server";
import { createHarness, type Harness } from "./harness";

// The demo's market history (issue 19 item 5; decision 0050): what it loads, that its figures have the spreads the
// benchmarks need (some cells publishable, some not), that it is the same every run, that it loads all or nothing,
// and that the demo accounts see exactly what they saw without it — even with every history RFQ in the search index.

const DAY = 86_400_000;
/** The publication rule's age limit (issue 19): only data at least three months old counts. */
const AGE_DAYS = 90;
const RICH: string[] = ["data_entry", "contact_center", "accounting", "hr_payroll", "it_helpdesk"];
const THIN: string[] = HISTORY_CATEGORIES.map((c) => c.category as string).filter((c) => !RICH.includes(c));

let h: Harness;
let now: Date;
let historyRfqIds: string[];
/** Every demo account's search hits and RFQ / contract lists before the history RFQs were indexed. */
const before = new Map<string, string[]>();

const historyNames = [...HISTORY_BUYERS, ...HISTORY_VENDORS].map((o) => o.name);

async function apiIds(email: string): Promise<string[]> {
  const token = DEMO_ACCOUNTS.find((a) => a.email === email)!.token;
  const ids: string[] = [];
  for (const path of ["/api/v1/search/rfqs?perPage=50", "/api/v1/rfqs", "/api/v1/contracts"]) {
    const res = await h.request(path, { headers: { Authorization: `Bearer ${token}`, "Accept-Language": "en" } });
    const text = await res.text();
    // Advisors have no contracts list, for instance: a refusal is part of what the account sees, and must not change.
    ids.push(`${path} ${res.status}`);
    for (const m of text.matchAll(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g)) ids.push(m[0]);
  }
  return [...new Set(ids)].sort();
}

beforeAll(async () => {
  h = await createHarness();
  now = h.clock.now();
  await seedDemoData(h.db, now, { history: true });
  await h.index();
  for (const account of DEMO_ACCOUNTS) before.set(account.email, await apiIds(account.email));
  historyRfqIds = (
    await h.db
      .selectFrom("rfqs")
      .innerJoin("organizations", "organizations.id", "rfqs.buyer_org_id")
      .select("rfqs.id")
      .where("organizations.name", "in", historyNames)
      .execute()
  ).map((r) => r.id);
}, 240_000);
afterAll(() => h?.close());

const historyOrgIds = () => h.db.selectFrom("organizations").select(["id", "kind"]).where("name", "in", historyNames);

describe("what the history loads", () => {
  it("200 past RFQs with 600 opened quotes and 150 active contracts, from 14 buyers and 24 vendors", async () => {
    expect(historyRfqIds).toHaveLength(200);
    const rfqs = await h.db.selectFrom("rfqs").select(["status", "quote_deadline", "visibility"]).where("id", "in", historyRfqIds).execute();
    expect(rfqs.filter((r) => r.status === "awarded")).toHaveLength(150);
    expect(rfqs.filter((r) => r.status === "closed")).toHaveLength(50);
    // Every deadline is past (the quotes are opened), invitation-only, and the oldest is about three years back.
    expect(rfqs.every((r) => r.visibility === "invited" && r.quote_deadline!.getTime() < now.getTime() - 30 * DAY)).toBe(true);
    const oldest = Math.min(...rfqs.map((r) => r.quote_deadline!.getTime()));
    expect(now.getTime() - oldest).toBeGreaterThan(2.8 * 365 * DAY);

    const quotes = await h.db.selectFrom("quotes").select(["id", "vendor_org_id", "status", "tco"]).where("rfq_id", "in", historyRfqIds).execute();
    expect(quotes).toHaveLength(600);
    expect(quotes.filter((q) => q.status === "awarded")).toHaveLength(150);
    expect(quotes.every((q) => Number(q.tco) > 0)).toBe(true);
    const versions = await h.db
      .selectFrom("quote_versions")
      .select(["quote_id", "tco"])
      .where(
        "quote_id",
        "in",
        quotes.map((q) => q.id),
      )
      .execute();
    expect(versions).toHaveLength(600);

    const orgs = await historyOrgIds().execute();
    const buyers = new Set((await h.db.selectFrom("rfqs").select("buyer_org_id").where("id", "in", historyRfqIds).execute()).map((r) => r.buyer_org_id));
    const vendors = new Set(quotes.map((q) => q.vendor_org_id));
    expect(buyers.size).toBeGreaterThanOrEqual(12);
    expect(vendors.size).toBeGreaterThanOrEqual(20);
    expect(orgs.filter((o) => o.kind === "buyer").map((o) => o.id)).toEqual(expect.arrayContaining([...buyers]));

    const contracts = await h.db.selectFrom("contracts").select(["id", "status", "award_id"]).where("rfq_id", "in", historyRfqIds).execute();
    expect(contracts).toHaveLength(150);
    expect(contracts.every((c) => c.status === "active")).toBe(true);
    const awards = await h.db.selectFrom("awards").select("status").where("rfq_id", "in", historyRfqIds).execute();
    expect(awards.map((a) => a.status)).toEqual(Array(150).fill("accepted"));
    const cv = await h.db
      .selectFrom("contract_versions")
      .select("contract_id")
      .where(
        "contract_id",
        "in",
        contracts.map((c) => c.id),
      )
      .execute();
    expect(cv).toHaveLength(150);
  });

  it("confirmed monthly measurements over three years, each with its two events and one evidence fact", async () => {
    const m = await h.db
      .selectFrom("sla_measurements")
      .innerJoin("contracts", "contracts.id", "sla_measurements.contract_id")
      .select(["sla_measurements.id", "sla_measurements.status", "sla_measurements.period"])
      .where("contracts.rfq_id", "in", historyRfqIds)
      .execute();
    expect(m.length).toBeGreaterThan(3_000);
    expect(m.every((r) => r.status === "confirmed")).toBe(true);
    const periods = m.map((r) => r.period).sort();
    // Measured months run from about three years ago to last month.
    expect(Date.parse(`${periods.at(-1)}-01`)).toBeGreaterThan(now.getTime() - 70 * DAY);
    expect(now.getTime() - Date.parse(`${periods[0]}-01`)).toBeGreaterThan(2.5 * 365 * DAY);

    const events = await h.db
      .selectFrom("sla_measurement_events")
      .select((eb) => ["kind", eb.fn.countAll<string>().as("n")])
      .where(
        "measurement_id",
        "in",
        m.map((r) => r.id),
      )
      .groupBy("kind")
      .execute();
    expect(Object.fromEntries(events.map((e) => [e.kind, Number(e.n)]))).toEqual({ entered: m.length, confirmed: m.length });
    const evidence = await h.db
      .selectFrom("evidence_events")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("source", "=", "measurement")
      .where(
        "source_id",
        "in",
        m.map((r) => r.id),
      )
      .executeTakeFirstOrThrow();
    expect(Number(evidence.n)).toBe(m.length);
  });
});

describe("realistic spreads", () => {
  it("unit prices spread log-normally around the category's median, tax-excluded", async () => {
    const rows = await sql<{ price: number; basis: string }>`
      select (q.content->'unitPrices'->>'ENTRY')::numeric as price, q.content->>'taxBasis' as basis
      from quotes q join rfqs r on r.id = q.rfq_id where r.category = 'data_entry' and r.id in (${sql.join(historyRfqIds)})`.execute(h.db);
    const excluded = rows.rows.map((r) => (r.basis === "included" ? Number(r.price) / 1.1 : Number(r.price))).sort((a, b) => a - b);
    const q = (p: number) => excluded[Math.floor(p * (excluded.length - 1))]!;
    expect(q(0.5)).toBeGreaterThan(28);
    expect(q(0.5)).toBeLessThan(50);
    // A real spread, but not an absurd one: the interquartile range is between 10 % and 80 % of the median.
    expect((q(0.75) - q(0.25)) / q(0.5)).toBeGreaterThan(0.1);
    expect((q(0.75) - q(0.25)) / q(0.5)).toBeLessThan(0.8);
    expect(rows.rows.some((r) => r.basis === "included")).toBe(true);
  });

  it("vendors delivered a little below what they committed", async () => {
    const rows = await sql<{ committed: number; delivered: number }>`
      select avg((q.content->'kpiCommitments'->>'accuracy')::numeric)::float8 as committed,
             (sum(m.successes)::float8 / sum(m.trials)) as delivered
      from contracts c join quotes q on q.id = c.quote_id
      join sla_measurements m on m.contract_id = c.id and m.kpi_key = 'accuracy'
      where c.rfq_id in (${sql.join(historyRfqIds)})`.execute(h.db);
    const { committed, delivered } = rows.rows[0]!;
    expect(committed).toBeGreaterThan(delivered);
    expect(committed - delivered).toBeLessThan(0.01);
  });
});

/** Per category × KPI, the data points older than the age limit: distinct buyers, vendors, and the largest vendor's share. */
async function cells(source: "committed" | "delivered") {
  const cutoff = new Date(now.getTime() - AGE_DAYS * DAY);
  const points =
    source === "committed"
      ? await sql<{ category: string; kpi: string; buyer: string; vendor: string }>`
          select r.category, k.key as kpi, r.buyer_org_id as buyer, q.vendor_org_id as vendor
          from quotes q join rfqs r on r.id = q.rfq_id, jsonb_object_keys(q.content->'kpiCommitments') k(key)
          where r.id in (${sql.join(historyRfqIds)}) and r.quote_deadline <= ${cutoff}`.execute(h.db)
      : await sql<{ category: string; kpi: string; buyer: string; vendor: string }>`
          select e.category, e.kpi_key as kpi, e.buyer_org_id as buyer, e.vendor_org_id as vendor
          from evidence_events e join contracts c on c.id = e.contract_id
          join sla_measurements m on m.id = e.source_id
          where c.rfq_id in (${sql.join(historyRfqIds)}) and m.decided_at <= ${cutoff}`.execute(h.db);
  const byCell = new Map<string, { buyers: Set<string>; vendors: Map<string, number>; n: number }>();
  for (const p of points.rows) {
    const key = `${p.category}/${p.kpi}`;
    const cell = byCell.get(key) ?? { buyers: new Set(), vendors: new Map(), n: 0 };
    cell.buyers.add(p.buyer);
    cell.vendors.set(p.vendor, (cell.vendors.get(p.vendor) ?? 0) + 1);
    cell.n++;
    byCell.set(key, cell);
  }
  return [...byCell].map(([key, c]) => ({
    category: key.split("/")[0]!,
    key,
    publishes: c.buyers.size >= 5 && c.vendors.size >= 5 && Math.max(...c.vendors.values()) / c.n <= 0.25,
  }));
}

describe("some benchmark cells publish, others show not enough data", () => {
  it.each(["committed", "delivered"] as const)("%s values: every rich category has publishable cells, no thin one has any", async (source) => {
    const all = await cells(source);
    for (const category of RICH) expect(all.filter((c) => c.category === category && c.publishes).length, `${source} ${category}`).toBeGreaterThan(0);
    for (const category of THIN)
      expect(
        all.filter((c) => c.category === category && c.publishes),
        `${source} ${category}`,
      ).toEqual([]);
    // Thin categories still have data: "not enough data" is about the rule, not an empty table.
    expect(all.filter((c) => THIN.includes(c.category)).length).toBeGreaterThan(0);
  });
});

describe("the same every time", () => {
  it("the same seed and clock plan the same history, ids and figures included; another seed plans another", () => {
    const a = planMarketHistory(now);
    const b = planMarketHistory(now);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    const c = planMarketHistory(now, { seed: MARKET_HISTORY_SEED + 1 });
    expect(c.quotes.map((q) => q.tco)).not.toEqual(a.quotes.map((q) => q.tco));
  });

  it("what was written is what the seed plans", async () => {
    const plan = planMarketHistory(now);
    const written = await h.db.selectFrom("quotes").select(["id", "tco"]).where("rfq_id", "in", historyRfqIds).orderBy("id").execute();
    const planned = plan.quotes.map((q) => ({ id: q.id as string, tco: q.tco as number })).sort((x, y) => (x.id < y.id ? -1 : 1));
    expect(written.map((q) => ({ id: q.id, tco: Number(q.tco) }))).toEqual(planned);
  });

  it("seeding again writes nothing", async () => {
    const count = async () =>
      Number(
        (
          await h.db
            .selectFrom("rfqs")
            .select((eb) => eb.fn.countAll<string>().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const n = await count();
    expect(await seedMarketHistory(h.db, now)).toBeNull();
    expect(await count()).toBe(n);
  });
});

describe("the demo is unchanged", () => {
  it("every demo account sees the same search hits, RFQs and contracts with every history RFQ in the search index", async () => {
    const rows = (await loadRfqIndexRows(h.db, { ids: historyRfqIds })) as RfqIndexRow[];
    expect(rows).toHaveLength(200);
    await h.search.upsertRfqs(rows.map((row) => toRfqDocument(row, now)));
    const history = new Set([...historyRfqIds, ...(await historyOrgIds().execute()).map((o) => o.id)]);
    for (const account of DEMO_ACCOUNTS) {
      const after = await apiIds(account.email);
      expect(after, account.email).toEqual(before.get(account.email));
      expect(
        after.filter((id) => history.has(id)),
        account.email,
      ).toEqual([]);
    }
  });

  it("history members cannot sign in and history vendors are not in the vendor directory", async () => {
    const orgs = await historyOrgIds().execute();
    const users = await h.db
      .selectFrom("users")
      .innerJoin("memberships", "memberships.user_id", "users.id")
      .select("users.password_hash")
      .where(
        "memberships.org_id",
        "in",
        orgs.map((o) => o.id),
      )
      .execute();
    expect(users).toHaveLength(orgs.length);
    for (const u of users) expect(await verifyPassword(u.password_hash, "")).toBe(false);
    const profiles = await h.db
      .selectFrom("vendor_profiles")
      .select("org_id")
      .where(
        "org_id",
        "in",
        orgs.map((o) => o.id),
      )
      .execute();
    expect(profiles).toEqual([]);
  });
});

describe("one transaction", () => {
  it("a failure on the last table leaves nothing of the history", async () => {
    const fresh = await createHarness();
    try {
      // The evidence facts are written last: refuse them, and everything written before must be rolled back.
      await sql`create function refuse_evidence() returns trigger language plpgsql as $$ begin raise exception 'refused for the test'; end $$`.execute(
        fresh.db,
      );
      await sql`create trigger refuse_evidence before insert on evidence_events for each row execute function refuse_evidence()`.execute(fresh.db);
      await expect(seedMarketHistory(fresh.db, now)).rejects.toThrow(/refused for the test/);
      for (const table of ["organizations", "users", "rfqs", "quotes", "contracts", "sla_measurements"] as const) {
        const row = await fresh.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as("n"))
          .executeTakeFirstOrThrow();
        expect(Number(row.n), table).toBe(0);
      }
    } finally {
      await fresh.close();
    }
  });
});
