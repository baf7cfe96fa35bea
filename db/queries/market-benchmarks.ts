import { sql, type Expression, type Kysely, type QueryCreator } from "kysely";
import type { Database, MarketBenchmarkBandsTable, MarketBenchmarksTable } from "../schema";
import { finalVersionOf } from "./quotes";

// Market benchmarks (decision 0048). The job reads the raw sources here (opened quotes, confirmed facts) and
// replaces the two benchmark tables; every page and API reads only those tables.

/** Real offers (as OFFER_STATUSES in quotes.ts): a withdrawn or draft quote is no market figure. */
const OFFERS = ["submitted", "shortlisted", "awarded", "not_selected"] as const;

/**
 * When a quote became readable by its buyer: a sealed RFQ's quotes at its deadline, an open RFQ's on submission
 * (the same rule as openedOffers in quotes.ts). The job keeps only quotes opened at least 90 days before `now`.
 */
const openedAt = sql<Date>`case when rfqs.sealed then rfqs.quote_deadline else quotes.submitted_at end`;

/**
 * Every opened offer up to `now` with what the benchmarks read from it: the RFQ's content, the quote's first-round
 * content and TCO with their opening, and — when a BAFO round has opened for it (`finalVersionOf`, the sealed-bid
 * rule of the BAFO round) — its final version's content and TCO with that round's deadline, when they opened. The
 * job counts the final figure once it is old enough to publish, and the first-round one until then.
 */
export async function listOpenedOfferSources(db: Kysely<Database>, now: Date) {
  return db
    .selectFrom("quotes")
    .innerJoin("rfqs", "rfqs.id", "quotes.rfq_id")
    .leftJoinLateral(finalVersionOf(db, now), (j) => j.onTrue())
    .select([
      "quotes.vendor_org_id",
      "rfqs.buyer_org_id",
      "rfqs.category",
      "rfqs.content as rfq_content",
      "quotes.content as quote_content",
      "quotes.tco",
      openedAt.as("opened_at"),
      "final.content as final_content",
      "final.tco as final_tco",
      sql<Date | null>`(select br.deadline from quote_versions bv join bafo_rounds br on br.id = bv.bafo_round_id
        where bv.quote_id = quotes.id and bv.version = "final".version)`.as("final_opened_at"),
    ])
    .where("quotes.status", "in", OFFERS)
    .where("quotes.submitted_at", "is not", null)
    .where((eb) => eb.or([eb("rfqs.sealed", "=", false), eb.and([eb("rfqs.quote_deadline", "<=", now), eb("rfqs.status", "<>", "cancelled")])]))
    .orderBy("quotes.id")
    .execute();
}

/**
 * Every confirmed fact (evidence_events), with the phase of the RFQ its contract came from and when it was confirmed
 * on the business clock: a measurement's `decided_at` (the buyer's confirmation); a delivery's fact is observed on
 * its acceptance date, which is its confirmation. (`created_at` is the database's clock, so the demo seed's past
 * contracts, confirmed at a past business time, would all look new by it.)
 */
export async function listConfirmedFactSources(db: Kysely<Database>) {
  return db
    .selectFrom("evidence_events as e")
    .innerJoin("contracts", "contracts.id", "e.contract_id")
    .innerJoin("rfqs", "rfqs.id", "contracts.rfq_id")
    .leftJoin("sla_measurements as m", (j) => j.onRef("m.id", "=", "e.source_id").on("e.source", "=", "measurement"))
    .select([
      "e.vendor_org_id",
      "e.buyer_org_id",
      "e.category",
      "e.kpi_key",
      "e.successes",
      "e.trials",
      "e.value",
      "e.source",
      "e.observed_on",
      "m.decided_at as measurement_decided_at",
      sql<string | null>`rfqs.content->>'phase'`.as("phase"),
    ])
    .orderBy("e.id")
    .execute();
}

export type BenchmarkRow = Omit<MarketBenchmarksTable, "computed_at"> & { computed_at: Date };
export type BandRow = MarketBenchmarkBandsTable;

/** Replaces both tables' content (call it inside one transaction). */
export async function replaceBenchmarks(db: Kysely<Database>, cells: BenchmarkRow[], bands: BandRow[]): Promise<void> {
  await db.deleteFrom("market_benchmark_bands").execute();
  await db.deleteFrom("market_benchmarks").execute();
  // Chunked: a statement's parameters are limited (65 535), and a row here has 12.
  for (let i = 0; i < cells.length; i += 1000)
    await db
      .insertInto("market_benchmarks")
      .values(cells.slice(i, i + 1000))
      .execute();
  for (let i = 0; i < bands.length; i += 1000)
    await db
      .insertInto("market_benchmark_bands")
      .values(bands.slice(i, i + 1000))
      .execute();
}

/** The cells of one category (or all), published or not, in a stable order. */
export async function listBenchmarkCells(db: Kysely<Database>, category: string | null) {
  return db
    .selectFrom("market_benchmarks")
    .select(["kind", "category", "key", "phase", "unit", "published", "median", "q1", "q3", "n", "computed_at"])
    .$if(category !== null, (qb) => qb.where("category", "=", category!))
    .orderBy("category")
    .orderBy("kind")
    .orderBy("key")
    .orderBy("phase")
    .execute();
}

/** A vendor's own bands (of one category, or all): nothing else of the market reaches a vendor. */
export async function listBandsOfVendor(db: Kysely<Database>, vendorOrgId: string, category: string | null) {
  return db
    .selectFrom("market_benchmark_bands")
    .select(["kind", "category", "key", "phase", "band"])
    .where("vendor_org_id", "=", vendorOrgId)
    .$if(category !== null, (qb) => qb.where("category", "=", category!))
    .orderBy("category")
    .orderBy("kind")
    .orderBy("key")
    .orderBy("phase")
    .execute();
}

/**
 * The published lower quartile of TCO per month of a category over every phase (the abnormally-low threshold's
 * market half, decision 0051), or null when the cell is withheld or absent.
 */
export async function findPublishedTcoMonthQ1(db: Kysely<Database>, category: string): Promise<number | null> {
  const row = await publishedTcoMonthQ1Of(db, sql.val(category)).executeTakeFirst();
  return row?.q1 ?? null;
}

/** The same quartile as a subquery on a category expression (the comparison's stamp reads it in its one statement). */
export function publishedTcoMonthQ1Of(qc: QueryCreator<Database>, category: Expression<string>) {
  return qc
    .selectFrom("market_benchmarks")
    .select("q1")
    .where("kind", "=", "tco_month")
    .where("category", "=", category)
    .where("key", "=", "")
    .where("phase", "=", "")
    .where("published", "=", true);
}
