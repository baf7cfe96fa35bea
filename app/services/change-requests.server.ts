import type { core } from "zod";
import { writeAudit } from "../../db/queries/audit";
import {
  findChangeRequest,
  findChangeThreshold,
  insertChangeComment,
  insertChangeRequest,
  listChangeComments,
  listChangeDecisions,
  listChangeRequestsInRoute,
  listChangeRequestsOfContract,
  listMemberNames,
  lockChangeRequest,
  moveChangeRequest,
  nextChangeNumber,
  setChangeThreshold,
  type ChangeDecisionRow,
  type ChangeRequestRow,
  type ChangeSide,
} from "../../db/queries/change-requests";
import { insertDecision } from "../../db/queries/approval-decisions";
import { findContractVersion, listContractVersions, lockContract } from "../../db/queries/contracts";
import { listAcceptances } from "../../db/queries/invoices";
import type { Database } from "../../db/schema";
import type { Kysely } from "kysely";
import { DecisionInput, routeState, stepStates, stepRecipients } from "~/domain/approvals/decisions";
import { canDecide, unreachableSteps, type RouteStep } from "~/domain/approvals/route-rules";
import {
  applyChange,
  ChangeDecisionInput,
  ChangeRequestInput,
  CommentInput,
  impactOf,
  isEmptyImpact,
  needsRoute,
  routeAmount,
  type ChangeImpact,
  type ChangeIssue,
  type ChangeStatus,
} from "~/domain/contracts/change-request";
import { contractDiff } from "~/domain/contracts/contract-diff";
import type { ContractContent } from "~/domain/contracts/contract-draft";
import { can, type Actor } from "~/domain/permissions";
import type { AnyMessageKey } from "~/i18n";
import type { AppContext } from "~/utils/context.server";
import { appOrigin } from "~/utils/env.server";
import { tokyoDateString } from "~/utils/format";
import { isRowId } from "~/utils/row-id";
import { failure, orgActor, ServiceFailure, isUniqueViolation, Rollback } from "~/utils/service-failure";
import { activeDelegations, noticeBuyerMembers, noticeOrgMembers, sendPendingMails, type PendingMail } from "./approval-notices.server";
import { DECISION_REFUSAL, routeForAmount } from "./approval-routes.server";
import { contractForParty, writeContractVersion, type ContractForParty } from "./contracts.server";

// 変更管理 (issue 17 item 3; decision 0041). Either party of an ACTIVE contract proposes a change (price, schedule,
// KPI/SLA impact); the other side may comment; the proposer may withdraw it while it is open; the buyer decides.
// When the absolute price impact reaches the buyer organisation's threshold, "approve" starts the 稟議: the route of
// the change of the total (tax included) is frozen on the request and walked with the same rules as an award
// proposal (`nextPending`, `canDecide`, 代決, the 承認待ち list and its notices). Approval — directly or by the last
// approval of the route — writes contract version n+1 through `writeContractVersion` (the one writer of versions),
// in the same transaction, with the request's title as the reason. The quote is never touched.
// A vendor reads the vendor view only: the status, the impact, the thread, a direct rejection's reason and the diff;
// never the route, the approvers or their comments (internal to the buyer).

const issuesOf = (issues: readonly ChangeIssue[]) =>
  failure.invalid({
    issues: issues.map(
      (i) => ({ code: "custom", path: i.path, message: i.message, input: undefined, ...(i.params ? { params: i.params } : {}) }) as core.$ZodIssue,
    ),
  });

const stepsOf = (r: { route_steps: unknown }) => (r.route_steps ?? []) as RouteStep[];
const ofRound = (rows: readonly ChangeDecisionRow[], round: number) => rows.filter((r) => r.round === round);
const decidedSeats = (rows: readonly ChangeDecisionRow[], stepIndex: number) => rows.filter((r) => r.step_index === stepIndex).map((r) => r.approver_user_id);
const changeHref = (contractId: string, id: string) => `/contracts/${contractId}/changes/${id}`;

async function contentOf(db: Kysely<Database>, contractId: string, version: number): Promise<ContractContent> {
  return (await findContractVersion(db, contractId, version))!.content as ContractContent;
}

async function acceptedIndexes(db: Kysely<Database>, contractId: string): Promise<Set<number>> {
  return new Set((await listAcceptances(db, contractId)).map((a) => a.milestone_index));
}

