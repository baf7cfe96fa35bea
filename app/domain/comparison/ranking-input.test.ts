import { describe, expect, it } from "vitest";
import { normalizeQuoteToTco } from "~/domain/quote/normalize";
import { quoteBaseSchema } from "~/domain/quote/schema";
import { fixtureRfq, quoteA, quoteB } from "~/domain/quote/test-fixtures";
import type { CertificateRecord } from "~/domain/certifications/validity";
import { rankAlternatives } from "~/domain/scoring";
import { awaitingRatings, buildRankingInput, mandatoryCertificationKey, type QuoteForRanking } from "./ranking-input";
import type { Rfq } from "~/domain/rfq/schema";
import { workUnderstanding } from "./test-fixtures";

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

describe("a criterion nobody can score yet (evaluator ratings)", () => {
  const understanding = workUnderstanding(20);
  const withRating: Rfq = { ...rfq, criteria: [...rfq.criteria, understanding] };
  const quotes = () => [quote("a", quoteA()), quote("b", quoteB())];

  it("is awaiting ratings and left out of the ranking, the other weights sharing the whole", () => {
    expect(awaitingRatings(withRating, quotes())).toEqual(["work_understanding"]);
    const input = buildRankingInput(withRating, quotes(), "2026-11-20");
    expect(input.criteria.map((c) => c.key)).not.toContain("work_understanding");
    expect(input.alternatives[0].values).not.toHaveProperty("work_understanding");
    // Exactly the ranking of the RFQ without it: nobody loses 20 points for a rating nobody has given.
    const without = rankAlternatives(buildRankingInput(rfq, quotes(), "2026-11-20"));
    const result = rankAlternatives(input);
    expect(result.ranking.map((r) => [r.id, r.score])).toEqual(without.ranking.map((r) => [r.id, r.score]));
  });

  it("counts once every quote is rated", () => {
    const rated = quotes().map((q, i) => ({ ...q, ratings: { work_understanding: 3 + i } }));
    expect(awaitingRatings(withRating, rated)).toEqual([]);
    const input = buildRankingInput(withRating, rated, "2026-11-20");
    expect(input.alternatives.map((a) => a.values.work_understanding)).toEqual([3, 4]);
    // One quote still unrated: the whole criterion waits (an unrated quote would score worst).
    expect(awaitingRatings(withRating, [rated[0], quotes()[1]])).toEqual(["work_understanding"]);
  });

  it("scores a rated criterion without its own scale on the rating scale, not min–max of the quotes", () => {
    const { scale: _ownScale, ...unscaled } = understanding;
    const onScale: Rfq = { ...rfq, criteria: [...rfq.criteria, unscaled] };
    const rated = quotes().map((q, i) => ({ ...q, ratings: { work_understanding: 3 + i * 0.5 } }));
    const criterion = buildRankingInput(onScale, rated, "2026-11-20").criteria.find((c) => c.key === "work_understanding");
    expect(criterion?.scale).toEqual({ worst: 1, best: 5 });
    const points: Rfq = { ...rfq, criteria: [...rfq.criteria, { ...unscaled, unit: "points", rating: { levels: "0-100" } }] };
    expect(buildRankingInput(points, rated, "2026-11-20").criteria.find((c) => c.key === "work_understanding")?.scale).toEqual({ worst: 0, best: 100 });
    // 3 and 3.5 of 5 score 50 and 62.5 on the criterion, not 0 and 100 as min–max would make them.
    const result = rankAlternatives(buildRankingInput(onScale, rated, "2026-11-20"));
    const scores = Object.fromEntries(result.ranking.map((r) => [r.id, r.contributions.find((c) => c.criterion === "work_understanding")?.score]));
    expect(scores).toEqual({ a: 50, b: 62.5 });
    // A criterion that brings its own scale keeps it.
    expect(buildRankingInput(withRating, rated, "2026-11-20").criteria.find((c) => c.key === "work_understanding")?.scale).toEqual({ worst: 0, best: 5 });
  });

  it("stays in when nothing else carries weight (a ranking needs something to rank by)", () => {
    expect(awaitingRatings(withRating, quotes(), { weights: { tco: 0, accuracy: 0, processing_lead_time_days: 0 } })).toEqual([]);
  });
});

describe("a what-if weight of 0", () => {
  it("leaves that criterion out instead of making the module refuse the whole what-if", () => {
    const input = buildRankingInput(rfq, [quote("a", quoteA()), quote("b", quoteB())], "2026-11-20", { weights: { processing_lead_time_days: 0 } });
    expect(input.criteria.map((c) => c.key)).not.toContain("processing_lead_time_days");
    // A gate weighted 0 still decides who is disqualified.
    expect(buildRankingInput(rfq, [quote("a", quoteA())], "2026-11-20", { weights: { accuracy: 0 } }).criteria.map((c) => c.key)).toContain("accuracy");
    expect(() => rankAlternatives(input)).not.toThrow();
  });

  it("still lets the module say so when every weight is 0", () => {
    const input = buildRankingInput(rfq, [quote("a", quoteA())], "2026-11-20", { weights: { tco: 0, accuracy: 0, processing_lead_time_days: 0 } });
    expect(() => rankAlternatives(input)).toThrow(/positive weight/);
  });
});
