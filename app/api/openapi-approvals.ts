import { z } from "zod";
import { DecisionInput, DelegationInput, ProposalEditInput } from "~/domain/approvals/decisions";
import { PROPOSAL_STATUSES } from "~/domain/award/proposal";
import { AwardProposalResponse } from "./openapi-award-proposals";
import { idParameter, jsonBody as body, methodNotAllowed, ok, problem, unauthorized } from "./openapi-helpers";

// The 稟議 decision, 承認待ち and 代決 endpoints of the OpenAPI document, spread into its `paths` by openapi.ts.

const StepProgress = z.object({
  index: z.number().int().describe("0-based index of the current step"),
  of: z.number().int().describe("Number of steps in the route"),
  approvals: z.number().int(),
  required: z.number().int().describe("N of the step (1 for a sequential step)"),
});

export const ApprovalsResponse = z.object({
  waiting: z
    .array(
      z.object({
        proposalId: z.string(),
        rfqId: z.string(),
        title: z.string(),
        vendorName: z.string(),
        amountYen: z.number().int(),
        proposer: z.object({ id: z.string(), name: z.string() }),
        since: z.string().describe("When the current step started waiting"),
        step: StepProgress,
        delegatedFrom: z.string().nullable().describe("The approver whose seat the caller decides in (代決), or null for the caller's own seat"),
        delegatedFromName: z.string().nullable(),
      }),
    )
    .describe("Proposals waiting for the caller's decision"),
  mine: z
    .array(
      z.object({
        proposalId: z.string(),
        rfqId: z.string(),
        title: z.string(),
        vendorName: z.string(),
        amountYen: z.number().int(),
        status: z.enum(PROPOSAL_STATUSES),
        round: z.number().int(),
        createdAt: z.string(),
        step: StepProgress.nullable(),
      }),
    )
    .describe("The caller's own proposals (自分の起案), newest first"),
  /** Contract change requests waiting in their 稟議 for the caller (decision 0041). */
  waitingChanges: z
    .array(
      z.object({
        changeRequestId: z.string(),
        contractId: z.string(),
        href: z.string(),
        number: z.number().int(),
        title: z.string(),
        contractTitle: z.string(),
        vendorName: z.string(),
        priceImpactYen: z.number().int(),
        proposer: z.object({ id: z.string().nullable(), name: z.string() }),
        since: z.string(),
        step: StepProgress,
        delegated: z.boolean(),
      }),
    )
    .optional(),
});

const Person = z.object({ id: z.string(), name: z.string() });

export const AwardProposalDetailResponse = z.object({
  proposal: AwardProposalResponse.extend({ debriefReason: z.string().nullable(), round: z.number().int() }),
  verified: z.boolean().describe("Whether the stored snapshot still hashes to snapshotSha256"),
  stability: z.object({ ja: z.string(), en: z.string() }).describe("The decision's stability in words, from the snapshot"),
  status: z.enum(PROPOSAL_STATUSES),
  round: z.number().int().describe("Each edit by the proposer starts the next round; decisions of earlier rounds are void"),
  state: z.union([
    z.object({ status: z.literal("pending"), stepIndex: z.number().int(), approvals: z.number().int(), required: z.number().int() }),
    z.object({ status: z.enum(["approved", "rejected", "returned"]) }),
  ]),
  steps: z.array(
    z.object({
      kind: z.enum(["sequential", "parallel"]),
      required: z.number().int(),
      state: z.enum(["done", "current", "waiting", "stopped"]),
      seats: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          decision: z.enum(["approve", "reject", "return"]).nullable(),
          decidedBy: z.object({ id: z.string(), name: z.string(), delegated: z.boolean() }).nullable(),
        }),
      ),
    }),
  ),
  decisions: z.array(
    z.object({
      id: z.string(),
      round: z.number().int(),
      stepIndex: z.number().int(),
      approver: Person.describe("The seat"),
      decidedBy: Person.describe("Who acted: the approver, or their delegate (代決)"),
      delegated: z.boolean(),
      decision: z.enum(["approve", "reject", "return"]),
      comment: z.string().nullable(),
      void: z.boolean().describe("True for decisions of an earlier round (voided by a resubmission)"),
      createdAt: z.string(),
    }),
  ),
  you: z.object({
    isProposer: z.boolean(),
    canEdit: z.boolean(),
    decide: z.object({ approverId: z.string(), approverName: z.string(), delegated: z.boolean() }).nullable(),
    refusal: z.enum(["proposer", "notApprover", "alreadyDecided"]).nullable(),
  }),
});

export const EditedProposalResponse = z.object({ round: z.number().int(), voided: z.number().int().describe("Decisions of the previous round now void") });

