import { describe, expect, it } from "vitest";
import { mulberry32 } from "./prng";
import { rankAlternatives } from "./rank";
import { topsisStability, weightedSumStability } from "./robustness";
import type { Criterion } from "./types";

const options = { samples: 1000, perturbation: 0.2, seed: 42 };

describe("weightedSumStability", () => {
  it("is 1 when nobody can overtake the winner, and 1 with a single alternative", () => {
    // A is best on both criteria: no weighting can put B above it.
    const scores = Float64Array.from([100, 100, 50, 0]);
    expect(weightedSumStability(scores, 2, 2, Float64Array.from([0.5, 0.5]), 0, options)).toBe(1);
    expect(weightedSumStability(Float64Array.from([10, 20]), 1, 2, Float64Array.from([0.5, 0.5]), 0, options)).toBe(1);
  });

  it("is the share of samples where the winner's weight factor is the larger one, in a symmetric trade-off", () => {
    // A = (100, 0), B = (0, 100), equal weights: A (first by id) stays first iff u₁ ≥ u₂.
    const scores = Float64Array.from([100, 0, 0, 100]);
    const weights = Float64Array.from([0.5, 0.5]);
    const random = mulberry32(options.seed);
    let expected = 0;
    for (let s = 0; s < options.samples; s++) {
      const u1 = 0.5 * (0.8 + 0.4 * random());
      const u2 = 0.5 * (0.8 + 0.4 * random());
      if (u1 >= u2 || Math.abs(u1 - u2) <= 1e-9 * (u1 + u2)) expected++;
    }
    const stability = weightedSumStability(scores, 2, 2, weights, 0, options);
    expect(stability).toBe(expected / options.samples);
    expect(stability).toBeGreaterThan(0.44);
    expect(stability).toBeLessThan(0.56);
  });

  it("is 1 for any trade-off when the perturbation is 0", () => {
    const scores = Float64Array.from([60, 40, 50, 50]);
    expect(weightedSumStability(scores, 2, 2, Float64Array.from([0.5, 0.5]), 0, { ...options, perturbation: 0 })).toBe(1);
  });
});

describe("topsisStability", () => {
  it("is 1 when the winner is the ideal on every criterion", () => {
    const normalized = Float64Array.from([0.8, 0.8, 0.6, 0.6]);
    expect(topsisStability(normalized, 2, 2, Float64Array.from([0.5, 0.5]), [true, true], 0, options)).toBe(1);
  });
});

describe("robustness in rankAlternatives", () => {
  const criteria: Criterion[] = [
    { key: "quality", label: { ja: "品質", en: "Quality" }, perspective: "customer", direction: "benefit", weight: 1, scale: { worst: 0, best: 10 } },
    { key: "price", label: { ja: "価格", en: "Price" }, perspective: "financial", direction: "cost", weight: 1, scale: { worst: 200, best: 100 } },
  ];
  const alternatives = [
    { id: "balanced", values: { quality: 6, price: 140 } },
    { id: "premium", values: { quality: 9, price: 185 } },
    { id: "cheap", values: { quality: 3, price: 105 } },
  ];

  it("is deterministic for a seed", () => {
    for (const method of ["weighted-sum-target", "weighted-sum-minmax", "topsis"] as const) {
      const run = (seed: number) => rankAlternatives({ method, criteria, alternatives, robustness: { seed, samples: 500 } }).robustness;
      expect(run(1)).toEqual(run(1));
      expect(run(1).winner).toBe(run(2).winner);
    }
  });

  it("changes with the seed where the lead is contested (both weighted sums here)", () => {
    for (const method of ["weighted-sum-target", "weighted-sum-minmax"] as const) {
      const run = (seed: number) => rankAlternatives({ method, criteria, alternatives, robustness: { seed, samples: 500 } }).robustness;
      expect(run(1).stability).toBeGreaterThan(0);
      expect(run(1).stability).toBeLessThan(1);
      // Different seeds draw different samples (a single pair may coincide by chance; five cannot all).
      expect(new Set([1, 2, 3, 4, 5].map((seed) => run(seed).stability)).size).toBeGreaterThan(1);
    }
  });

  it("reports no winner and no stability when nothing qualifies", () => {
    expect(rankAlternatives({ method: "topsis", criteria, alternatives: [] }).robustness).toEqual({ winner: null, stability: null });
  });
});
