import { describe, expect, it } from "vitest";
import type { Contribution, RankingResult } from "~/domain/scoring";
import { buildComparisonView, credibilityBadge, type ComparisonSource } from "./comparison-view";
import { parseCompareParams } from "./compare-params";

const criterion = (key: string, extra: object) => ({
  key,
  label: { ja: key, en: key },
  perspective: "internalProcess",
  direction: "benefit",
  weight: 1,
  ...extra,
});
const rfq = {
  title: "案件",
  scoringMethod: "weighted-sum-target",
  requiredCertifications: [{ type: "privacy_mark", level: "mandatory" }],
  criteria: [
    criterion("tco", { perspective: "financial", direction: "cost", source: "price", unit: "yen" }),
    criterion("accuracy", { source: "kpi_commitment", unit: "rate" }),
  ],
} as unknown as ComparisonSource["rfq"];

const quote = (id: string, tco: number, certified: boolean) =>
  ({
    id,
    vendorName: `Vendor ${id}`,
    status: "submitted",
    expiringCertifications: [],
    content: { kpiCommitments: { accuracy: 0.99 }, leadTimeDays: 10 },
    normalized: { tco, roi: 0.1, contractValueExcludingTax: tco },
    certifications: certified ? [{ type: "privacy_mark", verificationStatus: "verified", validFrom: "2020-01-01", validUntil: "2030-01-01" }] : [],
  }) as unknown as ComparisonSource["quotes"][number];

const contributions = (claim: number, effective: number, verified: boolean): Contribution[] => [
  { criterion: "tco", weight: 0.5, value: 1, scoredValue: 1, imputed: false, score: 80, contribution: 40 },
  {
    criterion: "accuracy",
    weight: 0.5,
    value: claim,
    scoredValue: effective,
    imputed: false,
    score: 60,
    contribution: 30,
    credibility: { claim, effective, verified, evidence: null, priorStrength: 10 },
  },
];

const result: RankingResult = {
  method: "weighted-sum-target",
  ranking: [
    {
      id: "qa1",
      rank: 1,
      score: 70,
      contributions: contributions(0.99, 0.99, false),
      explanation: { ja: "qa1 は qb2 より上", en: "qa1 ranks above qb2" },
      dominatedBy: [],
      flags: [],
    },
    {
      id: "qb2",
      rank: 2,
      score: 60,
      contributions: contributions(0.99, 0.95, true),
      explanation: { ja: "b は a より下", en: "b below a" },
      dominatedBy: ["qa1"],
      flags: [],
    },
  ],
  disqualified: [{ id: "qc3", reasons: [{ criterion: "gate_privacy_mark", code: "required", value: false, message: { ja: "必須", en: "required" } }] }],
  robustness: { winner: "qa1", stability: 0.93 },
};
const source: ComparisonSource = {
  rfq,
  rfqVersion: 2,
  quotes: [quote("qa1", 2_000_000, true), quote("qb2", 1_500_000, true), quote("qc3", 1_000_000, false)],
  awaitingReconfirmation: [],
  result,
};
const view = (qs = "") => buildComparisonView(source, parseCompareParams(new URLSearchParams(qs), rfq.criteria), "2026-06-01");

