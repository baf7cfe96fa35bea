import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ScoringInputError } from "./errors";
import { rankAlternatives } from "./rank";
import { parseRankingInput } from "./schema";
import type { Criterion, RankingInput } from "./types";

const fixture = (name: string) => parseRankingInput(JSON.parse(readFileSync(new URL(`../../../tests/fixtures/scoring/${name}`, import.meta.url), "utf8")));

const cost: Criterion = { key: "cost", label: { ja: "費用", en: "Cost" }, perspective: "financial", direction: "cost", weight: 1 };
const onTime: Criterion = {
  key: "onTime",
  label: { ja: "納期遵守率", en: "On-time rate" },
  perspective: "customer",
  direction: "benefit",
  weight: 1,
  kind: "rate",
  gate: { min: 0.9 },
};

describe("rankAlternatives — the BPO example (tests/fixtures/scoring/bpo-accounting-quotes.json)", () => {
  const result = rankAlternatives(fixture("bpo-accounting-quotes.json"));

  it("scores by hand-checkable arithmetic", () => {
    // Weights 40/25/20/15/0 → 0.4/0.25/0.2/0.15/0.
    // vendor-b: TCO 21.5M on 30M→18M = 70.83; on-time 0.99 (unverified, used as claimed) on
    //   0.9→1 = 90; accuracy 0.998 on 0.99→1 = 80; 8 h on 24→2 = 72.73 → 77.7424
    // vendor-a: TCO 24M = 50; on-time (0.98·10 + 45)/(10 + 50) = 0.91333 → 13.33;
    //   accuracy (0.999·10 + 9985)/(10 + 10000) = 0.998500 → 85.00; 4 h = 90.91 → 53.9707
    // vendor-c: TCO 26M = 33.33; on-time (0.97·10 + 58)/70 = 0.96714 → 67.14; accuracy missing
    //   → 0 (the scale's worst end); 2 h = 100 → 45.1190
    expect(result.ranking.map((r) => [r.id, r.rank, Number(r.score.toFixed(4))])).toEqual([
      ["vendor-b", 1, 77.7424],
      ["vendor-a", 2, 53.9707],
      ["vendor-c", 3, 45.119],
    ]);
  });

  it("disqualifies quotes failing a gate, with every reason, and ranks only the rest", () => {
    expect(result.disqualified.map((d) => [d.id, d.reasons.map((r) => `${r.criterion}:${r.code}`)])).toEqual([
      ["vendor-d", ["isms:required"]],
      ["vendor-e", ["tco:above-max", "onTime:below-min"]],
    ]);
  });

  it("shows claim and effective value, and flags unverified claims and evidence below a gate", () => {
    const vendorA = result.ranking.find((r) => r.id === "vendor-a")!;
    const onTimeA = vendorA.contributions.find((c) => c.criterion === "onTime")!;
    expect(onTimeA.value).toBe(0.98);
    expect(onTimeA.credibility).toEqual({ claim: 0.98, effective: 54.8 / 60, evidence: { successes: 45, trials: 50 }, priorStrength: 10, verified: true });
    expect(onTimeA.scoredValue).toBe(54.8 / 60);
    expect(vendorA.flags).toEqual([{ code: "evidence-below-gate", criterion: "onTime" }]);
    const vendorB = result.ranking.find((r) => r.id === "vendor-b")!;
    expect(vendorB.flags).toEqual([
      { code: "unverified", criterion: "onTime" },
      { code: "unverified", criterion: "accuracy" },
    ]);
  });

  it("flags a missing value, scores it at the scale's worst end and says so in the explanation", () => {
    const vendorC = result.ranking.find((r) => r.id === "vendor-c")!;
    expect(vendorC.flags).toEqual([{ code: "missing-value", criterion: "accuracy" }]);
    expect(vendorC.contributions.find((c) => c.criterion === "accuracy")).toMatchObject({ value: null, imputed: true, scoredValue: 0.99, score: 0 });
    expect(vendorC.explanation.en).toContain('No value for "Processing accuracy"');
    expect(vendorC.explanation.ja).toContain("「処理精度」の値がないため");
  });

  it("sorts each alternative's contributions, largest first", () => {
    for (const entry of result.ranking) {
      const amounts = entry.contributions.map((c) => c.contribution);
      expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
    }
  });
});

