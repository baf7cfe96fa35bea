import type { RankingOverrides } from "~/domain/comparison/ranking-input";
import type { Actor } from "~/domain/permissions";
import type { AppContext } from "~/utils/context.server";
import { openedOffersDigestForBuyer, openedQuotesForRankingByBuyer, quotesOfRfqForAdvisor } from "./quotes.server";
import { preparedRanking, rankListedQuotes, type RankedQuotes } from "./ranking-projection.server";
import type { LowQuoteReason } from "~/domain/insight/abnormally-low";
import { lowQuoteStandings } from "./low-quotes.server";
import { findPublishedTcoMonthQ1 } from "../../db/queries/market-benchmarks";
import { Lru } from "~/utils/lru";

// The ranking of an RFQ's opened quotes, for the buyer side — its buyer and the advisors it assigned
// (both read the opened quotes through queries scoped to them): the same function feeds the comparison
// page, the API, the exports and the quotes index. Quotes still waiting for re-confirmation after
// an addendum are listed apart and not ranked (they answer a question the buyer no longer asks).

export interface RfqRanking extends RankedQuotes {
  rfqVersion: number;
  /** The RFQ's buyer organisation: the quotes index is filtered by it, also when an advisor reads. */
  buyerOrgId: string;
  sealed: false;
  /**
   * The abnormally low quotes' reasons by quote id (decision 0051), from this very ranking: the buyer side's figures
   * (peers' median, thresholds, the market quartile). Surfaces that show prices carry them; price later hides them.
   */
  abnormallyLow: Record<string, LowQuoteReason[]>;
}

export async function rankRfqForBuyer(
  ctx: AppContext,
  actor: Actor,
  rfqId: string,
  overrides: RankingOverrides = {},
): Promise<RfqRanking | { sealed: true } | null> {
  const now = ctx.clock.now();
  // The usual read while nothing changed: the listing's digest (one short row), then the ranking prepared for it.
  const stamp = await openedOffersDigestForBuyer(ctx, actor, rfqId, now);
  const prepared = stamp && (await preparedRanking(ctx.db, rfqId, stamp.rfqVersion, stamp.digest, now, overrides));
  if (stamp && prepared) return withAbnormallyLow(ctx, prepared, stamp, stamp.tcoMonthQ1);
  const listing = actor.org?.kind === "advisory" ? await quotesOfRfqForAdvisor(ctx, actor, rfqId) : await openedQuotesForRankingByBuyer(ctx, actor, rfqId);
  if (!listing) return null;
  if (listing.sealed) return { sealed: true };
  const ranked = await rankListedQuotes(ctx.db, rfqId, listing.rfqVersion, listing.quotes, now, overrides, "digest" in listing ? listing.digest : null);
  return withAbnormallyLow(ctx, ranked, listing);
}

async function withAbnormallyLow(
  ctx: AppContext,
  ranked: RankedQuotes,
  of: { rfqVersion: number; buyerOrgId: string },
  q1?: number | null,
): Promise<RfqRanking> {
  const abnormallyLow = abnormallyLowOf(ranked, q1 !== undefined ? q1 : await findPublishedTcoMonthQ1(ctx.db, ranked.rfq.category));
  return { ...ranked, rfqVersion: of.rfqVersion, buyerOrgId: of.buyerOrgId, sealed: false, abnormallyLow };
}

// The abnormally-low rule compares each qualifying quote with the median of all the others: a sort per quote, so
// O(n² log n) — at 300 quotes more than the rest of a comparison request. Its answer depends only on what the key
// holds (the qualifying quotes' TCOs, the category's published quartile, the contract term), so it is computed once
// per such key, by the one rule (`lowQuoteStandings`, decision 0051), and shared by every request that follows.
const abnormallyLowMemo = new Lru<string, Record<string, LowQuoteReason[]>>(200);

/** The reasons by quote id, given the category's published quartile (read with the stamp, or on its own). */
function abnormallyLowOf(ranked: RankedQuotes, q1: number | null): Record<string, LowQuoteReason[]> {
  // A prepared ranking is shared by the requests that follow while nothing changed (rankListedQuotes), so its
  // answer for this quartile is kept beside it: no key of 300 TCOs built per request.
  const byQuartile = abnormallyLowByRanking.get(ranked) ?? new Map<unknown, Record<string, LowQuoteReason[]>>();
  abnormallyLowByRanking.set(ranked, byQuartile);
  const known = byQuartile.get(q1);
  if (known) return known;
  const found = abnormallyLowOfKey(ranked, q1);
  byQuartile.set(q1, found);
  return found;
}

const abnormallyLowByRanking = new WeakMap<object, Map<unknown, Record<string, LowQuoteReason[]>>>();

function abnormallyLowOfKey(
  ranked: Awaited<ReturnType<typeof rankListedQuotes>>,
  q1: Awaited<ReturnType<typeof findPublishedTcoMonthQ1>>,
): Record<string, LowQuoteReason[]> {
  const qualified = new Set(ranked.result.ranking.map((r) => r.id));
  const key = `${q1}|${ranked.rfq.contractTermMonths}|${ranked.quotes.map((q) => (qualified.has(q.id) ? `${q.id}:${q.normalized.tco}` : "")).join(",")}`;
  const hit = abnormallyLowMemo.get(key);
  if (hit) return hit;
  const standings = lowQuoteStandings(ranked, q1);
  const found = Object.freeze(
    Object.fromEntries([...standings].flatMap(([id, s]) => (s.abnormallyLow ? [[id, s.abnormallyLow.reasons] as const] : []))),
  ) as Record<string, LowQuoteReason[]>;
  abnormallyLowMemo.set(key, found);
  return found;
}
