import type { Kysely } from "kysely";
import type { Database, LowQuoteTopic } from "../schema";

// Explanation requests for abnormally low quotes (issue 19 item 2; decision 0051). Every read names the reader's
// organisation: the buyer reads its RFQ's requests, the vendor only its own quotes' requests. The row holds no
// price figure (the thresholds are computed on the buyer's pages), so the vendor's read may select every column
// except the buyer's assessment, which stays the buyer's.

export type ExplanationAnswer = Partial<Record<LowQuoteTopic, string>>;

function withNames(db: Kysely<Database>) {
  return db
    .selectFrom("low_quote_explanations as e")
    .innerJoin("organizations as vendor", "vendor.id", "e.vendor_org_id")
    .innerJoin("users as requester", "requester.id", "e.requested_by")
    .leftJoin("users as answerer", "answerer.id", "e.answered_by")
    .leftJoin("users as assessor", "assessor.id", "e.assessed_by");
}

const vendorColumns = [
  "e.id",
  "e.rfq_id",
  "e.quote_id",
  "e.quote_version",
  "e.vendor_org_id",
  "e.trigger",
  "e.topics",
  "e.message",
  "e.reply_by",
  "e.requested_at",
  "e.answer",
  "e.answered_at",
  "vendor.name as vendor_name",
  "answerer.name as answerer_name",
] as const;

const buyerColumns = [
  ...vendorColumns,
  "e.buyer_org_id",
  "e.requested_by",
  "requester.name as requester_name",
  "e.answered_by",
  "e.assessment",
  "e.assessment_note",
  "e.assessed_by",
  "e.assessed_at",
  "assessor.name as assessor_name",
] as const;

export type BuyerExplanationRow = Awaited<ReturnType<typeof listExplanationsForBuyer>>[number];
export type VendorExplanationRow = Awaited<ReturnType<typeof listExplanationsForVendor>>[number];

/** Every request on the buyer's RFQ, oldest first. */
export async function listExplanationsForBuyer(db: Kysely<Database>, buyerOrgId: string, rfqId: string) {
  return withNames(db)
    .select(buyerColumns)
    .where("e.buyer_org_id", "=", buyerOrgId)
    .where("e.rfq_id", "=", rfqId)
    .orderBy("e.requested_at")
    .orderBy("e.id")
    .execute();
}

/** The vendor's requests on one of its quotes (every version), oldest first; never the buyer's assessment. */
export async function listExplanationsForVendor(db: Kysely<Database>, vendorOrgId: string, quoteId: string) {
  return withNames(db)
    .select(vendorColumns)
    .where("e.vendor_org_id", "=", vendorOrgId)
    .where("e.quote_id", "=", quoteId)
    .orderBy("e.requested_at")
    .orderBy("e.id")
    .execute();
}

/** One request as its buyer reads it, or undefined (unknown id, other tenant). */
export async function findExplanationForBuyer(db: Kysely<Database>, buyerOrgId: string, id: string) {
  return withNames(db).select(buyerColumns).where("e.buyer_org_id", "=", buyerOrgId).where("e.id", "=", id).executeTakeFirst();
}

/** One request as its vendor reads it, or undefined (unknown id, another vendor). */
export async function findExplanationForVendor(db: Kysely<Database>, vendorOrgId: string, id: string) {
  return withNames(db).select(vendorColumns).where("e.vendor_org_id", "=", vendorOrgId).where("e.id", "=", id).executeTakeFirst();
}

export interface NewExplanationRequest {
  rfqId: string;
  quoteId: string;
  quoteVersion: number;
  buyerOrgId: string;
  vendorOrgId: string;
  trigger: "abnormally_low" | "low_bid_investigation";
  topics: LowQuoteTopic[];
  message: string;
  replyBy: string;
  requestedBy: string;
  requestedAt: Date;
}

/** Inserts a request; a second one for the same quote version violates `low_quote_explanations_once`. */
export async function insertExplanationRequest(db: Kysely<Database>, r: NewExplanationRequest): Promise<string> {
  const row = await db
    .insertInto("low_quote_explanations")
    .values({
      rfq_id: r.rfqId,
      quote_id: r.quoteId,
      quote_version: r.quoteVersion,
      buyer_org_id: r.buyerOrgId,
      vendor_org_id: r.vendorOrgId,
      trigger: r.trigger,
      topics: JSON.stringify(r.topics),
      message: r.message,
      reply_by: r.replyBy,
      requested_by: r.requestedBy,
      requested_at: r.requestedAt,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Writes the vendor's answer if none is written yet; false when it was (answered once). */
export async function answerExplanationRequest(
  db: Kysely<Database>,
  vendorOrgId: string,
  id: string,
  answer: ExplanationAnswer,
  userId: string,
  at: Date,
): Promise<boolean> {
  const r = await db
    .updateTable("low_quote_explanations")
    .set({ answer: JSON.stringify(answer), answered_by: userId, answered_at: at })
    .where("id", "=", id)
    .where("vendor_org_id", "=", vendorOrgId)
    .where("answered_at", "is", null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Writes the buyer's assessment of an answered request if none is written yet; false otherwise. */
export async function assessExplanation(
  db: Kysely<Database>,
  buyerOrgId: string,
  id: string,
  assessment: "satisfactory" | "unsatisfactory",
  note: string,
  userId: string,
  at: Date,
): Promise<boolean> {
  const r = await db
    .updateTable("low_quote_explanations")
    .set({ assessment, assessment_note: note, assessed_by: userId, assessed_at: at })
    .where("id", "=", id)
    .where("buyer_org_id", "=", buyerOrgId)
    .where("answered_at", "is not", null)
    .where("assessed_at", "is", null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Who a notice about a request goes to and what it names: the RFQ's title, the requester, both organisations. */
export async function findExplanationParties(db: Kysely<Database>, id: string) {
  return db
    .selectFrom("low_quote_explanations as e")
    .innerJoin("rfqs", "rfqs.id", "e.rfq_id")
    .innerJoin("organizations as vendor", "vendor.id", "e.vendor_org_id")
    .select(["e.id", "e.rfq_id", "e.quote_id", "e.buyer_org_id", "e.vendor_org_id", "e.requested_by", "rfqs.title as rfq_title", "vendor.name as vendor_name"])
    .where("e.id", "=", id)
    .executeTakeFirst();
}

/** The vendor's unanswered requests (its to-do), the earliest reply-by date first, with the RFQ's title. */
export async function listUnansweredExplanationsForVendor(db: Kysely<Database>, vendorOrgId: string, limit = 20) {
  return db
    .selectFrom("low_quote_explanations as e")
    .innerJoin("rfqs", "rfqs.id", "e.rfq_id")
    .select(["e.id", "e.rfq_id", "e.quote_id", "e.reply_by", "rfqs.title"])
    .where("e.vendor_org_id", "=", vendorOrgId)
    .where("e.answered_at", "is", null)
    .orderBy("e.reply_by")
    .orderBy("e.id")
    .limit(limit)
    .execute();
}
