import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { probabilityBelowTarget } from "~/domain/scoring/credibility";
import { ragStatus } from "./rag";

describe("ragStatus", () => {
  it("is grey with no trials — never green by default, whatever the claim", () => {
    expect(ragStatus({ successes: 0, trials: 0, target: 0.9 })).toEqual({ status: "grey", interval: null, posterior: null });
    expect(ragStatus({ successes: 0, trials: 0, target: 0, priorClaim: 1, priorStrength: 10 }).status).toBe("grey");
  });

  it.each([
    [1, 1, 0.2236068, 0.97467943],
    [0, 1, 0.02532057, 0.7763932],
    [2, 3, 0.24860463, 0.90238854],
  ])("judges a tiny sample (%i of %i) amber at moderate targets without a claim, interval as SciPy gives", (successes, trials, lower, upper) => {
    for (const target of [0.3, 0.5, 0.7]) {
      const result = ragStatus({ successes, trials, target });
      expect(result.status).toBe("amber");
      expect(result.interval!.lower).toBeCloseTo(lower, 7);
      expect(result.interval!.upper).toBeCloseTo(upper, 7);
    }
  });

  it.each([
    [1, 1],
    [0, 1],
    [2, 3],
  ])("judges a tiny sample (%i of %i) amber at any target when the commitment is the prior", (successes, trials) => {
    for (const target of [0.5, 0.8, 0.9, 0.95, 0.99]) {
      expect(ragStatus({ successes, trials, target, priorClaim: target, priorStrength: 10 }).status).toBe("amber");
    }
  });

  it("is no longer neutral at k = 10 for a 99.9 % commitment: the prior's failure mass (1 − claim)·k is 0.01", () => {
    // Beta(10.99, 0.01) piles its mass at 1: one success reads green and one failure red. Recorded here so a
    // change of prior strength for extreme targets is a deliberate decision (see decision 0037).
    expect(ragStatus({ successes: 1, trials: 1, target: 0.999, priorClaim: 0.999, priorStrength: 10 }).status).toBe("green");
    expect(ragStatus({ successes: 0, trials: 1, target: 0.999, priorClaim: 0.999, priorStrength: 10 }).status).toBe("red");
  });

  it("without a claim judges a high target harshly — why a review passes the commitment as the claim", () => {
    // Beta(2, 1): 95th percentile √0.95 ≈ 0.9747 < 0.98, so one success reads red.
    expect(ragStatus({ successes: 1, trials: 1, target: 0.98 }).status).toBe("red");
    expect(ragStatus({ successes: 1, trials: 1, target: 0.98, priorClaim: 0.98, priorStrength: 10 }).status).toBe("amber");
  });

  it("is amber when the record meets the target exactly", () => {
    expect(ragStatus({ successes: 90, trials: 100, target: 0.9 }).status).toBe("amber");
    expect(ragStatus({ successes: 9_000, trials: 10_000, target: 0.9 }).status).toBe("amber");
    expect(ragStatus({ successes: 90, trials: 100, target: 0.9, priorClaim: 0.9, priorStrength: 10 }).status).toBe("amber");
  });

  it("is green or red on large samples clearly above or below the target", () => {
    // 990 of 1,000 under Beta(1, 1): 90 % interval [0.98311, 0.99383] (SciPy).
    const above = ragStatus({ successes: 990, trials: 1_000, target: 0.98 });
    expect(above.status).toBe("green");
    expect(above.interval!.lower).toBeCloseTo(0.98311365, 7);
    expect(above.posterior).toEqual({ a: 991, b: 11 });
    expect(ragStatus({ successes: 9_990, trials: 10_000, target: 0.995 }).status).toBe("green");
    expect(ragStatus({ successes: 950, trials: 1_000, target: 0.98 }).status).toBe("red");
    expect(ragStatus({ successes: 47, trials: 50, target: 0.99 }).status).toBe("red");
  });

  it("is green when the lower end equals the target, and not red when the upper end equals it", () => {
    const { interval } = ragStatus({ successes: 40, trials: 50, target: 0.5 });
    expect(ragStatus({ successes: 40, trials: 50, target: interval!.lower }).status).toBe("green");
    expect(ragStatus({ successes: 40, trials: 50, target: interval!.upper }).status).toBe("amber");
    expect(ragStatus({ successes: 40, trials: 50, target: interval!.upper + 1e-6 }).status).toBe("red");
  });

  it("uses the scoring module's posterior when a claim is given", () => {
    // Claim 90 %, k = 10, 90 of 100: Beta(99, 11), interval [0.84935, 0.94237] (SciPy).
    const result = ragStatus({ successes: 90, trials: 100, target: 0.8, priorClaim: 0.9, priorStrength: 10 });
    expect(result.posterior!.a).toBeCloseTo(99, 12);
    expect(result.posterior!.b).toBeCloseTo(11, 12);
    expect(result.interval!.lower).toBeCloseTo(0.84935285, 7);
    expect(result.interval!.upper).toBeCloseTo(0.94236844, 7);
    expect(result.status).toBe("green");
  });

  it("lends credit for a claim above the target: a 99 % claim with 2 of 2 is green against 95 %", () => {
    // Beta(11.9, 0.1): 5th percentile 0.95059 (SciPy).
    const result = ragStatus({ successes: 2, trials: 2, target: 0.95, priorClaim: 0.99, priorStrength: 10 });
    expect(result.interval!.lower).toBeCloseTo(0.95059355, 7);
    expect(result.status).toBe("green");
    expect(ragStatus({ successes: 2, trials: 2, target: 0.95, priorClaim: 0.95, priorStrength: 10 }).status).toBe("amber");
  });

  it("takes a claim of exactly 1 with no failure as all mass on 1, as the risk figure does", () => {
    const result = ragStatus({ successes: 3, trials: 3, target: 0.99, priorClaim: 1, priorStrength: 10 });
    expect(result.interval).toEqual({ lower: 1, upper: 1 });
    expect(result.status).toBe("green");
    expect(probabilityBelowTarget(1, 10, 3, 3, 0.99)).toBe(0);
  });

  it("accepts fractional (recency-weighted) counts", () => {
    const result = ragStatus({ successes: 45.5, trials: 50.25, target: 0.8 });
    expect(result.posterior).toEqual({ a: 46.5, b: 5.75 });
    // 90 % interval [0.81180, 0.95109] (SciPy): green at 0.8, amber at 0.9.
    expect(result.interval!.lower).toBeCloseTo(0.81179829, 7);
    expect(result.interval!.upper).toBeCloseTo(0.95108625, 7);
    expect(result.status).toBe("green");
    expect(ragStatus({ successes: 45.5, trials: 50.25, target: 0.9 }).status).toBe("amber");
  });

  it("agrees with the risk figure: green means P(rate < target) ≤ 5 %, red means ≥ 95 %", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 0, max: 400 }),
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        (trials, s, claim, target) => {
          const successes = Math.min(s, trials);
          const { status } = ragStatus({ successes, trials, target, priorClaim: claim, priorStrength: 10 });
          const risk = probabilityBelowTarget(claim, 10, successes, trials, target);
          if (status === "green") expect(risk).toBeLessThanOrEqual(0.05 + 1e-6);
          if (status === "red") expect(risk).toBeGreaterThanOrEqual(0.95 - 1e-6);
          if (status === "amber") {
            expect(risk).toBeGreaterThan(0.05 - 1e-6);
            expect(risk).toBeLessThan(0.95 + 1e-6);
          }
        },
      ),
    );
  });

  it("never gets greener when a failure is added", () => {
    const rank = { red: 0, amber: 1, green: 2, grey: -1 } as const;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 300 }), fc.double({ min: 0, max: 1, noNaN: true }), (s, f, target) => {
        const before = ragStatus({ successes: s, trials: s + f, target }).status;
        const after = ragStatus({ successes: s, trials: s + f + 1, target }).status;
        if (before !== "grey") expect(rank[after]).toBeLessThanOrEqual(rank[before]);
      }),
    );
  });

  it("refuses impossible input", () => {
    expect(() => ragStatus({ successes: 3, trials: 2, target: 0.9 })).toThrow(RangeError);
    expect(() => ragStatus({ successes: -1, trials: 2, target: 0.9 })).toThrow(RangeError);
    expect(() => ragStatus({ successes: 1, trials: 2, target: 1.5 })).toThrow(RangeError);
    expect(() => ragStatus({ successes: 1, trials: 2, target: 0.9, priorClaim: 0.9 })).toThrow(RangeError);
    expect(() => ragStatus({ successes: 1, trials: 2, target: 0.9, priorStrength: 10 })).toThrow(RangeError);
  });
});
