import { z } from "zod";

// What a buyer and an advisor type about advisors: shared by the pages (parseForm) and the API.
// Messages are keys (app/i18n/messages-advisors.ts), worded in the reader's language at the edge.

export const ADVISOR_NOTE_MAX_LENGTH = 4000;

/** Assigning (or removing) an advisory organisation: which one. Whether it exists is the service's check. */
export const AssignAdvisorSchema = z.object({
  advisorOrgId: z.uuid({ error: "advisors.assign.unknown" }),
});

/**
 * An advisor's note on the comparison: a text, optionally about one quote, optionally recommending it.
 * A recommendation must name the quote it recommends. Whether the quote belongs to the RFQ (and is
 * opened) needs the database: the service adds that error on the same `quoteId` field.
 */
const noteBody = z
  .string({ error: "advisors.note.bodyRequired" })
  .trim()
  .min(1, { error: "advisors.note.bodyRequired" })
  .max(ADVISOR_NOTE_MAX_LENGTH, { error: "advisors.note.bodyTooLong" });

export const AdvisorNoteSchema = z
  .object({
    body: noteBody,
    quoteId: z.uuid({ error: "advisors.note.quoteUnknown" }).nullish(),
    recommends: z.boolean({ error: "validation.invalid" }).default(false),
  })
  .superRefine((note, ctx) => {
    if (note.recommends && !note.quoteId) ctx.addIssue({ code: "custom", message: "advisors.note.recommendNeedsQuote", path: ["quoteId"] });
  });

/**
 * Its author edits a note's text. What it is about and whether it recommends stay: recommending another
 * quote is a new recommendation, which replaces the current one.
 */
export const AdvisorNoteEditSchema = z.object({ body: noteBody });
