import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { regularizedIncompleteBeta } from "~/domain/scoring/incomplete-beta";
import { betaQuantile } from "./beta-quantile";

describe("betaQuantile", () => {
  // Reference values from SciPy 1.17 (scipy.stats.beta.ppf(p, a, b)).
  it.each([
    [0.05, 2, 5, 0.06284989170835438],
    [0.95, 2, 5, 0.5818034092520259],
    [0.05, 91, 11, 0.837845428126821],
    [0.95, 91, 11, 0.9377111103657916],
    [0.05, 0.3, 7.5, 4.487628685560372e-6],
    [0.99, 500, 3, 0.9991300277327602],
    [0.05, 10.5, 0.5, 0.8292268917551521],
    [0.1, 11.9, 0.1, 0.9770320038952465],
  ])("the %f-quantile of Beta(%f, %f) is %f as computed by SciPy", (p, a, b, expected) => {
    expect(Math.abs(betaQuantile(p, a, b) - expected)).toBeLessThan(1e-9);
  });

  it("is the identity for the uniform Beta(1, 1)", () => {
    for (const p of [0, 0.001, 0.05, 0.3, 0.5, 0.95, 0.999, 1]) expect(Math.abs(betaQuantile(p, 1, 1) - p)).toBeLessThan(1e-9);
  });

  it("puts the median of a symmetric Beta(a, a) at ½ and mirrors its tails", () => {
    for (const a of [0.5, 1, 3, 40]) {
      expect(Math.abs(betaQuantile(0.5, a, a) - 0.5)).toBeLessThan(1e-9);
      expect(Math.abs(betaQuantile(0.05, a, a) + betaQuantile(0.95, a, a) - 1)).toBeLessThan(2e-9);
    }
  });

  it("has the closed forms of Beta(a, 1) (x = p^(1/a)) and Beta(1, b) (x = 1 − (1 − p)^(1/b))", () => {
    expect(Math.abs(betaQuantile(0.05, 2, 1) - Math.sqrt(0.05))).toBeLessThan(1e-9);
    expect(Math.abs(betaQuantile(0.95, 1, 2) - (1 - Math.sqrt(0.05)))).toBeLessThan(1e-9);
  });

  it("inverts the incomplete beta function", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.001, max: 0.999, noNaN: true }),
        fc.double({ min: 0.05, max: 500, noNaN: true }),
        fc.double({ min: 0.05, max: 500, noNaN: true }),
        (p, a, b) => {
          const x = betaQuantile(p, a, b);
          // I is increasing in x: the root lies within the tolerance of the answer.
          expect(regularizedIncompleteBeta(x - 1e-9, a, b)).toBeLessThanOrEqual(p + 1e-12);
          expect(regularizedIncompleteBeta(x + 1e-9, a, b)).toBeGreaterThanOrEqual(p - 1e-12);
        },
      ),
    );
  });

  it("refuses p outside [0, 1] and shapes that are not positive", () => {
    expect(() => betaQuantile(1.1, 1, 1)).toThrow(RangeError);
    expect(() => betaQuantile(Number.NaN, 1, 1)).toThrow(RangeError);
    expect(() => betaQuantile(0.5, 0, 1)).toThrow(RangeError);
    expect(() => betaQuantile(0.5, 1, Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});
