import type { RankingOverrides } from "~/domain/comparison/ranking-input";
import type { Actor } from "~/domain/permissions";
import type { AppContext } from "~/utils/context.server";
import { openedQuotesForRankingByBuyer, quotesOfRfqForAdvisor } from "./quotes.server";
import { rankListedQuotes, type RankedQuotes } from "./ranking-projection.server";
import type { LowQuoteReason } from "~/domain/insight/abnormally-low";
import { lowQuoteStandingsOf } from "./low-quotes.server";

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
  const listing = actor.org?.kind === "advisory" ? await quotesOfRfqForAdvisor(ctx, actor, rfqId) : await openedQuotesForRankingByBuyer(ctx, actor, rfqId);
  if (!listing) return null;
  if (listing.sealed) return { sealed: true };
  const ranked = await rankListedQuotes(ctx.db, rfqId, listing.rfqVersion, listing.quotes, ctx.clock.now(), overrides);
  const standings = await lowQuoteStandingsOf(ctx, ranked);
  const abnormallyLow = Object.fromEntries([...standings].flatMap(([id, s]) => (s.abnormallyLow ? [[id, s.abnormallyLow.reasons] as const] : [])));
  return { ...ranked, rfqVersion: listing.rfqVersion, buyerOrgId: listing.buyerOrgId, sealed: false, abnormallyLow };
}
