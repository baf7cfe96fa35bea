import { sql, type Kysely, type SelectQueryBuilder } from "kysely";
import { PREPARE } from "../prepared";
import type { Database, QuoteStatusColumn, QuoteVersionKind } from "../schema";
import { certificateValiditiesOf } from "./certifications";
import { engagementsInCategoryOf, rateFactsOf } from "./track-records";

// Sealed bids live here, in the WHERE clauses: a quote's content is selected for its own vendor,
// or for the RFQ's buyer (and the advisors it assigned) once the quotes are opened (deadline passed,
// or an open RFQ) and only for real offers. No other query returns quote content.

const OFFER_STATUSES: QuoteStatusColumn[] = ["submitted", "shortlisted", "awarded", "not_selected"];

/**
 * The sealed-bid rule for the buyer side, as one WHERE clause every such query applies: real offers
 * only, and only once opened — an open RFQ at once, a sealed one from its deadline on unless it was
 * cancelled (areQuotesOpened in app/domain/quote/sealed.ts is the same rule for plain data).
 */
function openedOffers<QB extends SelectQueryBuilder<Database, "quotes" | "rfqs", object>>(now: Date) {
  return (qb: QB): QB =>
    qb
      .where("quotes.status", "in", OFFER_STATUSES)
      .where((eb) => eb.or([eb("rfqs.sealed", "=", false), eb.and([eb("rfqs.quote_deadline", "<=", now), eb("rfqs.status", "<>", "cancelled")])])) as QB;
}

/**
 * The BAFO round is sealed like the first one (decision 0030; finalVersionOf in app/domain/quote/sealed.ts
 * is the same rule): the buyer side reads a quote's BAFO version only once its round's deadline has passed
 * and never for a cancelled round — until then, and without a BAFO, the first-round version. Every buyer-side
 * query below joins this and reads `final.*` through the coalescing selections instead of the quote row's
 * own version, TCO and content (which stay the first round's).
 */
export function finalVersionOf(db: Kysely<Database>, now: Date) {
  return db
    .selectFrom("quote_versions as bv")
    .innerJoin("bafo_rounds as br", "br.id", "bv.bafo_round_id")
    .select(["bv.version as version", "bv.tco as tco", "bv.content as content"])
    .where(sql<boolean>`bv.quote_id = quotes.id`)
    .where("bv.kind", "=", "bafo")
    .where("br.status", "=", "open")
    .where("br.deadline", "<=", now)
    .orderBy("bv.version", "desc")
    .limit(1)
    .as("final");
}

const finalCurrentVersion = sql<number>`coalesce("final".version, quotes.current_version)`;
const finalTco = sql<number | null>`coalesce("final".tco, quotes.tco)`;
const finalContent = sql<unknown>`coalesce("final".content, quotes.content)`;
/** Which version the buyer side reads and ranks: "bafo" or "first" (the comparison shows it). */
const finalRound = sql<"bafo" | "first">`case when "final".version is null then 'first' else 'bafo' end`;

export async function findQuoteOfVendorForRfq(db: Kysely<Database>, vendorOrgId: string, rfqId: string) {
  return db.selectFrom("quotes").selectAll().where("rfq_id", "=", rfqId).where("vendor_org_id", "=", vendorOrgId).executeTakeFirst();
}

/**
 * The vendor's quote, locked for the rest of the transaction: concurrent revisions of one quote take turns, so
 * each numbers its version from the one committed before it (without the lock two read the same
 * current_version and the second failed on the version's primary key).
 */
export async function lockQuoteForVendor(db: Kysely<Database>, vendorOrgId: string, quoteId: string) {
  return db.selectFrom("quotes").selectAll().where("id", "=", quoteId).where("vendor_org_id", "=", vendorOrgId).forUpdate().executeTakeFirst();
}

export async function findQuoteForVendor(db: Kysely<Database>, vendorOrgId: string, quoteId: string) {
  return db.selectFrom("quotes").selectAll().where("id", "=", quoteId).where("vendor_org_id", "=", vendorOrgId).executeTakeFirst();
}

/**
 * One quote for its buyer, or for an advisor the buyer assigned to the RFQ: only an offer, only once quotes are
 * opened (the sealed-bid rule in SQL).
 */
