import { describe, expect, it } from "vitest";
import { credibilityOf, probabilityBelowTarget, shrinkClaim } from "./credibility";
import { ScoringInputError } from "./errors";

describe("shrinkClaim", () => {
  it("is (claim × k + successes) / (k + trials)", () => {
    // 0.98 claimed, 45 of 50 on time, k = 10: (9.8 + 45) / 60 = 0.91333…
    expect(shrinkClaim(0.98, 10, { successes: 45, trials: 50 })).toBeCloseTo(54.8 / 60, 15);
    // A strong prior keeps the claim: (0.9 × 1000 + 0) / (1000 + 1)
    expect(shrinkClaim(0.9, 1000, { successes: 0, trials: 1 })).toBeCloseTo(900 / 1001, 15);
  });

  it("leaves the claim alone without evidence", () => {
    expect(shrinkClaim(0.97, 10, undefined)).toBe(0.97);
    expect(shrinkClaim(0.97, 10, null)).toBe(0.97);
  });
});

describe("credibilityOf", () => {
  it("reports claim, effective value, evidence and prior strength", () => {
    expect(credibilityOf(0.97, { successes: 58, trials: 60 }, 10)).toEqual({
      claim: 0.97,
      effective: (9.7 + 58) / 70,
      evidence: { successes: 58, trials: 60 },
      priorStrength: 10,
      verified: true,
    });
  });

  it("marks a claim without evidence, or with zero trials, as unverified and keeps it as claimed", () => {
    expect(credibilityOf(0.99, undefined)).toMatchObject({ effective: 0.99, verified: false, evidence: null, priorStrength: 10 });
    expect(credibilityOf(0.99, { successes: 0, trials: 0 })).toMatchObject({ effective: 0.99, verified: false });
  });
});

describe("probabilityBelowTarget", () => {
  // Reference values from SciPy 1.17: scipy.special.betainc(claim·k + s, (1 − claim)·k + f, target).
  it("is the Beta posterior's CDF at the target", () => {
    expect(probabilityBelowTarget(0.98, 10, 45, 50, 0.95)).toBeCloseTo(0.853057986280698, 12);
    expect(probabilityBelowTarget(0.99, 10, 0, 0, 0.95)).toBeCloseTo(0.060414948705809025, 12);
    expect(probabilityBelowTarget(0.97, 10, 58, 60, 0.97)).toBeCloseTo(0.4702843275804214, 12);
  });

  it("is the target itself for a uniform posterior (claim 0.5, k = 2, no evidence)", () => {
    expect(probabilityBelowTarget(0.5, 2, 0, 0, 0.3)).toBeCloseTo(0.3, 13);
  });

  it("handles posteriors with all their mass on 1 or 0", () => {
    expect(probabilityBelowTarget(1, 10, 5, 5, 0.99)).toBe(0);
    expect(probabilityBelowTarget(1, 10, 5, 5, 1.01)).toBe(1);
    expect(probabilityBelowTarget(0, 10, 0, 5, 0.01)).toBe(1);
    expect(probabilityBelowTarget(0, 10, 0, 5, 0)).toBe(0);
  });

  it("rejects impossible arguments with a ScoringInputError naming each one", () => {
    try {
      probabilityBelowTarget(1.2, 0, 6, 5, Number.NaN);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ScoringInputError);
      expect((error as ScoringInputError).issues.map((i) => i.path)).toEqual(["claim", "priorStrength", "evidence", "target"]);
    }
  });

  // The track record is recency-weighted (decision 0038), so counts arrive fractional. Reference values from
  // SciPy 1.17: scipy.special.betainc(claim·k + s, (1 − claim)·k + (t − s), target).
  it("takes fractional (recency-weighted) counts", () => {
    expect(probabilityBelowTarget(0.98, 10, 44.37, 49.2, 0.95)).toBeCloseTo(0.838627722015358, 12);
    expect(probabilityBelowTarget(0.97, 10, 0.5, 0.5, 0.95)).toBeCloseTo(0.18438443822850664, 12);
    expect(probabilityBelowTarget(0.999, 10, 123.456, 123.789, 0.99)).toBeCloseTo(0.06212845017884681, 12);
  });

  it("still refuses negative, NaN and more successes than trials", () => {
    for (const [s, t] of [
      [-0.1, 1],
      [Number.NaN, 2],
      [1, Number.NaN],
      [2.5, 2.4],
      [0, Number.POSITIVE_INFINITY],
    ] as const)
      expect(() => probabilityBelowTarget(0.9, 10, s, t, 0.9)).toThrow(ScoringInputError);
  });
});
