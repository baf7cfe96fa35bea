import type { Criterion, RatingLevels } from "~/domain/rfq/schema";
import type { LocalizedText } from "~/domain/rfq/categories";

// Evaluator ratings of one criterion (issue 18 item 3): the scale an evaluator rates on, and what the
// panel's ratings of one quote say together — mean, spread, and whether the spread is wide enough that
// the chair must write a consensus. Pure, so the pages, the API, the exports and the ranking agree.

export interface RatingScale {
  levels: RatingLevels;
  min: number;
  max: number;
  /** A range at or above this needs the chair's consensus comment: 2 points of 5, 40 of 100. */
  flagSpreadAt: number;
  /** Level 1 first, 1–5 scales only. */
  anchors?: LocalizedText[];
}

/** The scale of an evaluator-rated criterion; a criterion without a `rating` is rated 1–5. */
export function ratingScaleOf(c: Pick<Criterion, "rating">): RatingScale {
  if (c.rating?.levels === "0-100") return { levels: "0-100", min: 0, max: 100, flagSpreadAt: 40 };
  const anchors = c.rating?.anchors?.map((a) => ({ ja: a.ja, en: a.en || a.ja }));
  return { levels: "1-5", min: 1, max: 5, flagSpreadAt: 2, ...(anchors ? { anchors } : {}) };
}

/** A rating is a whole number on its scale. */
export const isRatingOnScale = (scale: RatingScale, score: number) => Number.isInteger(score) && score >= scale.min && score <= scale.max;

export interface RatingSummary {
  count: number;
  mean: number;
  min: number;
  max: number;
  /** max − min. */
  range: number;
  /** Population standard deviation: the panel is the whole population of its own ratings. */
  sd: number;
  /** The range reaches the scale's threshold: the chair must record a consensus with a comment. */
  flagged: boolean;
}

/** Mean and spread of the submitted ratings of one quote on one criterion; null with no rating. */
export function summarizeRatings(scale: RatingScale, scores: readonly number[]): RatingSummary | null {
  if (scores.length === 0) return null;
  const mean = scores.reduce((s, x) => s + x, 0) / scores.length;
  const min = Math.min(...scores);
  const max = Math.max(...scores);
  const sd = Math.sqrt(scores.reduce((s, x) => s + (x - mean) ** 2, 0) / scores.length);
  return { count: scores.length, mean, min, max, range: max - min, sd, flagged: max - min >= scale.flagSpreadAt };
}

/** The value the ranking uses: the chair's consensus when recorded, else the mean of submitted ratings. */
export function criterionRatingValue(summary: RatingSummary | null, consensus: number | null | undefined): number | null {
  if (typeof consensus === "number") return consensus;
  return summary ? summary.mean : null;
}
