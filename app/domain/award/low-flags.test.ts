import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { lowQuoteReasonText, lowQuoteReasonsText, redFlagText } from "~/domain/insight/low-quote-words";
import { freezeSnapshot, lowBidInvestigationComplete, requiredRationales, snapshotHash, type ProposalSnapshot, type SnapshotExplanation } from "./proposal";

// Decision 0051 in the award: the abnormallyLow trigger, the red flags beside the triggers, the low-bid
// investigation's completeness from the snapshot, the words in ja and en, and an old schema-2 snapshot (without
// the new optional fields) that still reads and hashes as it did.

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
const A = "00000000-0000-4000-8000-00000000000a";
const B = "00000000-0000-4000-8000-00000000000b";

const quote = (id: string, tcoYen: number, extra: Partial<ProposalSnapshot["quotes"][number]> = {}) => ({
  id,
  version: 2,
  rfqVersion: 1,
  vendorOrgId: `org-${id}`,
  vendorName: id === A ? "格安" : "標準",
  status: "submitted",
  contractValueExcludingTaxYen: tcoYen,
  contractValueIncludingTaxYen: Math.round(tcoYen * 1.1),
  tcoYen,
  roi: null,
  expiringCertifications: [],
  ...extra,
});

const ranked = (id: string, rank: number) => ({ id, rank, score: 100 - rank, contributions: [], explanation: { ja: "", en: "" }, dominatedBy: [], flags: [] });

/** A schema-2 snapshot as stored before decision 0051: no `abnormallyLow` on quotes, no `explanations`. */
function oldSnapshot(quotes = [quote(A, 1_000_000), quote(B, 1_100_000)]): ProposalSnapshot {
  return {
    schema: 2,
    takenAt: "2026-11-01T00:00:00.000Z",
    rfq: { id: "rfq", version: 1, title: "庁舎清掃" },
    input: { method: "weighted_sum", criteria: [], alternatives: [] } as unknown as ProposalSnapshot["input"],
    result: {
      method: "weighted_sum",
      ranking: [ranked(A, 1), ranked(B, 2)],
      disqualified: [],
      robustness: { winner: A, stability: 0.9 },
    } as unknown as ProposalSnapshot["result"],
    stability: { winner: A, tiedWith: [], flips: [], nearest: null, stableWithin: null, sentence: { ja: "安定", en: "stable" } },
    awaitingRatings: [],
    quotes,
    advisorNotes: [],
    memos: [],
    annotations: [],
  };
}

const explanation = (over: Partial<SnapshotExplanation> = {}): SnapshotExplanation => ({
  id: "e1",
  quoteId: A,
  quoteVersion: 2,
  vendorName: "格安",
  trigger: "low_bid_investigation",
  topics: ["costs"],
  message: "",
  replyBy: "2026-12-20",
  requestedAt: "2026-12-01T00:00:00.000Z",
  answer: { costs: "内訳" },
  answeredAt: "2026-12-02T00:00:00.000Z",
  assessment: "satisfactory",
  assessmentNote: "妥当",
  assessedAt: "2026-12-03T00:00:00.000Z",
  ...over,
});

const peerReason = { kind: "belowPeerMedian" as const, peerMedianYen: 1_000_001.5, peers: 2, thresholdYen: 750_002 };

describe("requiredRationales — abnormally low (decision 0051)", () => {
  it("asks for the specific reason of a flagged quote, and not of the same quote unflagged", () => {
    const flagged = oldSnapshot([quote(A, 1_000_000, { abnormallyLow: { reasons: [peerReason] } }), quote(B, 1_100_000)]);
    expect(requiredRationales(flagged, A).specific).toEqual(["abnormallyLow"]);
    expect(requiredRationales(oldSnapshot(), A).specific).toEqual([]);
    // An empty reasons list is no flag.
    const empty = oldSnapshot([quote(A, 1_000_000, { abnormallyLow: { reasons: [] } }), quote(B, 1_100_000)]);
    expect(requiredRationales(empty, A).specific).toEqual([]);
  });

  it("lists the proposed quote's red flags beside the triggers", () => {
    const far = oldSnapshot([quote(A, 700_000), quote(B, 1_000_000)]);
    expect(requiredRationales(far, A).redFlags.map((f) => f.key)).toEqual([`winnerFarBelowSecond:${A}:${B}`]);
    expect(requiredRationales(far, B).redFlags).toEqual([]);
  });
});

