/** Σ normalized weight × criterion score, per alternative; scores are row-major rows × cols. */
export function weightedSums(scores: Float64Array, rows: number, cols: number, weights: Float64Array): Float64Array {
  const totals = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let total = 0;
    const offset = i * cols;
    for (let j = 0; j < cols; j++) total += weights[j] * scores[offset + j];
    totals[i] = total;
  }
  return totals;
}
