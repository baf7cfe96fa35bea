import type { ExpressionBuilder, Kysely } from "kysely";
import { PREPARE } from "../prepared";
import type { Database } from "../schema";

// The evaluation panel of an RFQ and its evaluators' ratings (issue 18 item 3; decision 0046). Callers have
// already found the RFQ through a query scoped to the caller's organisation (the buyer's, or an advisory
// organisation's assignment), so these take the RFQ id; the rating writes also carry the evaluator's user id.

export async function findPanel(db: Kysely<Database>, rfqId: string) {
  return db
    .selectFrom("rfq_evaluation_panels as p")
    .innerJoin("users as chair", "chair.id", "p.chair_user_id")
    .select(["p.rfq_id", "p.chair_user_id", "p.price_later", "p.updated_at", "chair.name as chair_name"])
    .where("p.rfq_id", "=", rfqId)
    .executeTakeFirst();
}

/** Row-locks the panel (the writes that depend on "no rating yet" or "not submitted" take it first). */
export async function lockPanel(db: Kysely<Database>, rfqId: string) {
  return db.selectFrom("rfq_evaluation_panels").select(["rfq_id", "chair_user_id", "price_later"]).where("rfq_id", "=", rfqId).forUpdate().executeTakeFirst();
}

export async function upsertPanel(db: Kysely<Database>, p: { rfqId: string; chairUserId: string; priceLater: boolean; by: string; at: Date }) {
  await db
    .insertInto("rfq_evaluation_panels")
    .values({ rfq_id: p.rfqId, chair_user_id: p.chairUserId, price_later: p.priceLater, set_by: p.by, set_at: p.at, updated_at: p.at })
    .onConflict((oc) => oc.column("rfq_id").doUpdateSet({ chair_user_id: p.chairUserId, price_later: p.priceLater, updated_at: p.at }))
    .execute();
}

export async function listEvaluators(db: Kysely<Database>, rfqId: string) {
  return db
    .selectFrom("rfq_evaluators as e")
    .innerJoin("users as u", "u.id", "e.user_id")
    .innerJoin("organizations as o", "o.id", "e.org_id")
    .select(["e.user_id", "e.org_id", "e.side", "e.submitted_at", "e.added_at", "u.name", "o.name as org_name"])
    .where("e.rfq_id", "=", rfqId)
    .orderBy("e.added_at")
    .orderBy("u.name")
    .execute();
}

export async function insertEvaluators(
  db: Kysely<Database>,
  rfqId: string,
  rows: { userId: string; orgId: string; side: "buyer" | "advisor" }[],
  by: string,
  at: Date,
) {
  if (rows.length === 0) return;
  await db
    .insertInto("rfq_evaluators")
    .values(rows.map((r) => ({ rfq_id: rfqId, user_id: r.userId, org_id: r.orgId, side: r.side, added_by: by, added_at: at })))
    .onConflict((oc) => oc.columns(["rfq_id", "user_id"]).doNothing())
    .execute();
}

/** Removes evaluators who have not submitted, with their draft ratings; returns the ids removed. */
export async function deleteUnsubmittedEvaluators(db: Kysely<Database>, rfqId: string, userIds: string[]): Promise<string[]> {
  if (userIds.length === 0) return [];
  const removed = await db
    .deleteFrom("rfq_evaluators")
    .where("rfq_id", "=", rfqId)
    .where("user_id", "in", userIds)
    .where("submitted_at", "is", null)
    .returning("user_id")
    .execute();
  const ids = removed.map((r) => r.user_id);
  if (ids.length > 0) await db.deleteFrom("evaluator_ratings").where("rfq_id", "=", rfqId).where("evaluator_user_id", "in", ids).execute();
  return ids;
}

