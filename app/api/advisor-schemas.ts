import { z } from "zod";
import { AdvisorNoteSchema, AssignAdvisorSchema } from "~/domain/advisors/schema";

// Request and response shapes of /api/v1/rfqs/{id}/advisors and /advisor-notes. Handlers parse the
// requests with these (through the service) and serialize responses through them; openapi-advisors.ts
// renders the same schemas.

const id = z.uuid();
const instant = z.iso.datetime({ offset: true });

export const AssignAdvisorBody = AssignAdvisorSchema;
export const AdvisorNoteBody = AdvisorNoteSchema;

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
});
export const AdvisorNoteListResponse = z.object({ data: z.array(AdvisorNote) });
