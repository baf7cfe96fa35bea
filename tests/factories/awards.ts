import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { RouteStep } from "../../app/domain/approvals/route-rules";
import type { Actor } from "../../app/domain/permissions";
import { decideProposal } from "../../app/services/approval-decisions.server";
import { routeForAmount, saveApprovalRoutes } from "../../app/services/approval-routes.server";
import { proposeAward } from "../../app/services/award-proposals.server";
import { acceptAward } from "../../app/services/award-result.server";
import { actorFor, createUser } from "./accounts";
import { mustSucceed, type FactoryContext } from "./context";

// An award made the way a buyer makes one (issue 15): the real proposal (its snapshot is the frozen decision),
// the real approvals along the organisation's route — each step approved by as many of its approvers as it
// needs, never the proposer — so the last approval runs the award transaction (app/services/award.server.ts).
// The demo seed uses the same builders.

export interface AwardThroughRoute {
  /** A member of the RFQ's buyer organisation: the proposer. If the organisation has no approval rules yet it must be an owner. */
  buyer: Actor;
  rfqId: string;
  /** The winning quote (opened, qualified). */
  quoteId: string;
  /** What not-selected vendors read as the buyer's reason. */
  reason: string;
  /** The internal 起案理由 (and the second, specific one when the quote is not ranked first or is flagged). */
  rationale?: string;
  specificRationale?: string;
  /** The buyer organisation's award settings, set before the award (business days). */
  acceptBusinessDays?: number;
  standstillBusinessDays?: number;
}

async function emailOf(db: Kysely<Database>, userId: string): Promise<string> {
  return (await db.selectFrom("users").select("email").where("id", "=", userId).executeTakeFirstOrThrow()).email;
}

/** Proposes the quote; returns the proposal id and its frozen route. */
export async function proposeThroughRoute(f: FactoryContext, o: AwardThroughRoute): Promise<{ proposalId: string; steps: RouteStep[] }> {
  const db = f.ctx.db;
  const buyerOrgId = o.buyer.org!.id;
  if (!(await routeForAmount(f.ctx, buyerOrgId, 0))) {
    const approver = await createUser(db, { orgId: buyerOrgId, role: "member", name: "承認 係長", isApprover: true });
    mustSucceed(
      await saveApprovalRoutes(f.ctx, o.buyer, {
        version: 1,
        bands: [{ fromYen: 0, toYen: null, steps: [{ kind: "sequential", required: 1, approverIds: [approver.id] }] }],
      }),
      "saving the approval route",
    );
  }
  if (o.acceptBusinessDays !== undefined || o.standstillBusinessDays !== undefined)
    await db
      .updateTable("organizations")
      .set({
        ...(o.acceptBusinessDays === undefined ? {} : { award_accept_business_days: o.acceptBusinessDays }),
        ...(o.standstillBusinessDays === undefined ? {} : { award_standstill_business_days: o.standstillBusinessDays }),
      })
      .where("id", "=", buyerOrgId)
      .execute();
  const proposed = mustSucceed(
    await proposeAward(f.ctx, o.buyer, o.rfqId, {
      quoteId: o.quoteId,
      rationale: o.rationale ?? "総合評価と実績に基づき選定する（内部向けの起案理由）",
      specificRationale: o.specificRationale ?? "個別の理由（テスト）",
      debriefReason: o.reason,
    }),
    "proposing the award",
  );
  const row = await db.selectFrom("award_proposals").select("route_steps").where("id", "=", proposed.id).executeTakeFirstOrThrow();
  return { proposalId: proposed.id, steps: row.route_steps as RouteStep[] };
}

/** Approves every step of the proposal's route with the approvers it needs (never the proposer); the last approval awards. */
export async function approveThroughRoute(f: FactoryContext, proposalId: string, steps: readonly RouteStep[], proposerId: string, comment = "承認します。") {
  let awardId: string | null = null;
  for (const step of steps) {
    const approvers = step.approverIds.filter((id) => id !== proposerId).slice(0, step.required);
    for (const id of approvers) {
      const decided = mustSucceed(
        await decideProposal(f.ctx, await actorFor(f.ctx.db, await emailOf(f.ctx.db, id)), proposalId, { decision: "approve", comment }),
        "approving",
      );
      awardId = decided.awardId ?? awardId;
    }
  }
  if (!awardId) throw new Error("the route ended without an award");
  return awardId;
}

/** Proposes, approves along the route and awards: the RFQ awarded, the winner awarded, the others not selected. */
export async function awardThroughRoute(f: FactoryContext, o: AwardThroughRoute): Promise<{ awardId: string; proposalId: string }> {
  const { proposalId, steps } = await proposeThroughRoute(f, o);
  const awardId = await approveThroughRoute(f, proposalId, steps, o.buyer.userId);
  return { awardId, proposalId };
}

/** The winner accepts (受諾) as one of its members. */
export async function acceptAsVendor(f: FactoryContext, vendor: Actor, awardId: string) {
  return mustSucceed(await acceptAward(f.ctx, vendor, awardId), "accepting the award");
}

/** Kept for the tests written before the award transaction landed: the same as awardThroughRoute. */
export const awardForTest = awardThroughRoute;
