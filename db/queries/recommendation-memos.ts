import { sql, type Kysely } from "kysely";
import type { Database } from "../schema";

// Recommendation memos (issue 18 item 5; decision 0047) and what their drafts, the award packet and the agreement
// figures read: an advisory organisation's own submitted ratings and annotations, an RFQ's current annotations with
// their clarifications, the named evaluators with their submitted ratings, and the consensus scores. Every read of
// memos takes the reader's organisation (the advisory org's own versions; the buyer's RFQ for published ones).

const memoColumns = [
  "recommendation_memos.id",
  "recommendation_memos.rfq_id",
  "recommendation_memos.advisor_org_id",
  "recommendation_memos.version",
  "recommendation_memos.status",
  "recommendation_memos.quote_id",
  "recommendation_memos.rationale",
  "recommendation_memos.conditions",
  "recommendation_memos.risks",
  "recommendation_memos.author_user_id",
  "recommendation_memos.created_at",
  "recommendation_memos.updated_at",
  "recommendation_memos.published_at",
] as const;

function memosWithNames(db: Kysely<Database>) {
  return db
    .selectFrom("recommendation_memos")
    .innerJoin("organizations as advisor", "advisor.id", "recommendation_memos.advisor_org_id")
    .innerJoin("users as author", "author.id", "recommendation_memos.author_user_id")
    .leftJoin("quotes", "quotes.id", "recommendation_memos.quote_id")
    .leftJoin("organizations as vendor", "vendor.id", "quotes.vendor_org_id")
    .select([...memoColumns, "advisor.name as advisor_name", "author.name as author_name", "vendor.name as vendor_name"]);
}

export type MemoRow = Awaited<ReturnType<typeof listMemosOfAdvisor>>[number];

/** Every version of one advisory organisation's memos on an RFQ, newest first. */
export async function listMemosOfAdvisor(db: Kysely<Database>, advisorOrgId: string, rfqId: string) {
  return memosWithNames(db)
    .where("recommendation_memos.rfq_id", "=", rfqId)
    .where("recommendation_memos.advisor_org_id", "=", advisorOrgId)
    .orderBy("recommendation_memos.version", "desc")
    .execute();
}

/** The published memos (current and superseded; never drafts) on the buyer's own RFQ, by organisation then newest first. */
export async function listPublishedMemosForBuyer(db: Kysely<Database>, buyerOrgId: string, rfqId: string) {
  return memosWithNames(db)
    .innerJoin("rfqs", "rfqs.id", "recommendation_memos.rfq_id")
    .where("rfqs.id", "=", rfqId)
    .where("rfqs.buyer_org_id", "=", buyerOrgId)
    .where("recommendation_memos.status", "in", ["published", "superseded"])
    .orderBy("advisor.name")
    .orderBy("recommendation_memos.version", "desc")
    .execute();
}

