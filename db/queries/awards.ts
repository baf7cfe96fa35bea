import type { Kysely } from "kysely";
import type { AwardStatus, Database, QuoteStatusColumn } from "../schema";

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

// ---------------------------------------------------------------------------------------------------------
// After the award (issue 15, item 4): the winner's answer, the debrief's inputs, standstill questions, the
// organisation's award settings.

/** Every award of the RFQ, newest first. Callers have already shown the reader is a bidder of this RFQ. */
export async function listAwardsOfRfq(db: Kysely<Database>, rfqId: string) {
  return db.selectFrom("awards").selectAll().where("rfq_id", "=", rfqId).orderBy("created_at", "desc").execute();
}

/** An award by id, for the vendor organisation it was made to (the winner) — others get nothing. */
export async function findAwardForWinner(db: Kysely<Database>, vendorOrgId: string, awardId: string) {
  return db.selectFrom("awards").selectAll().where("id", "=", awardId).where("vendor_org_id", "=", vendorOrgId).executeTakeFirst();
}

/** An award by id (any reader): the service decides whether the reader is a bidder of its RFQ. */
export async function findAwardById(db: Kysely<Database>, awardId: string) {
  return db.selectFrom("awards").selectAll().where("id", "=", awardId).executeTakeFirst();
}

/**
 * The winner's answer, compare-and-set on `offered`: of two answers at the same moment one changes the
 * row, the other finds nothing to change (false) and writes nothing.
 */
export async function answerAward(
  db: Kysely<Database>,
  awardId: string,
  a: { status: "accepted" | "declined"; by: string; at: Date; declineReason: string | null },
): Promise<boolean> {
  const r = await db
    .updateTable("awards")
    .set({ status: a.status, responded_by: a.by, responded_at: a.at, decline_reason: a.declineReason })
    .where("id", "=", awardId)
    .where("status", "=", "offered" satisfies AwardStatus)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** Moves one quote from a status to another; false when it was not in `from` (nothing written). */
export async function setQuoteStatusFrom(db: Kysely<Database>, quoteId: string, from: QuoteStatusColumn, to: QuoteStatusColumn, at: Date): Promise<boolean> {
  const r = await db.updateTable("quotes").set({ status: to, updated_at: at }).where("id", "=", quoteId).where("status", "=", from).executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** The frozen snapshot the award rests on (its proposal's), as stored. */
export async function findAwardSnapshot(db: Kysely<Database>, awardId: string): Promise<unknown> {
  const row = await db
    .selectFrom("awards")
    .innerJoin("award_proposals", "award_proposals.id", "awards.proposal_id")
    .select("award_proposals.snapshot")
    .where("awards.id", "=", awardId)
    .executeTakeFirst();
  return row?.snapshot ?? null;
}

/** Who hears of the winner's answer on the buyer's side: the proposal's proposer and the organisation's owners. */
export async function listAwardBuyerRecipients(db: Kysely<Database>, awardId: string) {
  return db
    .selectFrom("awards")
    .innerJoin("award_proposals", "award_proposals.id", "awards.proposal_id")
    .innerJoin("memberships", "memberships.org_id", "awards.buyer_org_id")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select(["users.id", "users.email", "users.name", "users.locale"])
    .where("awards.id", "=", awardId)
    .where((eb) => eb.or([eb("memberships.role", "=", "owner"), eb("users.id", "=", eb.ref("award_proposals.proposed_by"))]))
    .orderBy("users.id")
    .execute();
}

/** The buyer organisation's award settings and kind (municipality or company), which pick its calendar and legal deadlines. */
export async function findAwardSettings(db: Kysely<Database>, orgId: string) {
  return db
    .selectFrom("organizations")
    .select(["name", "buyer_kind", "award_accept_business_days", "award_standstill_business_days"])
    .where("id", "=", orgId)
    .executeTakeFirst();
}

export async function updateAwardSettings(
  db: Kysely<Database>,
  orgId: string,
  s: { acceptBusinessDays: number; standstillBusinessDays: number; buyerKind?: "company" | "municipality" },
) {
  await db
    .updateTable("organizations")
    .set({
      award_accept_business_days: s.acceptBusinessDays,
      award_standstill_business_days: s.standstillBusinessDays,
      ...(s.buyerKind ? { buyer_kind: s.buyerKind } : {}),
    })
    .where("id", "=", orgId)
    .execute();
}

export async function insertAwardQuestion(
  db: Kysely<Database>,
  q: { awardId: string; quoteId: string; vendorOrgId: string; askedBy: string; body: string; at: Date },
) {
  return db
    .insertInto("award_questions")
    .values({ award_id: q.awardId, quote_id: q.quoteId, vendor_org_id: q.vendorOrgId, asked_by: q.askedBy, body: q.body, asked_at: q.at })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The vendor organisation's own question on an award, if it asked one. */
export async function findAwardQuestionOfVendor(db: Kysely<Database>, vendorOrgId: string, awardId: string) {
  return db.selectFrom("award_questions").selectAll().where("award_id", "=", awardId).where("vendor_org_id", "=", vendorOrgId).executeTakeFirst();
}

/** The questions on an award, oldest first, with the asking vendor's name — for the award's buyer organisation. */
export async function listAwardQuestionsForBuyer(db: Kysely<Database>, buyerOrgId: string, awardId: string) {
  return db
    .selectFrom("award_questions")
    .innerJoin("awards", "awards.id", "award_questions.award_id")
    .innerJoin("organizations as vendor", "vendor.id", "award_questions.vendor_org_id")
    .select([
      "award_questions.id",
      "award_questions.award_id",
      "award_questions.quote_id",
      "award_questions.body",
      "award_questions.asked_at",
      "award_questions.answer",
      "award_questions.answered_at",
      "vendor.name as vendor_name",
    ])
    .where("awards.buyer_org_id", "=", buyerOrgId)
    .where("award_questions.award_id", "=", awardId)
    .orderBy("award_questions.asked_at")
    .orderBy("award_questions.id")
    .execute();
}

/** One question with its award, only for the award's buyer organisation. */
export async function findAwardQuestionForBuyer(db: Kysely<Database>, buyerOrgId: string, questionId: string) {
  return db
    .selectFrom("award_questions")
    .innerJoin("awards", "awards.id", "award_questions.award_id")
    .innerJoin("rfqs", "rfqs.id", "awards.rfq_id")
    .select(["award_questions.id", "award_questions.award_id", "award_questions.vendor_org_id", "award_questions.answer", "awards.rfq_id", "rfqs.title"])
    .where("awards.buyer_org_id", "=", buyerOrgId)
    .where("award_questions.id", "=", questionId)
    .executeTakeFirst();
}

/** The buyer's one answer, compare-and-set on "not answered yet". */
export async function answerAwardQuestion(db: Kysely<Database>, questionId: string, a: { answer: string; by: string; at: Date }): Promise<boolean> {
  const r = await db
    .updateTable("award_questions")
    .set({ answer: a.answer, answered_by: a.by, answered_at: a.at })
    .where("id", "=", questionId)
    .where("answer", "is", null)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}
