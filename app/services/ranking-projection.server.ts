import type { Kysely } from "kysely";
import { loadRatingsForRanking } from "../../db/queries/evaluation";
import { listOffersForRankingWithDigestByBuyer } from "../../db/queries/ranking-listing";
import { loadRfqIndexRows } from "../../db/queries/rfqs";
import type { Database } from "../../db/schema";
import {
  awaitingRatings,
  buildRankingInput,
  certificatesExpiringDuringTerm,
  type QuoteForRanking,
  type RankingOverrides,
} from "~/domain/comparison/ranking-input";
import { panelRatingValues, type RatedValue } from "~/domain/evaluation/panel-values";
import type { Evidence } from "~/domain/scoring";
import type { CertificationType } from "~/domain/rfq/categories";
import type { Rfq } from "~/domain/rfq/schema";
import { weighTrackRecord } from "~/domain/vendor/track-record";
import { rankAlternatives, winnerStability, type RankingInput, type RankingResult, type WinnerStability } from "~/domain/scoring";
import { tokyoDateString } from "~/utils/format";
import { Lru } from "~/utils/lru";
import { quotesAtVersions, rfqAtVersion } from "./version-cache.server";

// Ranking without an actor, for the quotes index: score and rank depend on every quote of an RFQ,
// so the indexer re-ranks the whole RFQ whenever one quote (or the criteria) change. The buyer's
// ranking (ranking.server.ts) and this one share `rankListedQuotes`, so page, API, export and
// index can never disagree. Sealed quotes stay out because the listing query only returns opened offers.

/** An opened offer as listed for ranking: the quote's ids and status, and the facts about its vendor. */
export type ListedQuote = Awaited<ReturnType<typeof listOffersForRankingWithDigestByBuyer>>["quotes"][number];

export interface RankedQuotes {
  rfq: Rfq;
  quotes: (QuoteForRanking & { vendorOrgId: string; status: string; expiringCertifications: string[] })[];
  awaitingReconfirmation: { id: string; vendorName: string }[];
  /** What the module was given (criteria with the weights in use): exports and the API show it. */
  input: RankingInput;
  /** Criteria left out of the ranking until every quote has its evaluator rating (keys, RFQ order). */
  awaitingRatings: string[];
  /** How many named evaluators have submitted (the "awaiting ratings (1 of 2 submitted)" words). */
  ratingProgress: { submitted: number; total: number };
  /** Per quote and rated criterion: the value ranked and where it comes from (consensus, or the mean of n). */
  ratedValues: Record<string, Record<string, RatedValue>>;
  result: RankingResult;
  /** How far single weights can move before another quote is first (ids as in `result`). */
  stability: WinnerStability;
}

/**
 * The key of a prepared ranking and what it is made of. Everything a ranking is built from is in it: the RFQ version
 * (its content is immutable), the listed rows (`listing`: their digest as PostgreSQL computed it, or the rows as it
 * returned them — each quote's current version, whose content is immutable too, its round, status and rfq version,
 * the vendor's name, certificates, track-record facts and engagements), the submitted ratings, the day in Tokyo and
 * the what-if overrides. Any change in the database (a new quote version, a certificate, an addendum, a rating)
 * changes the key, on every process alike, since it is read from the database on each request, never remembered.
 */
async function rankingKey(db: Kysely<Database>, rfqId: string, rfqVersion: number, listing: string, now: Date, overrides: RankingOverrides) {
  const rfq = await rfqAtVersion(db, rfqId, rfqVersion);
  if (!rfq) throw new Error(`RFQ ${rfqId} has no version ${rfqVersion}`);
  const today = tokyoDateString(now);
  // Evaluator ratings count only once EVERY named evaluator has submitted (decision 0046): until then the
  // rated criteria are "awaiting ratings" for every reader, so no ranking, export or index document can
  // carry a rating to an evaluator who is still rating blind.
  const rated = rfq.criteria.some((c) => c.source === "advisor_rating") ? await loadRatingsForRanking(db, rfqId) : null;
  const key = `${rfqId}:${rfqVersion}|${today}|${JSON.stringify(overrides)}|${JSON.stringify(rated)}|${listing}`;
  return { rfq, today, rated, key };
}

/**
 * The prepared ranking of the offers whose listing has this digest (digestOffersForRankingByBuyer), if one was
 * built since; null otherwise — the caller then lists the offers and ranks them (rankListedQuotes).
 */
export async function preparedRanking(
  db: Kysely<Database>,
  rfqId: string,
  rfqVersion: number,
  digest: string,
  now: Date,
  overrides: RankingOverrides = {},
): Promise<RankedQuotes | null> {
  const { key } = await rankingKey(db, rfqId, rfqVersion, `md5:${digest}`, now, overrides);
  return preparedRankings.get(key) ?? null;
}

/**
 * Ranks opened offers already listed for an RFQ version; quotes awaiting re-confirmation are set apart. With the
 * listing's `digest` (read in the same statement as the rows), the ranking is also found by preparedRanking.
 */
