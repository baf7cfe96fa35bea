import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizeWeights, vectorNormalize } from "./normalize";
import { mulberry32 } from "./prng";
import { isClearlyGreater } from "./ranking-order";
import { topsisStability, weightedSumStability } from "./robustness";
import { topsis } from "./topsis";

// The optimized stability functions skip alternatives and samples using bounds. The oracle below
// does the obvious thing — perturb, renormalize, recompute every score, compare — with the same
// random sequence, so the two must agree exactly, not just approximately.

function naiveStability(
  score: (weights: Float64Array) => ArrayLike<number>,
  base: Float64Array,
  winner: number,
  samples: number,
  perturbation: number,
  seed: number,
): number {
  const random = mulberry32(seed);
  let kept = 0;
  for (let s = 0; s < samples; s++) {
    const perturbed = Float64Array.from(base, (w) => w * (1 - perturbation + 2 * perturbation * random()));
    const total = perturbed.reduce((sum, w) => sum + w, 0);
    const scores = score(perturbed.map((w) => w / total));
    let stays = true;
    for (let i = 0; i < scores.length; i++) if (i !== winner && isClearlyGreater(scores[i], scores[winner])) stays = false;
    if (stays) kept++;
  }
  return kept / samples;
}

const problem = fc.record({
  rows: fc.integer({ min: 2, max: 30 }),
  cols: fc.integer({ min: 1, max: 5 }),
  seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
  // Small perturbations make the bounds tight, which is where an unsound shortcut would show.
  perturbation: fc.oneof(fc.double({ min: 0, max: 0.05, noNaN: true }), fc.double({ min: 0, max: 0.9, noNaN: true })),
  dataSeed: fc.integer(),
  levels: fc.constantFrom(3, 1000, 0),
});

function build({ rows, cols, dataSeed, levels }: { rows: number; cols: number; dataSeed: number; levels: number }) {
  const random = mulberry32(dataSeed);
  // Few levels make ties and constant columns likely; many levels spread the field; 0 is a close
  // race (everyone within ±1 % of 1000), where most challengers survive the up-front bound.
  const values = Float64Array.from({ length: rows * cols }, () => (levels === 0 ? 990 + random() * 20 : Math.floor(random() * levels)));
  const weights = normalizeWeights(Array.from({ length: cols }, () => 1 + Math.floor(random() * 9)));
  const benefit = Array.from({ length: cols }, () => random() < 0.6);
  return { values, weights, benefit };
}

describe("robustness equals brute-force re-ranking", () => {
  it("for weighted sums", () => {
    fc.assert(
      fc.property(problem, (p) => {
        const { values, weights } = build(p);
        const scores = values.map((v) => (v * 100) / 1010);
        const totals = (w: Float64Array) => Array.from({ length: p.rows }, (_, i) => w.reduce((sum, wj, j) => sum + wj * scores[i * p.cols + j], 0));
        const base = totals(weights);
        const winner = base.indexOf(Math.max(...base));
        const options = { samples: 200, perturbation: p.perturbation, seed: p.seed };
        expect(weightedSumStability(scores, p.rows, p.cols, weights, winner, options)).toBe(
          naiveStability(totals, weights, winner, options.samples, options.perturbation, options.seed),
        );
      }),
      { numRuns: 200 },
    );
  });

  it("for TOPSIS", () => {
    fc.assert(
      fc.property(problem, (p) => {
        const { values, weights, benefit } = build(p);
        const closeness = (w: Float64Array) => topsis(values, p.rows, p.cols, w, benefit).closeness;
        const base = closeness(weights);
        const winner = base.indexOf(Math.max(...base));
        const options = { samples: 200, perturbation: p.perturbation, seed: p.seed };
        const normalized = vectorNormalize(values, p.rows, p.cols);
        expect(topsisStability(normalized, p.rows, p.cols, weights, benefit, winner, options)).toBe(
          naiveStability(closeness, weights, winner, options.samples, options.perturbation, options.seed),
        );
      }),
      { numRuns: 200 },
    );
  });
});

describe("robustness equals brute-force re-ranking in a near tie", () => {
  // A two-way near tie under a small perturbation: the winner loses in a good share of samples,
  // and every challenger sits right at the edge of the bounds — where a shortcut that is a little
  // too eager would silently report a stable winner.
  const values = Float64Array.from([10, 5, 7, 5.1, 4.9, 9.65, 7, 7]);
  const weights = normalizeWeights([1, 1.02]);
  const benefit = [true, true];
  const options = { samples: 1000, perturbation: 0.03, seed: 7 };

  it("for TOPSIS", () => {
    const closeness = (w: Float64Array) => topsis(values, 4, 2, w, benefit).closeness;
    const base = closeness(weights);
    const winner = base.indexOf(Math.max(...base));
    const expected = naiveStability(closeness, weights, winner, options.samples, options.perturbation, options.seed);
    expect(expected).toBeGreaterThan(0.05);
    expect(expected).toBeLessThan(0.95);
    expect(topsisStability(vectorNormalize(values, 4, 2), 4, 2, weights, benefit, winner, options)).toBe(expected);
  });

  it("for weighted sums", () => {
    const scores = Float64Array.from([100, 50, 70, 70, 50, 99, 70, 70]);
    const totals = (w: Float64Array) => Array.from({ length: 4 }, (_, i) => w[0] * scores[i * 2] + w[1] * scores[i * 2 + 1]);
    const base = totals(weights);
    const winner = base.indexOf(Math.max(...base));
    const expected = naiveStability(totals, weights, winner, options.samples, options.perturbation, options.seed);
    expect(expected).toBeGreaterThan(0.05);
    expect(expected).toBeLessThan(0.95);
    expect(weightedSumStability(scores, 4, 2, weights, winner, options)).toBe(expected);
  });

  it("for weighted sums, with a challenger that can only win at the very edge of the perturbation box", () => {
    // E overtakes A only when u₂/u₁ > 1.053, close to the largest possible 1.03/0.97 = 1.062.
    const scores = Float64Array.from([100, 50, 50, 96.53, 70, 70]);
    const totals = (w: Float64Array) => Array.from({ length: 3 }, (_, i) => w[0] * scores[i * 2] + w[1] * scores[i * 2 + 1]);
    const expected = naiveStability(totals, weights, 0, options.samples, options.perturbation, options.seed);
    expect(expected).toBeGreaterThan(0.9);
    expect(expected).toBeLessThan(1);
    expect(weightedSumStability(scores, 3, 2, weights, 0, options)).toBe(expected);
  });
});