export async function countRatingsOfRfq(db: Kysely<Database>, rfqId: string): Promise<number> {
  const row = await db
    .selectFrom("evaluator_ratings")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("rfq_id", "=", rfqId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The users who may be named: the buyer organisation's members and the users of its assigned advisory organisations. */
export async function listEligibleEvaluators(db: Kysely<Database>, buyerOrgId: string, rfqId: string) {
  return db
    .selectFrom("memberships as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .innerJoin("organizations as o", "o.id", "m.org_id")
    .select(["u.id as user_id", "u.name", "o.id as org_id", "o.name as org_name", "o.kind"])
    .where((eb) =>
      eb.or([eb("m.org_id", "=", buyerOrgId), eb("m.org_id", "in", eb.selectFrom("rfq_advisors").select("advisor_org_id").where("rfq_id", "=", rfqId))]),
    )
    .orderBy("o.kind")
    .orderBy("u.name")
    .execute();
}

/** The evaluator row of one user (its own row only: what the user may know about itself). */
export async function findEvaluator(db: Kysely<Database>, rfqId: string, userId: string) {
  return db
    .selectFrom("rfq_evaluators")
    .select(["user_id", "org_id", "side", "submitted_at"])
    .where("rfq_id", "=", rfqId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
}

export async function lockEvaluator(db: Kysely<Database>, rfqId: string, userId: string) {
  return db
    .selectFrom("rfq_evaluators")
    .select(["user_id", "submitted_at"])
    .where("rfq_id", "=", rfqId)
    .where("user_id", "=", userId)
    .forUpdate()
    .executeTakeFirst();
}

export async function markEvaluatorSubmitted(db: Kysely<Database>, rfqId: string, userId: string, at: Date) {
  await db.updateTable("rfq_evaluators").set({ submitted_at: at }).where("rfq_id", "=", rfqId).where("user_id", "=", userId).execute();
}

/** One evaluator's own ratings (drafts or submitted). */
export async function listOwnRatings(db: Kysely<Database>, rfqId: string, userId: string) {
  return db
    .selectFrom("evaluator_ratings")
    .select(["quote_id", "criterion_key", "score", "reason", "updated_at"])
    .where("rfq_id", "=", rfqId)
    .where("evaluator_user_id", "=", userId)
    .execute();
}

/** Writes an evaluator's drafts: each (quote, criterion) given replaces what it had. */
export async function upsertRatings(
  db: Kysely<Database>,
  rfqId: string,
  userId: string,
  rows: { quoteId: string; criterionKey: string; score: number; reason: string }[],
  at: Date,
) {
  if (rows.length === 0) return;
  await db
    .insertInto("evaluator_ratings")
    .values(
      rows.map((r) => ({
        rfq_id: rfqId,
        quote_id: r.quoteId,
        criterion_key: r.criterionKey,
        evaluator_user_id: userId,
        score: r.score,
        reason: r.reason,
        updated_at: at,
      })),
    )
    .onConflict((oc) =>
      oc.columns(["rfq_id", "evaluator_user_id", "quote_id", "criterion_key"]).doUpdateSet((eb) => ({
        score: eb.ref("excluded.score"),
        reason: eb.ref("excluded.reason"),
        updated_at: eb.ref("excluded.updated_at"),
      })),
    )
    .execute();
}

/** Every rating of evaluators who have submitted, with their names: only for readers the visibility rule lets see them. */
export async function listSubmittedRatings(db: Kysely<Database>, rfqId: string) {
  return db
    .selectFrom("evaluator_ratings as r")
    .innerJoin("rfq_evaluators as e", (j) => j.onRef("e.rfq_id", "=", "r.rfq_id").onRef("e.user_id", "=", "r.evaluator_user_id"))
    .innerJoin("users as u", "u.id", "r.evaluator_user_id")
    .select(["r.quote_id", "r.criterion_key", "r.evaluator_user_id", "r.score", "r.reason", "u.name as evaluator_name"])
    .where("r.rfq_id", "=", rfqId)
    .where("e.submitted_at", "is not", null)
    .orderBy("u.name")
    .execute();
}

export async function listConsensus(db: Kysely<Database>, rfqId: string) {
  return db
    .selectFrom("rating_consensus as c")
    .innerJoin("users as u", "u.id", "c.chair_user_id")
    .select(["c.quote_id", "c.criterion_key", "c.score", "c.comment", "c.recorded_at", "u.name as chair_name"])
    .where("c.rfq_id", "=", rfqId)
    .execute();
}

export async function upsertConsensus(
  db: Kysely<Database>,
  c: { rfqId: string; quoteId: string; criterionKey: string; score: number; comment: string; chairUserId: string; at: Date },
) {
  return db
    .insertInto("rating_consensus")
    .values({
      rfq_id: c.rfqId,
      quote_id: c.quoteId,
      criterion_key: c.criterionKey,
      score: c.score,
      comment: c.comment,
      chair_user_id: c.chairUserId,
      recorded_at: c.at,
    })
    .onConflict((oc) =>
      oc.columns(["quote_id", "criterion_key"]).doUpdateSet({ score: c.score, comment: c.comment, chair_user_id: c.chairUserId, recorded_at: c.at }),
    )
    .execute();
}

/** The evaluation facts the ranking needs about an RFQ: the panel's progress, and values once every evaluator submitted. */
export async function loadRatingsForRanking(db: Kysely<Database>, rfqId: string) {
  const evaluators = await db.selectFrom("rfq_evaluators").select(["user_id", "submitted_at"]).where("rfq_id", "=", rfqId).execute();
  const submitted = evaluators.filter((e) => e.submitted_at !== null).length;
  const complete = evaluators.length > 0 && submitted === evaluators.length;
  if (!complete) return { total: evaluators.length, submitted, ratings: [], consensus: [] };
  const [ratings, consensus] = await Promise.all([
    db.selectFrom("evaluator_ratings").select(["quote_id", "criterion_key", "score"]).where("rfq_id", "=", rfqId).execute(),
    db.selectFrom("rating_consensus").select(["quote_id", "criterion_key", "score"]).where("rfq_id", "=", rfqId).execute(),
  ]);
  return { total: evaluators.length, submitted, ratings, consensus };
}

/**
 * The panel facts about one reader of an RFQ: is it an evaluator, has it submitted, is price later. One
 * statement (every comparison read asks it: a round trip saved is socket CPU saved on both ends).
 */
export async function readerEvaluationFacts(db: Kysely<Database>, rfqId: string, userId: string) {
  const me = (eb: ExpressionBuilder<Database, never>) => eb.selectFrom("rfq_evaluators").where("rfq_id", "=", rfqId).where("user_id", "=", userId);
  const row = await db
    .selectNoFrom((eb) => [
      eb.selectFrom("rfq_evaluation_panels").select("price_later").where("rfq_id", "=", rfqId).as("price_later"),
      eb.exists(me(eb).select("user_id")).as("evaluator"),
      eb.exists(me(eb).select("user_id").where("submitted_at", "is not", null)).as("submitted"),
    ])
    .modifyEnd(PREPARE)
    .executeTakeFirstOrThrow();
  return { evaluator: Boolean(row.evaluator), submitted: Boolean(row.submitted), priceLater: Boolean(row.price_later) };
}