describe("rankAlternatives — missing values under the relative methods", () => {
  const input = (method: RankingInput["method"]): RankingInput => ({
    method,
    criteria: [cost, { ...onTime, gate: undefined }],
    alternatives: [
      { id: "a", values: { cost: 100, onTime: 0.99 } },
      { id: "b", values: { cost: 150, onTime: 0.95 } },
      { id: "c", values: { cost: 120 } },
    ],
  });

  it("scores a missing value as the worst value present (min–max: 0) and flags it", () => {
    const c = rankAlternatives(input("weighted-sum-minmax")).ranking.find((r) => r.id === "c")!;
    expect(c.flags).toEqual([{ code: "missing-value", criterion: "onTime" }]);
    expect(c.contributions.find((x) => x.criterion === "onTime")).toMatchObject({ imputed: true, scoredValue: 0.95, score: 0 });
  });

  it("uses the worst value present in the TOPSIS matrix, so it sits at the anti-ideal", () => {
    const c = rankAlternatives(input("topsis")).ranking.find((r) => r.id === "c")!;
    const contribution = c.contributions.find((x) => x.criterion === "onTime")!;
    expect(contribution.scoredValue).toBe(0.95);
    expect(contribution.weighted).toBe(contribution.antiIdeal);
    expect(contribution.contribution).toBe(0);
  });

  it("never lets a value nobody gave earn full marks, even when everybody else gave the same value", () => {
    const result = rankAlternatives({
      method: "weighted-sum-minmax",
      criteria: [cost, { ...onTime, gate: undefined }],
      alternatives: [
        { id: "a", values: { cost: 100, onTime: 0.97 } },
        { id: "b", values: { cost: 100, onTime: 0.97 } },
        { id: "c", values: { cost: 100, onTime: null } },
      ],
    });
    expect(result.ranking.map((r) => [r.id, r.score])).toEqual([
      ["a", 100],
      ["b", 100],
      ["c", 50],
    ]);
  });
});

describe("rankAlternatives — gates keep disqualified alternatives out of relative computations", () => {
  const criteria = [cost, onTime];
  const qualified = [
    { id: "a", values: { cost: 100, onTime: 0.99 } },
    { id: "b", values: { cost: 150, onTime: 0.95 } },
  ];
  // Extremely cheap but below the on-time gate: if it leaked into min–max or the TOPSIS ideal,
  // every other score would move.
  const outlier = { id: "z", values: { cost: 1, onTime: 0.5 } };

  for (const method of ["weighted-sum-minmax", "topsis"] as const) {
    it(`${method}: adding a disqualified outlier changes no score`, () => {
      const without = rankAlternatives({ method, criteria, alternatives: qualified });
      const withOutlier = rankAlternatives({ method, criteria, alternatives: [...qualified, outlier] });
      expect(withOutlier.ranking).toEqual(without.ranking);
      expect(withOutlier.disqualified.map((d) => d.id)).toEqual(["z"]);
    });
  }
});

describe("rankAlternatives — output", () => {
  const input: RankingInput = {
    method: "topsis",
    criteria: [cost, { ...onTime, gate: undefined }],
    alternatives: [
      { id: "a", values: { cost: 100, onTime: 0.99 } },
      { id: "b", values: { cost: 150, onTime: 0.95 } },
      { id: "c", values: { cost: 160, onTime: 0.94 } },
    ],
  };

  it("has exactly the documented shape", () => {
    const result = rankAlternatives(input);
    expect(Object.keys(result)).toEqual(["method", "ranking", "disqualified", "robustness"]);
    expect(Object.keys(result.ranking[0])).toEqual(["id", "rank", "score", "contributions", "explanation", "dominatedBy", "flags", "distances"]);
    expect(Object.keys(result.robustness)).toEqual(["winner", "stability"]);
    const weighted = rankAlternatives({ ...input, method: "weighted-sum-minmax" });
    expect(Object.keys(weighted.ranking[0])).toEqual(["id", "rank", "score", "contributions", "explanation", "dominatedBy", "flags"]);
  });

  it("lists Pareto dominators in ranking order", () => {
    const result = rankAlternatives(input);
    expect(result.ranking.map((r) => [r.id, r.dominatedBy])).toEqual([
      ["a", []],
      ["b", ["a"]],
      ["c", ["a", "b"]],
    ]);
  });

  it("survives a JSON round trip unchanged (no NaN, Infinity or undefined values)", () => {
    const result = rankAlternatives(input);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it("throws ScoringInputError for invalid input given directly, not only through the parser", () => {
    expect(() => rankAlternatives({ ...input, criteria: [{ ...cost, weight: -1 }] })).toThrow(ScoringInputError);
  });

  it("returns an empty ranking when every alternative is disqualified", () => {
    const result = rankAlternatives({ ...input, criteria: [cost, onTime], alternatives: [{ id: "late", values: { cost: 1, onTime: 0.5 } }] });
    expect(result.ranking).toEqual([]);
    expect(result.robustness).toEqual({ winner: null, stability: null });
  });
});
