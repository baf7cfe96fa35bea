/**
 * Pareto dominators of a FEW rows (the quotes one response shows), found by a sort-based skyline
 * instead of the whole-ranking bitset pass of dominance.ts. Same definition and same input as
 * `dominatorsOf`: `oriented` is row-major rows × cols, larger is better, missing is −Infinity.
 *
 * Why a sort helps: if a dominates b, a is missing nowhere b is present, so a has at most as many
 * missing values as b; with as many, both miss exactly the same criteria and a's sum over the
 * others is ≥ b's (floating-point addition is monotone, so the computed sums keep that order). Rows
 * sorted by (missing count ascending, sum descending) therefore put every possible dominator of b
 * in the prefix that ends with b's own key group; only that prefix is compared element by element,
 * with an early exit at the first criterion where the candidate is worse. For the top of a ranking
 * the prefix is short; for a page deep in a 1,000-quote ranking it is at most the whole list, i.e.
 * never worse than pairs against every row.
 */
export interface Skyline {
  /** Row indices in key order (fewest missing first, then largest sum). */
  readonly sorted: Int32Array;
  /** Per row: its position in `sorted`'s key order, rounded up to the end of its equal-key group. */
  readonly prefixEnd: Int32Array;
}

export function skylineOf(oriented: Float64Array, rows: number, cols: number): Skyline {
  const missing = new Int32Array(rows);
  const sums = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let count = 0;
    let sum = 0;
    for (let j = 0; j < cols; j++) {
      const v = oriented[i * cols + j];
      if (v === -Infinity) count++;
      else sum += v;
    }
    missing[i] = count;
    sums[i] = sum;
  }
  const sorted = Int32Array.from({ length: rows }, (_, i) => i).sort((a, b) => missing[a] - missing[b] || sums[b] - sums[a]);
  const prefixEnd = new Int32Array(rows);
  let end = rows;
  for (let k = rows - 1; k >= 0; k--) {
    // A group of equal keys ends where the next key differs: a row's candidates include its whole group.
    if (k < rows - 1) {
      const here = sorted[k];
      const next = sorted[k + 1];
      if (missing[here] !== missing[next] || sums[here] !== sums[next]) end = k + 1;
    }
    prefixEnd[sorted[k]] = end;
  }
  return { sorted, prefixEnd };
}

/** The rows that dominate `target`, in the skyline's order (the caller orders them as it shows them). */
export function dominatorsOfRow(oriented: Float64Array, cols: number, skyline: Skyline, target: number): number[] {
  const found: number[] = [];
  const end = skyline.prefixEnd[target];
  const base = target * cols;
  for (let k = 0; k < end; k++) {
    const a = skyline.sorted[k];
    if (a === target) continue;
    const offset = a * cols;
    let better = false;
    let j = 0;
    for (; j < cols; j++) {
      const x = oriented[offset + j];
      const y = oriented[base + j];
      if (x < y) break;
      if (x > y) better = true;
    }
    if (j === cols && better) found.push(a);
  }
  return found;
}
