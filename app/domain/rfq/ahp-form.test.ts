import { describe, expect, it } from "vitest";
import { ahpWeights } from "~/domain/scoring";
import { pairField, pairwiseMatrixFromAnswers } from "./ahp-form";

describe("AHP form", () => {
  it("builds a reciprocal matrix from the buyer's choices (unanswered pairs count as equal)", () => {
    const answers: Record<string, string> = { [pairField(0, 1)]: "3", [pairField(0, 2)]: "1/5" };
    const m = pairwiseMatrixFromAnswers(3, (k) => answers[k]);
    expect(m).toEqual([
      [1, 3, 0.2],
      [1 / 3, 1, 1],
      [5, 1, 1],
    ]);
    const r = ahpWeights(m);
    expect(r.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it("ignores values that are not on Saaty's scale", () => {
    const m = pairwiseMatrixFromAnswers(2, () => "42");
    expect(m).toEqual([
      [1, 1],
      [1, 1],
    ]);
  });
});
