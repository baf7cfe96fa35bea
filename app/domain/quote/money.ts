/**
 * Exact integer arithmetic for money. Amounts are integer minor units (JPY: 1 = ¥1); intermediate
 * products (price × quantity × months × 100) can pass 2^53, so they are computed as BigInt and only
 * turned back into numbers at the end, with a loud failure instead of a silent rounding error.
 */

/** Rounds a non-negative quotient to the nearest integer, halves up (四捨五入). */
export function divRoundHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (numerator < 0n || denominator <= 0n) throw new RangeError("divRoundHalfUp expects a non-negative numerator and a positive denominator");
  return (numerator * 2n + denominator) / (denominator * 2n);
}

export function toSafeNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError(`Amount ${value} exceeds the safe integer range`);
  }
  return Number(value);
}

export function toBigInt(amount: number): bigint {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`Amount ${amount} is not a safe integer`);
  return BigInt(amount);
}

/**
 * Splits `total` in proportion to `weights` so that the parts are integers that add up to exactly `total`
 * (largest-remainder method; ties go to the earlier part). Used to show per-line tax-excluded amounts
 * when the tax was removed once on the total.
 */
export function allocateProportionally(total: bigint, weights: readonly bigint[]): bigint[] {
  const weightSum = weights.reduce((acc, weight) => acc + weight, 0n);
  if (weightSum === 0n) return weights.map(() => 0n);
  const parts = weights.map((weight) => (total * weight) / weightSum);
  const remainders = weights.map((weight, index) => ({ index, remainder: (total * weight) % weightSum }));
  let left = total - parts.reduce((acc, part) => acc + part, 0n);
  remainders.sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (let i = 0; left > 0n; i++, left--) parts[remainders[i].index] += 1n;
  return parts;
}
