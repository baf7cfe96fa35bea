/**
 * Pareto dominance among ranked alternatives. `oriented` is row-major rows × cols with every
 * criterion turned so that larger is better (cost values negated) and missing values as −Infinity:
 * a value nobody can check is worse than any value given, so a quote with a gap never dominates
 * one without it on that criterion — which also keeps dominance consistent with the scores, where
 * a missing value earns the minimum.
 * Returns, for each row, the rows that are at least as good everywhere and strictly better somewhere.
 *
 * Comparing every pair costs O(n² · m) with unpredictable branches (about 15 ms for 1,000 × 20).
 * Instead, per criterion, the set of rows at least as good as row b is a prefix of that criterion's
 * sort order; intersecting those sets as bitsets gives every row's weak dominators with word-wide
 * ANDs, and only those few candidates are compared element by element.
 */
export function dominatorsOf(oriented: Float64Array, rows: number, cols: number): number[][] {
  const words = (rows + 31) >>> 5;
  // atLeastAsGood[b * words ...]: bit a set ⇔ row a is ≥ row b on every criterion seen so far.
  const atLeastAsGood = new Int32Array(rows * words).fill(-1);
  const running = new Int32Array(words);
  const column = new Float64Array(rows);
  const sorted = new Float64Array(rows);
  const order = new Int32Array(rows);
  const filled = new Int32Array(rows);
  // Rows already left with no other candidate need no more work: in practice most rows reach
  // that state within a few criteria, which cuts the bitset work several-fold.
  const settled = new Uint8Array(rows);

  for (let j = 0; j < cols; j++) {
    // Argsort without a comparator callback (the callback version costs most of the time):
    // native numeric sort of the values, then each row goes to the slot of its value's first
    // occurrence, so equal values share one contiguous group.
    for (let i = 0; i < rows; i++) column[i] = oriented[i * cols + j];
    sorted.set(column);
    sorted.sort();
    filled.fill(0);
    for (let i = 0; i < rows; i++) {
      const position = lowerBound(sorted, column[i]);
      order[position + filled[position]++] = i;
    }
    running.fill(0);
    let end = rows;
    while (end > 0) {
      // From the best value down; a group of equal values joins the running set together,
      // because equal counts as "at least as good".
      const value = sorted[end - 1];
      let start = end - 1;
      while (start > 0 && sorted[start - 1] === value) start--;
      for (let k = start; k < end; k++) running[order[k] >>> 5] |= 1 << (order[k] & 31);
      for (let k = start; k < end; k++) {
        const row = order[k];
        if (settled[row]) continue;
        const offset = row * words;
        const ownWord = row >>> 5;
        const ownBit = 1 << (row & 31);
        let others = 0;
        for (let w = 0; w < words; w++) {
          const bits = atLeastAsGood[offset + w] & running[w];
          atLeastAsGood[offset + w] = bits;
          others |= w === ownWord ? bits & ~ownBit : bits;
        }
        if (others === 0) settled[row] = 1;
      }
      end = start;
    }
  }

  const dominators: number[][] = [];
  for (let b = 0; b < rows; b++) {
    const found: number[] = [];
    const offset = b * words;
    for (let w = 0; w < words; w++) {
      let bits = atLeastAsGood[offset + w];
      while (bits !== 0) {
        const bit = 31 - Math.clz32(bits & -bits);
        bits &= bits - 1;
        const a = (w << 5) + bit;
        if (a !== b && strictlyBetterSomewhere(oriented, a, b, cols)) found.push(a);
      }
    }
    dominators.push(found);
  }
  return dominators;
}

function strictlyBetterSomewhere(oriented: Float64Array, a: number, b: number, cols: number): boolean {
  for (let j = 0; j < cols; j++) if (oriented[a * cols + j] > oriented[b * cols + j]) return true;
  return false;
}

/** Index of the first element ≥ value in an ascending array. */
function lowerBound(sorted: Float64Array, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle] < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
