import {
  AdvisorNote,
  AdvisorNoteBody,
  AdvisorNoteEditBody,
  AdvisorNoteListResponse,
  AssignAdvisorBody,
  AssignedAdvisorResponse,
  RfqAdvisorListResponse,
} from "./advisor-schemas";
import { idParameter, jsonBody as body, methodNotAllowed, ok, problem, unauthorized } from "./openapi-helpers";

// The advisor endpoints of the OpenAPI document, spread into its `paths` by openapi.ts. Schemas are
// inlined from the zod schemas the handlers use; problem responses point at the shared Problem component.

const parameters = idParameter("RFQ id");

const notFound = problem(
  "Not found — also for RFQs the caller may not use this way (vendors, other buyers, advisors not assigned to it), so existence never leaks",
);

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
        summary:
          "Assign an advisory organisation to the buyer's RFQ: it may then read the RFQ and, once the quotes are opened, its comparison, and leave notes",
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
        description:
          "An advisory organisation has one current recommendation per RFQ: a new recommendation replaces the current one, which stays in the list with `supersededAt` set.",
        requestBody: body(AdvisorNoteBody),
        responses: {
          "201": ok("Added", AdvisorNote),
          "400": problem(
            "`errors` lists each field (`body`, `quoteId`) with a message in the caller's language — an empty or too long text, a quote that is not an opened offer of this RFQ, a recommendation without a quote; nothing was written",
          ),
          "401": unauthorized,
          "404": notFound,
          "405": methodNotAllowed,
        },
      },
    },
    "/api/v1/rfqs/{id}/advisor-notes/{noteId}": {
      parameters: [...parameters, { name: "noteId", in: "path", required: true, description: "Advisor note id", schema: { type: "string", format: "uuid" } }],
      patch: {
        operationId: "editAdvisorNote",
        summary: "Its author edits a note's text; the earlier text stays in `revisions` and the buyer sees the note as edited",
        requestBody: body(AdvisorNoteEditBody),
        responses: {
          "200": ok("Edited", AdvisorNote),
          "400": problem("`errors` lists `body` (empty or too long) in the caller's language; nothing was written"),
          "401": unauthorized,
          "403": problem("The note is another member's: only its author edits it"),
          "404": notFound,
          "405": methodNotAllowed,
          "409": problem("The note was withdrawn"),
        },
      },
      delete: {
        operationId: "withdrawAdvisorNote",
        summary: "Its author withdraws a note (and so a recommendation); the note stays readable as history with `withdrawnAt` set",
        responses: {
          "200": ok("Withdrawn", AdvisorNote),
          "401": unauthorized,
          "403": problem("The note is another member's: only its author withdraws it"),
          "404": notFound,
          "405": methodNotAllowed,
          "409": problem("The note was already withdrawn"),
        },
      },
    },
  };
}
