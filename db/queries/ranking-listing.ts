import { sql, type Kysely } from "kysely";
import { PREPARE } from "../prepared";
import type { Database } from "../schema";
import { publishedTcoMonthQ1Of } from "./market-benchmarks";
import { offersForRanking, openedOffersOfRfq } from "./quotes";

// The buyer's opened offers as the ranking lists them, and the stamp that tells whether they changed (issue 21,
// decision 0057). The sealed-bid rule stays in quotes.ts: both read through openedOffersOfRfq.

type OfferForRanking = Awaited<ReturnType<ReturnType<typeof offersForRanking>["execute"]>>[number];

/**
 * A stamp of everything offersForRanking reads for the buyer's RFQ at `now`, as one short row: how many offers, the
 * RFQ's current version and a digest — and, since the comparison needs it on every read, the published quartile the
 * abnormally-low rule compares with (findPublishedTcoMonthQ1), in the same round trip. The comparison asks this
 * first and reuses its prepared ranking while the digest stays the same (decision 0057): at 300 quotes one row
 * instead of 300 parsed, with their certificates and facts, and without the per-vendor subqueries (PostgreSQL's
 * 9 ms at 300 quotes, against ~2 ms for this).
 *
 * The digest changes whenever a listed row would: it hashes each listed offer as the listing reads it (its final
 * version and round, status, rfq version, TCO, the vendor's name, the RFQ's version and category), what the listing
 * reads of those vendors' certificates (type, status, validity), and counts their evidence events — append-only (a
 * trigger refuses updates and deletes), so a new fact always changes the count. A column offersForRanking starts
 * reading must be covered here; tests/integration/comparison-cache.test.ts changes each input and expects a new
 * digest.
 */
function rankingStamp(db: Kysely<Database>, buyerOrgId: string, rfqId: string, now: Date) {
  return db
    .with("listed", () => openedOffersOfRfq(db, rfqId, now, false).select("rfqs.category").where("rfqs.buyer_org_id", "=", buyerOrgId))
    .selectFrom("listed")
    .select([
      sql<number>`count(*)::int`.as("count"),
      sql<number | null>`max(listed.rfq_current_version)`.as("rfq_current_version"),
      sql<string | null>`md5(string_agg(listed::text, ',' order by listed.id))
        || ':' || (select md5(coalesce(string_agg(row(c.id, c.type, c.status, c.valid_from, c.valid_until)::text, ',' order by c.id), ''))
                   from certifications c
                   where c.org_id in (select vendor_org_id from listed))
        || ':' || (select count(*) from evidence_events e where e.vendor_org_id in (select vendor_org_id from listed))`.as("digest"),
      publishedTcoMonthQ1Of(db, sql<string>`min(listed.category)`).as("tco_month_q1"),
    ]);
}

/** The stamp of the buyer's opened offers for ranking (rankingStamp): count 0 and nulls when none is listed. */
export async function digestOffersForRankingByBuyer(db: Kysely<Database>, buyerOrgId: string, rfqId: string, now: Date) {
  return rankingStamp(db, buyerOrgId, rfqId, now).modifyEnd(PREPARE).executeTakeFirstOrThrow();
}

/**
 * The opened offers on the buyer's RFQ for its ranking (empty while sealed), with the digest of exactly these rows
 * (rankingStamp): one statement, so one snapshot — a ranking stored under a digest is the ranking of the rows it
 * stands for.
 */
export async function listOffersForRankingWithDigestByBuyer(db: Kysely<Database>, buyerOrgId: string, rfqId: string, now: Date) {
  const rows = await db
    .with("stamp", () => rankingStamp(db, buyerOrgId, rfqId, now))
    .selectFrom(offersForRanking(db, rfqId, now).where("rfqs.buyer_org_id", "=", buyerOrgId).as("o"))
    .innerJoin("stamp", (j) => j.onTrue())
    .selectAll("o")
    .select("stamp.digest")
    .orderBy("o.tco", "asc")
    .orderBy("o.id")
    .modifyEnd(PREPARE)
    .execute();
  return { quotes: rows.map(({ digest: _, ...offer }): OfferForRanking => offer), digest: rows[0]?.digest ?? null };
}
