import { PERSPECTIVES, type Contribution, type Method, type Perspective } from "~/domain/scoring";

// The Balanced-Scorecard radar's four numbers: each perspective's score is the weighted average
// of its criteria's 0–100 scores. TOPSIS has no 0–100 criterion score, so its weighted value is
// rescaled between the anti-ideal (0) and the ideal (100) of that criterion.

export type PerspectiveScores = Record<Perspective, number | null>;

/** A criterion's standing on 0–100 under any method; null when the method gave nothing to show. */
export function criterionScore100(c: Contribution, method: Method): number | null {
  if (method !== "topsis") return c.score ?? null;
  if (c.weighted === undefined || c.ideal === undefined || c.antiIdeal === undefined) return null;
  const span = c.ideal - c.antiIdeal;
  if (span === 0) return 100; // every ranked quote is equal here: each is as good as the best
  return clamp(((c.weighted - c.antiIdeal) / span) * 100);
}

export function perspectiveScores(
  contributions: readonly Contribution[],
  perspectiveOf: (criterionKey: string) => Perspective | undefined,
  method: Method,
): PerspectiveScores {
  const sums = Object.fromEntries(PERSPECTIVES.map((p) => [p, { weighted: 0, weight: 0 }])) as Record<Perspective, { weighted: number; weight: number }>;
  for (const c of contributions) {
    const perspective = perspectiveOf(c.criterion);
    const score = criterionScore100(c, method);
    // Weight-0 criteria (gate-only certifications) decide eligibility, not standing.
    if (!perspective || score === null || c.weight <= 0) continue;
    sums[perspective].weighted += c.weight * score;
    sums[perspective].weight += c.weight;
  }
  return Object.fromEntries(PERSPECTIVES.map((p) => [p, sums[p].weight > 0 ? sums[p].weighted / sums[p].weight : null])) as PerspectiveScores;
}

const clamp = (n: number) => Math.min(100, Math.max(0, n));
