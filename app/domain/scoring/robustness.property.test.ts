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
  rows: fc.integer({ min: 2, max: 12 }),
  cols: fc.integer({ min: 1, max: 5 }),
  seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
  perturbation: fc.double({ min: 0, max: 0.9, noNaN: true }),
  dataSeed: fc.integer(),
  levels: fc.constantFrom(3, 1000),
});

function build({ rows, cols, dataSeed, levels }: { rows: number; cols: number; dataSeed: number; levels: number }) {
  const random = mulberry32(dataSeed);
  // Few levels make ties and constant columns likely; many levels make close races.
  const values = Float64Array.from({ length: rows * cols }, () => Math.floor(random() * levels));
  const weights = normalizeWeights(Array.from({ length: cols }, () => 1 + Math.floor(random() * 9)));
  const benefit = Array.from({ length: cols }, () => random() < 0.6);
  return { values, weights, benefit };
}

describe("robustness equals brute-force re-ranking", () => {
  it("for weighted sums", () => {
    fc.assert(
      fc.property(problem, (p) => {
        const { values, weights } = build(p);
        const scores = values.map((v) => (v * 100) / Math.max(1, p.levels - 1));
        const totals = (w: Float64Array) =>
          Array.from({ length: p.rows }, (_, i) => w.reduce((sum, wj, j) => sum + wj * scores[i * p.cols + j], 0));
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
