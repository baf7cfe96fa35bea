import { z } from "zod";
import type { RatingScale } from "./ratings";

// What a buyer types to set up the panel, what an evaluator types to rate, and what the chair types to record a
// consensus: shared by the pages (parseForm) and the API. Messages are keys (app/i18n/messages-evaluation.ts).

export const RATING_REASON_MAX_LENGTH = 2000;

export const PanelSchema = z.object({
  /** The buyer member who chairs the evaluation and records consensus; absent → the caller. */
  chairUserId: z.uuid({ error: "evaluation.panel.chairUnknown" }).optional(),
  priceLater: z.boolean({ error: "validation.invalid" }).default(false),
  /** Every evaluator, the whole list: those left out are removed (only before they submit). */
  evaluatorUserIds: z.array(z.uuid({ error: "evaluation.panel.evaluatorUnknown" })).max(30, { error: "evaluation.panel.tooMany" }),
});
export type PanelInput = z.output<typeof PanelSchema>;

const reason = z
  .string({ error: "evaluation.rating.reasonRequired" })
  .trim()
  .min(1, { error: "evaluation.rating.reasonRequired" })
  .max(RATING_REASON_MAX_LENGTH, { error: "evaluation.rating.reasonTooLong" });

/** One rating in a draft: which quote and criterion, the score, the reason. Its scale is the service's check. */
export const RatingEntrySchema = z.object({
  quoteId: z.uuid({ error: "evaluation.rating.quoteUnknown" }),
  criterionKey: z.string({ error: "evaluation.rating.criterionUnknown" }).min(1, { error: "evaluation.rating.criterionUnknown" }),
  score: z.number({ error: "evaluation.rating.scoreRequired" }).finite({ error: "evaluation.rating.scoreRequired" }),
  reason,
});
export const RatingsDraftSchema = z.object({ ratings: z.array(RatingEntrySchema).max(2000) });
export type RatingsDraft = z.output<typeof RatingsDraftSchema>;

export const ConsensusSchema = z.object({
  quoteId: z.uuid({ error: "evaluation.rating.quoteUnknown" }),
  criterionKey: z.string({ error: "evaluation.rating.criterionUnknown" }).min(1, { error: "evaluation.rating.criterionUnknown" }),
  score: z.number({ error: "evaluation.consensus.scoreRequired" }).finite({ error: "evaluation.consensus.scoreRequired" }),
  comment: z
    .string({ error: "evaluation.consensus.commentRequired" })
    .trim()
    .min(1, { error: "evaluation.consensus.commentRequired" })
    .max(RATING_REASON_MAX_LENGTH, { error: "evaluation.rating.reasonTooLong" }),
});
export type ConsensusInput = z.output<typeof ConsensusSchema>;

/**
 * A consensus is on the scale, in the scale's step: halves on 1–5 (the panel may settle between two anchors),
 * whole points on 0–100.
 */
export function isConsensusOnScale(scale: RatingScale, score: number): boolean {
  if (score < scale.min || score > scale.max) return false;
  return scale.levels === "1-5" ? Number.isInteger(score * 2) : Number.isInteger(score);
}
