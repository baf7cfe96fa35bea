import type { Kysely } from "kysely";
import type { Database } from "../schema";

// Advisors' comments on a draft RFQ's evaluation design and their replies (decision 0044). The caller has
// already decided that it may read the RFQ (its buyer or an assigned advisor); a single comment is found
// through the caller's organisation, so another tenant's comment id finds nothing.

export type DesignCommentRow = Awaited<ReturnType<typeof listDesignComments>>[number];

export async function insertDesignComment(
  db: Kysely<Database>,
  c: {
    rfqId: string;
    authorUserId: string;
    authorOrgId: string;
    criterionKey: string | null;
    field: DesignCommentRow["field"];
    body: string;
    suggestion: unknown;
    at: Date;
  },
) {
  return db
    .insertInto("rfq_design_comments")
    .values({
      rfq_id: c.rfqId,
      author_user_id: c.authorUserId,
      author_org_id: c.authorOrgId,
      criterion_key: c.criterionKey,
      field: c.field,
      body: c.body,
      suggestion: c.suggestion === null || c.suggestion === undefined ? null : JSON.stringify(c.suggestion),
      created_at: c.at,
      updated_at: c.at,
    })
    .returning(["id", "created_at"])
    .executeTakeFirstOrThrow();
}

/** Every comment of the RFQ, oldest first, with who wrote it. */
export async function listDesignComments(db: Kysely<Database>, rfqId: string) {
  return db
    .selectFrom("rfq_design_comments as c")
    .innerJoin("users as author", "author.id", "c.author_user_id")
    .innerJoin("organizations as org", "org.id", "c.author_org_id")
    .leftJoin("users as resolver", "resolver.id", "c.resolved_by")
    .select([
      "c.id",
      "c.rfq_id",
      "c.criterion_key",
      "c.field",
      "c.body",
      "c.suggestion",
      "c.status",
      "c.resolution_reason",
      "c.resolved_at",
      "c.created_at",
      "c.author_user_id",
      "c.author_org_id",
      "author.name as author_name",
      "org.name as author_org_name",
      "resolver.name as resolved_by_name",
    ])
    .where("c.rfq_id", "=", rfqId)
    .orderBy("c.created_at")
    .orderBy("c.id")
    .execute();
}

export async function listDesignCommentReplies(db: Kysely<Database>, commentIds: readonly string[]) {
  if (commentIds.length === 0) return [];
  return db
    .selectFrom("rfq_design_comment_replies as r")
    .innerJoin("users as author", "author.id", "r.author_user_id")
    .innerJoin("organizations as org", "org.id", "r.author_org_id")
    .select(["r.id", "r.comment_id", "r.body", "r.created_at", "author.name as author_name", "org.name as author_org_name", "org.kind as author_org_kind"])
    .where("r.comment_id", "in", commentIds)
    .orderBy("r.created_at")
    .orderBy("r.id")
    .execute();
}

export async function countOpenDesignComments(db: Kysely<Database>, rfqId: string) {
  const row = await db
    .selectFrom("rfq_design_comments")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("rfq_id", "=", rfqId)
    .where("status", "=", "open")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const commentColumns = [
  "c.id",
  "c.rfq_id",
  "c.criterion_key",
  "c.field",
  "c.body",
  "c.suggestion",
  "c.status",
  "c.author_user_id",
  "c.author_org_id",
  "rfqs.buyer_org_id",
  "rfqs.title",
] as const;

/** A comment on one of the buyer organisation's RFQs. */
export async function findDesignCommentForBuyer(db: Kysely<Database>, buyerOrgId: string, commentId: string) {
  return db
    .selectFrom("rfq_design_comments as c")
    .innerJoin("rfqs", "rfqs.id", "c.rfq_id")
    .select(commentColumns)
    .where("c.id", "=", commentId)
    .where("rfqs.buyer_org_id", "=", buyerOrgId)
    .executeTakeFirst();
}

/** A comment on an RFQ the advisory organisation is (still) assigned to. */
export async function findDesignCommentForAdvisor(db: Kysely<Database>, advisorOrgId: string, commentId: string) {
  return db
    .selectFrom("rfq_design_comments as c")
    .innerJoin("rfqs", "rfqs.id", "c.rfq_id")
    .innerJoin("rfq_advisors", (j) => j.onRef("rfq_advisors.rfq_id", "=", "c.rfq_id").on("rfq_advisors.advisor_org_id", "=", advisorOrgId))
    .select(commentColumns)
    .where("c.id", "=", commentId)
    .executeTakeFirst();
}

/** Resolves an open comment; false when someone resolved it a moment ago (nothing written). */
export async function resolveDesignComment(
  db: Kysely<Database>,
  commentId: string,
  r: { status: "applied" | "declined"; reason: string | null; by: string; at: Date },
): Promise<boolean> {
  const done = await db
    .updateTable("rfq_design_comments")
    .set({ status: r.status, resolution_reason: r.reason, resolved_by: r.by, resolved_at: r.at, updated_at: r.at })
    .where("id", "=", commentId)
    .where("status", "=", "open")
    .returning("id")
    .executeTakeFirst();
  return done !== undefined;
}

export async function insertDesignCommentReply(
  db: Kysely<Database>,
  r: { commentId: string; authorUserId: string; authorOrgId: string; body: string; at: Date },
) {
  return db
    .insertInto("rfq_design_comment_replies")
    .values({ comment_id: r.commentId, author_user_id: r.authorUserId, author_org_id: r.authorOrgId, body: r.body, created_at: r.at })
    .returning(["id", "created_at"])
    .executeTakeFirstOrThrow();
}

/** The RFQ's status under a row lock: a resolution and a publication of the same draft never interleave. */
export async function lockRfqStatus(db: Kysely<Database>, rfqId: string) {
  return db.selectFrom("rfqs").select(["status"]).where("id", "=", rfqId).forUpdate().executeTakeFirst();
}
