import { z } from "zod";
import { RouteRulesSchema } from "~/domain/approvals/route-rules";
import { jsonBody as body, methodNotAllowed, ok, problem, unauthorized } from "./openapi-helpers";

// The approval-route (稟議ルート) endpoints of the OpenAPI document, spread into its `paths` by openapi.ts.

export const ApprovalRoutesResponse = z.object({
  rules: RouteRulesSchema.nullable().describe("null before the organisation's first save"),
  revision: z.number().int().describe("Rises by one with each save; 0 before the first"),
  updatedAt: z.string().nullable(),
  approvers: z
    .array(z.object({ id: z.string(), name: z.string(), email: z.string() }))
    .describe("Members with the approver flag: the only ones the rules may name"),
  canManage: z.boolean(),
});

export const SavedApprovalRoutesResponse = z.object({ revision: z.number().int(), rules: RouteRulesSchema });

const notFound = problem("Not found — the caller's organisation is not a buyer organisation (approval routes exist only there)");

export function approvalRoutePaths() {
  return {
    "/api/v1/approval-routes": {
      get: {
        operationId: "getApprovalRoutes",
        summary: "The caller's buyer organisation's approval rules (稟議ルート) by contract value, and its approvers (every member)",
        responses: { "200": ok("OK", ApprovalRoutesResponse), "401": unauthorized, "404": notFound, "405": methodNotAllowed },
      },
      put: {
        operationId: "saveApprovalRoutes",
        summary: "Replace the organisation's approval rules (owners)",
        description:
          "Bands of contract value in integer yen, from ¥0 upward with no gap or overlap (`fromYen` inclusive, `toYen` exclusive, the last `toYen` null); each band an ordered list of steps, `sequential` (one approver) or `parallel` (`required` of the named `approverIds`). Audited; running proposals keep the route they froze.",
        requestBody: body(RouteRulesSchema),
        responses: {
          "200": ok("Saved", SavedApprovalRoutesResponse),
          "400": problem(
            "`errors` lists each field (e.g. `bands[1].fromYen` overlapping or leaving a gap, `bands[2].steps[1].required` above the number of approvers, an approver who is not a member with the approver flag) in the caller's language; nothing was written",
          ),
          "401": unauthorized,
          "403": problem("The caller is a member, not an owner: members read the rules only"),
          "404": notFound,
          "405": methodNotAllowed,
        },
      },
    },
  };
}