/** The party's contract (404 for anyone else) and, for a request id, the request of that contract. */
async function partyRequest(ctx: AppContext, actor: Actor, changeId: string): Promise<{ party: ContractForParty; row: ChangeRequestRow } | null> {
  if (!isRowId(changeId) || !actor.org || (actor.org.kind !== "buyer" && actor.org.kind !== "vendor")) return null;
  const side: ChangeSide = actor.org.kind;
  const row = await findChangeRequest(ctx.db, side, actor.org.id, changeId);
  if (!row) return null;
  const party = await contractForParty(ctx, actor, row.contract_id);
  return party ? { party, row } : null;
}

// ── reads ──────────────────────────────────────────────────────────────────────────────────────

function presentRequest(row: ChangeRequestRow, side: ChangeSide) {
  const impact = row.impact as ChangeImpact;
  return {
    id: row.id,
    contractId: row.contract_id,
    number: row.number,
    title: row.title,
    description: row.description,
    proposedSide: row.proposed_side,
    proposerName: row.proposer_name,
    priceImpactYen: Number(row.price_impact_yen),
    impact: { termTo: impact.termTo, milestoneDueDates: impact.milestoneDueDates, slaTargets: impact.slaTargets },
    status: row.status as ChangeStatus,
    baseVersion: row.base_version,
    appliedVersion: row.applied_version,
    // A direct rejection's reason is for both sides; a route rejection is internal (the vendor reads a fixed sentence).
    rejectionReason: row.rejection_reason,
    rejectedInRoute: row.status === "rejected" && row.rejection_reason === null,
    decidedAt: row.decided_at ? new Date(row.decided_at).toISOString() : null,
    createdAt: new Date(row.created_at).toISOString(),
    mine: row.proposed_side === side,
  };
}
export type ChangeRequestView = ReturnType<typeof presentRequest>;

/** The contract's change requests for either party, with what the new-request form needs. 404 for anyone else. */
export async function listChanges(ctx: AppContext, actor: Actor, contractId: string) {
  const party = await contractForParty(ctx, actor, contractId);
  if (!party) return failure.notFound();
  const [rows, accepted, versions, thresholdYen] = await Promise.all([
    listChangeRequestsOfContract(ctx.db, party.side, party.actor.orgId, contractId),
    acceptedIndexes(ctx.db, contractId),
    listContractVersions(ctx.db, contractId),
    party.side === "buyer" ? findChangeThreshold(ctx.db, party.actor.orgId) : Promise.resolve(null),
  ]);
  // The version history with what each version changed. The reason of a version is the buyer's record (the vendor
  // view of a contract has no reasons, decision 0028); a version made by a change request names the request, which
  // both sides know.
  const byVersion = new Map(rows.filter((r) => r.applied_version !== null).map((r) => [r.applied_version!, r]));
  const ascending = [...versions].sort((x, y) => x.version - y.version);
  const history = ascending
    .slice(1)
    .map((v, i) => {
      const request = byVersion.get(v.version);
      return {
        version: v.version,
        createdAt: new Date(v.created_at).toISOString(),
        reason: party.side === "buyer" ? v.change_reason : null,
        changeRequest: request ? { id: request.id, number: request.number, title: request.title } : null,
        diff: contractDiff(ascending[i]!.content as ContractContent, v.content as ContractContent),
      };
    })
    .reverse();
  return {
    ok: true as const,
    side: party.side,
    contractHref: party.contractHref,
    active: party.row.status === "active",
    currentVersion: party.row.current_version,
    requests: rows.map((r) => presentRequest(r, party.side)),
    history,
    thresholdYen,
    form: {
      termTo: party.content.term.to,
      milestones: party.content.milestonePlan.milestones.map((m, index) => ({ index, name: m.name, dueDate: m.dueDate, accepted: accepted.has(index) })),
      sla: party.content.sla.map((s) => ({ key: s.key, label: s.label, unit: s.unit, target: s.target })),
    },
  };
}

