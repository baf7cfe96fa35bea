import { vectorNormalize } from "./normalize";

export interface TopsisResult {
  /** x / √Σx², row-major. */
  normalized: Float64Array;
  /** weight × normalized, row-major. */
  weighted: Float64Array;
  /** Per criterion: the best and worst weighted value, respecting direction. */
  ideal: Float64Array;
  antiIdeal: Float64Array;
  /** Per alternative: Euclidean distance to the ideal (d⁺) and the anti-ideal (d⁻). */
  distanceToIdeal: Float64Array;
  distanceToAntiIdeal: Float64Array;
  /** d⁻ / (d⁺ + d⁻), in 0–1. */
  closeness: Float64Array;
}

/**
 * d⁻ / (d⁺ + d⁻). When both are zero every alternative is identical on every weighted criterion;
 * each then sits at the ideal, so it scores 1 (also the case of a single alternative).
 */
export function closenessOf(distanceToIdeal: number, distanceToAntiIdeal: number): number {
  const total = distanceToIdeal + distanceToAntiIdeal;
  return total === 0 ? 1 : distanceToAntiIdeal / total;
}

/** Classic TOPSIS (Hwang & Yoon 1981) over a row-major decision matrix. */
export function topsis(values: Float64Array, rows: number, cols: number, weights: Float64Array, benefit: readonly boolean[]): TopsisResult {
  const normalized = vectorNormalize(values, rows, cols);
  const weighted = new Float64Array(rows * cols);
  const ideal = new Float64Array(cols);
  const antiIdeal = new Float64Array(cols);
  for (let j = 0; j < cols; j++) {
    let max = -Infinity;
    let min = Infinity;
    for (let i = 0; i < rows; i++) {
      const v = weights[j] * normalized[i * cols + j];
      weighted[i * cols + j] = v;
      if (v > max) max = v;
      if (v < min) min = v;
    }
    ideal[j] = rows === 0 ? 0 : benefit[j] ? max : min;
    antiIdeal[j] = rows === 0 ? 0 : benefit[j] ? min : max;
  }
  const distanceToIdeal = new Float64Array(rows);
  const distanceToAntiIdeal = new Float64Array(rows);
  const closeness = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let plus = 0;
    let minus = 0;
    for (let j = 0; j < cols; j++) {
      const v = weighted[i * cols + j];
      plus += (v - ideal[j]) ** 2;
      minus += (v - antiIdeal[j]) ** 2;
    }
    distanceToIdeal[i] = Math.sqrt(plus);
    distanceToAntiIdeal[i] = Math.sqrt(minus);
    closeness[i] = closenessOf(distanceToIdeal[i], distanceToAntiIdeal[i]);
  }
  return { normalized, weighted, ideal, antiIdeal, distanceToIdeal, distanceToAntiIdeal, closeness };
}

/**
 * Per cell, the squared gap of the vector-normalized value to its column's best (ideal) and worst
 * (anti-ideal) value. With weights w ≥ 0, d⁺² = Σ w_j² × toIdeal and d⁻² = Σ w_j² × toAntiIdeal: the
 * gaps do not depend on the weights, which is what the robustness and stability analyses rely on.
 */
export function squaredGaps(
  normalized: Float64Array,
  rows: number,
  cols: number,
  benefit: readonly boolean[],
): { toIdeal: Float64Array; toAntiIdeal: Float64Array } {
  const toIdeal = new Float64Array(rows * cols);
  const toAntiIdeal = new Float64Array(rows * cols);
  for (let j = 0; j < cols; j++) {
    let max = -Infinity;
    let min = Infinity;
    for (let i = 0; i < rows; i++) {
      const r = normalized[i * cols + j];
      if (r > max) max = r;
      if (r < min) min = r;
    }
    const best = benefit[j] ? max : min;
    const worst = benefit[j] ? min : max;
    for (let i = 0; i < rows; i++) {
      const r = normalized[i * cols + j];
      toIdeal[i * cols + j] = (r - best) ** 2;
      toAntiIdeal[i * cols + j] = (r - worst) ** 2;
    }
  }
  return { toIdeal, toAntiIdeal };
}
