import type { RankingOverrides } from "~/domain/comparison/ranking-input";
import type { Actor } from "~/domain/permissions";
import type { AppContext } from "~/utils/context.server";
import { openedQuotesForRankingByBuyer, quotesOfRfqForAdvisor } from "./quotes.server";
import { rankListedQuotes, type RankedQuotes } from "./ranking-projection.server";

// The ranking of an RFQ's opened quotes, for the buyer side — its buyer and the advisors it assigned
// (both read the opened quotes through queries scoped to them): the same function feeds the comparison
// page, the API, the exports and the quotes index. Quotes still waiting for re-confirmation after
// an addendum are listed apart and not ranked (they answer a question the buyer no longer asks).

export interface RfqRanking extends RankedQuotes {
  rfqVersion: number;
  /** The RFQ's buyer organisation: the quotes index is filtered by it, also when an advisor reads. */
  buyerOrgId: string;
  sealed: false;
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
  return { ...ranked, rfqVersion: listing.rfqVersion, buyerOrgId: listing.buyerOrgId, sealed: false };
}