describe("lowBidInvestigationComplete", () => {
  const investigated = (explanations?: SnapshotExplanation[]) => ({
    ...oldSnapshot([quote(A, 1_000_000, { lowBidInvestigation: true }), quote(B, 1_100_000)]),
    ...(explanations ? { explanations } : {}),
  });

  it("needs a request for the ranked version, answered and assessed satisfactory", () => {
    expect(lowBidInvestigationComplete(investigated([explanation()]), A)).toBe(true);
    expect(lowBidInvestigationComplete(investigated(), A)).toBe(false);
    expect(lowBidInvestigationComplete(investigated([explanation({ assessment: "unsatisfactory" })]), A)).toBe(false);
    expect(lowBidInvestigationComplete(investigated([explanation({ assessment: null, assessedAt: null, assessmentNote: null })]), A)).toBe(false);
    expect(
      lowBidInvestigationComplete(investigated([explanation({ answer: null, answeredAt: null, assessment: null, assessedAt: null, assessmentNote: null })]), A),
    ).toBe(false);
    // A request about an earlier version (before a BAFO) does not settle the version proposed.
    expect(lowBidInvestigationComplete(investigated([explanation({ quoteVersion: 1 })]), A)).toBe(false);
  });

  it("is no obstacle for a quote above the investigation price", () => {
    expect(lowBidInvestigationComplete(investigated(), B)).toBe(true);
    expect(lowBidInvestigationComplete(oldSnapshot(), A)).toBe(true);
  });
});

describe("an old schema-2 snapshot without the new fields", () => {
  it("still hashes to the value it was stored with, and reads as 'no flag, no explanation'", () => {
    const stored = freezeSnapshot(oldSnapshot());
    // Pinned when this test was written: the canonical JSON of a pre-0051 snapshot must not change.
    expect(snapshotHash(stored, sha256)).toBe(snapshotHash(JSON.parse(JSON.stringify(stored)), sha256));
    expect(snapshotHash(stored, sha256)).toBe(PINNED);
    expect(stored.explanations).toBeUndefined();
    expect(requiredRationales(stored, A)).toMatchObject({ specific: [], redFlags: [] });
    expect(lowBidInvestigationComplete(stored, A)).toBe(true);
  });
});

describe("the words, in yen", () => {
  it("say each reason in Japanese and English, a median ending in .5 kept", () => {
    expect(lowQuoteReasonText(peerReason, "ja")).toBe("他の適格見積2件の中央値 ￥1,000,001.5 の75%未満（基準 ￥750,002）");
    expect(lowQuoteReasonText(peerReason, "en")).toBe("under 75% of the median ¥1,000,001.5 of the other 2 qualifying quotes (threshold ¥750,002)");
    const market = { kind: "belowBenchmarkQ1" as const, q1PerMonthYen: 100_000, thresholdYen: 1_200_000, contractTermMonths: 12 };
    expect(lowQuoteReasonText(market, "ja")).toBe("市場のTCO月額の下位四分位 ￥100,000 × 12か月 未満（基準 ￥1,200,000）");
    expect(lowQuoteReasonsText([peerReason, market], "en")).toContain("; below the market's lower quartile of TCO per month ¥100,000 × 12 months");
  });

  it("name the vendors and the yen of a red flag", () => {
    const names = (id: string) => (id === A ? "格安" : "標準");
    const flag = {
      key: `winnerFarBelowSecond:${A}:${B}`,
      code: "winnerFarBelowSecond" as const,
      quoteId: A,
      tcoYen: 700_000,
      secondQuoteId: B,
      secondTcoYen: 1_000_000,
    };
    expect(redFlagText(flag, names, "ja")).toBe("格安 のTCO ￥700,000 は、次に安い適格見積 標準（TCO ￥1,000,000）の75%未満です");
    expect(redFlagText(flag, names, "en")).toBe("格安's TCO ¥700,000 is under 75% of the next-lowest quote's (標準, TCO ¥1,000,000)");
    const price = {
      key: `lowestDisqualifiedOnPrice:${A}:${B}`,
      code: "lowestDisqualifiedOnPrice" as const,
      quoteId: A,
      tcoYen: 900_000,
      disqualifiedQuoteId: B,
      disqualifiedTcoYen: 500_000,
      criteria: ["public_price:minimum"],
    };
    expect(redFlagText(price, names, "en", () => "Minimum price")).toBe(
      "The quote with the lowest TCO, 標準 (TCO ¥500,000), was disqualified on price alone (Minimum price)",
    );
  });
});

const PINNED = "cadff1b49a7bb51462c96f84bbc8ae08cb6ec4c4e9230f72b64611b35ebb2b31";