describe("buildComparisonView", () => {
  it("names vendors instead of ids in explanations, dominance and robustness", () => {
    const v = view();
    expect(v.explanations).toEqual([
      { upper: "Vendor qa1", lower: "Vendor qb2", text: { ja: "Vendor qa1 は Vendor qb2 より上", en: "Vendor qa1 ranks above Vendor qb2" } },
    ]);
    expect(v.columns[1].dominatedBy).toEqual(["Vendor qa1"]);
    expect(v.robustness).toEqual({ winner: "Vendor qa1", stability: 0.93 });
  });

  it("states the single-weight stability with vendor names, or nothing when it was not computed", () => {
    expect(view().stability).toBeNull();
    const flip = { criterion: "tco", direction: "down" as const, weightShare: 0.6, thresholdWeightShare: 0.55, relativeChange: 0.05 / 0.6, newWinner: "qb2" };
    const withStability = buildComparisonView(
      {
        ...source,
        stability: {
          winner: "qa1",
          tiedWith: [],
          flips: [flip],
          nearest: flip,
          stableWithin: 0.05 / 0.6,
          sentence: { ja: "qa1 が1位、qb2 に替わります", en: "qa1 first, changes to qb2" },
        },
      },
      parseCompareParams(new URLSearchParams(), rfq.criteria),
      "2026-06-01",
    );
    expect(withStability.stability).toEqual({
      winner: "Vendor qa1",
      stableWithin: 0.05 / 0.6,
      nearest: { criterion: "tco", direction: "down", weightShare: 0.6, thresholdWeightShare: 0.55, newWinner: "Vendor qb2" },
      sentence: { ja: "Vendor qa1 が1位、Vendor qb2 に替わります", en: "Vendor qa1 first, changes to Vendor qb2" },
    });
  });

  it("badges a bare claim as unverified and a claim moved by evidence as shrunk", () => {
    const v = view();
    expect(v.columns[0].cells.accuracy.badge).toBe("unverified");
    expect(v.columns[1].cells.accuracy).toMatchObject({ badge: "shrunk", claim: 0.99, effective: 0.95 });
    expect(v.columns[0].cells.tco.badge).toBeNull();
  });

  it("shows a reviewed certificate as checked and one waiting for review as pending, never as none", () => {
    const certRfq = { ...rfq, criteria: [...rfq.criteria, criterion("cert_isms", { source: "certification", unit: "flag" })] } as ComparisonSource["rfq"];
    const withIsms = (q: ComparisonSource["quotes"][number], status: string) => ({
      ...q,
      certifications: [...q.certifications, { type: "isms", verificationStatus: status, validFrom: "2020-01-01", validUntil: "2030-01-01" }],
    });
    const v = buildComparisonView(
      {
        ...source,
        rfq: certRfq,
        quotes: [withIsms(source.quotes[0], "verified"), withIsms(source.quotes[1], "unverified"), source.quotes[2]] as ComparisonSource["quotes"],
      },
      parseCompareParams(new URLSearchParams(""), certRfq.criteria),
      "2026-06-01",
    );
    expect(v.columns[0].cells.cert_isms).toMatchObject({ value: true, badge: "certified" });
    expect(v.columns[1].cells.cert_isms).toMatchObject({ value: false, badge: "pending" });
  });

  it("keeps disqualified quotes apart with their reasons, and hides them on request", () => {
    expect(view().disqualified).toEqual([
      {
        id: "qc3",
        vendorName: "Vendor qc3",
        tco: 1_000_000,
        reasons: [{ criterion: "gate_privacy_mark", message: { ja: "必須", en: "required" } }],
        expiringCertifications: [],
        round: "first",
      },
    ]);
    expect(view("hideDisqualified=1").disqualified).toEqual([]);
    expect(view("mandatoryMet=1").disqualified).toEqual([]);
  });

  it("filters by price band and sorts by TCO without changing the ranks", () => {
    expect(view("tcoMax=1800000").columns.map((c) => c.id)).toEqual(["qb2"]);
    const byTco = view("sort=tco").columns;
    expect(byTco.map((c) => [c.id, c.rank])).toEqual([
      ["qb2", 2],
      ["qa1", 1],
    ]);
  });

  it("says when the weights are a what-if", () => {
    expect(view().whatIf).toBe(false);
    const v = view("w_tco=3");
    expect(v.whatIf).toBe(true);
    expect(v.rows.map((r) => r.share)).toEqual([0.75, 0.25]);
  });

  it("shows the record behind a shrunk claim, and none behind a bare one", () => {
    const withRecord: RankingResult = {
      ...result,
      ranking: result.ranking.map((r) =>
        r.id === "qb2"
          ? {
              ...r,
              contributions: r.contributions.map((c) =>
                c.credibility ? { ...c, credibility: { ...c.credibility, evidence: { successes: 940, trials: 1000 } } } : c,
              ),
            }
          : r,
      ),
    };
    const v = buildComparisonView({ ...source, result: withRecord }, parseCompareParams(new URLSearchParams(""), rfq.criteria), "2026-06-01");
    expect(v.columns[1].cells.accuracy).toMatchObject({ badge: "shrunk", claim: 0.99, effective: 0.95, evidence: { successes: 940, trials: 1000 } });
    expect(v.columns[0].cells.accuracy).toMatchObject({ badge: "unverified", evidence: null });
  });
});

describe("track-record criteria", () => {
  it("carry no claim badge: the value is the record itself, although the module details credibility on every rate", () => {
    const observed = criterion("on_time_record", { source: "track_record", unit: "rate" });
    const rfqWithRecord = { ...rfq, criteria: [...rfq.criteria, observed] } as unknown as ComparisonSource["rfq"];
    const withObserved: RankingResult = {
      ...result,
      ranking: result.ranking.map((r) => ({
        ...r,
        contributions: [
          ...r.contributions,
          {
            criterion: "on_time_record",
            weight: 0.1,
            value: 0.9,
            scoredValue: 0.9,
            imputed: false,
            score: 50,
            contribution: 5,
            credibility: { claim: 0.9, effective: 0.9, verified: false, evidence: null, priorStrength: 10 },
          },
        ],
      })),
    };
    const v = buildComparisonView(
      { ...source, rfq: rfqWithRecord, result: withObserved },
      parseCompareParams(new URLSearchParams(""), rfqWithRecord.criteria),
      "2026-06-01",
    );
    expect(v.columns[0].cells.on_time_record).toMatchObject({ value: 0.9, badge: null, claim: null, effective: null, evidence: null });
  });
});

describe("credibilityBadge", () => {
  const detail = (claim: number, effective: number, verified = true) => ({
    claim,
    effective,
    verified,
    evidence: verified ? { successes: 1, trials: 1 } : null,
    priorStrength: 10,
  });

  it("calls a claim verified when the record is at least as good as the claim", () => {
    expect(credibilityBadge(detail(0.95, 0.95), "benefit")).toBe("verified");
    expect(credibilityBadge(detail(0.95, 0.964), "benefit")).toBe("verified");
    // An error rate: a lower effective value is better.
    expect(credibilityBadge(detail(0.02, 0.012), "cost")).toBe("verified");
  });

  it("calls it shrunk when the record makes the scored value worse, in the criterion's direction", () => {
    expect(credibilityBadge(detail(1, 0.879), "benefit")).toBe("shrunk");
    expect(credibilityBadge(detail(0.02, 0.035), "cost")).toBe("shrunk");
  });

  it("calls a claim without a record unverified, whatever the numbers", () => {
    expect(credibilityBadge(detail(0.99, 0.99, false), "benefit")).toBe("unverified");
  });
});
