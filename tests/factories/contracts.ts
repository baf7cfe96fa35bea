import type { Kysely } from "kysely";
import { insertAward } from "../../db/queries/awards";
import type { Database } from "../../db/schema";
import type { QuoteInput } from "~/domain/quote/schema";
import { quoteA } from "~/domain/quote/test-fixtures";
import type { RfqInput } from "~/domain/rfq/schema";
import { saveApprovalRoutes } from "~/services/approval-routes.server";
import { proposeAward } from "~/services/award-proposals.server";
import { actorFor, createUser } from "./accounts";
import { mustSucceed, type FactoryContext } from "./context";
import { createPublishedRfq, openRfq, rfqInput } from "./rfqs";
import { submitQuote } from "./quotes";

// The state a contract starts from (issue 15, item 5): an RFQ with an opened winning quote, an approved
// proposal and an `awards` row the winner ACCEPTED. Until the award transaction (H1) and accept/decline (H3)
// are merged, the award is inserted with `insertAward` and set accepted here; the lead will switch these
// steps to those services.

export interface AcceptedAwardSpec {
  /** The buyer organisation's owner (e-mail), who proposes. */
  buyerEmail: string;
  buyerOrgId: string;
  vendorEmail: string;
  vendorOrgId: string;
  buyerKind?: "company" | "municipality";
  quote?: QuoteInput;
  rfq?: Partial<RfqInput>;
  /** When not-selected vendors' standstill ends (null: none). */
  standstillEndsAt?: Date | null;
}

export interface AcceptedAward {
  rfqId: string;
  quoteId: string;
  proposalId: string;
  awardId: string;
}

export async function setBuyerKind(db: Kysely<Database>, orgId: string, kind: "company" | "municipality") {
  await db.updateTable("organizations").set({ buyer_kind: kind }).where("id", "=", orgId).execute();
}

export async function createAcceptedAward(f: FactoryContext, spec: AcceptedAwardSpec): Promise<AcceptedAward> {
  const db = f.ctx.db;
  if (spec.buyerKind) await setBuyerKind(db, spec.buyerOrgId, spec.buyerKind);
  const buyer = await actorFor(db, spec.buyerEmail);
  const approver = await createUser(db, { orgId: spec.buyerOrgId, role: "member", name: "承認 課長", isApprover: true });
  mustSucceed(
    await saveApprovalRoutes(f.ctx, buyer, {
      version: 1,
      bands: [{ fromYen: 0, toYen: null, steps: [{ kind: "sequential", required: 1, approverIds: [approver.id] }] }],
    }),
    "saving the approval route",
  );
  const rfqId = await createPublishedRfq(
    f,
    buyer,
    rfqInput(f, { sealed: true, invitedVendorIds: [spec.vendorOrgId], requiredCertifications: [], dataSensitivity: "none", ...spec.rfq }),
  );
  const quoteId = await submitQuote(f, await actorFor(db, spec.vendorEmail), rfqId, spec.quote ?? quoteA());
  await openRfq(f, rfqId);
  const proposal = mustSucceed(
    await proposeAward(f.ctx, buyer, rfqId, { quoteId, rationale: "総合評価で最上位", specificRationale: "個別理由" }),
    "proposing the award",
  );
  const now = f.ctx.clock.now();
  await db.updateTable("award_proposals").set({ status: "approved", decided_at: now }).where("id", "=", proposal.id).execute();
  const award = await insertAward(db, {
    rfqId,
    buyerOrgId: spec.buyerOrgId,
    proposalId: proposal.id,
    quoteId,
    vendorOrgId: spec.vendorOrgId,
    amountYen: proposal.amountYen,
    debriefReason: "総合評価で最上位",
    respondBy: new Date(now.getTime() + 7 * 86_400_000),
    standstillEndsAt: spec.standstillEndsAt ?? null,
    at: now,
  });
  await db.updateTable("awards").set({ status: "accepted", responded_at: now }).where("id", "=", award.id).execute();
  await db.updateTable("rfqs").set({ status: "awarded" }).where("id", "=", rfqId).execute();
  await db.updateTable("quotes").set({ status: "awarded" }).where("id", "=", quoteId).execute();
  return { rfqId, quoteId, proposalId: proposal.id, awardId: award.id };
}
