import { z } from "zod";
import { CHANGE_STATUSES, ChangeDecisionInput, ChangeRequestInput, CommentInput } from "~/domain/contracts/change-request";
import { idParameter, jsonBody as body, methodNotAllowed, ok, problem, unauthorized } from "./openapi-helpers";

// 変更管理 (issue 17 item 3; decision 0041): the change-request endpoints of the OpenAPI document, spread into its
// `paths` by openapi.ts.

const Impact = z.object({
  termTo: z.string().nullable().describe("New last day of the term (YYYY-MM-DD), or null"),
  milestoneDueDates: z.array(z.object({ index: z.number().int(), dueDate: z.string() })).describe("New due dates of milestones not yet accepted"),
  slaTargets: z.array(z.object({ key: z.string(), target: z.number() })).describe("New SLA targets; rates as fractions 0–1"),
});

export const ChangeRequestResponse = z.object({
  id: z.string(),
  contractId: z.string(),
  number: z.number().int().describe("The contract's own number of the request; its price line is CHG-<number>"),
  title: z.string(),
  description: z.string(),
  proposedSide: z.enum(["buyer", "vendor"]),
  proposerName: z.string(),
  priceImpactYen: z.number().int().describe("Tax excluded; negative for a reduction"),
  impact: Impact,
  status: z.enum(CHANGE_STATUSES).describe("proposed 提案中 | in_route 稟議中 | approved 承認 | rejected 却下 | withdrawn 取下げ"),
  baseVersion: z.number().int(),
  appliedVersion: z.number().int().nullable().describe("The contract version the approval created"),
  rejectionReason: z.string().nullable().describe("The buyer's reason for a direct rejection (a rejection in the 稟議 is internal: null)"),
  rejectedInRoute: z.boolean(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
  mine: z.boolean().describe("The caller's side proposed it"),
});

const DiffEntry = z.object({
  field: z.string().describe('e.g. "totals.total", "term.to", "milestones.2.dueDate", "sla.accuracy.target", "lines.CHG-1"'),
  kind: z.enum(["yen", "date", "target", "text", "number"]),
  label: z.string().optional(),
  labelEn: z.string().optional(),
  unit: z.string().optional(),
  before: z.union([z.string(), z.number()]).nullable(),
  after: z.union([z.string(), z.number()]).nullable(),
});

const ChangeRequestDetail = ChangeRequestResponse.extend({
  side: z.enum(["buyer", "vendor"]).describe("The caller's side"),
  thread: z.array(z.object({ id: z.string(), side: z.enum(["buyer", "vendor"]), authorName: z.string(), body: z.string(), createdAt: z.string() })),
  diff: z.array(DiffEntry).nullable().describe("What changed between the version before and the version the approval created"),
  route: z.unknown().optional().describe("Buyer only: the 稟議's steps, seats, decisions (earlier rounds void) and whether the caller may decide"),
});

const ChangeListResponse = z.object({
  contractId: z.string(),
  side: z.enum(["buyer", "vendor"]),
  currentVersion: z.number().int(),
  requests: z.array(ChangeRequestResponse),
});

const notFound = problem("Not found — unknown id, or the caller is not a party to the contract (other tenants, advisors)");
const invalid = problem("Invalid input — `errors` names each field (title, priceImpactYen, milestoneDueDates.0.dueDate, …) in the caller's language");
const conflict = problem("The contract or the request is not in a state that allows it (a draft contract, a decided request, no approval route)");

export function changeRequestPaths() {
  return {
    "/api/v1/contracts/{id}/change-requests": {
      parameters: idParameter("Contract id"),
      get: {
        operationId: "listChangeRequests",
        summary: "The contract's change requests, for either party",
        responses: { "200": ok("OK", ChangeListResponse), "401": unauthorized, "404": notFound, "405": methodNotAllowed },
      },
      post: {
        operationId: "proposeChangeRequest",
        summary: "A party proposes a change: price impact (yen, tax excluded), a new term end, new milestone due dates, new SLA targets",
        requestBody: body(ChangeRequestInput),
        responses: { "201": ok("Proposed", z.object({ id: z.string() })), "400": invalid, "401": unauthorized, "404": notFound, "409": conflict },
      },
    },
    "/api/v1/change-requests/{id}": {
      parameters: idParameter("Change request id"),
      get: {
        operationId: "getChangeRequest",
        summary: "One change request with its thread and, once approved, the diff of the contract",
        responses: { "200": ok("OK", ChangeRequestDetail), "401": unauthorized, "404": notFound, "405": methodNotAllowed },
      },
    },
    "/api/v1/change-requests/{id}/decision": {
      parameters: idParameter("Change request id"),
      post: {
        operationId: "decideChangeRequest",
        summary:
          "The buyer approves or rejects (a reason is required to reject). Above the organisation's threshold, approving starts the 稟議; then an approver of the current step decides {decision: approve|reject|return, comment}",
        requestBody: body(ChangeDecisionInput),
        responses: {
          "200": ok(
            "Decided",
            z.object({ status: z.enum(CHANGE_STATUSES), version: z.number().int().nullable().describe("The new contract version when approved") }),
          ),
          "400": invalid,
          "401": unauthorized,
          "403": problem("Not an approver of the current step, or the member who sent it to the 稟議"),
          "404": notFound,
          "409": conflict,
        },
      },
    },
    "/api/v1/change-requests/{id}/withdraw": {
      parameters: idParameter("Change request id"),
      post: {
        operationId: "withdrawChangeRequest",
        summary: "The proposing side withdraws its open request (取下げ)",
        responses: {
          "200": ok("Withdrawn", z.object({ status: z.literal("withdrawn") })),
          "401": unauthorized,
          "403": problem("Only the side that proposed it may withdraw it"),
          "404": notFound,
          "409": conflict,
        },
      },
    },
    "/api/v1/change-requests/{id}/comments": {
      parameters: idParameter("Change request id"),
      post: {
        operationId: "commentOnChangeRequest",
        summary: "Either side comments on an open request (both sides read the thread)",
        requestBody: body(CommentInput),
        responses: { "201": ok("Added", z.object({ id: z.string() })), "400": invalid, "401": unauthorized, "404": notFound, "409": conflict },
      },
    },
  };
}
