import {
  findMember,
  findProposalRow,
  insertDecision,
  listDecisions,
  listPendingProposalsOfOrg,
  listProposalsByProposer,
  lockProposal,
  setProposalStatus,
  startNextRound,
  type DecisionListRow,
  type LockedProposal,
} from "../../db/queries/approval-decisions";
import { writeAudit } from "../../db/queries/audit";
import { lockRfqForAward } from "../../db/queries/award-outcome";
import { DecisionInput, ProposalEditInput, routeState, stepStates } from "~/domain/approvals/decisions";
import { DECISION_REFUSAL } from "./approval-routes.server";
import { canDecide, type Delegation, type RouteState, type RouteStep } from "~/domain/approvals/route-rules";
import type { AcknowledgedRedFlag, ProposalSnapshot, SpecificReasonTrigger } from "~/domain/award/proposal";
import { setProposalRedFlags } from "../../db/queries/award-proposals";
import { findUserById } from "../../db/queries/users";
import { recheckOnEdit } from "./award-red-flags.server";
import type { Actor } from "~/domain/permissions";
import type { AnyMessageKey } from "~/i18n";
import type { AppContext } from "~/utils/context.server";
import { appOrigin } from "~/utils/env.server";
import { isRowId } from "~/utils/row-id";
import { failure, orgActor, ServiceFailure, type OrgActor, isUniqueViolation, Rollback } from "~/utils/service-failure";
import { activeDelegations, noticeBuyerMembers, sendPendingMails, stepRecipients, type PendingMail } from "./approval-notices.server";
import { awardApprovedProposal } from "./award.server";
import { pendingChangeApprovals } from "./change-requests.server";

// 稟議 decisions (issue 15 item 3, decision 0027): approve / reject (却下) / return (差戻し) on a pending
// award proposal, the proposer's edit that starts the next round, and the 承認待ち list.
// The route's state is never stored: `nextPending` computes it from the frozen route and this round's
// decisions. The proposal row is locked FOR UPDATE in every decision and edit, so two approvers deciding the
// last step at the same moment serialise — the first awards, the second finds the proposal decided.
// Members of other organisations (vendors, advisors, other buyers) get 404 everywhere.

type Buyer = OrgActor<"buyer">;

const steps = (p: { route_steps: unknown }) => p.route_steps as RouteStep[];
const ofRound = (rows: readonly DecisionListRow[], round: number) => rows.filter((r) => r.round === round);
const decidedSeats = (rows: readonly DecisionListRow[], stepIndex: number) => rows.filter((r) => r.step_index === stepIndex).map((r) => r.approver_user_id);

function buyer(actor: Actor, proposalId: string): Buyer | null {
  const a = orgActor(actor, "buyer");
  return a && isRowId(proposalId) ? a : null;
}

/** Tells the seats (and their delegates) of the step that has become current; returns their mails. */
async function noticeStep(
  trx: Parameters<typeof noticeBuyerMembers>[0],
  ctx: AppContext,
  p: Pick<LockedProposal, "id" | "rfq_id" | "buyer_org_id" | "proposed_by" | "title">,
  step: RouteStep,
  stepIndex: number,
  total: number,
  decided: readonly string[],
  delegations: readonly Delegation[],
  now: Date,
) {
  return noticeBuyerMembers(
    trx,
    p.buyer_org_id,
    stepRecipients(step, p.proposed_by, decided, delegations),
    "award.proposed",
    { rfqId: p.rfq_id, title: p.title, proposalId: p.id },
    {
      subject: "mail.approvals.waiting.subject",
      body: "mail.approvals.waiting.body",
      params: { title: p.title, step: stepIndex + 1, steps: total, link: `${appOrigin(ctx.env)}/rfqs/${p.rfq_id}/award` },
    },
    now,
  );
}

/**
 * Notices (in-app now, mail after the commit) for the first step of a route just entered — called by
 * `proposeAward` inside its transaction. Returns the mails to send after the commit.
 */
