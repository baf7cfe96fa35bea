import { describe, expect, it } from "vitest";
import { logGamma, regularizedIncompleteBeta } from "./incomplete-beta";

describe("logGamma", () => {
  it("matches ln((n − 1)!) for whole numbers and √π at 1/2", () => {
    expect(logGamma(1)).toBeCloseTo(0, 13);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(11)).toBeCloseTo(Math.log(3628800), 11);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
  });
});

describe("regularizedIncompleteBeta", () => {
  // Reference values from SciPy 1.17 (scipy.special.betainc(a, b, x)).
  it.each([
    [0.3, 2, 5, 0.5798250000000003],
    [0.5, 0.5, 0.5, 0.5],
    [0.9, 10, 2, 0.6973568802000002],
    [0.95, 97.7, 5.3, 0.4733065018031357],
    [0.01, 0.01, 9.99, 0.9814521535214888],
    [0.999, 500, 3, 0.9855173801356409],
    [0.2, 0.001, 5, 0.9997834456464277],
    [0.6, 300, 200, 0.49757138368006865],
  ])("I_%f(%f, %f) = %f as computed by SciPy", (x, a, b, expected) => {
    expect(regularizedIncompleteBeta(x, a, b)).toBeCloseTo(expected, 12);
  });

  it("has the closed forms I_x(1, 1) = x, I_x(a, 1) = x^a and I_x(1, b) = 1 − (1 − x)^b", () => {
    for (const x of [0.05, 0.3, 0.5, 0.77, 0.99]) {
      expect(regularizedIncompleteBeta(x, 1, 1)).toBeCloseTo(x, 13);
      expect(regularizedIncompleteBeta(x, 3.5, 1)).toBeCloseTo(x ** 3.5, 13);
      expect(regularizedIncompleteBeta(x, 1, 7)).toBeCloseTo(1 - (1 - x) ** 7, 13);
    }
  });

  it("equals a binomial tail for whole-number shapes: I_p(k, n − k + 1) = P(Binomial(n, p) ≥ k)", () => {
    const n = 30;
    const p = 0.83;
    const choose = (m: number, r: number) => {
      let value = 1;
      for (let i = 1; i <= r; i++) value = (value * (m - r + i)) / i;
      return value;
    };
    for (const k of [1, 10, 25, 30]) {
      let tail = 0;
      for (let i = k; i <= n; i++) tail += choose(n, i) * p ** i * (1 - p) ** (n - i);
      expect(regularizedIncompleteBeta(p, k, n - k + 1)).toBeCloseTo(tail, 12);
    }
  });

  it("is 0 at or below 0 and 1 at or above 1, and rejects non-positive shapes", () => {
    expect(regularizedIncompleteBeta(0, 2, 3)).toBe(0);
    expect(regularizedIncompleteBeta(-1, 2, 3)).toBe(0);
    expect(regularizedIncompleteBeta(1, 2, 3)).toBe(1);
    expect(() => regularizedIncompleteBeta(0.5, 0, 3)).toThrow(RangeError);
  });
});
