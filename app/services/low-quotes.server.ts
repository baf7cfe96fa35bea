import { findPublishedTcoMonthQ1 } from "../../db/queries/market-benchmarks";
import { abnormallyLowQuotes, type LowQuoteFlag } from "~/domain/insight/abnormally-low";
import { needsLowBidInvestigation } from "~/domain/rfq/public-price-rules";
import type { AppContext } from "~/utils/context.server";
import type { RankedQuotes } from "./ranking-projection.server";

// Which opened quotes of an RFQ are abnormally low (issue 19 item 2; decision 0051) or below a public buyer's
// 低入札価格調査基準価格 (decision 0049). The BUYER's view: the flags carry the peers' median, the threshold and
// the market quartile. Computed from the same ranking every surface uses (ranking-projection.server.ts), so the
// comparison page, the API, the exports and the award packet flag the same quotes. Never call this for a vendor.

export interface LowQuoteStanding {
  /** The abnormally-low flag with its reasons, or null. */
  abnormallyLow: LowQuoteFlag | null;
  /** Below the RFQ's 低入札価格調査基準価格 (a municipality's price rule): needs an investigation before award. */
  lowBidInvestigation: boolean;
}

/** Pure: the standing of every opened quote of a ranking, given the category's market quartile (or null). */
export function lowQuoteStandings(ranked: Pick<RankedQuotes, "rfq" | "quotes" | "result">, q1PerMonthYen: number | null): Map<string, LowQuoteStanding> {
  const qualified = new Set(ranked.result.ranking.map((r) => r.id));
  const flags = abnormallyLowQuotes(
    ranked.quotes.filter((q) => qualified.has(q.id)).map((q) => ({ id: q.id, tcoYen: q.normalized.tco })),
    { benchmarkQ1PerMonthYen: q1PerMonthYen, contractTermMonths: ranked.rfq.contractTermMonths },
  );
  const byId = new Map(flags.map((f) => [f.quoteId, f]));
  return new Map(
    ranked.quotes.map((q) => [
      q.id,
      { abnormallyLow: byId.get(q.id) ?? null, lowBidInvestigation: needsLowBidInvestigation(ranked.rfq.publicPriceRules, q.normalized) },
    ]),
  );
}

/** The standings of a ranking, reading the category's published TCO-per-month quartile. */
export async function lowQuoteStandingsOf(ctx: Pick<AppContext, "db">, ranked: Pick<RankedQuotes, "rfq" | "quotes" | "result">) {
  const q1 = await findPublishedTcoMonthQ1(ctx.db, ranked.rfq.category);
  return lowQuoteStandings(ranked, q1);
}

/** Whether a quote's standing calls for an explanation request, and which trigger it records. */
export function explanationTrigger(standing: LowQuoteStanding | undefined): "low_bid_investigation" | "abnormally_low" | null {
  if (!standing) return null;
  if (standing.lowBidInvestigation) return "low_bid_investigation";
  return standing.abnormallyLow ? "abnormally_low" : null;
}
