import { z } from "zod";
import { RFQ_VISIBILITIES } from "~/domain/rfq/categories";
import { RFQ_STATUSES } from "~/domain/rfq/lifecycle";
import { AddendumSchema, AnswerSchema, QuestionSchema } from "~/domain/rfq/qa";
import { rfqDraftSchema, rfqSchema, yenAmountSchema, type RfqDraft } from "~/domain/rfq/schema";

// Request and response shapes of the /api/v1 RFQ endpoints. Handlers parse requests and their own
// responses with these, and openapi.ts renders the same schemas, so document and behaviour agree.
// Response parsing doubles as an allow-list: keys a schema does not name are stripped.

// ── Requests ──────────────────────────────────────────────────────────────────────────────

/** POST /rfqs: the draft fields, camelCase. Strict, so a misspelt field is an error rather than silently dropped. */
export const RfqCreateBody = z.strictObject(rfqDraftSchema.shape);

const FIELDS_A_DRAFT_CANNOT_LOSE = new Set(["title", "category"]);

type DraftShape = typeof rfqDraftSchema.shape;
type PatchShape = {
  [K in keyof DraftShape]: K extends "title" | "category" ? z.ZodOptional<DraftShape[K]> : z.ZodOptional<z.ZodNullable<DraftShape[K]>>;
};

function patchShape(): PatchShape {
  const entries = Object.entries(rfqDraftSchema.shape).map(([key, field]) => [
    key,
    FIELDS_A_DRAFT_CANNOT_LOSE.has(key) ? field.optional() : field.nullable().optional(),
  ]);
  return Object.fromEntries(entries) as PatchShape;
}

/**
 * PATCH /rfqs/{id} and an addendum's `changes`: each top-level field given replaces the stored one
 * (arrays and objects whole, as in JSON Merge Patch); `null` removes an optional field.
 */
export const RfqPatchBody = z.strictObject(patchShape());
export type RfqPatch = z.output<typeof RfqPatchBody>;

/** The patch as the service's `Partial<RfqDraft>`: `null` becomes "absent" so the merge drops the field. */
export function patchToChanges(patch: RfqPatch): Partial<RfqDraft> {
  return Object.fromEntries(Object.entries(patch).map(([key, value]) => [key, value === null ? undefined : value])) as Partial<RfqDraft>;
}

export const AddendumBody = z.strictObject({ ...AddendumSchema.shape, changes: RfqPatchBody.optional() });
export const QuestionBody = QuestionSchema;
export const AnswerBody = AnswerSchema;

/** `open` and `closed` follow the deadline (a published RFQ past its deadline is closed). */
export const RFQ_LIST_STATUSES = ["draft", "open", "closed", "awarded", "cancelled"] as const;
export const RfqListQuery = z.object({ status: z.enum(RFQ_LIST_STATUSES).optional() });

// ── Responses ─────────────────────────────────────────────────────────────────────────────

const id = z.uuid();
const instant = z.iso.datetime({ offset: true });
const count = z.number().int().min(0);
const RfqStatus = z.enum(RFQ_STATUSES).describe("Effective status: a published RFQ whose deadline has passed reads as closed.");
const Visibility = z.enum(RFQ_VISIBILITIES);

export const RfqCounts = z.object({ questions: count, unansweredQuestions: count, invitedVendors: count });

/** A published version; version 1 is the first publication, later ones are addenda. */
export const RfqVersionEntry = z.object({
  version: z.number().int().min(1),
  changeSummary: z.string(),
  publishedAt: instant,
  changes: z
    .array(z.object({ path: z.string(), field: z.string().describe("The field in words, in the caller's language") }))
    .describe("What this version changed against the previous one (empty for version 1). A vendor's view lists only the fields vendors may read."),
});

export const BuyerRfqSummary = z.object({
  view: z.literal("buyer"),
  id,
  title: z.string(),
  category: z.string(),
  status: RfqStatus,
  version: z.number().int().min(0).describe("0 while never published"),
  quoteDeadline: instant.nullable(),
  sealed: z.boolean(),
  visibility: Visibility,
  updatedAt: instant,
  counts: RfqCounts.pick({ questions: true, unansweredQuestions: true }),
});

