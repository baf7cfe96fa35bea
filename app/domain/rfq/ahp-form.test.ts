import { describe, expect, it } from "vitest";
import { ahpWeights } from "~/domain/scoring";
import { ahpAnswers, ahpProposal, needsConfirmation, pairField, pairwiseMatrixFromAnswers } from "./ahp-form";

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

  it("proposes whole points summing to 100 with the CR the buyer is shown", () => {
    const answers: Record<string, string> = { [pairField(0, 1)]: "9", [pairField(0, 2)]: "9" };
    const p = ahpProposal(3, (k) => answers[k])!;
    expect(p.points.reduce((a, b) => a + b, 0)).toBe(100);
    expect(p.points[0]).toBeGreaterThan(p.points[1]);
    expect(p.cr).toBe("0.000");
    expect(p.consistent).toBe(true);
    expect(needsConfirmation(p, null)).toBe(false);
  });

  it("asks to confirm judgements with CR above 0.10, and asks again once the answers change", () => {
    const circle: Record<string, string> = { [pairField(0, 1)]: "9", [pairField(1, 2)]: "9", [pairField(0, 2)]: "1/9" };
    const p = ahpProposal(3, (k) => circle[k])!;
    expect(p.consistencyRatio).toBeGreaterThan(0.1);
    expect(needsConfirmation(p, null)).toBe(true);
    expect(needsConfirmation(p, p.cr)).toBe(false);
    const milder = ahpProposal(3, (k) => ({ ...circle, [pairField(0, 2)]: "1/3" })[k])!;
    expect(milder.consistent).toBe(false);
    expect(needsConfirmation(milder, p.cr)).toBe(true);
  });

  it("refuses fewer than two or more than ten criteria instead of throwing", () => {
    expect(ahpProposal(1, () => "1")).toBeNull();
    expect(ahpProposal(11, () => "1")).toBeNull();
    expect(ahpProposal(10, () => "1")?.points).toHaveLength(10);
  });

  it("keeps only answers on Saaty's scale, to show them again", () => {
    const form: Record<string, string> = { [pairField(0, 1)]: "1/7", [pairField(0, 2)]: "42", other: "9" };
    expect(ahpAnswers(3, (k) => form[k])).toEqual({ [pairField(0, 1)]: "1/7" });
  });
});
