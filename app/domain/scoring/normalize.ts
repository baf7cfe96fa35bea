import type { DecisionMatrix } from "./decision-matrix";
import type { TargetScale } from "./types";

/** Linear map of a value onto its target scale (worst → 0, best → 100), clamped to 0–100. */
export function targetScore(value: number, scale: TargetScale): number {
  const score = ((value - scale.worst) / (scale.best - scale.worst)) * 100;
  return score < 0 ? 0 : score > 100 ? 100 : score;
}

/** Criterion scores on 0–100 from each criterion's own target scale; missing values score 0. */
export function targetScores(matrix: DecisionMatrix, scales: readonly TargetScale[]): Float64Array {
  const { rows, cols, values, present } = matrix;
  const scores = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const cell = i * cols + j;
      scores[cell] = present[cell] ? targetScore(values[cell], scales[j]) : 0;
    }
  }
  return scores;
}

/**
 * Criterion scores on 0–100 relative to the alternatives present: the best value given earns 100,
 * the worst 0. When everyone gave the same value they all earn 100 (nobody is worse). A missing
 * value always earns 0 — even in such a column — so it is never worth as much as a value given.
 */
export function minMaxScores(matrix: DecisionMatrix, benefit: readonly boolean[]): Float64Array {
  const { rows, cols, values, present } = matrix;
  const scores = new Float64Array(rows * cols);
  for (let j = 0; j < cols; j++) {
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < rows; i++) {
      const cell = i * cols + j;
      if (!present[cell]) continue;
      if (values[cell] < min) min = values[cell];
      if (values[cell] > max) max = values[cell];
    }
    const range = max - min;
    for (let i = 0; i < rows; i++) {
      const cell = i * cols + j;
      if (!present[cell]) scores[cell] = 0;
      else if (range === 0) scores[cell] = 100;
      else scores[cell] = ((benefit[j] ? values[cell] - min : max - values[cell]) / range) * 100;
    }
  }
  return scores;
}

/**
 * TOPSIS vector normalization, x / √Σx² per criterion. A column of zeros stays zero rather than
 * dividing by zero: it cannot tell the alternatives apart, and zero keeps it out of the distances.
 */
export function vectorNormalize(values: Float64Array, rows: number, cols: number): Float64Array {
  const normalized = new Float64Array(rows * cols);
  for (let j = 0; j < cols; j++) {
    let sumOfSquares = 0;
    for (let i = 0; i < rows; i++) sumOfSquares += values[i * cols + j] ** 2;
    const norm = Math.sqrt(sumOfSquares);
    if (norm === 0) continue;
    for (let i = 0; i < rows; i++) normalized[i * cols + j] = values[i * cols + j] / norm;
  }
  return normalized;
}

/** Weights divided by their sum, so any positive numbers (percentages, points, AHP output) work. */
export function normalizeWeights(weights: readonly number[]): Float64Array {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  return Float64Array.from(weights, (weight) => weight / total);
}
