import { describe, expect, it } from "vitest";
import { normalizeQuoteToTco } from "~/domain/quote/normalize";
import { quoteBaseSchema } from "~/domain/quote/schema";
import { fixtureRfq, quoteA, quoteB } from "~/domain/quote/test-fixtures";
import type { CertificateRecord } from "~/domain/certifications/validity";
import { rankAlternatives } from "~/domain/scoring";
import { buildRankingInput, mandatoryCertificationKey, type QuoteForRanking } from "./ranking-input";

const rfq = fixtureRfq();
const valid = { verificationStatus: "verified" as const, validFrom: "2025-01-01", validUntil: "2028-12-31" };
const both = [
  { type: "isms_iso27001" as const, ...valid },
  { type: "privacy_mark" as const, ...valid },
];

function quote(id: string, input: ReturnType<typeof quoteA>, certifications: CertificateRecord[] = both): QuoteForRanking {
  const content = quoteBaseSchema.parse(input);
  return { id, vendorName: id, content, normalized: normalizeQuoteToTco(rfq, content), certifications };
}

describe("buildRankingInput", () => {
  it("takes TCO from the normalized quote and KPIs from the commitments", () => {
    const a = quote("a", quoteA());
    const input = buildRankingInput(rfq, [a], "2026-11-20");
    expect(input.method).toBe(rfq.scoringMethod);
    expect(input.alternatives[0].values.tco).toBe(a.normalized.tco);
    expect(input.alternatives[0].values.accuracy).toBe(a.content.kpiCommitments.accuracy);
  });

  it("turns each mandatory certification into a gate: without it the quote is disqualified, not ranked", () => {
    const withCerts = quote("with", quoteA());
    const without = quote("without", quoteB(), [{ type: "isms_iso27001", ...valid }]);
    const input = buildRankingInput(rfq, [withCerts, without], "2026-11-20");
    const gate = input.criteria.find((c) => c.key === mandatoryCertificationKey("privacy_mark"));
    expect(gate).toMatchObject({ weight: 0, gate: { required: true } });
    const result = rankAlternatives(input);
    expect(result.ranking.map((r) => r.id)).toEqual(["with"]);
    expect(result.disqualified.map((d) => d.id)).toEqual(["without"]);
  });

  it("does not count an expired or unverified certificate", () => {
    const expired = quote("expired", quoteA(), [
      { type: "isms_iso27001", verificationStatus: "verified", validFrom: "2020-01-01", validUntil: "2025-12-31" },
      { type: "privacy_mark", verificationStatus: "unverified", validFrom: "2025-01-01", validUntil: "2028-12-31" },
    ]);
    const result = rankAlternatives(buildRankingInput(rfq, [expired], "2026-11-20"));
    expect(result.disqualified[0]?.reasons.map((r) => r.criterion).sort()).toEqual([
      mandatoryCertificationKey("isms_iso27001"),
      mandatoryCertificationKey("privacy_mark"),
    ]);
  });

  it("applies what-if weights and method without touching the RFQ", () => {
    const input = buildRankingInput(rfq, [quote("a", quoteA()), quote("b", quoteB())], "2026-11-20", { method: "topsis", weights: { tco: 1 } });
    expect(input.method).toBe("topsis");
    expect(input.criteria.find((c) => c.key === "tco")?.weight).toBe(1);
    expect(rfq.criteria.find((c) => c.key === "tco")?.weight).toBe(40);
  });

  it("passes a vendor's record on a claimed rate to the module, which shrinks the claim and can change the order", () => {
    // A claims 0.999 and is cheaper; B claims 0.998. Without records A wins.
    const a = quote("a", quoteA());
    const b = quote("b", quoteB());
    const bare = rankAlternatives(buildRankingInput(rfq, [a, b], "2026-11-20"));
    expect(bare.ranking[0].id).toBe("a");
    expect(bare.ranking[0].contributions.find((c) => c.criterion === "accuracy")?.credibility?.verified).toBe(false);

    // A's record: 996 accurate out of 1,000 (99.6%), well below its claim; B has none.
    const weak = { ...a, evidence: { accuracy: { successes: 996, trials: 1000 } } };
    const input = buildRankingInput(rfq, [weak, b], "2026-11-20");
    expect(input.alternatives[0].evidence).toEqual({ accuracy: { successes: 996, trials: 1000 } });
    expect(input.alternatives[1].evidence).toBeUndefined();
    const result = rankAlternatives(input);
    const credibility = result.ranking.find((r) => r.id === "a")!.contributions.find((c) => c.criterion === "accuracy")!.credibility!;
    expect(credibility).toMatchObject({ claim: 0.999, verified: true, evidence: { successes: 996, trials: 1000 } });
    expect(credibility.effective).toBeCloseTo((0.999 * 10 + 996) / 1010, 12);
    expect(result.ranking[0].id).toBe("b");
  });

  it("keeps evidence off criteria that are not claimed rates, and drops a record without trials", () => {
    const a = {
      ...quote("a", quoteA()),
      evidence: { processing_lead_time_days: { successes: 1, trials: 2 }, on_time_rate: { successes: 9, trials: 10 }, accuracy: { successes: 0, trials: 0 } },
    };
    const input = buildRankingInput(rfq, [a], "2026-11-20");
    expect(input.alternatives[0].evidence).toBeUndefined();
    // The module would refuse evidence on a non-rate criterion; this input is valid.
    expect(() => rankAlternatives(input)).not.toThrow();
  });

  it("scores a track-record count from the engagements in the RFQ's category, and a track-record rate from the observations", () => {
    const withTrackCriteria = {
      ...rfq,
      criteria: [
        ...rfq.criteria,
        {
          key: "similar_projects",
          label: { ja: "類似業務の実績件数", en: "Similar projects" },
          perspective: "learningGrowth" as const,
          direction: "benefit" as const,
          weight: 5,
          source: "track_record" as const,
          unit: "count" as const,
          scale: { worst: 0, best: 10 },
        },
        {
          key: "on_time_rate",
          label: { ja: "納期遵守率（実績）", en: "On-time rate (record)" },
          perspective: "internalProcess" as const,
          direction: "benefit" as const,
          weight: 5,
          source: "track_record" as const,
          unit: "rate" as const,
          scale: { worst: 0.8, best: 1 },
        },
      ],
    };
    const a = { ...quote("a", quoteA()), trackRecord: { engagementsInCategory: 4 }, evidence: { on_time_rate: { successes: 45, trials: 50 } } };
    const b = { ...quote("b", quoteB()), trackRecord: { engagementsInCategory: 0 } };
    const c = quote("c", quoteB());
    const input = buildRankingInput(withTrackCriteria, [a, b, c], "2026-11-20");
    expect(input.alternatives.map((x) => x.values.similar_projects)).toEqual([4, 0, null]);
    expect(input.alternatives.map((x) => x.values.on_time_rate)).toEqual([0.9, null, null]);
    // The observed rate is the value itself, never shrunk against itself.
    expect(input.alternatives[0].evidence).toBeUndefined();
  });
});
