import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dominatorsOf } from "./dominance";
import { rankAlternatives } from "./rank";
import { rankCore, rankedEntries } from "./ranking-core";
import { dominatorsOfRow, skylineOf } from "./skyline";
import type { Alternative, Criterion, Method, RankingInput } from "./types";

// A page of the two-step ranking must be the page-less ranking cut at the same place, for every
// method, whatever the page boundaries — including a page that ends on the last position (its
// sentence compares upwards) and a page of one. And the skyline must find exactly the dominators
// the definition finds, pair by pair.

const METHODS: Method[] = ["weighted-sum-target", "weighted-sum-minmax", "topsis"];

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

// A small value grid with missing values: ties, equal rows and dominance chains are common.
const inputArb = fc
  .integer({ min: 1, max: 5 })
  .chain((criteriaCount) =>
    fc.record({
      method: fc.constantFrom(...METHODS),
      criteria: fc.tuple(...Array.from({ length: criteriaCount }, (_, j) => criterionArb(j))),
      rows: fc.array(
        fc.array(
          fc.option(
            fc.integer({ min: 0, max: 6 }).map((v) => v * 10),
            { freq: 6, nil: null },
          ),
          { minLength: criteriaCount, maxLength: criteriaCount },
        ),
        {
          minLength: 1,
          maxLength: 14,
        },
      ),
      from: fc.nat(15),
      size: fc.integer({ min: 1, max: 15 }),
    }),
  )
  .map(({ method, criteria, rows, from, size }) => ({
    input: {
      method,
      criteria,
      alternatives: rows.map((row, i): Alternative => ({
        id: `alt-${String(i).padStart(2, "0")}`,
        values: Object.fromEntries(row.map((v, j) => [`k${j}`, v])),
      })),
      robustness: { samples: 20, seed: 7 },
    } satisfies RankingInput,
    from,
    size,
  }));

/** The definition, every pair: the oracle. */
function allPairs(oriented: Float64Array, rows: number, cols: number, b: number): number[] {
  const found: number[] = [];
  for (let a = 0; a < rows; a++) {
    if (a === b) continue;
    let atLeast = true;
    let better = false;
    for (let j = 0; j < cols; j++) {
      if (oriented[a * cols + j] < oriented[b * cols + j]) atLeast = false;
      if (oriented[a * cols + j] > oriented[b * cols + j]) better = true;
    }
    if (atLeast && better) found.push(a);
  }
  return found;
}

describe("rankCore + rankedEntries", () => {
  it("gives exactly rankAlternatives' entries for any page, and the same order, ranks, robustness and disqualified", () => {
    fc.assert(
      fc.property(inputArb, ({ input, from, size }) => {
        const full = rankAlternatives(input);
        const core = rankCore(input);
        expect(core.order.map((row) => core.ids[row])).toEqual(full.ranking.map((r) => r.id));
        expect(core.ranks).toEqual(full.ranking.map((r) => r.rank));
        expect(core.robustness).toEqual(full.robustness);
        expect(core.disqualified).toEqual(full.disqualified);
        expect(rankedEntries(core, from, from + size)).toEqual(full.ranking.slice(from, from + size));
        // Page by page, the pages put back together are the whole ranking.
        const pages = [];
        for (let start = 0; start < full.ranking.length; start += size) pages.push(...rankedEntries(core, start, start + size));
        expect(pages).toEqual(full.ranking);
      }),
      { numRuns: 300 },
    );
  });

  it("explains a one-entry page at the last position against the one above (not as the only one)", () => {
    const criteria: Criterion[] = [
      { key: "k0", label: { ja: "価格", en: "Price" }, perspective: "financial", direction: "benefit", weight: 1, scale: { worst: 0, best: 100 } },
    ];
    const input: RankingInput = { method: "weighted-sum-target", criteria, alternatives: [10, 50, 90].map((v, i) => ({ id: `q${i}`, values: { k0: v } })) };
    const [last] = rankedEntries(rankCore(input), 2, 3);
    expect(last.explanation.en).toMatch(/^q0 ranks below q1/);
    expect(last).toEqual(rankAlternatives(input).ranking[2]);
  });
});

describe("skyline dominators", () => {
  it("equal the all-pairs definition and the bitset pass, row by row", () => {
    const cell = fc.oneof({ weight: 6, arbitrary: fc.integer({ min: -3, max: 3 }) }, { weight: 1, arbitrary: fc.constant(-Infinity) });
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 6 })
          .chain((cols) => fc.tuple(fc.constant(cols), fc.array(fc.array(cell, { minLength: cols, maxLength: cols }), { minLength: 1, maxLength: 20 }))),
        ([cols, table]) => {
          const rows = table.length;
          const oriented = Float64Array.from(table.flat());
          const skyline = skylineOf(oriented, rows, cols);
          const bitset = dominatorsOf(oriented, rows, cols);
          for (let b = 0; b < rows; b++) {
            const sky = dominatorsOfRow(oriented, cols, skyline, b).sort((x, y) => x - y);
            expect(sky).toEqual(allPairs(oriented, rows, cols, b));
            expect(sky).toEqual([...bitset[b]].sort((x, y) => x - y));
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
