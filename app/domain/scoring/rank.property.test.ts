import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rankAlternatives } from "./rank";
import type { Alternative, Criterion, Method, RankingInput } from "./types";

const METHODS: Method[] = ["weighted-sum-target", "weighted-sum-minmax", "topsis"];
const WEIGHTED_SUMS: Method[] = ["weighted-sum-target", "weighted-sum-minmax"];

// Values come from a small grid so ties, constant columns and dominance are common, with an
// occasional missing value; scales sometimes sit inside the data so clamping is exercised.
const criterionArb = (index: number) =>
  fc
    .record({
      direction: fc.constantFrom("benefit" as const, "cost" as const),
      weight: fc.double({ min: 0.01, max: 10, noNaN: true }),
      low: fc.integer({ min: 0, max: 40 }),
      high: fc.integer({ min: 60, max: 100 }),
    })
    .map(({ direction, weight, low, high }): Criterion => ({
      key: `k${index}`,
      label: { ja: `基準${index}`, en: `Criterion ${index}` },
      perspective: "customer",
      direction,
      weight,
      scale: direction === "benefit" ? { worst: low, best: high } : { worst: high, best: low },
    }));

const inputArb = fc
  .integer({ min: 1, max: 5 })
  .chain((criteriaCount) =>
    fc.record({
      method: fc.constantFrom(...METHODS),
      criteria: fc.tuple(...Array.from({ length: criteriaCount }, (_, j) => criterionArb(j))),
      rows: fc.array(
        fc.array(
          fc.option(
            fc.integer({ min: 0, max: 10 }).map((v) => v * 10),
            { freq: 8, nil: null },
          ),
          {
            minLength: criteriaCount,
            maxLength: criteriaCount,
          },
        ),
        { minLength: 1, maxLength: 9 },
      ),
      seed: fc.integer({ min: 0, max: 1000 }),
    }),
  )
  .map(({ method, criteria, rows, seed }): RankingInput => ({
    method,
    criteria,
    alternatives: rows.map((row, i): Alternative => ({ id: `alt-${i}`, values: Object.fromEntries(row.map((v, j) => [`k${j}`, v])) })),
    robustness: { samples: 50, seed },
  }));

const scoresById = (input: RankingInput) => new Map(rankAlternatives(input).ranking.map((r) => [r.id, r]));

describe("ranking properties", () => {
  it("keeps scores within bounds (0–100, TOPSIS 0–1) and stability within 0–1", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = rankAlternatives(input);
        const max = input.method === "topsis" ? 1 : 100;
        for (const entry of result.ranking) {
          expect(entry.score).toBeGreaterThanOrEqual(0);
          expect(entry.score).toBeLessThanOrEqual(max + 1e-9);
          if (input.method !== "topsis") {
            const sum = entry.contributions.reduce((total, c) => total + c.contribution, 0);
            expect(sum).toBeCloseTo(entry.score, 9);
          }
        }
        expect(result.robustness.stability).toBeGreaterThanOrEqual(0);
        expect(result.robustness.stability).toBeLessThanOrEqual(1);
      }),
    );
  });

  it("gives every alternative the same score and rank whatever order the alternatives come in", () => {
    fc.assert(
      fc.property(inputArb, fc.infiniteStream(fc.double({ min: 0, max: 1, noNaN: true })), (input, stream) => {
        const keys = [...stream.take(input.alternatives.length)];
        const shuffled = input.alternatives
          .map((a, i) => [keys[i], a] as const)
          .sort((x, y) => x[0] - y[0])
          .map(([, a]) => a);
        const before = scoresById(input);
        const after = scoresById({ ...input, alternatives: shuffled });
        for (const [id, entry] of before) {
          expect(after.get(id)!.score).toBeCloseTo(entry.score, 9);
          expect(after.get(id)!.rank).toBe(entry.rank);
        }
      }),
    );
  });

  it("ranks the same when every weight is multiplied by the same positive factor", () => {
    fc.assert(
      fc.property(inputArb, fc.double({ min: 0.001, max: 1000, noNaN: true }), (input, factor) => {
        const scaled = { ...input, criteria: input.criteria.map((c) => ({ ...c, weight: c.weight * factor })) };
        const before = rankAlternatives(input);
        const after = rankAlternatives(scaled);
        expect(after.ranking.map((r) => [r.id, r.rank])).toEqual(before.ranking.map((r) => [r.id, r.rank]));
        after.ranking.forEach((entry, i) => expect(entry.score).toBeCloseTo(before.ranking[i].score, 9));
      }),
    );
  });

  it("weighted-sum-target: an alternative's score does not depend on the other alternatives", () => {
    fc.assert(
      fc.property(inputArb, (generated) => {
        const input = { ...generated, method: "weighted-sum-target" as const };
        const together = scoresById(input);
        for (const alternative of input.alternatives) {
          const alone = scoresById({ ...input, alternatives: [alternative] });
          expect(alone.get(alternative.id)!.score).toBe(together.get(alternative.id)!.score);
        }
      }),
    );
  });

  it("weighted sums: a dominated alternative never ranks above any alternative that dominates it", () => {
    fc.assert(
      fc.property(inputArb, fc.constantFrom(...WEIGHTED_SUMS), (generated, method) => {
        const result = rankAlternatives({ ...generated, method });
        const byId = new Map(result.ranking.map((r) => [r.id, r]));
        for (const entry of result.ranking) {
          for (const dominator of entry.dominatedBy) {
            expect(byId.get(dominator)!.rank).toBeLessThanOrEqual(entry.rank);
            expect(byId.get(dominator)!.score).toBeGreaterThanOrEqual(entry.score - 1e-9);
          }
        }
      }),
    );
  });

  it("is deterministic: the same input gives the same output, robustness included", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        expect(rankAlternatives(input)).toEqual(rankAlternatives(structuredClone(input)));
      }),
      { numRuns: 50 },
    );
  });
});