/** One request for either party: the impact, the thread, the diff once approved; the 稟議 progress for the buyer only. */
export async function readChange(ctx: AppContext, actor: Actor, changeId: string) {
  const found = await partyRequest(ctx, actor, changeId);
  if (!found) return failure.notFound();
  const { party, row } = found;
  const side = party.side;
  const comments = await listChangeComments(ctx.db, row.id);
  const diff =
    row.applied_version !== null
      ? contractDiff(await contentOf(ctx.db, row.contract_id, row.applied_version - 1), await contentOf(ctx.db, row.contract_id, row.applied_version))
      : null;
  const open = row.status === "proposed" || row.status === "in_route";
  const route = side === "buyer" && row.route_steps ? await routeProgress(ctx, party.actor, row) : null;
  const threshold = side === "buyer" && row.status === "proposed" ? await findChangeThreshold(ctx.db, party.actor.orgId) : null;
  return {
    ok: true as const,
    side,
    contractHref: party.contractHref,
    request: presentRequest(row, side),
    /** Names for the impact: the milestones and KPIs of the version in force. */
    names: {
      milestones: party.content.milestonePlan.milestones.map((m) => m.name),
      sla: party.content.sla.map((k) => ({ key: k.key, label: k.label, unit: k.unit })),
    },
    thread: comments.map((c) => ({ id: c.id, side: c.side, authorName: c.author_name, body: c.body, createdAt: new Date(c.created_at).toISOString() })),
    diff,
    route,
    you: {
      canComment: open,
      canWithdraw: open && row.proposed_side === side,
      canDecide: side === "buyer" && row.status === "proposed",
      /** The threshold the buyer's "approve" will send it through the 稟議 at, when it does. */
      routeAt: threshold !== null && needsRoute(Number(row.price_impact_yen), threshold) ? threshold : null,
      routeDecide: route?.you.decide ?? null,
    },
  };
}

async function routeProgress(ctx: AppContext, actor: { userId: string; orgId: string }, row: ChangeRequestRow) {
  const route = stepsOf(row);
  const all = await listChangeDecisions(ctx.db, [row.id]);
  const current = ofRound(all, row.round);
  const state = routeState(route, current);
  const states = stepStates(route, state);
  const now = ctx.clock.now();
  const delegations = await activeDelegations(ctx.db, actor.orgId, now);
  const names = new Map(all.flatMap((d) => [[d.approver_user_id, d.approver_name] as const]));
  const members = await listMemberNames(ctx.db, actor.orgId, [...new Set(route.flatMap((s) => s.approverIds))]);
  for (const m of members) names.set(m.id, m.name);
  const decide =
    row.status === "in_route" && state.status === "pending" && row.routed_by
      ? canDecide(state.step, actor.userId, row.routed_by, delegations, { at: now, decided: decidedSeats(current, state.stepIndex) })
      : null;
  return {
    round: row.round,
    state: state.status,
    steps: route.map((s, i) => ({
      kind: s.kind,
      required: s.required,
      state: states[i]!,
      seats: s.approverIds.map((id) => {
        const d = current.find((r) => r.step_index === i && r.approver_user_id === id);
        return { id, name: names.get(id) ?? id, decision: d?.decision ?? null, decidedByName: d ? d.decided_by_name : null, delegated: d?.delegated ?? false };
      }),
    })),
    decisions: all.map((d) => ({
      round: d.round,
      stepIndex: d.step_index,
      approverName: d.approver_name,
      decidedByName: d.decided_by_name,
      delegated: d.delegated,
      decision: d.decision,
      comment: d.comment,
      void: d.round !== row.round,
      createdAt: new Date(d.created_at).toISOString(),
    })),
    you: { decide: decide && decide.ok ? { approverName: names.get(decide.approverId) ?? "", delegated: decide.delegated } : null },
  };
}

// ── writes ─────────────────────────────────────────────────────────────────────────────────────

/**
 * A party proposes a change of its ACTIVE contract. 404 for anyone else; 409 while a draft; 400 field by field (the
 * input, then the change against the contract as it stands — applied here too, so a request that could never be
 * approved is refused now). The other side is told (in-app and by mail in each member's language).
 */