export const DecisionResponse = z.object({
  decisionId: z.string(),
  outcome: z.enum(["pending", "approved", "rejected", "returned"]).describe("The route's state after this decision"),
  awardId: z.string().nullable().describe("The award made by this (last) approval"),
  delegated: z.boolean(),
});

export const DelegationResponse = z.object({
  id: z.string(),
  from: Person,
  to: Person,
  startsOn: z.string(),
  endsOn: z.string(),
  reason: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});
export const DelegationListResponse = z.object({ data: z.array(DelegationResponse) });

const notFound = problem("Not found — unknown id, or the caller is not a member of the buyer organisation (vendors, advisors and other tenants)");

export function approvalPaths() {
  return {
    "/api/v1/approvals": {
      get: {
        operationId: "listMyApprovals",
        summary: "承認待ち: award proposals waiting for the caller's decision (own seat or 代決), and the caller's own proposals",
        responses: { "200": ok("OK", ApprovalsResponse), "401": unauthorized, "404": notFound, "405": methodNotAllowed },
      },
    },
    "/api/v1/award-proposals/{id}": {
      parameters: idParameter("Award proposal id"),
      get: {
        operationId: "getAwardProposal",
        summary: "One award proposal with its route state, seats, every decision (earlier rounds void) and the snapshot check",
        responses: { "200": ok("OK", AwardProposalDetailResponse), "401": unauthorized, "404": notFound, "405": methodNotAllowed },
      },
      patch: {
        operationId: "editAwardProposal",
        summary: "The proposer edits a returned or pending proposal's texts; the route restarts from the first step (new round)",
        description:
          "Every decision of the current round becomes void (kept in the history); the first step's approvers and their delegates are notified. Audited.",
        requestBody: body(ProposalEditInput),
        responses: {
          "200": ok("Saved; the route restarted", EditedProposalResponse),
          "400": problem("`errors` names each field in the caller's language (rationale, specificRationale when required, debriefReason); nothing was written"),
          "401": unauthorized,
          "403": problem("Only the proposer edits the proposal"),
          "404": notFound,
          "405": methodNotAllowed,
          "409": problem("Approved or rejected (final); the RFQ was cancelled or awarded; another proposal of the RFQ is waiting"),
        },
      },
    },
    "/api/v1/award-proposals/{id}/decisions": {
      parameters: idParameter("Award proposal id"),
      post: {
        operationId: "decideAwardProposal",
        summary: "Approve, reject (却下) or return (差戻し) at the current step, in the caller's seat or a delegated one (代決)",
        description:
          "`comment` is required to reject or return (≤ 2000 characters). The last approval awards in the same transaction: RFQ and winning quote awarded, other opened quotes not selected, the winner and the others notified. The proposal is locked while deciding, so two last approvals at once award once.",
        requestBody: body(DecisionInput),
        responses: {
          "201": ok("Recorded", DecisionResponse),
          "400": problem("`errors.comment` when rejecting or returning without a comment, or `decision` unknown; nothing was written"),
          "401": unauthorized,
          "403": problem("The proposer (`起案者は自分の起案を承認できません`), or a member without a seat or delegation in the current step"),
          "404": notFound,
          "405": methodNotAllowed,
          "409": problem("This seat already decided at this step (a double submit), or the proposal is no longer pending"),
        },
      },
    },
    "/api/v1/approval-delegations": {
      get: {
        operationId: "listApprovalDelegations",
        summary: "Current and future 代決 delegations of the caller's buyer organisation",
        responses: { "200": ok("OK", DelegationListResponse), "401": unauthorized, "404": notFound, "405": methodNotAllowed },
      },
      post: {
        operationId: "createApprovalDelegation",
        summary: "Record a 代決 delegation: an approver for their own seat (fromUserId omitted), an owner for any approver",
        requestBody: body(DelegationInput),
        responses: {
          "201": ok("Recorded", DelegationResponse),
          "400": problem(
            "`errors` per field: dates (YYYY-MM-DD, end not before start, not in the past), the delegate (a member, not oneself), the seat (an approver; a member may delegate only their own); nothing was written",
          ),
          "401": unauthorized,
          "404": notFound,
          "405": methodNotAllowed,
        },
      },
    },
    "/api/v1/approval-delegations/{id}": {
      parameters: idParameter("Delegation id"),
      delete: {
        operationId: "revokeApprovalDelegation",
        summary: "Revoke a 代決 delegation (its approver, its delegate or an owner)",
        responses: {
          "204": { description: "Revoked" },
          "401": unauthorized,
          "403": problem("Neither the approver, the delegate nor an owner"),
          "404": notFound,
          "405": methodNotAllowed,
          "409": problem("Already revoked"),
        },
      },
    },
  };
}
