import { z } from "zod";
import { AdvisorNote, AdvisorNoteBody, AdvisorNoteListResponse, AssignAdvisorBody, AssignedAdvisorResponse, RfqAdvisorListResponse } from "./advisor-schemas";

// The advisor endpoints of the OpenAPI document, spread into its `paths` by openapi.ts. Schemas are
// inlined from the zod schemas the handlers use; problem responses point at the shared Problem component.

const output = (s: z.ZodType) => z.toJSONSchema(s, { target: "draft-2020-12", unrepresentable: "any", io: "output" });
const input = (s: z.ZodType) => z.toJSONSchema(s, { target: "draft-2020-12", unrepresentable: "any", io: "input" });

const ok = (description: string, schema: z.ZodType) => ({ description, content: { "application/json": { schema: output(schema) } } });
const body = (schema: z.ZodType) => ({ required: true, content: { "application/json": { schema: input(schema) } } });
const problem = (description: string) => ({ description, content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } } });
const parameters = [{ name: "id", in: "path", required: true, description: "RFQ id", schema: { type: "string", format: "uuid" } }];

const unauthorized = problem("Missing or invalid token");
const notFound = problem("Not found — also for RFQs the caller may not use this way (vendors, other buyers, advisors not assigned to it), so existence never leaks");
const methodNotAllowed = problem("Method not allowed (see the Allow header)");

export function advisorPaths() {
  return {
    "/api/v1/rfqs/{id}/advisors": {
      parameters,
      get: {
        operationId: "listRfqAdvisors",
        summary: "The advisory organisations the buyer assigned to its RFQ (the buyer only)",
        responses: { "200": ok("OK", RfqAdvisorListResponse), "401": unauthorized, "404": notFound },
      },
      post: {
        operationId: "assignRfqAdvisor",
        summary: "Assign an advisory organisation to the buyer's RFQ: it may then read the RFQ and, once the quotes are opened, its comparison, and leave notes",
        description: "Audited; the advisory organisation's members get an in-app notification.",
        requestBody: body(AssignAdvisorBody),
        responses: {
          "201": ok("Assigned", AssignedAdvisorResponse),
          "400": problem("`advisorOrgId` is missing or is not an advisory organisation; nothing was written"),
          "401": unauthorized,
          "404": notFound,
          "405": methodNotAllowed,
          "409": problem("Already assigned"),
        },
      },
    },
    "/api/v1/rfqs/{id}/advisor-notes": {
      parameters,
      get: {
        operationId: "listAdvisorNotes",
        summary: "The advisors' notes on the RFQ's comparison: for its buyer and its assigned advisors, never vendors",
        responses: { "200": ok("OK", AdvisorNoteListResponse), "401": unauthorized, "404": notFound },
      },
      post: {
        operationId: "addAdvisorNote",
        summary: "An assigned advisor's note, optionally about one opened quote of the RFQ, optionally recommending it",
        requestBody: body(AdvisorNoteBody),
        responses: {
          "201": ok("Added", AdvisorNote),
          "400": problem("`errors` lists each field (`body`, `quoteId`) with a message in the caller's language — an empty or too long text, a quote that is not an opened offer of this RFQ, a recommendation without a quote; nothing was written"),
          "401": unauthorized,
          "404": notFound,
          "405": methodNotAllowed,
        },
      },
    },
  };
}