export async function proposeChange(ctx: AppContext, actor: Actor, contractId: string, input: unknown): Promise<{ ok: true; id: string } | ServiceFailure> {
  const party = await contractForParty(ctx, actor, contractId);
  if (!party) return failure.notFound();
  const parsed = ChangeRequestInput.safeParse(input);
  if (!parsed.success) return failure.invalid({ issues: parsed.error.issues });
  const impact = impactOf(parsed.data);
  if (isEmptyImpact(impact)) return failure.invalid({ fieldErrors: { priceImpactYen: ["changes.impact.none"] } });
  const now = ctx.clock.now();
  let mails: PendingMail[] = [];
  const done = await ctx.db.transaction().execute(async (trx): Promise<{ ok: true; id: string } | ServiceFailure> => {
    const row = (await lockContract(trx, contractId))!;
    if (row.status !== "active") return failure.conflict("changes.contract.notActive");
    const content = await contentOf(trx, contractId, row.current_version);
    const number = await nextChangeNumber(trx, contractId);
    const applied = applyChange({ content, accepted: await acceptedIndexes(trx, contractId), today: tokyoDateString(now) }, impact, {
      number,
      title: parsed.data.title,
    });
    if (!applied.ok) return issuesOf(applied.issues);
    const { id } = await insertChangeRequest(trx, {
      contractId,
      buyerOrgId: row.buyer_org_id,
      vendorOrgId: row.vendor_org_id,
      number,
      side: party.side,
      proposedBy: party.actor.userId,
      title: parsed.data.title,
      description: parsed.data.description,
      priceImpactYen: impact.priceImpactYen,
      impact,
      baseVersion: row.current_version,
      at: now,
    });
    await writeAudit(trx, {
      actorUserId: party.actor.userId,
      actorOrgId: party.actor.orgId,
      action: "change.propose",
      entityType: "change_request",
      entityId: id,
      after: { contractId, number, side: party.side, title: parsed.data.title, ...impact },
    });
    const other = party.side === "buyer" ? row.vendor_org_id : row.buyer_org_id;
    mails = await noticeOrgMembers(
      trx,
      [other],
      "change.proposed",
      { href: changeHref(contractId, id), title: parsed.data.title },
      {
        subject: "mail.changes.proposed.subject",
        body: "mail.changes.proposed.body",
        params: { title: parsed.data.title, contract: content.rfq.title, link: `${appOrigin(ctx.env)}${changeHref(contractId, id)}` },
      },
      now,
    );
    return { ok: true, id };
  });
  if (done.ok) await sendPendingMails(ctx, mails);
  return done;
}

/** Either side comments on an open request (a short thread both sides read). */
export async function commentOnChange(ctx: AppContext, actor: Actor, changeId: string, input: unknown): Promise<{ ok: true; id: string } | ServiceFailure> {
  const found = await partyRequest(ctx, actor, changeId);
  if (!found) return failure.notFound();
  const { party } = found;
  const parsed = CommentInput.safeParse(input);
  if (!parsed.success) return failure.invalid({ issues: parsed.error.issues });
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const r = (await lockChangeRequest(trx, party.side, party.actor.orgId, changeId))!;
    if (r.status !== "proposed" && r.status !== "in_route") return failure.conflict("changes.notOpen");
    const { id } = await insertChangeComment(trx, {
      changeRequestId: r.id,
      side: party.side,
      authorUserId: party.actor.userId,
      body: parsed.data.body,
      at: now,
    });
    await writeAudit(trx, {
      actorUserId: party.actor.userId,
      actorOrgId: party.actor.orgId,
      action: "change.comment",
      entityType: "change_request",
      entityId: r.id,
      after: { commentId: id, side: party.side },
    });
    return { ok: true as const, id };
  });
}

