import { z } from "zod";

// What buyers and advisors type about opened quotes (annotations, clarification questions) and what a vendor
// types back (its answer): shared by the pages (parseForm) and the API. Messages are catalog keys
// (app/i18n/messages-annotations.ts), worded in the reader's language at the edge.

export const ANNOTATION_KINDS = ["strength", "risk", "question"] as const;
export type AnnotationKind = (typeof ANNOTATION_KINDS)[number];

export const ANNOTATION_MAX_LENGTH = 2000;
export const CLARIFICATION_MAX_LENGTH = 2000;
export const ANSWER_MAX_LENGTH = 4000;

const text = (required: string, tooLong: string, max: number) => z.string({ error: required }).trim().min(1, { error: required }).max(max, { error: tooLong });

const annotationBody = text("annotations.body.required", "annotations.body.tooLong", ANNOTATION_MAX_LENGTH);
const kind = z.enum(ANNOTATION_KINDS, { error: "annotations.kind.invalid" });

/**
 * A new annotation: about one opened quote of the RFQ, or one cell of the comparison (the quote and one of
 * the RFQ's criteria). Whether the quote is an opened offer of this RFQ and the key one of its criteria
 * needs the database: the service adds those errors on the same fields.
 */
export const AnnotationSchema = z.object({
  quoteId: z.uuid({ error: "annotations.quote.unknown" }),
  criterionKey: z
    .string({ error: "annotations.criterion.unknown" })
    .trim()
    .max(100, { error: "annotations.criterion.unknown" })
    .nullish()
    .transform((k) => (k ? k : null)),
  kind,
  body: annotationBody,
});
export type AnnotationInput = z.output<typeof AnnotationSchema>;

/** Its author changes the text and/or the kind; what it is about stays (another cell is another annotation). */
export const AnnotationEditSchema = z.object({ kind: kind.optional(), body: annotationBody });

/** A question put to the quote's vendor directly, without an annotation first. */
export const ClarificationSchema = z.object({
  question: text("clarifications.question.required", "clarifications.question.tooLong", CLARIFICATION_MAX_LENGTH),
});

/** The vendor's answer: text only, written once (it cannot change the price or the commitments — BAFO does). */
export const ClarificationAnswerSchema = z.object({
  answer: text("clarifications.answer.required", "clarifications.answer.tooLong", ANSWER_MAX_LENGTH),
});
