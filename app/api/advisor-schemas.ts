import { z } from "zod";
import { AdvisorNoteEditSchema, AdvisorNoteSchema, AssignAdvisorSchema } from "~/domain/advisors/schema";

// Request and response shapes of /api/v1/rfqs/{id}/advisors and /advisor-notes. Handlers parse the
// requests with these (through the service) and serialize responses through them; openapi-advisors.ts
// renders the same schemas.

const id = z.uuid();
const instant = z.iso.datetime({ offset: true });

export const AssignAdvisorBody = AssignAdvisorSchema;
export const AdvisorNoteBody = AdvisorNoteSchema;
export const AdvisorNoteEditBody = AdvisorNoteEditSchema;

export const RfqAdvisor = z.object({
  advisorOrgId: id,
  name: z.string().describe("The advisory organisation"),
  assignedBy: z.string().describe("Who in the buyer organisation assigned it"),
  assignedAt: instant,
});
export const RfqAdvisorListResponse = z.object({ data: z.array(RfqAdvisor) });
export const AssignedAdvisorResponse = z.object({ rfqId: id, advisorOrgId: id, name: z.string(), assignedAt: instant });

export const AdvisorNote = z.object({
  id,
  quoteId: id.nullable().describe("The quote the note is about, if any"),
  vendorName: z.string().nullable().describe("That quote's vendor"),
  recommends: z.boolean().describe("True when the advisor recommends that quote"),
  body: z.string(),
  advisorOrgId: id,
  advisorName: z.string(),
  authorName: z.string(),
  createdAt: instant,
  editedAt: instant.nullable().describe("When its author last edited the text"),
  withdrawnAt: instant.nullable().describe("When its author withdrew it (the text stays readable, as history)"),
  supersededAt: instant.nullable().describe("When a later recommendation of the same advisory organisation replaced it"),
  current: z.boolean().describe("True for the advisory organisation's one current recommendation on this RFQ"),
  revisions: z
    .array(
      z.object({
        change: z.enum(["edit", "withdraw", "supersede"]).describe("What replaced this state"),
        body: z.string(),
        quoteId: id.nullable(),
        recommends: z.boolean(),
        until: instant,
      }),
    )
    .describe("Earlier states, oldest first"),
});
export const AdvisorNoteListResponse = z.object({ data: z.array(AdvisorNote) });