/** The proposing side withdraws its open request (取下げ); a running 稟議 stops with it (its decisions stay). */
export async function withdrawChange(ctx: AppContext, actor: Actor, changeId: string): Promise<{ ok: true } | ServiceFailure> {
  const found = await partyRequest(ctx, actor, changeId);
  if (!found) return failure.notFound();
  const { party } = found;
  const now = ctx.clock.now();
  let mails: PendingMail[] = [];
  const done = await ctx.db.transaction().execute(async (trx): Promise<{ ok: true } | ServiceFailure> => {
    const r = (await lockChangeRequest(trx, party.side, party.actor.orgId, changeId))!;
    if (r.proposed_side !== party.side) return new ServiceFailure(403, "changes.withdraw.notProposer");
    if (r.status !== "proposed" && r.status !== "in_route") return failure.conflict("changes.notOpen");
    await moveChangeRequest(trx, r.id, r.status, "withdrawn", { at: now });
    await writeAudit(trx, {
      actorUserId: party.actor.userId,
      actorOrgId: party.actor.orgId,
      action: "change.withdraw",
      entityType: "change_request",
      entityId: r.id,
      before: { status: r.status },
      after: { status: "withdrawn" },
    });
    const other = party.side === "buyer" ? r.vendor_org_id : r.buyer_org_id;
    mails = await noticeOrgMembers(
      trx,
      [other],
      "change.withdrawn",
      { href: changeHref(r.contract_id, r.id), title: r.title },
      {
        subject: "mail.changes.withdrawn.subject",
        body: "mail.changes.withdrawn.body",
        params: { title: r.title, link: `${appOrigin(ctx.env)}${changeHref(r.contract_id, r.id)}` },
      },
      now,
    );
    return { ok: true };
  });
  if (done.ok) await sendPendingMails(ctx, mails);
  return done;
}

export type ChangeDecisionResult = { ok: true; status: ChangeStatus; version: number | null };

/**
 * The buyer's decision. On a `proposed` request a buyer member approves or rejects (a reason is required to reject;
 * the vendor reads it). Approving a request whose |price impact| reaches the organisation's threshold starts the
 * 稟議 instead (status `in_route`; the member who pressed is its proposer and cannot approve in it). On an `in_route`
 * request an approver of the current step decides (approve / reject / return = back to `proposed` for the buyer to
 * decide again, the next round) with the rules of award proposals; the last approval applies the change.
 * 404 outside the contract's buyer organisation (the vendor too); 409 once decided; 400 per field.
 */
export async function decideChange(ctx: AppContext, actor: Actor, changeId: string, input: unknown): Promise<ChangeDecisionResult | ServiceFailure> {
  const a = orgActor(actor, "buyer");
  if (!a) return failure.notFound();
  const found = await partyRequest(ctx, actor, changeId);
  if (!found) return failure.notFound();
  const now = ctx.clock.now();
  let mails: PendingMail[] = [];
  try {
    const result = await ctx.db.transaction().execute(async (trx): Promise<ChangeDecisionResult | ServiceFailure> => {
      const r = (await lockChangeRequest(trx, "buyer", a.org.id, changeId))!;
      if (r.status === "in_route") {
        const out = await decideInRoute(trx, ctx, a, r, input, now);
        if (out.ok) mails = out.mails;
        return out.ok ? { ok: true, status: out.status, version: out.version } : out;
      }
      if (r.status !== "proposed") return failure.conflict("changes.notOpen");
      const parsed = ChangeDecisionInput.safeParse(input);
      if (!parsed.success) return failure.invalid({ issues: parsed.error.issues });
      const by = { userId: a.userId, orgId: a.org.id };
      if (parsed.data.decision === "reject") {
        mails = await reject(trx, ctx, r, by, parsed.data.reason!, now);
        return { ok: true, status: "rejected", version: null };
      }
      const threshold = await findChangeThreshold(trx, a.org.id);
      const price = Number(r.price_impact_yen);
      if (needsRoute(price, threshold)) {
        const content = await contentOf(trx, r.contract_id, (await lockContract(trx, r.contract_id))!.current_version);
        const route = await routeForAmount({ db: trx }, a.org.id, routeAmount(content, price));
        if (!route) return failure.conflict("changes.route.none");
        if (unreachableSteps(route.steps, a.userId).length > 0) return failure.conflict("changes.route.unreachable");
        await moveChangeRequest(trx, r.id, "proposed", "in_route", { at: now, route: { steps: route.steps, revision: route.revision, by: a.userId } });
        await writeAudit(trx, {
          actorUserId: a.userId,
          actorOrgId: a.org.id,
          action: "change.route",
          entityType: "change_request",
          entityId: r.id,
          before: { status: "proposed" },
          after: { status: "in_route", round: r.round, amountYen: routeAmount(content, price), revision: route.revision },
        });
        const first = route.steps[0]!;
        mails = await noticeStep(trx, ctx, { ...r, routed_by: a.userId }, first, 0, route.steps.length, [], await activeDelegations(trx, a.org.id, now), now);
        return { ok: true, status: "in_route", version: null };
      }
      const applied = await approve(trx, ctx, r, by, now);
      mails = applied.mails;
      return { ok: true, status: "approved", version: applied.version };
    });
    if (result.ok) await sendPendingMails(ctx, mails);
    return result;
  } catch (e) {
    if (e instanceof Rollback) return e.failure;
    if (isUniqueViolation(e)) return failure.conflict("approvals.alreadyDecided");
    throw e;
  }
}

