import { z } from "zod";
import { AwardProposalInput, PROPOSAL_STATUSES } from "~/domain/award/proposal";
import { idParameter, jsonBody as body, methodNotAllowed, ok, problem, unauthorized } from "./openapi-helpers";

// The award-proposal (決裁起案) endpoints of the OpenAPI document, spread into its `paths` by openapi.ts.

const RouteStep = z.object({ kind: z.enum(["sequential", "parallel"]), required: z.number().int(), approverIds: z.array(z.string()) });

export const AwardProposalResponse = z.object({
  id: z.string(),
  rfqId: z.string(),
  quoteId: z.string(),
  vendorName: z.string(),
  amountYen: z.number().int().describe("The quote's contract value including tax, in integer yen; it chose the route"),
  rationale: z.string(),
  specificRationale: z.string().nullable(),
  specificTriggers: z
    .array(z.enum(["notRankedFirst", "notRecommended", "flagged", "lowBidInvestigation"]))
    .describe("Why the second, specific reason was required"),
  status: z.enum(PROPOSAL_STATUSES),
  proposedBy: z.object({ id: z.string(), name: z.string() }),
  snapshotSha256: z.string().describe("SHA-256 (hex) of the canonical JSON of the frozen snapshot (object keys sorted at every level)"),
  route: z.object({ revision: z.number().int(), steps: z.array(RouteStep) }).describe("The approval route frozen from the rules at proposal time"),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});

export const AwardProposalListResponse = z.object({ data: z.array(AwardProposalResponse) });
export const ProposedAwardResponse = z.object({
  id: z.string(),
  snapshotSha256: z.string(),
  amountYen: z.number().int(),
  routeRevision: z.number().int(),
});

const notFound = problem("Not found — unknown RFQ, or the caller is not a member of its buyer organisation (vendors, advisors and other tenants)");

export function awardProposalPaths() {
  return {
    "/api/v1/rfqs/{id}/award-proposals": {
      parameters: idParameter("RFQ id"),
      get: {
        operationId: "listAwardProposals",
        summary: "The RFQ's award proposals (決裁起案), newest first (members of its buyer organisation)",
        responses: { "200": ok("OK", AwardProposalListResponse), "401": unauthorized, "404": notFound, "405": methodNotAllowed },
      },
      post: {
        operationId: "proposeAward",
        summary: "Propose one opened quote for award; freezes the comparison snapshot with its SHA-256 and the approval route",
        description:
          "A `rationale` is always required. `specificRationale` is also required when the quote is not ranked first, differs from what an assigned advisor recommends, or carries warnings (gate, unverified or missing value, certificate expiring during the term). The amount (contract value incl. tax) picks the route from the organisation's approval rules. Audited; the first step's approvers are notified.",
        requestBody: body(AwardProposalInput),
        responses: {
          "201": ok("Proposed", ProposedAwardResponse),
          "400": problem(
            "`errors` names each field in the caller's language (`quoteId` not an opened, current, qualifying quote of this RFQ; `rationale` missing; `specificRationale` required, with why); nothing was written",
          ),
          "401": unauthorized,
          "404": notFound,
          "405": methodNotAllowed,
          "409": problem(
            "Quotes not yet opened or deadline not passed; RFQ cancelled or awarded; another proposal waiting for approval; no approval route (set it at /settings/approvals); a route step the proposer's own seat leaves short",
          ),
        },
      },
    },
  };
}
