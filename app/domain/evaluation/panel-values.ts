import type { Criterion } from "~/domain/rfq/schema";
import { criterionRatingValue, ratingScaleOf, summarizeRatings } from "./ratings";

// The value each quote has on each evaluator-rated criterion once the panel has submitted: the chair's
// consensus when recorded, else the mean of the ratings (criterionRatingValue), with the basis the
// comparison shows beside it ("合議" / "平均 (n)").

export interface RatedValue {
  value: number;
  basis: "consensus" | "mean";
  /** How many ratings the mean is of. */
  n: number;
  /** The spread reached the scale's threshold: the chair must record a consensus. */
  flagged: boolean;
}

export function panelRatingValues(
  criteria: readonly Criterion[],
  ratings: readonly { quote_id: string; criterion_key: string; score: number }[],
  consensus: readonly { quote_id: string; criterion_key: string; score: number }[],
): Record<string, Record<string, RatedValue>> {
  const out: Record<string, Record<string, RatedValue>> = {};
  const consensusOf = new Map(consensus.map((c) => [`${c.quote_id}|${c.criterion_key}`, c.score]));
  const scoresOf = new Map<string, number[]>();
  for (const r of ratings) {
    const k = `${r.quote_id}|${r.criterion_key}`;
    scoresOf.set(k, [...(scoresOf.get(k) ?? []), r.score]);
  }
  const quoteIds = new Set([...ratings.map((r) => r.quote_id), ...consensus.map((c) => c.quote_id)]);
  for (const c of criteria.filter((x) => x.source === "advisor_rating")) {
    const scale = ratingScaleOf(c);
    for (const q of quoteIds) {
      const scores = scoresOf.get(`${q}|${c.key}`) ?? [];
      const summary = summarizeRatings(scale, scores);
      const agreed = consensusOf.get(`${q}|${c.key}`);
      const value = criterionRatingValue(summary, agreed);
      if (value === null) continue;
      (out[q] ??= {})[c.key] = { value, basis: typeof agreed === "number" ? "consensus" : "mean", n: scores.length, flagged: summary?.flagged ?? false };
    }
  }
  return out;
}
