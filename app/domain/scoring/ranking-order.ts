/**
 * Scores closer than this (relative to their size, and never below 1e-9 absolute on a 0–100 or
 * 0–1 scale) are a tie. Without it, the same two quotes could be tied or not depending on the
 * order floating-point sums were taken in, e.g. after the list is merely re-sorted.
 */
export const TIE_TOLERANCE = 1e-9;

export function isTie(a: number, b: number): boolean {
  return Math.abs(a - b) <= TIE_TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b));
}

export function isClearlyGreater(a: number, b: number): boolean {
  return a - b > TIE_TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b));
}

export interface RankOrder {
  /** Indices into the scored list, best first; ties are ordered by id so the output is stable. */
  order: number[];
  /** `ranks[k]` is the competition rank of `order[k]` (1, 1, 3 …). */
  ranks: number[];
}

export function rankByScore(scores: ArrayLike<number>, ids: readonly string[]): RankOrder {
  const byId = (a: number, b: number) => (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : 0);
  // Sort exactly first (a tolerance inside a comparator is not transitive), then group ties.
  const sorted = Array.from({ length: scores.length }, (_, i) => i);
  sorted.sort((a, b) => scores[b] - scores[a] || byId(a, b));
  // A tie group is anchored on its first (highest) score, so a chain of near-equal scores cannot
  // drift into one long tie.
  const order: number[] = [];
  const ranks: number[] = [];
  let start = 0;
  while (start < sorted.length) {
    let end = start + 1;
    while (end < sorted.length && isTie(scores[sorted[start]], scores[sorted[end]])) end++;
    const group = sorted.slice(start, end).sort(byId);
    for (const index of group) {
      order.push(index);
      ranks.push(start + 1);
    }
    start = end;
  }
  return { order, ranks };
}