export async function rankListedQuotes(
  db: Kysely<Database>,
  rfqId: string,
  rfqVersion: number,
  listed: ListedQuote[],
  now: Date,
  overrides: RankingOverrides = {},
  digest: string | null = null,
): Promise<RankedQuotes> {
  // A repeated request reuses the prepared ranking instead of rebuilding 300 inputs and serializing them as the
  // ranking memo's key. Without a digest the rows themselves, serialized, stand for the listing.
  const { rfq, today, rated, key } = await rankingKey(db, rfqId, rfqVersion, digest ? `md5:${digest}` : JSON.stringify(listed), now, overrides);
  const prepared = preparedRankings.get(key);
  if (prepared) return prepared;
  const current = listed.filter((q) => q.rfq_version >= q.rfq_current_version);
  // The track record feeds rate criteria (claims checked against it, or observed rates scored directly)
  // and counts of similar engagements. It is aggregate, public data about each vendor, listed with its offer:
  // its rate facts from every category (a rate such as accuracy is comparable across categories), weighted by
  // recency as of the ranking's clock; "similar projects" counts its contracts with facts in the RFQ's category
  // (decision 0038).
  const rateKeys = new Set(rfq.criteria.filter((c) => c.unit === "rate" && (c.source === "kpi_commitment" || c.source === "track_record")).map((c) => c.key));
  const countsEngagements = rfq.criteria.some((c) => c.source === "track_record" && c.unit === "count");
  const versions = await quotesAtVersions(
    db,
    current.map((q) => ({ id: q.id, version: q.current_version })),
  );
  const ratedValues = rated ? panelRatingValues(rfq.criteria, rated.ratings, rated.consensus) : {};
  const quotes = current.map((q) => {
    const v = versions.get(q.id);
    const evidence = weighTrackRecord(
      q.vendor_rate_facts.filter((e) => rateKeys.has(e.kpi_key)),
      today,
    );
    const forRanking: QuoteForRanking = {
      id: q.id,
      vendorName: q.vendor_name,
      round: q.ranked_round === "bafo" ? "bafo" : "first",
      // Every submitted quote has its current version; a listed quote without one would be a bug upstream.
      content: v!.content,
      normalized: v!.normalized,
      certifications: q.vendor_certifications.map((c) => ({
        type: c.type as CertificationType,
        verificationStatus: c.status,
        validFrom: c.valid_from,
        validUntil: c.valid_until,
      })),
      ...(evidence.length > 0
        ? { evidence: Object.fromEntries(evidence.map((e): [string, Evidence] => [e.kpi_key, { successes: e.successes, trials: e.trials }])) }
        : {}),
      ...(countsEngagements ? { trackRecord: { engagementsInCategory: q.vendor_engagements_in_category ?? 0 } } : {}),
      ...(ratedValues[q.id] ? { ratings: Object.fromEntries(Object.entries(ratedValues[q.id]!).map(([k, v]) => [k, v.value])) } : {}),
    };
    return { ...forRanking, vendorOrgId: q.vendor_org_id, status: q.status, expiringCertifications: certificatesExpiringDuringTerm(forRanking, rfq, today) };
  });
  const input = buildRankingInput(rfq, quotes, today, overrides);
  const { result, stability } = rankMemoized(input);
  const awaitingReconfirmation = listed.filter((q) => q.rfq_version < q.rfq_current_version).map((q) => ({ id: q.id, vendorName: q.vendor_name }));
  const ranked: RankedQuotes = deepFreeze({
    rfq,
    quotes,
    awaitingReconfirmation,
    input,
    result,
    stability,
    awaitingRatings: awaitingRatings(rfq, quotes, overrides),
    ratingProgress: { submitted: rated?.submitted ?? 0, total: rated?.total ?? 0 },
    ratedValues,
  });
  preparedRankings.set(key, ranked);
  return ranked;
}

// Prepared rankings by the key above: frozen, shared by every request with the same key (see rankMemoized).
const preparedRankings = new Lru<string, RankedQuotes>(100);

// The module is a pure, seeded function (robustness included), so a result keyed by a hash of its
// whole input is exactly what a fresh call would return: every read still goes to PostgreSQL and
// through the sealed-bid rules; only the arithmetic is skipped when nothing changed. Cached results
// are deep-frozen (cheaper than cloning ~100 kB per request), so a caller that tried to modify one
// would fail loudly instead of corrupting the next reader's ranking.
/** The ranking and the winner's single-weight stability of one input (both pure, so cached together). */
type Ranked = { result: RankingResult; stability: WinnerStability };
const memo = new Lru<string, Ranked>(200);

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

function rankMemoized(input: RankingInput): Ranked {
  // The serialized input itself is the key: a few kB, and cheaper than hashing it first.
  const key = JSON.stringify(input);
  const hit = memo.get(key);
  if (hit) return hit;
  const ranked = deepFreeze({ result: rankAlternatives(input), stability: winnerStability(input) });
  memo.set(key, ranked);
  return ranked;
}

export interface RfqProjection {
  rfqId: string;
  buyerOrgId: string;
  rfqVersion: number;
  /** Every opened offer (ranked or awaiting re-confirmation); empty while sealed. */
  listed: ListedQuote[];
  /** Null when nothing is opened yet. */
  ranked: RankedQuotes | null;
}

/** The system-level ranking of one RFQ as of `now` (the business clock); null for an unknown RFQ. */
export async function projectRfqRanking(db: Kysely<Database>, rfqId: string, now: Date): Promise<RfqProjection | null> {
  const [row] = await loadRfqIndexRows(db, { ids: [rfqId] });
  if (!row) return null;
  const { quotes: listed, digest } = await listOffersForRankingWithDigestByBuyer(db, row.buyer_org_id, rfqId, now);
  const ranked = listed.length > 0 ? await rankListedQuotes(db, rfqId, row.current_version, listed, now, {}, digest) : null;
  return { rfqId, buyerOrgId: row.buyer_org_id, rfqVersion: row.current_version, listed, ranked };
}
