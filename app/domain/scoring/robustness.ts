import { mulberry32 } from "./prng";
import { isClearlyGreater } from "./ranking-order";
import { closenessOf, squaredGaps } from "./topsis";

export interface PerturbationOptions {
  samples: number;
  /** Each weight is multiplied by uniform[1 − p, 1 + p]. */
  perturbation: number;
  seed: number;
}

// How stable is the winner when the weights move? Each sample multiplies every weight by an
// independent uniform[1 − p, 1 + p] factor (then renormalizes) and asks whether anyone now scores
// clearly above the winner. Both methods below rely on two facts to stay fast:
//  1. Perturbing weights never changes the per-criterion scores (target or min–max scores, or the
//     TOPSIS vector-normalized matrix), so those are computed once, outside the sample loop.
//  2. Many alternatives cannot overtake the winner for ANY weights in the box; an exact bound
//     finds them once, and the sample loop only visits the rest (often a handful out of 1,000).
// Renormalizing the perturbed weights is skipped where it provably cannot change the comparison.

/** Fills `into` with w_j × uniform[1 − p, 1 + p]; always draws `cols` numbers so samples are reproducible. */
function drawWeights(random: () => number, weights: Float64Array, perturbation: number, into: Float64Array): void {
  for (let j = 0; j < weights.length; j++) into[j] = weights[j] * (1 - perturbation + 2 * perturbation * random());
}

/**
 * Share of samples in which no alternative scores clearly above `winner` under a weighted sum of the
 * fixed criterion scores (row-major, rows × cols, 0–100).
 */
export function weightedSumStability(
  scores: Float64Array,
  rows: number,
  cols: number,
  weights: Float64Array,
  winner: number,
  options: PerturbationOptions,
): number {
  const p = options.perturbation;
  const winnerOffset = winner * cols;

  // An alternative can overtake only if its advantage, with every factor at its most favourable
  // end (1 + p where it is ahead of the winner, 1 − p where behind), is positive.
  const challengers: number[] = [];
  for (let i = 0; i < rows; i++) {
    if (i === winner) continue;
    let bestCase = 0;
    for (let j = 0; j < cols; j++) {
      const gap = weights[j] * (scores[i * cols + j] - scores[winnerOffset + j]);
      bestCase += gap * (gap > 0 ? 1 + p : 1 - p);
    }
    if (bestCase > 0) challengers.push(i);
  }
  if (challengers.length === 0) return 1;

  // Strongest challengers first, so a lost sample is usually detected on the first comparison.
  const baseTotal = (i: number) => {
    let total = 0;
    for (let j = 0; j < cols; j++) total += weights[j] * scores[i * cols + j];
    return total;
  };
  challengers.sort((a, b) => baseTotal(b) - baseTotal(a));
  const packed = new Float64Array(challengers.length * cols);
  challengers.forEach((row, k) => packed.set(scores.subarray(row * cols, row * cols + cols), k * cols));
  const winnerScores = scores.slice(winnerOffset, winnerOffset + cols);

  const random = mulberry32(options.seed);
  const perturbed = new Float64Array(cols);
  let kept = 0;
  for (let sample = 0; sample < options.samples; sample++) {
    drawWeights(random, weights, p, perturbed);
    let weightTotal = 0;
    let winnerTotal = 0;
    for (let j = 0; j < cols; j++) {
      weightTotal += perturbed[j];
      winnerTotal += perturbed[j] * winnerScores[j];
    }
    // Renormalized so the tie tolerance applies on the same 0–100 scale as the ranking.
    const winnerScore = winnerTotal / weightTotal;
    let stays = true;
    for (let k = 0; k < challengers.length && stays; k++) {
      let total = 0;
      const offset = k * cols;
      for (let j = 0; j < cols; j++) total += perturbed[j] * packed[offset + j];
      if (isClearlyGreater(total / weightTotal, winnerScore)) stays = false;
    }
    if (stays) kept++;
  }
  return kept / options.samples;
}

/**
 * Extreme of Σ t_j a_j / Σ t_j b_j over the box lo_j ≤ t_j ≤ hi_j (a, b ≥ 0), by Dinkelbach's
 * method: for the current ratio λ, the vertex minimizing (or maximizing) Σ t_j (a_j − λ b_j) sets each
 * t_j to hi or lo by the sign of its term; its ratio is the next λ. λ improves strictly until the
 * optimum, which a linear-fractional function attains at a vertex; it takes a few O(m) passes and
 * allocates nothing, which matters because it runs for every alternative.
 * Returns NaN when the denominator can be zero, i.e. there is no finite bound.
 */
function ratioExtreme(a: Float64Array, b: Float64Array, offset: number, lo: Float64Array, hi: Float64Array, maximize: boolean): number {
  const cols = lo.length;
  let numerator = 0;
  let denominator = 0;
  for (let j = 0; j < cols; j++) {
    numerator += lo[j] * a[offset + j];
    denominator += lo[j] * b[offset + j];
  }
  if (!(denominator > 0)) return Number.NaN;
  let ratio = numerator / denominator;
  for (let pass = 0; pass < 2 * cols + 2; pass++) {
    numerator = 0;
    denominator = 0;
    for (let j = 0; j < cols; j++) {
      const term = a[offset + j] - ratio * b[offset + j];
      const t = (maximize ? term > 0 : term < 0) ? hi[j] : lo[j];
      numerator += t * a[offset + j];
      denominator += t * b[offset + j];
    }
    const next = numerator / denominator;
    if (maximize ? !(next > ratio) : !(next < ratio)) break;
    ratio = next;
  }
  return ratio;
}