export async function findOpenedQuoteForReader(db: Kysely<Database>, reader: { side: "buyer" | "advisor"; orgId: string }, quoteId: string, now: Date) {
  return (
    db
      .selectFrom("quotes")
      .innerJoin("rfqs", "rfqs.id", "quotes.rfq_id")
      .innerJoin("organizations as vendor", "vendor.id", "quotes.vendor_org_id")
      .leftJoinLateral(finalVersionOf(db, now), (j) => j.onTrue())
      .select([
        "quotes.id",
        "quotes.rfq_id",
        "quotes.vendor_org_id",
        "quotes.status",
        "quotes.rfq_version",
        "quotes.submitted_at",
        "quotes.withdrawn_at",
        "quotes.created_by",
        "quotes.created_at",
        "quotes.updated_at",
        finalCurrentVersion.as("current_version"),
        finalTco.as("tco"),
        finalContent.as("content"),
        finalRound.as("ranked_round"),
      ])
      .select(["vendor.name as vendor_name", "rfqs.title as rfq_title", "rfqs.current_version as rfq_current_version"])
      .where("quotes.id", "=", quoteId)
      .$if(reader.side === "buyer", (q) => q.where("rfqs.buyer_org_id", "=", reader.orgId))
      // An advisor reads only the RFQs it is assigned to (rfq_advisors), by the same sealed-bid rule as the buyer.
      .$if(reader.side === "advisor", (q) =>
        q.where((eb) =>
          eb.exists(
            eb
              .selectFrom("rfq_advisors")
              .select("rfq_advisors.rfq_id")
              .whereRef("rfq_advisors.rfq_id", "=", "rfqs.id")
              .where("rfq_advisors.advisor_org_id", "=", reader.orgId),
          ),
        ),
      )
      .$call(openedOffers(now))
      .executeTakeFirst()
  );
}

/**
 * The opened offers of one RFQ, before the reader's scope is added: every caller below adds one.
 * `content` (the latest submitted quote, JSON) is optional because the ranking reads immutable
 * versions from its cache instead, and serializing 30 quotes' JSON per request costs both ends.
 */
export function openedOffersOfRfq(db: Kysely<Database>, rfqId: string, now: Date, withContent: boolean) {
  return db
    .selectFrom("quotes")
    .innerJoin("rfqs", "rfqs.id", "quotes.rfq_id")
    .innerJoin("organizations as vendor", "vendor.id", "quotes.vendor_org_id")
    .leftJoinLateral(finalVersionOf(db, now), (j) => j.onTrue())
    .select([
      "quotes.id",
      "quotes.vendor_org_id",
      "vendor.name as vendor_name",
      "quotes.status",
      finalCurrentVersion.as("current_version"),
      "quotes.rfq_version",
      finalTco.as("tco"),
      "quotes.submitted_at",
      "rfqs.current_version as rfq_current_version",
      finalRound.as("ranked_round"),
    ])
    .$if(withContent, (qb) => qb.select(finalContent.as("content")))
    .where("quotes.rfq_id", "=", rfqId)
    .$call(openedOffers(now))
    .orderBy(finalTco, "asc")
    .orderBy("quotes.id");
}

/**
 * The opened offers as the ranking reads them: without content (it reads immutable versions from its
 * cache) and with what it needs about each vendor — certificates, its rate facts per KPI and day (weighted in
 * TypeScript by the ranking's clock), contracts with facts in the RFQ's category — as correlated subqueries. One round trip instead of four: on 2 shared cores each
 * round trip cost the comparison API more CPU (socket writes, both ends) than ranking 30 quotes.
 * The category is the RFQ's published one, i.e. that of its current version, the version ranked.
 */
export function offersForRanking(db: Kysely<Database>, rfqId: string, now: Date) {
  return openedOffersOfRfq(db, rfqId, now, false).select([
    certificateValiditiesOf(db, "vendor.id").as("vendor_certifications"),
    rateFactsOf(db, "vendor.id").as("vendor_rate_facts"),
    engagementsInCategoryOf(db, "vendor.id", "rfqs.category").as("vendor_engagements_in_category"),
  ]);
}

/**
 * The same for an advisory organisation: only when the RFQ's buyer assigned it (the join is the scope)
 * and, like the buyer, only once opened — an assigned advisor never sees a sealed bid early.
 */
