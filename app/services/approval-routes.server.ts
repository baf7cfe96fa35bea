import { findApprovalRouteRules, listApprovers, lockApprovalRouteRules, saveApprovalRouteRules, setMemberApprover } from "../../db/queries/approval-routes";
import { writeAudit } from "../../db/queries/audit";
import { approversIn, RouteRulesSchema, routeFor, unknownApprovers, type DecideAnswer, type RouteRules, type RouteStep } from "~/domain/approvals/route-rules";
import { can, type Actor } from "~/domain/permissions";
import type { AppContext } from "~/utils/context.server";
import { failure, orgActor, ServiceFailure } from "~/utils/service-failure";

// 稟議ルート (issue 15, item 3): a buyer organisation's approval rules and its approvers.
// Every member of the buyer organisation reads them; owners save them and set the approver flag.
// Other organisations (and other tenants) get 404: they are never told the rules exist.

const own = (orgId: string) => ({ type: "organization", id: orgId }) as const;

/** Parses stored rules; a document that no longer parses (a later shape) reads as "no rules" rather than a 500. */
function storedRules(raw: unknown): RouteRules | null {
  const parsed = RouteRulesSchema.safeParse(typeof raw === "string" ? JSON.parse(raw) : raw);
  return parsed.success ? parsed.data : null;
}

/** The settings page's data: the rules (or null before the first save), the approvers to choose from, and whether the actor edits. */
export async function approvalRoutesOf(ctx: AppContext, actor: Actor) {
  const a = orgActor(actor, "buyer");
  if (!a || !can(a, "approvalRoutes:read", own(a.org.id))) return failure.notFound();
  const [row, approvers] = await Promise.all([findApprovalRouteRules(ctx.db, a.org.id), listApprovers(ctx.db, a.org.id)]);
  return {
    ok: true as const,
    rules: row ? storedRules(row.rules) : null,
    revision: row?.revision ?? 0,
    updatedAt: row?.updated_at ?? null,
    updatedByName: row?.updatedByName ?? null,
    approvers,
    canManage: can(a, "approvalRoutes:manage", own(a.org.id)),
  };
}

/**
 * Saves the organisation's rules: owners only; the rules must pass RouteRulesSchema (bands without gaps or
 * overlaps, N ≤ M, …) and name only members with the approver flag. A refusal writes nothing and says
 * which field is wrong; a save raises the revision and is audited with the rules before and after.
 */
export async function saveApprovalRoutes(
  ctx: AppContext,
  actor: Actor,
  input: unknown,
): Promise<{ ok: true; revision: number; rules: RouteRules } | ServiceFailure> {
  const a = orgActor(actor, "buyer");
  if (!a || !can(a, "approvalRoutes:read", own(a.org.id))) return failure.notFound();
  if (!can(a, "approvalRoutes:manage", own(a.org.id))) return failure.forbidden();
  const parsed = RouteRulesSchema.safeParse(input);
  if (!parsed.success) return failure.invalid({ issues: parsed.error.issues });
  const rules = parsed.data;
  return ctx.db.transaction().execute(async (trx) => {
    const before = await lockApprovalRouteRules(trx, a.org.id);
    const approvers = new Set((await listApprovers(trx, a.org.id)).map((m) => m.id));
    const unknown = unknownApprovers(rules, approvers);
    // As zod issues, so the page shows them at the step's field and the API names the same path as the schema's own refusals.
    if (unknown.length > 0)
      return failure.invalid({ issues: unknown.map((u) => ({ code: "custom" as const, path: u.path, message: u.key, input: u.userIds })) });
    const revision = await saveApprovalRouteRules(trx, a.org.id, rules, a.userId, ctx.clock.now());
    await writeAudit(trx, {
      actorUserId: a.userId,
      actorOrgId: a.org.id,
      action: "approvalRoutes.save",
      entityType: "organization",
      entityId: a.org.id,
      before: before ? { revision: before.revision, rules: before.rules } : null,
      after: { revision, rules },
    });
    return { ok: true as const, revision, rules };
  });
}

/**
 * Sets or clears a member's approver flag (owners of a buyer organisation). A member still named in the
 * rules keeps the flag until the rules stop naming them, so saved rules never point at a non-approver.
 */
export async function setApprover(
  ctx: AppContext,
  actor: Actor,
  userId: string,
  isApprover: boolean,
): Promise<{ ok: true; changed: boolean } | ServiceFailure> {
  const a = orgActor(actor, "buyer");
  if (!a || !can(a, "approvalRoutes:read", own(a.org.id))) return failure.notFound();
  if (!can(a, "approvalRoutes:manage", own(a.org.id))) return failure.forbidden();
  return ctx.db.transaction().execute(async (trx) => {
    if (!isApprover) {
      const row = await lockApprovalRouteRules(trx, a.org.id);
      const rules = row ? storedRules(row.rules) : null;
      if (rules && approversIn(rules).includes(userId)) return failure.conflict("members.approver.inRoute");
    }
    const before = await setMemberApprover(trx, a.org.id, userId, isApprover);
    if (before === undefined) return failure.notFound();
    if (before === isApprover) return { ok: true as const, changed: false };
    await writeAudit(trx, {
      actorUserId: a.userId,
      actorOrgId: a.org.id,
      action: isApprover ? "membership.approver.set" : "membership.approver.unset",
      entityType: "user",
      entityId: userId,
      before: { isApprover: before },
      after: { isApprover },
    });
    return { ok: true as const, changed: true };
  });
}

/**
 * For the award proposal (later pieces of issue 15): the route that applies to an amount under the
 * organisation's current rules, with the revision it came from, to be frozen on the proposal.
 * `null` when the organisation has no rules yet (the proposal cannot enter a route).
 */
export async function routeForAmount(
  ctx: Pick<AppContext, "db">,
  buyerOrgId: string,
  amountYen: number,
): Promise<{ revision: number; steps: RouteStep[] } | null> {
  const row = await findApprovalRouteRules(ctx.db, buyerOrgId);
  const rules = row ? storedRules(row.rules) : null;
  const steps = rules ? routeFor(rules, amountYen) : null;
  return row && steps ? { revision: row.revision, steps } : null;
}

/** Why an approver may not decide at a step, as the refusal the caller returns (award proposals and change requests). */
export const DECISION_REFUSAL: Record<Exclude<DecideAnswer, { ok: true }>["reason"], ServiceFailure> = {
  proposer: new ServiceFailure(403, "approvals.refused.proposer"),
  notApprover: new ServiceFailure(403, "approvals.refused.notApprover"),
  alreadyDecided: new ServiceFailure(409, "approvals.alreadyDecided"),
};
