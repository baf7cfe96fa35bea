import { z } from "zod";
import { termEnd } from "~/domain/contracts/contract-draft";
import type { Term } from "./periods";

// Verified vendor ratings (取引評価, issue 17 item 6; decision 0042). Pure.

export const RATING_DIMENSIONS = ["quality", "schedule", "cost", "communication"] as const;
export type RatingDimension = (typeof RATING_DIMENSIONS)[number];

/** Fewer ratings than this: no average and no NPS, only the counts (one or two opinions are no average). */
export const MIN_RATINGS_FOR_AVERAGE = 3;

const score = z.coerce
  .number({ message: "reviews.rating.score.invalid" })
  .int("reviews.rating.score.invalid")
  .min(1, "reviews.rating.score.invalid")
  .max(5, "reviews.rating.score.invalid");

export const RatingSchema = z.object({
  quality: score,
  schedule: score,
  cost: score,
  communication: score,
  wouldHireAgain: z.coerce
    .number({ message: "reviews.rating.nps.invalid" })
    .int("reviews.rating.nps.invalid")
    .min(0, "reviews.rating.nps.invalid")
    .max(10, "reviews.rating.nps.invalid"),
  comment: z.string().trim().max(2000, "reviews.text.tooLong").default(""),
});
export type RatingInput = z.output<typeof RatingSchema>;

export const ReplySchema = z.object({
  reply: z.string({ message: "reviews.reply.required" }).trim().min(1, "reviews.reply.required").max(2000, "reviews.text.tooLong"),
});

/**
 * Which contract year a rating made on `today` counts for (ratings are one per contract and year), or null when
 * the contract cannot be rated yet. During the term: the number of whole contract years completed (a 24-month
 * contract can be rated for year 1 from its 13th month). After the term's end: the final year,
 * ceil(months / 12) — the rating on completion, which a 12-month contract gets only then.
 */
export function ratingYearOn(term: Term & { months: number }, today: string): number | null {
  if (today > term.to) return Math.max(1, Math.ceil(term.months / 12));
  let years = 0;
  while (termEnd(term.from, (years + 1) * 12) < today) years += 1;
  return years >= 1 ? years : null;
}

/** NPS buckets of "would hire again" (0–10): detractors 0–6, passives 7–8, promoters 9–10. */
export function npsBucket(score: number): "detractor" | "passive" | "promoter" {
  return score >= 9 ? "promoter" : score >= 7 ? "passive" : "detractor";
}

export interface RatingScores {
  quality: number;
  schedule: number;
  cost: number;
  communication: number;
  wouldHireAgain: number;
}

export interface RatingSummary {
  count: number;
  /** Per dimension: how many ratings gave 1, 2, 3, 4, 5 (index 0 = score 1). */
  distribution: Record<RatingDimension, [number, number, number, number, number]>;
  /** Per dimension, rounded to one decimal; null with fewer than MIN_RATINGS_FOR_AVERAGE ratings. */
  averages: Record<RatingDimension, number> | null;
  nps: { detractors: number; passives: number; promoters: number; /** −100…100; null below the minimum. */ score: number | null };
}

/** The profile's summary of a vendor's ratings: counts always, averages and the NPS only from 3 ratings on. */
export function summarizeRatings(ratings: readonly RatingScores[]): RatingSummary {
  const distribution = Object.fromEntries(RATING_DIMENSIONS.map((d) => [d, [0, 0, 0, 0, 0]])) as RatingSummary["distribution"];
  const nps = { detractors: 0, passives: 0, promoters: 0 };
  for (const r of ratings) {
    for (const d of RATING_DIMENSIONS) distribution[d][r[d] - 1]! += 1;
    const b = npsBucket(r.wouldHireAgain);
    if (b === "promoter") nps.promoters += 1;
    else if (b === "passive") nps.passives += 1;
    else nps.detractors += 1;
  }
  const count = ratings.length;
  const enough = count >= MIN_RATINGS_FOR_AVERAGE;
  const averages = enough
    ? (Object.fromEntries(RATING_DIMENSIONS.map((d) => [d, Math.round((ratings.reduce((s, r) => s + r[d], 0) / count) * 10) / 10])) as Record<
        RatingDimension,
        number
      >)
    : null;
  return { count, distribution, averages, nps: { ...nps, score: enough ? Math.round(((nps.promoters - nps.detractors) / count) * 100) : null } };
}