type By = { userId: string; orgId: string };

async function decideInRoute(
  trx: Kysely<Database>,
  ctx: AppContext,
  a: { userId: string; org: { id: string } },
  r: ChangeRequestRow,
  input: unknown,
  now: Date,
): Promise<{ ok: true; status: ChangeStatus; version: number | null; mails: PendingMail[] } | ServiceFailure> {
  const body = (input ?? {}) as { decision?: unknown; comment?: unknown; reason?: unknown };
  const parsed = DecisionInput.safeParse({ decision: body.decision, comment: body.comment ?? body.reason });
  if (!parsed.success) return failure.invalid({ issues: parsed.error.issues });
  const proposer = r.routed_by!;
  if (proposer === a.userId) return DECISION_REFUSAL.proposer;
  const route = stepsOf(r);
  const decisions = ofRound(await listChangeDecisions(trx, [r.id]), r.round);
  const state = routeState(route, decisions);
  if (state.status !== "pending") return failure.conflict("approvals.notPending");
  const delegations = await activeDelegations(trx, a.org.id, now);
  const answer = canDecide(state.step, a.userId, proposer, delegations, { at: now, decided: decidedSeats(decisions, state.stepIndex) });
  if (!answer.ok && answer.reason === "notApprover" && decisions.some((d) => d.decided_by === a.userId)) return DECISION_REFUSAL.alreadyDecided;
  if (!answer.ok) return DECISION_REFUSAL[answer.reason];
  const { decision, comment } = parsed.data;
  await insertDecision(trx, {
    changeRequestId: r.id,
    round: r.round,
    stepIndex: state.stepIndex,
    approverUserId: answer.approverId,
    decidedBy: a.userId,
    delegated: answer.delegated,
    decision,
    comment: comment ?? null,
    at: now,
  });
  const after = routeState(route, [...decisions, { step_index: state.stepIndex, approver_user_id: answer.approverId, decided_by: a.userId, decision }]);
  await writeAudit(trx, {
    actorUserId: a.userId,
    actorOrgId: a.org.id,
    action: `approval.${decision}`,
    entityType: "change_request",
    entityId: r.id,
    before: { status: "in_route", round: r.round, stepIndex: state.stepIndex },
    after: { status: after.status, round: r.round, stepIndex: state.stepIndex, seat: answer.approverId, delegated: answer.delegated, comment: comment ?? null },
  });
  const by = { userId: a.userId, orgId: a.org.id };
  if (after.status === "approved") {
    const applied = await approve(trx, ctx, r, by, now);
    return { ok: true, status: "approved", version: applied.version, mails: applied.mails };
  }
  if (after.status === "rejected") {
    // The approver's comment is internal: the vendor reads that the 稟議 did not approve it (no reason row).
    const mails = await reject(trx, ctx, r, by, null, now, comment ?? "");
    return { ok: true, status: "rejected", version: null, mails };
  }
  if (after.status === "returned") {
    await moveChangeRequest(trx, r.id, "in_route", "proposed", { at: now, nextRound: true });
    const mails = await noticeBuyerMembers(
      trx,
      r.buyer_org_id,
      [proposer],
      "change.returned",
      { href: changeHref(r.contract_id, r.id), title: r.title, reason: comment ?? "" },
      {
        subject: "mail.changes.returned.subject",
        body: "mail.changes.returned.body",
        params: { title: r.title, comment: comment ?? "", link: `${appOrigin(ctx.env)}${changeHref(r.contract_id, r.id)}` },
      },
      now,
    );
    return { ok: true, status: "proposed", version: null, mails };
  }
  const mails =
    after.status === "pending" && after.stepIndex !== state.stepIndex
      ? await noticeStep(trx, ctx, r, after.step, after.stepIndex, route.length, [], delegations, now)
      : [];
  return { ok: true, status: "in_route", version: null, mails };
}

