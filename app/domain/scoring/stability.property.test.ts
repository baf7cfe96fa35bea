import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rankAlternatives } from "./rank";
import { winnerStability, withWeightShare } from "./stability";
import type { Alternative, Criterion, Method, RankingInput } from "./types";

const METHODS: Method[] = ["weighted-sum-target", "weighted-sum-minmax", "topsis"];

const criterionArb = (index: number) =>
  fc
    .record({
      direction: fc.constantFrom("benefit" as const, "cost" as const),
      weight: fc.integer({ min: 1, max: 20 }),
    })
    .map(({ direction, weight }): Criterion => ({
      key: `k${index}`,
      label: { ja: `基準${index}`, en: `Criterion ${index}` },
      perspective: "customer",
      direction,
      weight,
      scale: direction === "benefit" ? { worst: 0, best: 100 } : { worst: 100, best: 0 },
    }));

const inputArb = fc
  .integer({ min: 2, max: 4 })
  .chain((criteriaCount) =>
    fc.record({
      method: fc.constantFrom(...METHODS),
      criteria: fc.tuple(...Array.from({ length: criteriaCount }, (_, j) => criterionArb(j))),
      rows: fc.array(fc.array(fc.integer({ min: 1, max: 100 }), { minLength: criteriaCount, maxLength: criteriaCount }), { minLength: 2, maxLength: 6 }),
    }),
  )
  .map(({ method, criteria, rows }): RankingInput => ({
    method,
    criteria,
    alternatives: rows.map((row, i): Alternative => ({ id: `alt-${i}`, values: Object.fromEntries(row.map((v, j) => [`k${j}`, v])) })),
    robustness: { samples: 10 },
  }));

const firstAt = (input: RankingInput, key: string, share: number) =>
  rankAlternatives(withWeightShare(input, key, share))
    .ranking.filter((r) => r.rank === 1)
    .map((r) => r.id);

/** Far enough past a crossing for the scores to differ by more than the ranking's tie tolerance. */
const EPSILON = 1e-6;

describe("winnerStability properties (re-ranking around each threshold)", () => {
  it("the winner stays first up to the threshold and the named quote is first just past it; no flip means first all the way", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = winnerStability(input);
        const ranked = rankAlternatives(input);
        expect(result.winner).toBe(ranked.robustness.winner);
        if (result.tiedWith.length > 0) return;
        const total = input.criteria.reduce((sum, c) => sum + c.weight, 0);
        for (const criterion of input.criteria) {
          const share = criterion.weight / total;
          for (const direction of ["down", "up"] as const) {
            const flip = result.flips.find((f) => f.criterion === criterion.key && f.direction === direction);
            const end = direction === "up" ? 1 - EPSILON : EPSILON;
            const limit = flip ? flip.thresholdWeightShare : end;
            // Never first for anyone else between the current share and the threshold (a grid of points).
            for (let step = 1; step <= 8; step++) {
              const s = share + ((limit - share) * step) / 8 + (step === 8 && flip ? (direction === "up" ? -EPSILON : EPSILON) : 0);
              if (Math.abs(s - share) < EPSILON) continue;
              expect(firstAt(input, criterion.key, s)).toContain(result.winner);
            }
            if (flip) {
              const past = flip.thresholdWeightShare + (direction === "up" ? EPSILON : -EPSILON);
              if (past > 0 && past < 1) expect(firstAt(input, criterion.key, past)).toContain(flip.newWinner);
              expect(firstAt(input, criterion.key, past)).not.toContain(result.winner);
            }
          }
        }
        if (result.stableWithin !== null) expect(result.stableWithin).toBe(Math.min(...result.flips.map((f) => f.relativeChange)));
      }),
      { numRuns: 100 },
    );
  });
});
