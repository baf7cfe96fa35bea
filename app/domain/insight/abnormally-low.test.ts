import { describe, expect, it } from "vitest";
import { abnormallyLowQuotes } from "./abnormally-low";

const ctx = { benchmarkQ1PerMonthYen: null, contractTermMonths: 12 };
const q = (id: string, tcoYen: number) => ({ id, tcoYen });

describe("abnormallyLowQuotes — under 75 % of the other qualifying quotes' median", () => {
  it("flags a quote one yen under the threshold and not one exactly at it", () => {
    // Others' median is 1,000,000 → 75 % is 750,000.
    const others = [q("b", 1_000_000), q("c", 900_000), q("d", 1_100_000)];
    expect(abnormallyLowQuotes([q("a", 750_000), ...others], ctx)).toEqual([]);
    const flags = abnormallyLowQuotes([q("a", 749_999), ...others], ctx);
    expect(flags).toEqual([
      { quoteId: "a", tcoYen: 749_999, reasons: [{ kind: "belowPeerMedian", peerMedianYen: 1_000_000, peers: 3, thresholdYen: 750_000 }] },
    ]);
  });

  it("uses the midpoint for an even number of peers, exact to the yen", () => {
    // Peers 1,000,001 and 1,000,002 → median 1,000,001.5 → 75 % is 750,001.125: 750,001 is under it, 750,002 is not.
    const peers = [q("b", 1_000_001), q("c", 1_000_002)];
    expect(abnormallyLowQuotes([q("a", 750_001), ...peers], ctx).map((f) => f.reasons[0])).toEqual([
      { kind: "belowPeerMedian", peerMedianYen: 1_000_001.5, peers: 2, thresholdYen: 750_002 },
    ]);
    expect(abnormallyLowQuotes([q("a", 750_002), ...peers], ctx)).toEqual([]);
  });

  it("leaves the quote itself out of its peers, and needs at least one other quote", () => {
    expect(abnormallyLowQuotes([q("a", 1)], ctx)).toEqual([]);
    // The median is over the OTHER quotes (600,000 and 1,000,000 → 800,000), not over all three (600,000).
    const flags = abnormallyLowQuotes([q("a", 400_000), q("b", 600_000), q("c", 1_000_000)], ctx);
    expect(flags.map((f) => [f.quoteId, f.reasons[0]])).toEqual([["a", { kind: "belowPeerMedian", peerMedianYen: 800_000, peers: 2, thresholdYen: 600_000 }]]);
  });
});

describe("abnormallyLowQuotes — under the market's lower quartile of TCO per month", () => {
  it("flags below q1 × term, not at it", () => {
    const market = { benchmarkQ1PerMonthYen: 100_000, contractTermMonths: 12 };
    expect(abnormallyLowQuotes([q("a", 1_200_000)], market)).toEqual([]);
    expect(abnormallyLowQuotes([q("a", 1_199_999)], market)).toEqual([
      { quoteId: "a", tcoYen: 1_199_999, reasons: [{ kind: "belowBenchmarkQ1", q1PerMonthYen: 100_000, thresholdYen: 1_200_000, contractTermMonths: 12 }] },
    ]);
  });

  it("gives both reasons when both hold", () => {
    const market = { benchmarkQ1PerMonthYen: 100_000, contractTermMonths: 12 };
    const flags = abnormallyLowQuotes([q("a", 500_000), q("b", 2_000_000)], market);
    expect(flags[0]!.reasons.map((r) => r.kind)).toEqual(["belowPeerMedian", "belowBenchmarkQ1"]);
  });
});
