import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dominatorsOf } from "./dominance";

/** The definition, pair by pair: the oracle for the bitset implementation. */
function naiveDominators(oriented: number[], rows: number, cols: number): number[][] {
  const result: number[][] = [];
  for (let b = 0; b < rows; b++) {
    const found: number[] = [];
    for (let a = 0; a < rows; a++) {
      if (a === b) continue;
      let atLeastAsGood = true;
      let better = false;
      for (let j = 0; j < cols; j++) {
        if (oriented[a * cols + j] < oriented[b * cols + j]) atLeastAsGood = false;
        if (oriented[a * cols + j] > oriented[b * cols + j]) better = true;
      }
      if (atLeastAsGood && better) found.push(a);
    }
    result.push(found);
  }
  return result;
}

describe("dominatorsOf", () => {
  it("finds who is at least as good everywhere and better somewhere", () => {
    // Rows: A (3, 3), B (2, 3), C (1, 1), D (3, 3) — A and D tie, both dominate B and C; B dominates C.
    const oriented = Float64Array.from([3, 3, 2, 3, 1, 1, 3, 3]);
    expect(dominatorsOf(oriented, 4, 2)).toEqual([[], [0, 3], [0, 1, 3], []]);
  });

  it("never lets a missing value (−Infinity) dominate a given one", () => {
    const oriented = Float64Array.from([5, -Infinity, 4, 1]);
    expect(dominatorsOf(oriented, 2, 2)).toEqual([[], []]);
    const both = Float64Array.from([5, -Infinity, 4, -Infinity]);
    expect(dominatorsOf(both, 2, 2)).toEqual([[], [0]]);
  });

  it("agrees with the pairwise definition on random data, including ties and missing values", () => {
    const cell = fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constant(-Infinity));
    fc.assert(
      fc.property(
        fc
          .tuple(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 5 }))
          .chain(([rows, cols]) => fc.tuple(fc.constant(rows), fc.constant(cols), fc.array(cell, { minLength: rows * cols, maxLength: rows * cols }))),
        ([rows, cols, values]) => {
          expect(dominatorsOf(Float64Array.from(values), rows, cols)).toEqual(naiveDominators(values, rows, cols));
        },
      ),
      { numRuns: 300 },
    );
  });
});
