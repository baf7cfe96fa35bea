import { findDelegation, findMember, insertDelegation, listCurrentDelegations, revokeDelegation } from "../../db/queries/approval-decisions";
import { writeAudit } from "../../db/queries/audit";
import { listMembersOfOrg } from "../../db/queries/organizations";
import { DelegationInput } from "~/domain/approvals/decisions";
import { japanDay } from "~/domain/approvals/route-rules";
import { can, type Actor } from "~/domain/permissions";
import type { AppContext } from "~/utils/context.server";
import { isRowId } from "~/utils/row-id";
import { failure, orgActor, type ServiceFailure } from "~/utils/service-failure";

// 代決 (issue 15 item 3, decision 0027): an approver hands their seat to another member of the same buyer
// organisation for a period (Japan dates, inclusive); an owner may record it for any approver. Listed while
// current or future; revocable. `canDecide` applies them one hop (a delegate's own delegations do not pass on).
// Other organisations get 404.

const own = (orgId: string) => ({ type: "organization", id: orgId }) as const;

function present(r: Awaited<ReturnType<typeof listCurrentDelegations>>[number]) {
  return {
    id: r.id,
    from: { id: r.from_user_id, name: r.from_name },
    to: { id: r.to_user_id, name: r.to_name },
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    reason: r.reason,
    createdBy: r.created_by,
    createdAt: new Date(r.created_at).toISOString(),
    revokedAt: r.revoked_at ? new Date(r.revoked_at).toISOString() : null,
  };
}
export type DelegationView = ReturnType<typeof present>;

/** Current and future delegations of the caller's organisation, and whether the caller manages everyone's. */
export async function listDelegations(ctx: AppContext, actor: Actor) {
  const a = orgActor(actor, "buyer");
  if (!a || !can(a, "approvalRoutes:read", own(a.org.id))) return failure.notFound();
  const [rows, members] = await Promise.all([listCurrentDelegations(ctx.db, a.org.id, japanDay(ctx.clock.now())), listMembersOfOrg(ctx.db, a.org.id)]);
  return {
    ok: true as const,
    delegations: rows.map(present),
    canManageAll: can(a, "approvalRoutes:manage", own(a.org.id)),
    /** For the form: every member (a delegate), and whether each holds an approver's seat. */
    members: members.map((m) => ({ id: m.id, name: m.name, isApprover: m.is_approver })),
    userId: a.userId,
    today: japanDay(ctx.clock.now()),
  };
}

/**
 * Records a delegation. `fromUserId` absent = the caller's own seat. Refusals write nothing: 400 per field
 * (dates, oneself, an end in the past, a delegate outside the organisation, a seat that is not an
 * approver's); 403 for a member recording someone else's seat (owners may).
 */
export async function createDelegation(ctx: AppContext, actor: Actor, input: unknown): Promise<{ ok: true; delegation: DelegationView } | ServiceFailure> {
  const a = orgActor(actor, "buyer");
  if (!a || !can(a, "approvalRoutes:read", own(a.org.id))) return failure.notFound();
  const parsed = DelegationInput.safeParse(input);
  if (!parsed.success) return failure.invalid({ issues: parsed.error.issues });
  const d = parsed.data;
  const fromUserId = d.fromUserId ?? a.userId;
  if (fromUserId !== a.userId && !can(a, "approvalRoutes:manage", own(a.org.id)))
    return failure.invalid({ fieldErrors: { fromUserId: ["approvals.delegation.onlyOwn"] } });
  if (fromUserId === d.toUserId) return failure.invalid({ fieldErrors: { toUserId: ["approvals.delegation.self"] } });
  const now = ctx.clock.now();
  if (d.endsOn < japanDay(now)) return failure.invalid({ fieldErrors: { endsOn: ["approvals.delegation.ended"] } });
  const [from, to] = await Promise.all([findMember(ctx.db, a.org.id, fromUserId), findMember(ctx.db, a.org.id, d.toUserId)]);
  if (!from || !from.is_approver) return failure.invalid({ fieldErrors: { fromUserId: ["approvals.delegation.notApprover"] } });
  if (!to) return failure.invalid({ fieldErrors: { toUserId: ["approvals.delegation.notMember"] } });
  return ctx.db.transaction().execute(async (trx) => {
    const row = await insertDelegation(trx, {
      orgId: a.org.id,
      fromUserId,
      toUserId: d.toUserId,
      startsOn: d.startsOn,
      endsOn: d.endsOn,
      reason: d.reason,
      createdBy: a.userId,
      at: now,
    });
    await writeAudit(trx, {
      actorUserId: a.userId,
      actorOrgId: a.org.id,
      action: "approval.delegation.create",
      entityType: "approval_delegation",
      entityId: row.id,
      after: { fromUserId, toUserId: d.toUserId, startsOn: d.startsOn, endsOn: d.endsOn, reason: d.reason },
    });
    const saved = await findDelegation(trx, a.org.id, row.id);
    return { ok: true as const, delegation: present(saved!) };
  });
}

/** Revokes a delegation: its approver, its delegate or an owner. 404 for another organisation's; 409 when already revoked. */
export async function revokeDelegationById(ctx: AppContext, actor: Actor, id: string): Promise<{ ok: true } | ServiceFailure> {
  const a = orgActor(actor, "buyer");
  if (!a || !isRowId(id) || !can(a, "approvalRoutes:read", own(a.org.id))) return failure.notFound();
  const row = await findDelegation(ctx.db, a.org.id, id);
  if (!row) return failure.notFound();
  const mayRevoke = row.from_user_id === a.userId || row.to_user_id === a.userId || can(a, "approvalRoutes:manage", own(a.org.id));
  if (!mayRevoke) return failure.forbidden();
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    if (!(await revokeDelegation(trx, a.org.id, id, now))) return failure.conflict("approvals.delegation.alreadyRevoked");
    await writeAudit(trx, {
      actorUserId: a.userId,
      actorOrgId: a.org.id,
      action: "approval.delegation.revoke",
      entityType: "approval_delegation",
      entityId: id,
      before: { fromUserId: row.from_user_id, toUserId: row.to_user_id, startsOn: row.starts_on, endsOn: row.ends_on },
      after: { revokedAt: now.toISOString() },
    });
    return { ok: true as const };
  });
}
