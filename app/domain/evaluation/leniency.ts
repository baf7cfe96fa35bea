import type { RatingScale } from "./ratings";

// An evaluator's leniency across RFQs (issue 18 item 4; decision 0047): the mean of (its rating − the reference) over
// its submitted ratings, where the reference is the chair's consensus score of that quote and criterion or, without
// one, the mean of the panel's submitted ratings. Every value is first put on 0–1 by its criterion's scale, so 1–5 and
// 0–100 criteria mix: +0.25 is one point above on a 5-point scale, or 25 points above on 0–100. Pure.

export interface LeniencyRating {
  evaluatorId: string;
  rfqId: string;
  quoteId: string;
  criterionKey: string;
  score: number;
  scale: RatingScale;
}

export interface LeniencyUnitReference {
  rfqId: string;
  quoteId: string;
  criterionKey: string;
  consensus: number;
}

export type LeniencyReading = "lenient" | "strict" | "balanced";

/** One level of a 5-point scale is 0.25: beyond ±0.1 on average (0.4 points of 5, 10 of 100) an evaluator leans. */
export const LENIENCY_THRESHOLD = 0.1;

export interface EvaluatorLeniency {
  evaluatorId: string;
  /** Ratings that had a reference other than the evaluator's own score. */
  count: number;
  /** Mean normalized deviation; null with no comparable rating. */
  leniency: number | null;
  reading: LeniencyReading | null;
  /** RFQs the counted ratings came from. */
  rfqs: number;
}

export function readLeniency(leniency: number): LeniencyReading {
  if (leniency > LENIENCY_THRESHOLD) return "lenient";
  if (leniency < -LENIENCY_THRESHOLD) return "strict";
  return "balanced";
}

const norm = (scale: RatingScale, v: number) => (v - scale.min) / (scale.max - scale.min);
const unitKey = (r: { rfqId: string; quoteId: string; criterionKey: string }) => `${r.rfqId}\u0000${r.quoteId}\u0000${r.criterionKey}`;

/**
 * Leniency per evaluator, evaluators in `evaluatorIds` order (those given with no rating come back with a null
 * figure). `ratings` are every submitted rating of the units involved — the panel's too, since the panel mean is the
 * reference without a consensus. A unit its evaluator rated alone and without consensus has no reference and is not
 * counted (its deviation from itself would be a meaningless 0).
 */
export function evaluatorLeniency(input: {
  evaluatorIds: readonly string[];
  ratings: readonly LeniencyRating[];
  consensus: readonly LeniencyUnitReference[];
}): EvaluatorLeniency[] {
  const consensus = new Map(input.consensus.map((c) => [unitKey(c), c.consensus]));
  const panel = new Map<string, number[]>();
  for (const r of input.ratings) {
    const list = panel.get(unitKey(r)) ?? [];
    list.push(r.score);
    panel.set(unitKey(r), list);
  }
  return input.evaluatorIds.map((evaluatorId) => {
    const deviations: number[] = [];
    const rfqs = new Set<string>();
    for (const r of input.ratings) {
      if (r.evaluatorId !== evaluatorId) continue;
      const key = unitKey(r);
      const scores = panel.get(key)!;
      const agreed = consensus.get(key);
      if (agreed === undefined && scores.length < 2) continue;
      const reference = agreed ?? scores.reduce((s, x) => s + x, 0) / scores.length;
      deviations.push(norm(r.scale, r.score) - norm(r.scale, reference));
      rfqs.add(r.rfqId);
    }
    if (deviations.length === 0) return { evaluatorId, count: 0, leniency: null, reading: null, rfqs: 0 };
    const leniency = deviations.reduce((s, d) => s + d, 0) / deviations.length;
    return { evaluatorId, count: deviations.length, leniency, reading: readLeniency(leniency), rfqs: rfqs.size };
  });
}