export async function noticeFirstStep(
  trx: Parameters<typeof noticeBuyerMembers>[0],
  ctx: AppContext,
  p: Pick<LockedProposal, "id" | "rfq_id" | "buyer_org_id" | "proposed_by" | "title">,
  route: readonly RouteStep[],
  now: Date,
): Promise<PendingMail[]> {
  const first = route[0];
  if (!first) return [];
  return noticeStep(trx, ctx, p, first, 0, route.length, [], await activeDelegations(trx, p.buyer_org_id, now), now);
}

export { sendPendingMails };

export type DecideResult = { ok: true; decisionId: string; outcome: RouteState["status"]; awardId: string | null; delegated: boolean };

/**
 * An approver (or their delegate, 代決) decides at the current step. Refusals write nothing:
 * 404 for anyone outside the buyer organisation or an unknown id; 400 at `comment` when rejecting or
 * returning without one; 403 `approvals.refused.proposer` for the proposer (never their own proposal);
 * 403 `approvals.refused.notApprover` for a member without a seat (or delegation) in the current step;
 * 409 `approvals.alreadyDecided` for a seat that already decided (a double submit); 409
 * `approvals.notPending` once the proposal is decided (the loser of two last approvals at once).
 * The last approval awards in the same transaction (award.server.ts).
 */
export async function decideProposal(ctx: AppContext, actor: Actor, proposalId: string, input: unknown): Promise<DecideResult | ServiceFailure> {
  const a = buyer(actor, proposalId);
  if (!a) return failure.notFound();
  const parsed = DecisionInput.safeParse(input);
  const now = ctx.clock.now();
  let mails: PendingMail[] = [];
  try {
    const result = await ctx.db.transaction().execute(async (trx): Promise<DecideResult | ServiceFailure> => {
      const p = await lockProposal(trx, a.org.id, proposalId);
      if (!p) return failure.notFound();
      if (!parsed.success) return failure.invalid({ issues: parsed.error.issues });
      if (p.proposed_by === a.userId) return DECISION_REFUSAL.proposer;
      if (p.status !== "pending") return failure.conflict("approvals.notPending");
      const route = steps(p);
      const decisions = ofRound(await listDecisions(trx, [p.id]), p.round);
      const state = routeState(route, decisions);
      if (state.status !== "pending") return failure.conflict("approvals.notPending");
      const delegations = await activeDelegations(trx, a.org.id, now);
      const answer = canDecide(state.step, a.userId, p.proposed_by, delegations, { at: now, decided: decidedSeats(decisions, state.stepIndex) });
      // A second press of a decision that moved the route on: the seat is no longer in the current step.
      if (!answer.ok && answer.reason === "notApprover" && decisions.some((d) => d.decided_by === a.userId)) return DECISION_REFUSAL.alreadyDecided;
      if (!answer.ok) return DECISION_REFUSAL[answer.reason];
      const { decision, comment } = parsed.data;
      const row = await insertDecision(trx, {
        proposalId: p.id,
        round: p.round,
        stepIndex: state.stepIndex,
        approverUserId: answer.approverId,
        decidedBy: a.userId,
        delegated: answer.delegated,
        decision,
        comment: comment ?? null,
        at: now,
      });
      const made = { step_index: state.stepIndex, approver_user_id: answer.approverId, decided_by: a.userId, decision };
      const after = routeState(route, [...decisions, made]);
      await writeAudit(trx, {
        actorUserId: a.userId,
        actorOrgId: a.org.id,
        action: `approval.${decision}`,
        entityType: "award_proposal",
        entityId: p.id,
        before: { status: "pending", round: p.round, stepIndex: state.stepIndex },
        after: {
          status: after.status,
          round: p.round,
          stepIndex: state.stepIndex,
          seat: answer.approverId,
          delegated: answer.delegated,
          comment: comment ?? null,
        },
      });
      const proposerMail = (kind: "rejected" | "returned") =>
        noticeBuyerMembers(
          trx,
          p.buyer_org_id,
          [p.proposed_by],
          `award.${kind}`,
          { rfqId: p.rfq_id, title: p.title, proposalId: p.id, reason: comment ?? "" },
          {
            subject: `mail.approvals.${kind}.subject`,
            body: `mail.approvals.${kind}.body`,
            params: { title: p.title, comment: comment ?? "", link: `${appOrigin(ctx.env)}/rfqs/${p.rfq_id}/award` },
          },
          now,
        );
      let awardId: string | null = null;
      if (after.status === "approved") {
        const awarded = await awardApprovedProposal(trx, ctx, p, now, a.userId);
        if (!awarded.ok) throw new Rollback(awarded);
        awardId = awarded.award.id;
        mails = awarded.mails;
      } else if (after.status === "rejected" || after.status === "returned") {
        await setProposalStatus(trx, p.id, "pending", after.status, now, after.status === "rejected");
        mails = await proposerMail(after.status);
      } else if (after.status === "pending" && after.stepIndex !== state.stepIndex) {
        mails = await noticeStep(trx, ctx, p, after.step, after.stepIndex, route.length, [], delegations, now);
      }
      return { ok: true, decisionId: row.id, outcome: after.status, awardId, delegated: answer.delegated };
    });
    if (result.ok && result.awardId) ctx.kickIndexer();
    if (result.ok) await sendPendingMails(ctx, mails);
    return result;
  } catch (e) {
    if (e instanceof Rollback) return e.failure;
    // The same seat twice at the same moment (the unique seat per step and round), or a second live award.
    if (isUniqueViolation(e)) return failure.conflict("approvals.alreadyDecided");
    throw e;
  }
}

