import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ahpWeights } from "./ahp";

const SAATY = [1, 2, 3, 4, 5, 6, 7, 8, 9];

describe("AHP properties", () => {
  it("recovers any weights from the perfectly consistent matrix they generate (CR = 0)", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: 1, maxLength: 10 }), (raw) => {
        const total = raw.reduce((s, w) => s + w, 0);
        const weights = raw.map((w) => w / total);
        const result = ahpWeights(weights.map((wi) => weights.map((wj) => wi / wj)));
        result.weights.forEach((w, i) => expect(w).toBeCloseTo(weights[i], 9));
        expect(result.consistencyRatio).toBeLessThan(1e-9);
        expect(result.consistent).toBe(true);
      }),
    );
  });

  it("for any reciprocal matrix on Saaty's scale: weights sum to 1, are positive, λmax ≥ n and CR ≥ 0", () => {
    const judgement = fc.tuple(fc.constantFrom(...SAATY), fc.boolean()).map(([v, invert]) => (invert ? 1 / v : v));
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 10 })
          .chain((n) => fc.tuple(fc.constant(n), fc.array(judgement, { minLength: (n * (n - 1)) / 2, maxLength: (n * (n - 1)) / 2 }))),
        ([n, upper]) => {
          const matrix = Array.from({ length: n }, () => new Array<number>(n).fill(1));
          let k = 0;
          for (let i = 0; i < n; i++) {
            for (let j = i + 1; j < n; j++) {
              matrix[i][j] = upper[k++];
              matrix[j][i] = 1 / matrix[i][j];
            }
          }
          const result = ahpWeights(matrix);
          expect(result.weights.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 12);
          result.weights.forEach((w) => expect(w).toBeGreaterThan(0));
          expect(result.lambdaMax).toBeGreaterThanOrEqual(n - 1e-9);
          expect(result.consistencyRatio).toBeGreaterThanOrEqual(0);
          // It is an eigenvector: A·w = λmax·w.
          matrix.forEach((row, i) => {
            const product = row.reduce((s, a, j) => s + a * result.weights[j], 0);
            expect(product).toBeCloseTo(result.lambdaMax * result.weights[i], 9);
          });
        },
      ),
    );
  });
});
