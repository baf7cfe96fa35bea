import { describe, expect, it } from "vitest";
import type { Contribution, Perspective } from "~/domain/scoring";
import { criterionScore100, perspectiveScores } from "./perspective-scores";

const base = { value: 1, scoredValue: 1, imputed: false, contribution: 0 };
const perspectives: Record<string, Perspective> = { tco: "financial", roi: "financial", accuracy: "internalProcess", gate_pm: "internalProcess" };
const of = (key: string) => perspectives[key];

describe("perspectiveScores", () => {
  it("averages each perspective's criterion scores by weight and leaves empty perspectives null", () => {
    const contributions: Contribution[] = [
      { ...base, criterion: "tco", weight: 0.3, score: 80 },
      { ...base, criterion: "roi", weight: 0.1, score: 40 },
      { ...base, criterion: "accuracy", weight: 0.6, score: 50 },
      { ...base, criterion: "gate_pm", weight: 0, score: 0 },
    ];
    expect(perspectiveScores(contributions, of, "weighted-sum-target")).toEqual({
      financial: 70,
      customer: null,
      internalProcess: 50,
      learningGrowth: null,
    });
  });

  it("rescales TOPSIS weighted values between the anti-ideal and the ideal", () => {
    const topsis: Contribution = { ...base, criterion: "tco", weight: 0.5, weighted: 0.3, ideal: 0.4, antiIdeal: 0.2 };
    expect(criterionScore100(topsis, "topsis")).toBeCloseTo(50);
    // A cost criterion: the ideal is the smaller value, the span is negative, the reading the same.
    expect(criterionScore100({ ...topsis, ideal: 0.2, antiIdeal: 0.4, weighted: 0.25 }, "topsis")).toBeCloseTo(75);
    expect(criterionScore100({ ...topsis, ideal: 0.3, antiIdeal: 0.3 }, "topsis")).toBe(100);
    expect(perspectiveScores([topsis], of, "topsis").financial).toBeCloseTo(50);
  });

  it("ignores a criterion without a score", () => {
    expect(criterionScore100({ ...base, criterion: "tco", weight: 1 }, "weighted-sum-minmax")).toBeNull();
  });
});