/**
 * The proposer edits the texts of their returned or pending proposal (rationale, specific reason, debrief
 * reason). Saving starts the next round: every earlier decision is void (kept as history), the proposal
 * is pending again and the first step is told. 404 outside the organisation; 403 for anyone but the
 * proposer; 409 once approved / rejected, or while another proposal of the RFQ waits; 400 per field.
 */
export async function editProposal(
  ctx: AppContext,
  actor: Actor,
  proposalId: string,
  input: unknown,
): Promise<{ ok: true; round: number; voided: number } | ServiceFailure> {
  const a = buyer(actor, proposalId);
  if (!a) return failure.notFound();
  const parsed = ProposalEditInput.safeParse(input);
  const now = ctx.clock.now();
  let mails: PendingMail[] = [];
  try {
    const result = await ctx.db.transaction().execute(async (trx) => {
      const p = await lockProposal(trx, a.org.id, proposalId);
      if (!p) return failure.notFound();
      if (p.proposed_by !== a.userId) return new ServiceFailure(403, "approvals.edit.notProposer");
      if (p.status !== "pending" && p.status !== "returned") return failure.conflict("approvals.edit.notEditable");
      if (!parsed.success) return failure.invalid({ issues: parsed.error.issues });
      const triggers = p.specific_triggers as SpecificReasonTrigger[];
      const { rationale, specificRationale, debriefReason } = parsed.data;
      if (triggers.length > 0 && !specificRationale)
        return failure.invalid({
          fieldErrors: {
            specificRationale: ["awardProposal.specificRationale.required", ...triggers.map((t): AnyMessageKey => `awardProposal.trigger.${t}`)],
          },
        });
      const rfq = await lockRfqForAward(trx, a.org.id, p.rfq_id);
      if (!rfq || rfq.status === "awarded" || rfq.status === "cancelled") return failure.conflict("awardProposal.rfq.notProposable");
      // The red flags and the low-bid investigation, re-checked as proposing checks them (decision 0051).
      const proposer = await findUserById(trx, a.userId);
      const checked = await recheckOnEdit(trx, {
        buyerOrgId: a.org.id,
        rfqId: p.rfq_id,
        quoteId: p.quote_id,
        snapshot: p.snapshot as ProposalSnapshot,
        stored: (p.red_flags ?? []) as AcknowledgedRedFlag[],
        acknowledged: parsed.data.acknowledgedRedFlags,
        by: { id: a.userId, name: proposer?.name ?? "" },
        at: now,
      });
      if (!checked.ok) return checked;
      if (checked.redFlags.length !== ((p.red_flags ?? []) as unknown[]).length) await setProposalRedFlags(trx, p.id, checked.redFlags);
      const voided = ofRound(await listDecisions(trx, [p.id]), p.round).length;
      const { round } = await startNextRound(trx, p.id, { rationale, specificRationale: specificRationale ?? null, debriefReason }, now);
      await writeAudit(trx, {
        actorUserId: a.userId,
        actorOrgId: a.org.id,
        action: "award.proposal.edit",
        entityType: "award_proposal",
        entityId: p.id,
        before: { status: p.status, round: p.round, rationale: p.rationale, specificRationale: p.specific_rationale, debriefReason: p.debrief_reason },
        after: { status: "pending", round, rationale, specificRationale: specificRationale ?? null, debriefReason, voidedDecisions: voided },
      });
      mails = await noticeFirstStep(trx, ctx, p, steps(p), now);
      return { ok: true as const, round, voided };
    });
    if (result.ok) await sendPendingMails(ctx, mails);
    return result;
  } catch (e) {
    // A returned proposal resubmitted while another proposal of the RFQ waits (one pending per RFQ).
    if (isUniqueViolation(e)) return failure.conflict("awardProposal.pending");
    throw e;
  }
}

