import { regularizedIncompleteBeta } from "~/domain/scoring/incomplete-beta";

/** Quantiles are found to this width in p (the rate), far below anything a page prints. */
export const QUANTILE_TOLERANCE = 1e-9;

/**
 * The p-quantile of Beta(a, b): the x with I_x(a, b) = p, for a, b > 0 (real, not only whole numbers).
 *
 * Bisection on [0, 1], not Newton: I_x(a, b) is monotone in x, so bisection always converges, and its
 * ~40 steps to 1e-9 cost nothing next to a page render. Newton would need a good start for skewed shapes
 * (a = 0.3, b = 7.5 puts the 5th percentile near 4e-6) and can step outside [0, 1].
 */
export function betaQuantile(p: number, a: number, b: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`p must be between 0 and 1 (got ${p})`);
  if (!(a > 0 && b > 0 && Number.isFinite(a) && Number.isFinite(b)))
    throw new RangeError(`Beta shape parameters must be positive and finite (got a = ${a}, b = ${b})`);
  if (p === 0) return 0;
  if (p === 1) return 1;
  let low = 0;
  let high = 1;
  // Halve until the bracket is narrower than the tolerance; the midpoint is then within it of the root.
  while (high - low > QUANTILE_TOLERANCE) {
    const mid = (low + high) / 2;
    if (regularizedIncompleteBeta(mid, a, b) < p) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}