/**
 * Share of samples in which no alternative's TOPSIS closeness is clearly above the winner's.
 * `normalized` is the vector-normalized matrix (row-major): it does not depend on the weights.
 * With positive weights, the weighted ideal is weight × (best normalized value), so
 * d⁺² = Σ w_j² (r_ij − r⁺_j)²: the squared gaps are precomputed and each sample is one dot product
 * per challenger. Closeness is unchanged by scaling all weights, so samples are not renormalized.
 */
export function topsisStability(
  normalized: Float64Array,
  rows: number,
  cols: number,
  weights: Float64Array,
  benefit: readonly boolean[],
  winner: number,
  options: PerturbationOptions,
): number {
  const p = options.perturbation;
  const { toIdeal: gapToIdeal, toAntiIdeal: gapToAntiIdeal } = squaredGaps(normalized, rows, cols, benefit);

  // Squared perturbed weights range over [w²(1 − p)², w²(1 + p)²]. Closeness falls as
  // ρ = d⁺²/d⁻² rises, so an alternative whose smallest possible ρ over that box (its best case) is
  // above the winner's largest possible ρ (the winner's worst case) can never overtake it.
  const lo = Float64Array.from(weights, (w) => (w * (1 - p)) ** 2);
  const hi = Float64Array.from(weights, (w) => (w * (1 + p)) ** 2);
  const winnerWorstRatio = ratioExtreme(gapToIdeal, gapToAntiIdeal, winner * cols, lo, hi, true);
  const challengers: { row: number; bestRatio: number }[] = [];
  for (let i = 0; i < rows; i++) {
    if (i === winner) continue;
    let bestRatio = ratioExtreme(gapToIdeal, gapToAntiIdeal, i * cols, lo, hi, false);
    if (Number.isNaN(bestRatio)) {
      // No finite bound: d⁻ is zero under every weighting, so closeness is 0 and the row cannot win,
      // unless d⁺ is zero too (closeness 1): such a row is checked in every sample.
      if (gapToIdealIsPositive(gapToIdeal, i * cols, weights)) continue;
      bestRatio = -Infinity;
    }
    if (Number.isFinite(winnerWorstRatio) && bestRatio > winnerWorstRatio * (1 + 1e-12)) continue;
    challengers.push({ row: i, bestRatio });
  }
  if (challengers.length === 0) return 1;

  // Ordered by best case, so within a sample the loop can stop at the first challenger whose best
  // case cannot beat the winner's actual ρ in that sample — usually after a handful.
  challengers.sort((x, y) => x.bestRatio - y.bestRatio);
  const count = challengers.length;
  const bestRatios = Float64Array.from(challengers, (c) => c.bestRatio);
  const packedIdeal = new Float64Array(count * cols);
  const packedAntiIdeal = new Float64Array(count * cols);
  challengers.forEach(({ row }, k) => {
    packedIdeal.set(gapToIdeal.subarray(row * cols, row * cols + cols), k * cols);
    packedAntiIdeal.set(gapToAntiIdeal.subarray(row * cols, row * cols + cols), k * cols);
  });
  const winnerIdeal = gapToIdeal.slice(winner * cols, winner * cols + cols);
  const winnerAntiIdeal = gapToAntiIdeal.slice(winner * cols, winner * cols + cols);

  const random = mulberry32(options.seed);
  const perturbed = new Float64Array(cols);
  let kept = 0;
  for (let sample = 0; sample < options.samples; sample++) {
    drawWeights(random, weights, p, perturbed);
    let winnerPlus = 0;
    let winnerMinus = 0;
    for (let j = 0; j < cols; j++) {
      const t = perturbed[j] * perturbed[j];
      perturbed[j] = t; // from here on, the squared weight
      winnerPlus += t * winnerIdeal[j];
      winnerMinus += t * winnerAntiIdeal[j];
    }
    const winnerCloseness = closenessOf(Math.sqrt(winnerPlus), Math.sqrt(winnerMinus));
    const winnerRatio = winnerPlus / winnerMinus; // NaN or Infinity disable the early stop below
    let stays = true;
    for (let k = 0; k < count; k++) {
      if (bestRatios[k] > winnerRatio * (1 + 1e-12)) break;
      let plus = 0;
      let minus = 0;
      const offset = k * cols;
      for (let j = 0; j < cols; j++) {
        plus += perturbed[j] * packedIdeal[offset + j];
        minus += perturbed[j] * packedAntiIdeal[offset + j];
      }
      if (isClearlyGreater(closenessOf(Math.sqrt(plus), Math.sqrt(minus)), winnerCloseness)) {
        stays = false;
        break;
      }
    }
    if (stays) kept++;
  }
  return kept / options.samples;
}

function gapToIdealIsPositive(gapToIdeal: Float64Array, offset: number, weights: Float64Array): boolean {
  for (let j = 0; j < weights.length; j++) if (weights[j] > 0 && gapToIdeal[offset + j] > 0) return true;
  return false;
}