export async function listOffersForRankingByAdvisor(db: Kysely<Database>, advisorOrgId: string, rfqId: string, now: Date) {
  return offersForRanking(db, rfqId, now)
    .innerJoin("rfq_advisors", (j) => j.onRef("rfq_advisors.rfq_id", "=", "quotes.rfq_id").on("rfq_advisors.advisor_org_id", "=", advisorOrgId))
    .modifyEnd(PREPARE)
    .execute();
}

/** All opened offers on the buyer's RFQ (empty while sealed). */
export async function listOpenedQuotesForBuyer(db: Kysely<Database>, buyerOrgId: string, rfqId: string, now: Date) {
  return openedOffersOfRfq(db, rfqId, now, true).where("rfqs.buyer_org_id", "=", buyerOrgId).execute();
}

/** Which version each opened offer on the buyer's RFQ is ranked on ("bafo" / "first"), without content. */
export async function listFinalRoundsForBuyer(db: Kysely<Database>, buyerOrgId: string, rfqId: string, now: Date) {
  const rows = await openedOffersOfRfq(db, rfqId, now, false).where("rfqs.buyer_org_id", "=", buyerOrgId).execute();
  return new Map(rows.map((r) => [r.id, r.ranked_round]));
}

/** An opened offer of this RFQ that this assigned advisor may read (what an advisor's note may be about). */
export async function findOpenedQuoteIdForAdvisor(db: Kysely<Database>, advisorOrgId: string, rfqId: string, quoteId: string, now: Date) {
  const row = await db
    .selectFrom("quotes")
    .innerJoin("rfqs", "rfqs.id", "quotes.rfq_id")
    .innerJoin("rfq_advisors", (j) => j.onRef("rfq_advisors.rfq_id", "=", "quotes.rfq_id").on("rfq_advisors.advisor_org_id", "=", advisorOrgId))
    .select("quotes.id")
    .where("quotes.id", "=", quoteId)
    .where("quotes.rfq_id", "=", rfqId)
    .$call(openedOffers(now))
    .executeTakeFirst();
  return row?.id ?? null;
}

/** What the buyer may know while bids are sealed: how many arrived — no names, no figures. */
export async function countQuotesForBuyer(db: Kysely<Database>, buyerOrgId: string, rfqId: string) {
  return db
    .selectFrom("quotes")
    .innerJoin("rfqs", "rfqs.id", "quotes.rfq_id")
    .select([
      sql<number>`count(*) filter (where quotes.status in ('submitted','shortlisted','awarded','not_selected'))::int`.as("received"),
      sql<number>`count(*) filter (where quotes.status = 'withdrawn')::int`.as("withdrawn"),
    ])
    .where("quotes.rfq_id", "=", rfqId)
    .where("rfqs.buyer_org_id", "=", buyerOrgId)
    .executeTakeFirstOrThrow();
}

export async function listQuotesOfVendor(db: Kysely<Database>, vendorOrgId: string) {
  return db
    .selectFrom("quotes")
    .innerJoin("rfqs", "rfqs.id", "quotes.rfq_id")
    .innerJoin("organizations as buyer", "buyer.id", "rfqs.buyer_org_id")
    .select([
      "quotes.id",
      "quotes.rfq_id",
      "rfqs.title as rfq_title",
      "buyer.name as buyer_name",
      "rfqs.quote_deadline",
      "rfqs.status as rfq_status",
      "rfqs.current_version as rfq_current_version",
      "quotes.status",
      "quotes.current_version",
      "quotes.rfq_version",
      "quotes.updated_at",
      // The vendor's own figure, never the TCO: it adds the buyer's internal costs, which vendors must not learn.
      (eb) =>
        eb
          .selectFrom("quote_versions")
          .select(sql<number>`(normalized->>'contractValueExcludingTax')::bigint`.as("v"))
          .whereRef("quote_versions.quote_id", "=", "quotes.id")
          .whereRef("quote_versions.version", "=", "quotes.current_version")
          .as("contract_value"),
    ])
    .where("quotes.vendor_org_id", "=", vendorOrgId)
    .orderBy("quotes.updated_at", "desc")
    .execute();
}

