import { insertAward } from "../../db/queries/awards";
import { saveApprovalRoutes, routeForAmount } from "../../app/services/approval-routes.server";
import { proposeAward } from "../../app/services/award-proposals.server";
import { addBusinessDays } from "../../app/domain/calendar/japan-business-days";
import type { ProposalSnapshot } from "../../app/domain/award/proposal";
import type { Actor } from "../../app/domain/permissions";
import { tokyoDateString } from "../../app/utils/format";
import { createUser } from "./accounts";
import { mustSucceed, type FactoryContext } from "./context";

// An award as the award transaction (app/services/award.server.ts, issue 15 item 4) leaves the database:
// the proposal is made with the real `proposeAward` (so its snapshot is the real frozen decision), then
// approved and awarded by direct writes — proposal approved, RFQ awarded, the winning quote awarded, every
// other opened offer not selected, and an `awards` row with respond_by / standstill_ends_at counted in
// Japanese business days from the award date. Switch it to the real transaction once that lands.

export interface AwardForTest {
  /** A member of the RFQ's buyer organisation: the proposer. If the organisation has no approval rules yet it must be an owner. */
  buyer: Actor;
  rfqId: string;
  /** The winning quote (opened, qualified). */
  quoteId: string;
  /** What not-selected vendors read as the buyer's reason. */
  reason: string;
  acceptBusinessDays?: number;
  standstillBusinessDays?: number;
}

/** The end of a business day counted from `from` in Japan: midnight JST after the n-th business day. */
export function endOfBusinessDays(from: Date, n: number): Date {
  const day = addBusinessDays(tokyoDateString(from), n);
  return new Date(new Date(`${day}T00:00:00+09:00`).getTime() + 86_400_000);
}

export async function awardForTest(f: FactoryContext, o: AwardForTest): Promise<{ awardId: string; proposalId: string }> {
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
  const proposed = mustSucceed(
    await proposeAward(f.ctx, o.buyer, o.rfqId, {
      quoteId: o.quoteId,
      rationale: "総合評価と実績に基づき選定する（内部向けの起案理由）",
      specificRationale: "個別の理由（テスト）",
    }),
    "proposing the award",
  );
  const now = f.ctx.clock.now();
  const accept = o.acceptBusinessDays ?? 5;
  const standstill = o.standstillBusinessDays ?? 0;
  const proposal = await db.selectFrom("award_proposals").select(["snapshot", "amount_yen"]).where("id", "=", proposed.id).executeTakeFirstOrThrow();
  const snapshot = proposal.snapshot as ProposalSnapshot;
  const winner = snapshot.quotes.find((q) => q.id === o.quoteId)!;
  const awardId = await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("organizations")
      .set({ award_accept_business_days: accept, award_standstill_business_days: standstill })
      .where("id", "=", buyerOrgId)
      .execute();
    await trx.updateTable("award_proposals").set({ status: "approved", decided_at: now, updated_at: now }).where("id", "=", proposed.id).execute();
    await trx.updateTable("rfqs").set({ status: "awarded", updated_at: now }).where("id", "=", o.rfqId).execute();
    await trx.updateTable("quotes").set({ status: "awarded", updated_at: now }).where("id", "=", o.quoteId).execute();
    const others = snapshot.quotes.filter((q) => q.id !== o.quoteId).map((q) => q.id);
    if (others.length > 0)
      await trx
        .updateTable("quotes")
        .set({ status: "not_selected", updated_at: now })
        .where("id", "in", others)
        .where("status", "in", ["submitted", "shortlisted"])
        .execute();
    const row = await insertAward(trx, {
      rfqId: o.rfqId,
      buyerOrgId,
      proposalId: proposed.id,
      quoteId: o.quoteId,
      vendorOrgId: winner.vendorOrgId,
      amountYen: Number(proposal.amount_yen),
      debriefReason: o.reason,
      respondBy: endOfBusinessDays(now, accept),
      standstillEndsAt: standstill > 0 ? endOfBusinessDays(now, standstill) : null,
      at: now,
    });
    return row.id;
  });
  return { awardId, proposalId: proposed.id };
}
