import { z } from "zod";
import { CalendarDateSchema } from "~/domain/calendar/japan-business-days";
import { CADENCES } from "./periods";

// Input of the periodic reviews and ratings (decision 0042). Messages are catalog keys (app/i18n/messages-reviews.ts).

export const CreateReviewSchema = z.object({
  /** Any day of the period to review (the form sends the period's first day). */
  periodStart: CalendarDateSchema,
  /** Only read while the contract has no cadence yet: the buyer picks it once. */
  cadence: z.enum(CADENCES, { message: "reviews.cadence.invalid" }).optional(),
});

export const ReviewActionSchema = z.object({
  description: z
    .string({ message: "reviews.action.description.required" })
    .trim()
    .min(1, "reviews.action.description.required")
    .max(500, "reviews.text.tooLong"),
  /** A member of either party (users.id). */
  ownerUserId: z.string({ message: "reviews.action.owner.required" }).uuid("reviews.action.owner.required"),
  dueDate: CalendarDateSchema,
});
export type ReviewAction = z.output<typeof ReviewActionSchema> & { ownerName?: string };

export const UpdateReviewSchema = z.object({
  notes: z.string().trim().max(4000, "reviews.text.tooLong").default(""),
  actions: z.array(ReviewActionSchema).max(20, "reviews.actions.tooMany").default([]),
});

export const ProposalsSchema = z.object({
  proposals: z.string().trim().max(4000, "reviews.text.tooLong").default(""),
});

export const CommentSchema = z.object({
  body: z.string({ message: "reviews.comment.required" }).trim().min(1, "reviews.comment.required").max(2000, "reviews.text.tooLong"),
});
