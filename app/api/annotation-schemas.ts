import { z } from "zod";
import { ANNOTATION_KINDS, AnnotationEditSchema, AnnotationSchema, ClarificationAnswerSchema, ClarificationSchema } from "~/domain/annotations/schema";

// Request and response shapes of the annotation and clarification endpoints (issue 18 item 2). Handlers let the
// service validate the bodies (so a caller who may not see the RFQ or quote gets 404 before any field error) and
// serialize responses through these; openapi-annotations.ts renders the same schemas.

const id = z.uuid();
const instant = z.iso.datetime({ offset: true });

export const AnnotationBody = AnnotationSchema;
export const AnnotationEditBody = AnnotationEditSchema;
export const ClarificationBody = ClarificationSchema;
export const ClarificationAnswerBody = ClarificationAnswerSchema;

export const Clarification = z.object({
  id,
  quoteId: id,
  annotationId: id.nullable().describe("The question annotation it was sent from; null when asked directly"),
  question: z.string(),
  askedAt: instant,
  askerName: z.string(),
  askerOrgName: z.string().describe("The buyer organisation or the advisory organisation that asked"),
  answer: z.string().nullable().describe("The vendor's answer, written once; text only (it changes no price or commitment)"),
  answeredAt: instant.nullable(),
  answererName: z.string().nullable(),
});

export const Annotation = z.object({
  id,
  quoteId: id,
  vendorName: z.string(),
  criterionKey: z.string().nullable().describe("The comparison cell's criterion; null for the quote as a whole"),
  kind: z.enum(ANNOTATION_KINDS),
  body: z.string(),
  authorName: z.string(),
  authorOrgName: z.string(),
  authorSide: z.enum(["buyer", "advisor"]),
  createdAt: instant,
  editedAt: instant.nullable().describe("When its author last changed it"),
  withdrawnAt: instant.nullable().describe("When its author withdrew it (kept, readable as history)"),
  revisions: z
    .array(z.object({ kind: z.enum(ANNOTATION_KINDS), body: z.string(), until: instant, changedBy: z.string() }))
    .describe("Earlier states, oldest first"),
  clarification: Clarification.nullable().describe("The clarification request sent to the vendor from this question, with its answer"),
});
export const AnnotationListResponse = z.object({
  data: z.array(Annotation),
  clarifications: z.array(Clarification).describe("Questions asked directly, without an annotation"),
});

/** What the quote's own vendor reads: the question and its answer, nothing about who asked or why. */
export const VendorClarification = z.object({
  id,
  quoteId: id,
  question: z.string(),
  askedAt: instant,
  answer: z.string().nullable(),
  answeredAt: instant.nullable(),
});
export const ClarificationListResponse = z.object({ data: z.array(z.union([Clarification, VendorClarification])) });
