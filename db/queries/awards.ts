import type { Kysely } from "kysely";
import type { AwardStatus, Database } from "../schema";

// Awards (issue 15, item 4): one row per award made after a proposal's route completed. Reads take the
// organisation of the side that reads (the buyer's, or the vendor's own): an award is tenant data.

export interface NewAward {
  rfqId: string;
  buyerOrgId: string;
  proposalId: string;
  quoteId: string;
  vendorOrgId: string;
  amountYen: number;
  debriefReason: string;
  respondBy: Date;
  standstillEndsAt: Date | null;
  at: Date;
}

export async function insertAward(db: Kysely<Database>, a: NewAward) {
  return db
    .insertInto("awards")
    .values({
      rfq_id: a.rfqId,
      buyer_org_id: a.buyerOrgId,
      proposal_id: a.proposalId,
      quote_id: a.quoteId,
      vendor_org_id: a.vendorOrgId,
      amount_yen: a.amountYen,
      debrief_reason: a.debriefReason,
      status: "offered",
      respond_by: a.respondBy,
      standstill_ends_at: a.standstillEndsAt,
      created_at: a.at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The RFQ's award that is offered or accepted (at most one), for its buyer organisation. */
export async function findLiveAwardForBuyer(db: Kysely<Database>, buyerOrgId: string, rfqId: string) {
  return db
    .selectFrom("awards")
    .selectAll()
    .where("rfq_id", "=", rfqId)
    .where("buyer_org_id", "=", buyerOrgId)
    .where("status", "in", ["offered", "accepted"] satisfies AwardStatus[])
    .executeTakeFirst();
}

/** Every award of the RFQ, newest first, for its buyer organisation (a declined one stays in the history). */
export async function listAwardsForBuyer(db: Kysely<Database>, buyerOrgId: string, rfqId: string) {
  return db.selectFrom("awards").selectAll().where("rfq_id", "=", rfqId).where("buyer_org_id", "=", buyerOrgId).orderBy("created_at", "desc").execute();
}

/** The RFQ's live award as any one vendor may know of it: whether it won is the vendor's own business. */
export async function findLiveAwardOfRfq(db: Kysely<Database>, rfqId: string) {
  return db
    .selectFrom("awards")
    .selectAll()
    .where("rfq_id", "=", rfqId)
    .where("status", "in", ["offered", "accepted"] satisfies AwardStatus[])
    .executeTakeFirst();
}