/** Tells the seats (and their delegates) of the step that has become current — the 稟議's own notice, for a change. */
async function noticeStep(
  trx: Kysely<Database>,
  ctx: AppContext,
  r: Pick<ChangeRequestRow, "id" | "contract_id" | "buyer_org_id" | "routed_by" | "title">,
  step: RouteStep,
  stepIndex: number,
  total: number,
  decided: readonly string[],
  delegations: Parameters<typeof stepRecipients>[3],
  now: Date,
) {
  return noticeBuyerMembers(
    trx,
    r.buyer_org_id,
    stepRecipients(step, r.routed_by!, decided, delegations),
    "change.waiting",
    { href: changeHref(r.contract_id, r.id), title: r.title },
    {
      subject: "mail.changes.waiting.subject",
      body: "mail.changes.waiting.body",
      params: { title: r.title, step: stepIndex + 1, steps: total, link: `${appOrigin(ctx.env)}${changeHref(r.contract_id, r.id)}` },
    },
    now,
  );
}

/** Applies the approved request as version n+1 (under the contract's lock) and tells the vendor side. */
async function approve(trx: Kysely<Database>, ctx: AppContext, r: ChangeRequestRow, by: By, now: Date) {
  const row = (await lockContract(trx, r.contract_id))!;
  if (row.status !== "active") throw new Rollback(failure.conflict("changes.contract.notActive"));
  const content = await contentOf(trx, r.contract_id, row.current_version);
  // Applied to the version in force now (another change may have been approved since it was proposed), with the
  // milestones accepted by now: a request that no longer fits is refused with its reasons, writing nothing.
  const applied = applyChange({ content, accepted: await acceptedIndexes(trx, r.contract_id), today: tokyoDateString(now) }, r.impact as ChangeImpact, {
    number: r.number,
    title: r.title,
  });
  if (!applied.ok) throw new Rollback(failure.conflict("changes.noLongerApplies", { reasons: applied.issues.map((i) => i.message as AnyMessageKey) }));
  const version = await writeContractVersion(trx, row, {
    content: applied.content,
    reason: r.title,
    outside: { outsideScope: row.outside_scope, reason: row.outside_scope_reason },
    by,
    at: now,
    audit: { changeRequestId: r.id, changeNumber: r.number },
  });
  if (!(await moveChangeRequest(trx, r.id, r.status, "approved", { at: now, decidedBy: by.userId, appliedVersion: version })))
    throw new Rollback(failure.conflict("changes.notOpen"));
  await writeAudit(trx, {
    actorUserId: by.userId,
    actorOrgId: by.orgId,
    action: "change.approve",
    entityType: "change_request",
    entityId: r.id,
    before: { status: r.status, version: row.current_version },
    after: { status: "approved", version },
  });
  const mails = await noticeBothSides(trx, ctx, r, "change.approved", "mail.changes.approved", { version }, now);
  return { version, mails };
}

async function reject(trx: Kysely<Database>, ctx: AppContext, r: ChangeRequestRow, by: By, reason: string | null, now: Date, internalComment = "") {
  if (!(await moveChangeRequest(trx, r.id, r.status, "rejected", { at: now, decidedBy: by.userId, rejectionReason: reason })))
    throw new Rollback(failure.conflict("changes.notOpen"));
  await writeAudit(trx, {
    actorUserId: by.userId,
    actorOrgId: by.orgId,
    action: "change.reject",
    entityType: "change_request",
    entityId: r.id,
    before: { status: r.status },
    after: { status: "rejected", reason, inRoute: reason === null, comment: internalComment || null },
  });
  return reason === null
    ? noticeBothSides(trx, ctx, r, "change.rejected", "mail.changes.rejectedInRoute", {}, now)
    : noticeBothSides(trx, ctx, r, "change.rejected", "mail.changes.rejected", { reason }, now);
}