export const VendorRfqSummary = z.object({
  view: z.literal("vendor"),
  id,
  title: z.string(),
  category: z.string(),
  status: z.literal("published"),
  version: z.number().int().min(1),
  quoteDeadline: instant,
  visibility: Visibility,
  invited: z.boolean(),
  buyerName: z.string(),
});

export const RfqListResponse = z.object({ data: z.array(z.discriminatedUnion("view", [BuyerRfqSummary, VendorRfqSummary])) });

/**
 * What a vendor may read of the published version (see domain/rfq/visibility.ts): no invited vendors,
 * no baseline or hidden costs, and the budget only as a range when the buyer chose to show it.
 * Built from the field shapes without the complete RFQ's cross-field refinement, which needs the hidden fields.
 */
export const VendorRfqContent = z
  .object(rfqSchema.shape)
  .omit({ budget: true, invitedVendorIds: true, baselineCostMonthlyYen: true, hiddenCosts: true, publicPriceRules: true })
  .extend({ budget: z.object({ min: yenAmountSchema, max: yenAmountSchema }).optional() });

export const BuyerRfqResponse = z.object({
  view: z.literal("buyer"),
  id,
  status: RfqStatus,
  version: z.number().int().min(0),
  quoteDeadline: instant.nullable().describe("The published deadline; the working copy may hold a later one for the next addendum."),
  publishedAt: instant.nullable(),
  createdAt: instant,
  updatedAt: instant,
  counts: RfqCounts,
  versions: z.array(RfqVersionEntry),
  content: rfqDraftSchema.describe("The working copy: the draft, or for a published RFQ the next addendum in preparation."),
});

export const VendorRfqResponse = z.object({
  view: z.literal("vendor"),
  id,
  status: RfqStatus,
  version: z.number().int().min(1),
  quoteDeadline: instant,
  publishedAt: instant.nullable(),
  versions: z.array(RfqVersionEntry),
  content: VendorRfqContent,
});

/** An advisory organisation the buyer assigned: the buyer's working copy, read-only (it advises the buyer). */
export const AdvisorRfqResponse = z.object({
  view: z.literal("advisor"),
  id,
  status: RfqStatus,
  version: z.number().int().min(0),
  quoteDeadline: instant.nullable(),
  publishedAt: instant.nullable(),
  buyerName: z.string(),
  versions: z.array(RfqVersionEntry),
  content: rfqDraftSchema.describe("The buyer's working copy, drafts included: buyers often bring an advisor in while writing the RFQ."),
});

export const RfqResponse = z.discriminatedUnion("view", [BuyerRfqResponse, VendorRfqResponse, AdvisorRfqResponse]);

const FieldMessage = z.object({ path: z.string(), field: z.string().optional().describe("The field in words, in the caller's language"), message: z.string() });

export const PublishResponse = z.object({
  id,
  status: RfqStatus,
  version: z.number().int().min(1),
  quoteDeadline: instant,
  warnings: z.array(FieldMessage).describe("Recommendations that did not block publishing."),
});

export const AddendumResponse = z.object({ id, status: RfqStatus, version: z.number().int().min(2), quoteDeadline: instant, changeSummary: z.string() });

const questionFields = { id, question: z.string(), answer: z.string().nullable(), answeredAt: instant.nullable(), createdAt: instant };
/** Only the buyer learns who asked. */
export const BuyerQuestion = z.object({ ...questionFields, askedBy: z.string().describe("The asking vendor's organisation") });
/** Vendors see answered questions anonymously, plus their own (`mine`). */
export const VendorQuestion = z.object({ ...questionFields, mine: z.boolean() });

export const QuestionListResponse = z.discriminatedUnion("view", [
  z.object({ view: z.literal("buyer"), data: z.array(BuyerQuestion) }),
  z.object({ view: z.literal("vendor"), data: z.array(VendorQuestion) }),
  /** Assigned advisors read the published answers, anonymously like vendors. */
  z.object({ view: z.literal("advisor"), data: z.array(z.object(questionFields)) }),
]);

export const AskedQuestionResponse = z.object({ id, rfqId: id, question: z.string(), createdAt: instant });
export const AnswerResponse = z.object({ id, rfqId: id, answer: z.string() });