/** One memo version of the advisory organisation (any status), locked for update when `lock`. */
export async function findMemoOfAdvisor(db: Kysely<Database>, advisorOrgId: string, memoId: string, lock = false) {
  let q = db.selectFrom("recommendation_memos").select(memoColumns).where("id", "=", memoId).where("advisor_org_id", "=", advisorOrgId);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function nextMemoVersion(db: Kysely<Database>, advisorOrgId: string, rfqId: string): Promise<number> {
  const row = await db
    .selectFrom("recommendation_memos")
    .select(sql<number>`coalesce(max(version), 0) + 1`.as("next"))
    .where("rfq_id", "=", rfqId)
    .where("advisor_org_id", "=", advisorOrgId)
    .executeTakeFirstOrThrow();
  return Number(row.next);
}

export async function insertMemoDraft(
  db: Kysely<Database>,
  m: {
    rfqId: string;
    advisorOrgId: string;
    version: number;
    quoteId: string | null;
    rationale: string;
    conditions: string;
    risks: string;
    authorUserId: string;
    at: Date;
  },
) {
  return db
    .insertInto("recommendation_memos")
    .values({
      rfq_id: m.rfqId,
      advisor_org_id: m.advisorOrgId,
      version: m.version,
      status: "draft",
      quote_id: m.quoteId,
      rationale: m.rationale,
      conditions: m.conditions,
      risks: m.risks,
      author_user_id: m.authorUserId,
      created_at: m.at,
      updated_at: m.at,
    })
    .returning(["id", "version"])
    .executeTakeFirstOrThrow();
}

/** Edits a draft's fields; false when it is no longer a draft. */
export async function updateMemoDraft(
  db: Kysely<Database>,
  memoId: string,
  m: { quoteId: string | null; rationale: string; conditions: string; risks: string; authorUserId: string; at: Date },
): Promise<boolean> {
  const r = await db
    .updateTable("recommendation_memos")
    .set({ quote_id: m.quoteId, rationale: m.rationale, conditions: m.conditions, risks: m.risks, author_user_id: m.authorUserId, updated_at: m.at })
    .where("id", "=", memoId)
    .where("status", "=", "draft")
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The organisation's published memo becomes superseded; returns its id (or null when there was none). */
export async function supersedePublishedMemo(db: Kysely<Database>, advisorOrgId: string, rfqId: string, at: Date) {
  const row = await db
    .updateTable("recommendation_memos")
    .set({ status: "superseded", updated_at: at })
    .where("rfq_id", "=", rfqId)
    .where("advisor_org_id", "=", advisorOrgId)
    .where("status", "=", "published")
    .returning(["id", "version"])
    .executeTakeFirst();
  return row ?? null;
}

export async function markMemoPublished(db: Kysely<Database>, memoId: string, at: Date) {
  await db
    .updateTable("recommendation_memos")
    .set({ status: "published", published_at: at, updated_at: at })
    .where("id", "=", memoId)
    .where("status", "=", "draft")
    .execute();
}

/** Users of an organisation: the memo draft reads only their ratings. */
export async function listSubmittedRatingsOfOrg(db: Kysely<Database>, orgId: string, rfqId: string) {
  return db
    .selectFrom("evaluator_ratings")
    .innerJoin("rfq_evaluators", (j) =>
      j.onRef("rfq_evaluators.rfq_id", "=", "evaluator_ratings.rfq_id").onRef("rfq_evaluators.user_id", "=", "evaluator_ratings.evaluator_user_id"),
    )
    .select(["evaluator_ratings.quote_id", "evaluator_ratings.criterion_key", "evaluator_ratings.score", "evaluator_ratings.reason"])
    .where("evaluator_ratings.rfq_id", "=", rfqId)
    .where("rfq_evaluators.org_id", "=", orgId)
    .where("rfq_evaluators.submitted_at", "is not", null)
    .orderBy("evaluator_ratings.quote_id")
    .orderBy("evaluator_ratings.criterion_key")
    .orderBy("evaluator_ratings.evaluator_user_id")
    .execute();
}

/** An organisation's own current (not withdrawn) annotations on an RFQ. */
export async function listAnnotationsOfOrg(db: Kysely<Database>, orgId: string, rfqId: string) {
  return db
    .selectFrom("quote_annotations")
    .select(["quote_id", "criterion_key", "kind", "body"])
    .where("rfq_id", "=", rfqId)
    .where("author_org_id", "=", orgId)
    .where("withdrawn_at", "is", null)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

/**
 * The RFQ's current annotations (every author's; withdrawn ones left out) with their clarification, for the award
 * packet. Scoped by the buyer's organisation through the RFQ.
 */
export async function listAnnotationsWithClarifications(db: Kysely<Database>, buyerOrgId: string, rfqId: string) {
  return db
    .selectFrom("quote_annotations")
    .innerJoin("rfqs", "rfqs.id", "quote_annotations.rfq_id")
    .innerJoin("organizations as author_org", "author_org.id", "quote_annotations.author_org_id")
    .innerJoin("users as author", "author.id", "quote_annotations.author_user_id")
    .leftJoin("clarification_requests", "clarification_requests.annotation_id", "quote_annotations.id")
    .select([
      "quote_annotations.id",
      "quote_annotations.quote_id",
      "quote_annotations.criterion_key",
      "quote_annotations.kind",
      "quote_annotations.body",
      "quote_annotations.updated_at",
      "author_org.name as author_org_name",
      "author.name as author_name",
      "clarification_requests.question as clarification_question",
      "clarification_requests.answer as clarification_answer",
      "clarification_requests.answered_at as clarification_answered_at",
    ])
    .where("quote_annotations.rfq_id", "=", rfqId)
    .where("rfqs.buyer_org_id", "=", buyerOrgId)
    .where("quote_annotations.withdrawn_at", "is", null)
    .orderBy("quote_annotations.quote_id")
    .orderBy("quote_annotations.created_at")
    .orderBy("quote_annotations.id")
    .execute();
}

/** The RFQ's named evaluators, with whether each has submitted. */
export async function listEvaluatorsOfRfq(db: Kysely<Database>, rfqId: string) {
  return db.selectFrom("rfq_evaluators").select(["user_id", "org_id", "side", "submitted_at"]).where("rfq_id", "=", rfqId).orderBy("user_id").execute();
}

/** The submitted evaluators' ratings of one RFQ (a rating of an evaluator still rating is never read). */
export async function listSubmittedRatingsOfRfq(db: Kysely<Database>, rfqId: string) {
  return db
    .selectFrom("evaluator_ratings")
    .innerJoin("rfq_evaluators", (j) =>
      j.onRef("rfq_evaluators.rfq_id", "=", "evaluator_ratings.rfq_id").onRef("rfq_evaluators.user_id", "=", "evaluator_ratings.evaluator_user_id"),
    )
    .select(["evaluator_ratings.evaluator_user_id", "evaluator_ratings.quote_id", "evaluator_ratings.criterion_key", "evaluator_ratings.score"])
    .where("evaluator_ratings.rfq_id", "=", rfqId)
    .where("rfq_evaluators.submitted_at", "is not", null)
    .execute();
}

/**
 * Every submitted rating on the buyer organisation's RFQs, with the RFQ's current version (its criteria give each
 * rating's scale) and who rated: what the leniency page reads. Limited to the RFQs of that buyer.
 */
export async function listSubmittedRatingsOfBuyer(db: Kysely<Database>, buyerOrgId: string) {
  return db
    .selectFrom("evaluator_ratings")
    .innerJoin("rfq_evaluators", (j) =>
      j.onRef("rfq_evaluators.rfq_id", "=", "evaluator_ratings.rfq_id").onRef("rfq_evaluators.user_id", "=", "evaluator_ratings.evaluator_user_id"),
    )
    .innerJoin("rfqs", "rfqs.id", "evaluator_ratings.rfq_id")
    .innerJoin("users", "users.id", "evaluator_ratings.evaluator_user_id")
    .innerJoin("organizations as org", "org.id", "rfq_evaluators.org_id")
    .select([
      "evaluator_ratings.rfq_id",
      "rfqs.current_version as rfq_version",
      "evaluator_ratings.quote_id",
      "evaluator_ratings.criterion_key",
      "evaluator_ratings.evaluator_user_id",
      "evaluator_ratings.score",
      "users.name as evaluator_name",
      "org.name as org_name",
      "rfq_evaluators.side",
    ])
    .where("rfqs.buyer_org_id", "=", buyerOrgId)
    .where("rfq_evaluators.submitted_at", "is not", null)
    .limit(20_000)
    .execute();
}

/** The chair's consensus scores of the given RFQs. */
export async function listConsensusOfRfqs(db: Kysely<Database>, rfqIds: readonly string[]) {
  if (rfqIds.length === 0) return [];
  return db
    .selectFrom("rating_consensus")
    .select(["rfq_id", "quote_id", "criterion_key", "score"])
    .where("rfq_id", "in", [...rfqIds])
    .execute();
}

/** Whether the user is a named evaluator of the RFQ who has not submitted yet (still blind). */
export async function isBlindEvaluator(db: Kysely<Database>, rfqId: string, userId: string): Promise<boolean> {
  const row = await db.selectFrom("rfq_evaluators").select("submitted_at").where("rfq_id", "=", rfqId).where("user_id", "=", userId).executeTakeFirst();
  return row !== undefined && row.submitted_at === null;
}