/** The vendor's members always; the buyer's proposer too when the buyer proposed (the decision is news to them). */
async function noticeBothSides(
  trx: Kysely<Database>,
  ctx: AppContext,
  r: ChangeRequestRow,
  kind: "change.approved" | "change.rejected",
  mail: "mail.changes.approved" | "mail.changes.rejected" | "mail.changes.rejectedInRoute",
  params: Record<string, string | number>,
  now: Date,
) {
  const link = `${appOrigin(ctx.env)}${changeHref(r.contract_id, r.id)}`;
  const message = { subject: `${mail}.subject` as const, body: `${mail}.body` as const, params: { title: r.title, link, ...params } };
  const payload = { href: changeHref(r.contract_id, r.id), title: r.title };
  const vendor = await noticeOrgMembers(trx, [r.vendor_org_id], kind, payload, message, now);
  const proposer = r.proposed_side === "buyer" ? await noticeBuyerMembers(trx, r.buyer_org_id, [r.proposed_by], kind, payload, message, now) : [];
  return [...vendor, ...proposer];
}

// ── the 承認待ち list and the threshold ────────────────────────────────────────────────────────

/** Change requests waiting in their 稟議 for the caller (own seat or 代決), for the /approvals inbox. */
export async function pendingChangeApprovals(ctx: AppContext, actor: Actor) {
  const a = orgActor(actor, "buyer");
  if (!a) return [];
  const rows = await listChangeRequestsInRoute(ctx.db, a.org.id);
  if (rows.length === 0) return [];
  const now = ctx.clock.now();
  const [all, delegations] = await Promise.all([
    listChangeDecisions(
      ctx.db,
      rows.map((r) => r.id),
    ),
    activeDelegations(ctx.db, a.org.id, now),
  ]);
  return rows.flatMap((r) => {
    const route = stepsOf(r);
    const current = ofRound(
      all.filter((d) => d.change_request_id === r.id),
      r.round,
    );
    const state = routeState(route, current);
    if (state.status !== "pending") return [];
    const answer = canDecide(state.step, a.userId, r.routed_by ?? "", delegations, { at: now, decided: decidedSeats(current, state.stepIndex) });
    if (!answer.ok) return [];
    return [
      {
        changeRequestId: r.id,
        contractId: r.contract_id,
        href: changeHref(r.contract_id, r.id),
        number: r.number,
        title: r.title,
        contractTitle: r.contract_title,
        vendorName: r.vendor_name,
        priceImpactYen: Number(r.price_impact_yen),
        proposer: { id: r.routed_by, name: r.router_name },
        since: new Date(r.updated_at).toISOString(),
        step: { index: state.stepIndex, of: route.length, approvals: state.approvals, required: state.step.required },
        delegated: answer.delegated,
      },
    ];
  });
}

/** The buyer organisation's 稟議 threshold for change requests (decision 0041). */
export async function changeThreshold(ctx: AppContext, actor: Actor): Promise<{ ok: true; thresholdYen: number; canManage: boolean } | ServiceFailure> {
  const a = orgActor(actor, "buyer");
  if (!a) return failure.notFound();
  const canManage = can(a, "approvalRoutes:manage", { type: "organization", id: a.org.id });
  return { ok: true, thresholdYen: await findChangeThreshold(ctx.db, a.org.id), canManage };
}

/** Whoever may manage the approval routes sets the threshold: integer yen ≥ 0 (0 = no change request goes through the route). */
export async function saveChangeThreshold(ctx: AppContext, actor: Actor, input: unknown): Promise<{ ok: true; thresholdYen: number } | ServiceFailure> {
  const a = orgActor(actor, "buyer");
  if (!a) return failure.notFound();
  if (!can(a, "approvalRoutes:manage", { type: "organization", id: a.org.id })) return failure.forbidden();
  const raw = (input as { thresholdYen?: unknown } | null)?.thresholdYen;
  // The form sends text ("1,000,000"); the API a number.
  const value = typeof raw === "string" && /^[\d,，\s]+$/.test(raw.trim()) ? Number(raw.replace(/[,，\s]/g, "")) : raw;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0)
    return failure.invalid({ fieldErrors: { thresholdYen: ["changes.threshold.invalid"] } });
  return ctx.db.transaction().execute(async (trx) => {
    const before = await findChangeThreshold(trx, a.org.id);
    await setChangeThreshold(trx, a.org.id, value);
    await writeAudit(trx, {
      actorUserId: a.userId,
      actorOrgId: a.org.id,
      action: "change.threshold",
      entityType: "organization",
      entityId: a.org.id,
      before: { thresholdYen: before },
      after: { thresholdYen: value },
    });
    return { ok: true as const, thresholdYen: value };
  });
}

export { openItemsFor } from "../../db/queries/change-requests";