/** One decision as pages and the API show it: 代決 says who acted for whom; earlier rounds are void. */
function presentDecision(r: DecisionListRow, round: number) {
  return {
    id: r.id,
    round: r.round,
    stepIndex: r.step_index,
    approver: { id: r.approver_user_id, name: r.approver_name },
    decidedBy: { id: r.decided_by, name: r.decided_by_name },
    delegated: r.delegated,
    decision: r.decision,
    comment: r.comment,
    void: r.round !== round,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

/**
 * The route of a proposal as it stands: each step with its seats (name, decided or not), the computed
 * state, every decision (all rounds, earlier rounds void), and what the caller may do: decide (for whose
 * seat), or edit (the proposer of a pending or returned proposal). 404 outside the organisation.
 */
export async function proposalRoute(ctx: AppContext, actor: Actor, proposalId: string) {
  const a = buyer(actor, proposalId);
  if (!a) return failure.notFound();
  const p = await findProposalRow(ctx.db, a.org.id, proposalId);
  if (!p) return failure.notFound();
  const now = ctx.clock.now();
  const route = steps(p);
  const all = await listDecisions(ctx.db, [p.id]);
  const current = ofRound(all, p.round);
  const state = routeState(route, current);
  const delegations = await activeDelegations(ctx.db, a.org.id, now);
  const names = await memberNames(ctx, a.org.id, route);
  const states = stepStates(route, state);
  const decide =
    p.status === "pending" && state.status === "pending"
      ? canDecide(state.step, a.userId, p.proposed_by, delegations, { at: now, decided: decidedSeats(current, state.stepIndex) })
      : null;
  return {
    ok: true as const,
    proposalId: p.id,
    status: p.status,
    round: p.round,
    state:
      state.status === "pending"
        ? { status: "pending" as const, stepIndex: state.stepIndex, approvals: state.approvals, required: state.step.required }
        : { status: state.status },
    steps: route.map((s, i) => ({
      kind: s.kind,
      required: s.required,
      state: states[i]!,
      seats: s.approverIds.map((id) => {
        const d = current.find((r) => r.step_index === i && r.approver_user_id === id);
        return {
          id,
          name: names.get(id) ?? id,
          decision: d?.decision ?? null,
          decidedBy: d ? { id: d.decided_by, name: d.decided_by_name, delegated: d.delegated } : null,
        };
      }),
    })),
    decisions: all.map((r) => presentDecision(r, p.round)),
    you: {
      isProposer: p.proposed_by === a.userId,
      canEdit: p.proposed_by === a.userId && (p.status === "pending" || p.status === "returned"),
      decide: decide && decide.ok ? { approverId: decide.approverId, approverName: names.get(decide.approverId) ?? "", delegated: decide.delegated } : null,
      refusal: decide && !decide.ok ? decide.reason : null,
    },
  };
}

async function memberNames(ctx: AppContext, orgId: string, route: readonly RouteStep[]) {
  const ids = [...new Set(route.flatMap((s) => s.approverIds))];
  const rows = await Promise.all(ids.map((id) => findMember(ctx.db, orgId, id)));
  return new Map(rows.flatMap((r) => (r ? [[r.id, r.name] as const] : [])));
}

/** Where a pending proposal waits and since when (the round's start, or the approval that completed the step before). */
function waitingSince(p: { updated_at: Date }, current: readonly DecisionListRow[], stepIndex: number): string {
  const prev = current.filter((r) => r.step_index === stepIndex - 1 && r.decision === "approve").at(-1);
  return new Date(stepIndex > 0 && prev ? prev.created_at : p.updated_at).toISOString();
}

/**
 * 承認待ち: the pending proposals of the caller's organisation waiting for the caller's decision, in their
 * own seat or a seat delegated to them (代決). Not for the proposer's own. Empty for non-buyers.
 */
export async function pendingApprovals(ctx: AppContext, actor: Actor, options: { names?: boolean } = {}) {
  const a = orgActor(actor, "buyer");
  if (!a) return [];
  const now = ctx.clock.now();
  const rows = await listPendingProposalsOfOrg(ctx.db, a.org.id);
  if (rows.length === 0) return [];
  const [all, delegations] = await Promise.all([
    listDecisions(
      ctx.db,
      rows.map((r) => r.id),
    ),
    activeDelegations(ctx.db, a.org.id, now),
  ]);
  const names =
    options.names === false
      ? new Map<string, string>()
      : await memberNames(
          ctx,
          a.org.id,
          rows.flatMap((p) => steps(p)),
        );
  return rows.flatMap((p) => {
    const route = steps(p);
    const current = ofRound(
      all.filter((d) => d.proposal_id === p.id),
      p.round,
    );
    const state = routeState(route, current);
    if (state.status !== "pending") return [];
    const answer = canDecide(state.step, a.userId, p.proposed_by, delegations, { at: now, decided: decidedSeats(current, state.stepIndex) });
    if (!answer.ok) return [];
    return [
      {
        proposalId: p.id,
        rfqId: p.rfq_id,
        title: p.title,
        vendorName: p.vendor_name,
        amountYen: Number(p.amount_yen),
        proposer: { id: p.proposed_by, name: p.proposer_name },
        since: waitingSince(p, current, state.stepIndex),
        step: { index: state.stepIndex, of: route.length, approvals: state.approvals, required: state.step.required },
        delegatedFrom: answer.delegated ? answer.approverId : null,
        delegatedFromName: answer.delegated ? (names.get(answer.approverId) ?? null) : null,
      },
    ];
  });
}

/** How many proposals and change requests wait for the caller (the header's badge). */
export async function countPendingApprovals(ctx: AppContext, actor: Actor): Promise<number> {
  // The same inbox serves the change requests in their 稟議 (decision 0041).
  const [proposals, changes] = await Promise.all([pendingApprovals(ctx, actor, { names: false }), pendingChangeApprovals(ctx, actor)]);
  return proposals.length + changes.length;
}

/** 自分の起案: the caller's own proposals with their state and, while pending, the step they wait at. */
export async function myProposals(ctx: AppContext, actor: Actor) {
  const a = orgActor(actor, "buyer");
  if (!a) return [];
  const rows = await listProposalsByProposer(ctx.db, a.org.id, a.userId);
  const all = await listDecisions(
    ctx.db,
    rows.map((r) => r.id),
  );
  return rows.map((p) => {
    const route = steps(p);
    const current = ofRound(
      all.filter((d) => d.proposal_id === p.id),
      p.round,
    );
    const state = p.status === "pending" ? routeState(route, current) : null;
    return {
      proposalId: p.id,
      rfqId: p.rfq_id,
      title: p.title,
      vendorName: p.vendor_name,
      amountYen: Number(p.amount_yen),
      status: p.status,
      round: p.round,
      createdAt: new Date(p.created_at).toISOString(),
      step:
        state && state.status === "pending" ? { index: state.stepIndex, of: route.length, approvals: state.approvals, required: state.step.required } : null,
    };
  });
}
