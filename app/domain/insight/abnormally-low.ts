// Abnormally low quotes (issue 19 item 2; decision 0051). PURE. A qualifying quote (one the gates did not
// disqualify) is flagged when its TCO is
//   • under 75 % of the median TCO of the RFQ's OTHER qualifying quotes (at least one other), or
//   • under the published benchmark's lower quartile of TCO per month for the RFQ's category, times the term.
// Strictly under: a quote exactly at 75 % of the median, or exactly at the quartile, is not flagged.
// The arithmetic stays in integers (4 × TCO < 3 × median, with the median of an even count kept doubled) so
// the boundary yen is exact. The figures here (median, threshold, quartile) are the BUYER's: they describe
// competitors' prices and the market, and never reach a vendor — a vendor is only asked to explain its price.

/** The share of the peers' median under which a quote is abnormally low: 3/4 = 75 %. */
export const ABNORMALLY_LOW_SHARE = { numerator: 3, denominator: 4 } as const;

export interface LowQuoteCandidate {
  id: string;
  /** Total cost of ownership over the contract term, integer yen (the comparison's TCO). */
  tcoYen: number;
}

export type LowQuoteReason =
  | {
      kind: "belowPeerMedian";
      /** Median TCO of the other qualifying quotes (may end in .5 for an even count). */
      peerMedianYen: number;
      /** How many other qualifying quotes the median is over. */
      peers: number;
      /** 75 % of the median, rounded up to whole yen: a TCO under this is flagged. */
      thresholdYen: number;
    }
  | {
      kind: "belowBenchmarkQ1";
      /** The category's published lower quartile of TCO per month (yen). */
      q1PerMonthYen: number;
      /** The quartile times the contract term, rounded up to whole yen: a TCO under this is flagged. */
      thresholdYen: number;
      contractTermMonths: number;
    };

export interface LowQuoteFlag {
  quoteId: string;
  tcoYen: number;
  reasons: LowQuoteReason[];
}

export interface LowQuoteContext {
  /** The published benchmark lower quartile of TCO per month for the RFQ's category, or null without one. */
  benchmarkQ1PerMonthYen: number | null;
  /** The RFQ's contract term in months (≥ 1). */
  contractTermMonths: number;
}

/** The median of integers, doubled so it stays an integer (an even count's median may end in .5). */
function doubledMedian(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? 2 * sorted[mid]! : sorted[mid - 1]! + sorted[mid]!;
}

/** Whether `tco` is strictly under 75 % of a median given doubled: 4·tco < 3·median ⇔ 8·tco < 3·(2·median). */
function underShareOfDoubled(tco: number, medianTimesTwo: number): boolean {
  const { numerator, denominator } = ABNORMALLY_LOW_SHARE;
  return 2 * denominator * tco < numerator * medianTimesTwo;
}

/**
 * The flags of the qualifying quotes, in the order given; quotes that are not abnormally low are left out.
 * Pass only qualifying quotes (disqualified ones neither get a flag nor count among the peers).
 */
export function abnormallyLowQuotes(qualifying: readonly LowQuoteCandidate[], context: LowQuoteContext): LowQuoteFlag[] {
  const flags: LowQuoteFlag[] = [];
  const { benchmarkQ1PerMonthYen: q1, contractTermMonths: months } = context;
  for (const quote of qualifying) {
    const reasons: LowQuoteReason[] = [];
    const peers = qualifying.filter((q) => q.id !== quote.id).map((q) => q.tcoYen);
    if (peers.length > 0) {
      const median2 = doubledMedian(peers);
      if (underShareOfDoubled(quote.tcoYen, median2)) {
        const { numerator, denominator } = ABNORMALLY_LOW_SHARE;
        reasons.push({
          kind: "belowPeerMedian",
          peerMedianYen: median2 / 2,
          peers: peers.length,
          thresholdYen: Math.ceil((numerator * median2) / (2 * denominator)),
        });
      }
    }
    if (q1 !== null && months >= 1 && quote.tcoYen < q1 * months) {
      reasons.push({ kind: "belowBenchmarkQ1", q1PerMonthYen: q1, thresholdYen: Math.ceil(q1 * months), contractTermMonths: months });
    }
    if (reasons.length > 0) flags.push({ quoteId: quote.id, tcoYen: quote.tcoYen, reasons });
  }
  return flags;
}
