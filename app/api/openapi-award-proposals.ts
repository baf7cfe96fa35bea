import { z } from "zod";
import { AwardProposalInput, PROPOSAL_STATUSES } from "~/domain/award/proposal";
import { idParameter, jsonBody as body, methodNotAllowed, ok, problem, unauthorized } from "./openapi-helpers";

// The award-proposal (決裁起案) endpoints of the OpenAPI document, spread into its `paths` by openapi.ts.

/** A red flag of the award packet (decision 0051): a stable key, its code and the figures it rests on (integer yen). */
export const RedFlagSchema = z.union([
  z.object({
    key: z.string(),
    code: z.literal("winnerFarBelowSecond"),
    quoteId: z.string(),
    tcoYen: z.number().int(),
    secondQuoteId: z.string(),
    secondTcoYen: z.number().int(),
  }),
  z.object({
    key: z.string(),
    code: z.literal("lowestDisqualifiedOnPrice"),
    quoteId: z.string(),
    tcoYen: z.number().int(),
    disqualifiedQuoteId: z.string(),
    disqualifiedTcoYen: z.number().int(),
    criteria: z.array(z.string()),
  }),
]);
const AcknowledgedRedFlag = z.intersection(
  RedFlagSchema,
  z.object({ acknowledgedBy: z.object({ id: z.string(), name: z.string() }), acknowledgedAt: z.string() }),
);
const LowQuoteReasonSchema = z.object({
  kind: z.enum(["belowPeerMedian", "belowBenchmarkQ1"]),
  thresholdYen: z.number().int(),
  peerMedianYen: z.number().optional(),
  peers: z.number().int().optional(),
  q1PerMonthYen: z.number().optional(),
  contractTermMonths: z.number().int().optional(),
});

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
    .array(z.enum(["notRankedFirst", "notRecommended", "flagged", "lowBidInvestigation", "abnormallyLow"]))
    .describe("Why the second, specific reason was required"),
  status: z.enum(PROPOSAL_STATUSES),
  proposedBy: z.object({ id: z.string(), name: z.string() }),
  snapshotSha256: z.string().describe("SHA-256 (hex) of the canonical JSON of the frozen snapshot (object keys sorted at every level)"),
  route: z.object({ revision: z.number().int(), steps: z.array(RouteStep) }).describe("The approval route frozen from the rules at proposal time"),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  redFlags: z.array(AcknowledgedRedFlag).describe("The red flags shown when proposing, each with who acknowledged it and when ([] before decision 0051)"),
});

/** A quote that may be proposed now, with what proposing it requires (decision 0051 adds the flags). */
export const ProposableQuoteResponse = z.object({
  id: z.string(),
  vendorName: z.string(),
  amountYen: z.number().int(),
  rank: z.number().int().nullable(),
  specific: z.array(z.enum(["notRankedFirst", "notRecommended", "flagged", "lowBidInvestigation", "abnormallyLow"])),
  redFlags: z.array(RedFlagSchema).describe("Send every `key` in `acknowledgedRedFlags` when proposing this quote"),
  abnormallyLow: z.object({ reasons: z.array(LowQuoteReasonSchema) }).nullable(),
  lowBidInvestigation: z.boolean(),
  investigationComplete: z
    .boolean()
    .describe("False while a quote below the 低入札価格調査基準価格 lacks an answered explanation assessed satisfactory (proposing it answers 409)"),
});
export const AwardProposalListResponse = z.object({
  data: z.array(AwardProposalResponse),
  proposable: z.array(ProposableQuoteResponse).optional().describe("The quotes that may be proposed now (absent while a proposal waits)"),
});
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
          "A `rationale` is always required. `specificRationale` is also required when the quote is not ranked first, differs from what an assigned advisor recommends, carries warnings (gate, unverified or missing value, certificate expiring during the term), is below the 低入札価格調査基準価格, or is abnormally low (why the vendor's explanation is satisfactory). Every red flag of the quote (GET's `proposable[].redFlags`) must be acknowledged by key in `acknowledgedRedFlags`; the proposal stores each with who and when. The amount (contract value incl. tax) picks the route from the organisation's approval rules. Audited; the first step's approvers are notified.",
        requestBody: body(AwardProposalInput),
        responses: {
          "201": ok("Proposed", ProposedAwardResponse),
          "400": problem(
            "`errors` names each field in the caller's language (`quoteId` not an opened, current, qualifying quote of this RFQ; `rationale` missing; `specificRationale` required, with why; `acknowledgedRedFlags` missing a red flag, named); nothing was written",
          ),
          "401": unauthorized,
          "404": notFound,
          "405": methodNotAllowed,
          "409": problem(
            "Quotes not yet opened or deadline not passed; RFQ cancelled or awarded; another proposal waiting for approval; no approval route (set it at /settings/approvals); a route step the proposer's own seat leaves short; `lowBid.investigationIncomplete` — a quote below the 低入札価格調査基準価格 whose explanation request (for its current version) is not answered and assessed satisfactory",
          ),
        },
      },
    },
  };
}