export async function insertQuote(
  db: Kysely<Database>,
  q: { rfqId: string; vendorOrgId: string; rfqVersion: number; content: unknown; createdBy: string; at: Date },
) {
  return db
    .insertInto("quotes")
    .values({
      rfq_id: q.rfqId,
      vendor_org_id: q.vendorOrgId,
      rfq_version: q.rfqVersion,
      content: JSON.stringify(q.content),
      created_by: q.createdBy,
      created_at: q.at,
      updated_at: q.at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Updates the vendor's own quote only (the vendor id is part of the filter). */
export async function updateQuoteOfVendor(
  db: Kysely<Database>,
  vendorOrgId: string,
  quoteId: string,
  u: Partial<{
    status: QuoteStatusColumn;
    currentVersion: number;
    rfqVersion: number;
    content: unknown;
    tco: number | null;
    submittedAt: Date;
    /** null clears it: the quote was submitted again after a withdrawal. */
    withdrawnAt: Date | null;
  }> & { at: Date },
) {
  return db
    .updateTable("quotes")
    .set({
      ...(u.status ? { status: u.status } : {}),
      ...(u.currentVersion !== undefined ? { current_version: u.currentVersion } : {}),
      ...(u.rfqVersion !== undefined ? { rfq_version: u.rfqVersion } : {}),
      ...(u.content !== undefined ? { content: JSON.stringify(u.content) } : {}),
      ...(u.tco !== undefined ? { tco: u.tco } : {}),
      ...(u.submittedAt ? { submitted_at: u.submittedAt } : {}),
      ...(u.withdrawnAt !== undefined ? { withdrawn_at: u.withdrawnAt } : {}),
      updated_at: u.at,
    })
    .where("id", "=", quoteId)
    .where("vendor_org_id", "=", vendorOrgId)
    .returningAll()
    .executeTakeFirst();
}

export async function insertQuoteVersion(
  db: Kysely<Database>,
  v: {
    quoteId: string;
    version: number;
    rfqVersion: number;
    content: unknown;
    normalized: unknown;
    tco: number;
    kind: QuoteVersionKind;
    /** The BAFO round a `bafo` version answers (sealed until that round's deadline). */
    bafoRoundId?: string | null;
    createdBy: string;
    at: Date;
  },
) {
  await db
    .insertInto("quote_versions")
    .values({
      quote_id: v.quoteId,
      version: v.version,
      rfq_version: v.rfqVersion,
      content: JSON.stringify(v.content),
      normalized: JSON.stringify(v.normalized),
      tco: v.tco,
      kind: v.kind,
      ...(v.bafoRoundId ? { bafo_round_id: v.bafoRoundId } : {}),
      created_by: v.createdBy,
      created_at: v.at,
    })
    .execute();
}

/** The withdrawn version keeps the moment of its withdrawal (the quote may be submitted again as a new version). */
export async function markQuoteVersionWithdrawn(db: Kysely<Database>, quoteId: string, version: number, at: Date) {
  await db.updateTable("quote_versions").set({ withdrawn_at: at }).where("quote_id", "=", quoteId).where("version", "=", version).execute();
}

/**
 * Version history of a quote the caller has already been allowed to read. The buyer side passes
 * `buyerSideAt`: a BAFO version is listed only once its round has opened (sealed like the first round).
 */
export async function listQuoteVersions(db: Kysely<Database>, quoteId: string, buyerSideAt?: Date) {
  return db
    .selectFrom("quote_versions")
    .select([
      "version",
      "rfq_version",
      "kind",
      "tco",
      "created_at",
      "withdrawn_at",
      sql<number>`(normalized->>'contractValueExcludingTax')::bigint`.as("contract_value"),
    ])
    .where("quote_id", "=", quoteId)
    .$if(buyerSideAt !== undefined, (qb) =>
      qb.where((eb) =>
        eb.or([
          eb("bafo_round_id", "is", null),
          eb.exists(
            eb
              .selectFrom("bafo_rounds as br")
              .select("br.id")
              .whereRef("br.id", "=", "quote_versions.bafo_round_id")
              .where("br.status", "=", "open")
              .where("br.deadline", "<=", buyerSideAt!),
          ),
        ]),
      ),
    )
    .orderBy("version", "desc")
    .execute();
}

export async function findQuoteVersion(db: Kysely<Database>, quoteId: string, version: number) {
  return db.selectFrom("quote_versions").selectAll().where("quote_id", "=", quoteId).where("version", "=", version).executeTakeFirst();
}

/**
 * Sealed quotes open at their RFQ's deadline, with no write to trigger the outbox: this enqueues the
 * quotes of RFQs whose deadline fell in (from, to] so the indexer projects them once they may be read.
 */
export async function enqueueQuotesOpenedBetween(db: Kysely<Database>, from: Date, to: Date) {
  const result = await db
    .insertInto("outbox")
    .columns(["topic", "entity_id"])
    .expression((eb) =>
      eb
        .selectFrom("quotes")
        .innerJoin("rfqs", "rfqs.id", "quotes.rfq_id")
        .select([sql<string>`'quote'`.as("topic"), sql<string>`quotes.id::text`.as("entity_id")])
        .where("rfqs.sealed", "=", true)
        // A cancelled sealed RFQ never opens: nothing to project at its deadline.
        .where("rfqs.status", "<>", "cancelled")
        .where("rfqs.quote_deadline", ">", from)
        .where("rfqs.quote_deadline", "<=", to)
        .where("quotes.status", "in", OFFER_STATUSES),
    )
    .executeTakeFirst();
  // A BAFO round opens at its own deadline the same way: the RFQ's quotes are re-projected (final versions).
  const bafo = await db
    .insertInto("outbox")
    .columns(["topic", "entity_id"])
    .expression((eb) =>
      eb
        .selectFrom("quotes")
        .innerJoin("bafo_rounds", "bafo_rounds.rfq_id", "quotes.rfq_id")
        .select([sql<string>`'quote'`.as("topic"), sql<string>`quotes.id::text`.as("entity_id")])
        .where("bafo_rounds.status", "=", "open")
        .where("bafo_rounds.deadline", ">", from)
        .where("bafo_rounds.deadline", "<=", to)
        .where("quotes.status", "in", OFFER_STATUSES),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) + Number(bafo.numInsertedOrUpdatedRows ?? 0);
}

/** The RFQ of each existing quote: ids only, never content, so no sealed-bid rule applies. */
export async function rfqIdsOfQuotes(db: Kysely<Database>, quoteIds: string[]): Promise<{ id: string; rfq_id: string }[]> {
  if (quoteIds.length === 0) return [];
  return db.selectFrom("quotes").select(["id", "rfq_id"]).where("id", "in", quoteIds).execute();
}

/** A keyset page of the ids of RFQs that have quotes (any status), for rebuilding the quotes index. */
export async function rfqIdsWithQuotes(db: Kysely<Database>, afterId: string | null, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom("quotes")
    .select("rfq_id")
    .distinct()
    .$if(afterId !== null, (q) => q.where("rfq_id", ">", afterId!))
    .orderBy("rfq_id")
    .limit(limit)
    .execute();
  return rows.map((r) => r.rfq_id);
}

/** Ids of every quote of an RFQ, whatever its status: the indexer deletes those no longer opened. */
export async function quoteIdsOfRfq(db: Kysely<Database>, rfqId: string): Promise<string[]> {
  const rows = await db.selectFrom("quotes").select("id").where("rfq_id", "=", rfqId).execute();
  return rows.map((r) => r.id);
}

/** RFQs a vendor has quoted on (ids only): its certificates feed their rankings, so they are re-projected when those change. */
export async function rfqIdsQuotedBy(db: Kysely<Database>, vendorOrgIds: string[]): Promise<string[]> {
  if (vendorOrgIds.length === 0) return [];
  const rows = await db.selectFrom("quotes").select("rfq_id").distinct().where("vendor_org_id", "in", vendorOrgIds).where("status", "<>", "draft").execute();
  return rows.map((r) => r.rfq_id);
}

/** Quote versions by (quote id, version): immutable rows, so callers may cache what this returns. */
export async function listQuoteVersionsByKey(db: Kysely<Database>, wanted: { id: string; version: number }[]) {
  if (wanted.length === 0) return [];
  return db
    .selectFrom("quote_versions")
    .select(["quote_id", "version", "content", "normalized"])
    .where((eb) => eb.or(wanted.map((w) => eb.and([eb("quote_id", "=", w.id), eb("version", "=", w.version)]))))
    .execute();
}
