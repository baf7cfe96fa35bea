import { describe, expect, it } from "vitest";
import type { DecisionMatrix } from "./decision-matrix";
import { minMaxScores, normalizeWeights, targetScore, targetScores, vectorNormalize } from "./normalize";

const matrixOf = (rows: (number | null)[][]): DecisionMatrix => {
  const cols = rows[0].length;
  return {
    rows: rows.length,
    cols,
    values: Float64Array.from(rows.flat(), (v) => v ?? 0),
    present: Uint8Array.from(rows.flat(), (v) => (v === null ? 0 : 1)),
    imputedValue: new Array(cols).fill(null),
    credibility: [],
  };
};

describe("targetScore", () => {
  it("maps worst → 0 and best → 100 linearly, for benefit and cost scales", () => {
    expect(targetScore(0.95, { worst: 0.9, best: 1 })).toBeCloseTo(50, 12);
    expect(targetScore(21_500_000, { worst: 30_000_000, best: 18_000_000 })).toBeCloseTo((8.5 / 12) * 100, 12);
  });

  it("clamps values beyond the scale to 0–100", () => {
    expect(targetScore(1.2, { worst: 0, best: 1 })).toBe(100);
    expect(targetScore(-3, { worst: 0, best: 1 })).toBe(0);
    expect(targetScore(40, { worst: 24, best: 2 })).toBe(0);
  });

  it("scores a missing value 0 in the matrix, whatever was imputed", () => {
    const matrix = matrixOf([[null], [5]]);
    matrix.values[0] = 10; // even an imputed value at the best end must not earn points
    expect(Array.from(targetScores(matrix, [{ worst: 0, best: 10 }]))).toEqual([0, 50]);
  });
});

describe("minMaxScores", () => {
  it("gives the best value 100 and the worst 0, respecting direction", () => {
    const matrix = matrixOf([
      [10, 10],
      [20, 15],
      [30, 30],
    ]);
    expect(Array.from(minMaxScores(matrix, [true, false]))).toEqual([0, 100, 50, 75, 100, 0]);
  });

  it("gives everyone 100 on a constant column, but a missing value 0", () => {
    const matrix = matrixOf([[7], [7], [null]]);
    matrix.values[2] = 7; // imputed as the worst present, which here equals everyone's value
    expect(Array.from(minMaxScores(matrix, [true]))).toEqual([100, 100, 0]);
  });
});

describe("vectorNormalize and normalizeWeights", () => {
  it("divides each column by its Euclidean norm", () => {
    const normalized = vectorNormalize(Float64Array.from([3, 1, 4, 0]), 2, 2);
    expect(Array.from(normalized)).toEqual([0.6, 1, 0.8, 0]);
  });

  it("normalizes any positive weights to sum to 1", () => {
    expect(Array.from(normalizeWeights([40, 25, 20, 15, 0]))).toEqual([0.4, 0.25, 0.2, 0.15, 0]);
  });
});
