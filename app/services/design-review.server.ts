import type { core } from "zod";
import { writeAudit } from "../../db/queries/audit";
import {
  findDesignCommentForAdvisor,
  findDesignCommentForBuyer,
  insertDesignComment,
  insertDesignCommentReply,
  listDesignCommentReplies,
  listDesignComments,
  lockRfqStatus,
  resolveDesignComment,
} from "../../db/queries/design-comments";
import { notifyUsers } from "../../db/queries/notifications";
import { findRfqForBuyer, listOrgUserIds } from "../../db/queries/rfqs";
import { findRfqForAdvisor } from "../../db/queries/rfq-advisors";
import {
  applySuggestion,
  DeclineInput,
  DesignCommentInput,
  DesignSuggestionSchema,
  isCriterionField,
  ReplyInput,
  type DesignSuggestion,
  type SuggestionProblem,
} from "~/domain/evaluation/design-suggestion";
import { can, type Actor } from "~/domain/permissions";
import { isRowId, rfqResource } from "~/domain/rfq/resource";
import type { RfqDraft } from "~/domain/rfq/schema";
import type { AppContext } from "~/utils/context.server";
import { failure, orgActor, Rollback } from "~/utils/service-failure";
import { updateRfqWorkingCopyFor } from "./rfqs.server";

// KPI-design review before publication (issue 18 item 1; decision 0044). An advisor the buyer assigned to a
// draft comments on its evaluation design; the buyer's members who may edit the RFQ resolve each comment —
// apply its suggestion (saved through the RFQ form's own save path, in the transaction that marks the comment
// applied, with one audit row), decline it with a reason, or discuss it in replies. Only while the RFQ is a
// draft: publication freezes the comments (read-only). Vendors and other tenants get 404: the comments are
// advice to the buyer and never part of any vendor view.

const reviewHref = (rfqId: string) => `/rfqs/${rfqId}/review`;
const advisorHref = (rfqId: string) => `/rfqs/${rfqId}/design-review`;

const issue = (path: (string | number)[], message: string, input?: unknown): core.$ZodIssue => ({ code: "custom", path, message, input });
const problemIssues = (problems: readonly SuggestionProblem[]) => problems.map((p) => issue(p.path, p.message));

/** The stored suggestion, or null when it is absent or no longer reads as one (nothing to apply). */
function storedSuggestion(value: unknown): DesignSuggestion | null {
  const parsed = DesignSuggestionSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** The RFQ as a design reader sees it: its buyer's members or an assigned advisor; anyone else → undefined (404). */
async function rfqForDesignReader(ctx: AppContext, actor: Actor, rfqId: string) {
  if (!actor.org || !isRowId(rfqId)) return undefined;
  if (actor.org.kind === "buyer") {
    const row = await findRfqForBuyer(ctx.db, actor.org.id, rfqId);
    if (!row || !can(actor, "rfq:read", rfqResource(row))) return undefined;
    return { row, side: "buyer" as const, orgId: actor.org.id, canEdit: can(actor, "rfq:edit", rfqResource(row)) };
  }
  if (actor.org.kind === "advisory") {
    const row = await findRfqForAdvisor(ctx.db, actor.org.id, rfqId);
    if (!row || !can(actor, "rfq:read", rfqResource(row, [], [actor.org.id]))) return undefined;
    return { row, side: "advisor" as const, orgId: actor.org.id, canEdit: false };
  }
  return undefined;
}

/**
 * The review of a draft's design for its buyer or an assigned advisor (null → 404): every comment with its
 * replies, how many are open, and what this reader may do now.
 */
export async function designReviewFor(ctx: AppContext, actor: Actor, rfqId: string) {
  const found = await rfqForDesignReader(ctx, actor, rfqId);
  if (!found) return null;
  const { row } = found;
  const rows = await listDesignComments(ctx.db, rfqId);
  const replies = await listDesignCommentReplies(
    ctx.db,
    rows.map((r) => r.id),
  );
  const draft = row.status === "draft";
  const comments = rows.map((c) => ({
    id: c.id,
    criterionKey: c.criterion_key,
    field: c.field,
    body: c.body,
    suggestion: storedSuggestion(c.suggestion),
    status: c.status,
    resolutionReason: c.resolution_reason,
    resolvedBy: c.resolved_by_name,
    resolvedAt: c.resolved_at?.toISOString() ?? null,
    author: { name: c.author_name, org: c.author_org_name },
    createdAt: c.created_at.toISOString(),
    replies: replies
      .filter((r) => r.comment_id === c.id)
      .map((r) => ({
        id: r.id,
        body: r.body,
        author: { name: r.author_name, org: r.author_org_name, side: r.author_org_kind === "advisory" ? ("advisor" as const) : ("buyer" as const) },
        createdAt: r.created_at.toISOString(),
      })),
  }));
  return {
    rfq: { id: row.id, title: row.title, status: row.status, buyerName: "buyer_name" in row ? (row.buyer_name as string) : null },
    content: row.content as RfqDraft,
    side: found.side,
    comments,
    open: comments.filter((c) => c.status === "open").length,
    canComment: draft && found.side === "advisor",
    canResolve: draft && found.canEdit,
    canReply: draft,
  };
}

export type DesignReview = NonNullable<Awaited<ReturnType<typeof designReviewFor>>>;
export type DesignComment = DesignReview["comments"][number];

/**
 * An assigned advisor's comment on a draft. Field errors come back at once, nothing written: the text, the
 * anchor (a criterion of this draft for a criterion's field), and a suggestion that must apply to the draft
 * as it is now. The buyer's members are notified with a link to the review step.
 */
export async function addDesignComment(ctx: AppContext, actor: Actor, rfqId: string, input: unknown) {
  const found = await rfqForDesignReader(ctx, actor, rfqId);
  if (!found) return failure.notFound();
  // The buyer knows the RFQ exists: it is told it may not write here, rather than "not found".
  if (found.side !== "advisor") return failure.forbidden();
  if (found.row.status !== "draft") return failure.conflict("designReview.closed");
  const parsed = DesignCommentInput.safeParse(input);
  if (!parsed.success) return failure.invalid({ issues: parsed.error.issues });
  const c = parsed.data;
  const draft = found.row.content as RfqDraft;
  const criterionKey = isCriterionField(c.field) ? (c.criterionKey ?? null) : null;
  if (criterionKey && !(draft.criteria ?? []).some((k) => k.key === criterionKey))
    return failure.invalid({ issues: [issue(["criterionKey"], "designReview.criterion.unknown", criterionKey)] });
  if (c.suggestion) {
    const applied = applySuggestion(draft, criterionKey, c.suggestion);
    if (!applied.ok) return failure.invalid({ issues: problemIssues(applied.problems) });
  }
  const now = ctx.clock.now();
  try {
    const created = await ctx.db.transaction().execute(async (trx) => {
      // Under the RFQ's row lock: a comment never lands on an RFQ published a moment ago.
      if ((await lockRfqStatus(trx, rfqId))?.status !== "draft") throw new Rollback(failure.conflict("designReview.closed"));
      const inserted = await insertDesignComment(trx, {
        rfqId,
        authorUserId: actor.userId,
        authorOrgId: found.orgId,
        criterionKey,
        field: c.field,
        body: c.body,
        suggestion: c.suggestion ?? null,
        at: now,
      });
      await writeAudit(trx, {
        actorUserId: actor.userId,
        actorOrgId: found.orgId,
        action: "rfq.design.comment",
        entityType: "rfq",
        entityId: rfqId,
        after: { designCommentId: inserted.id, field: c.field, criterionKey, suggestion: c.suggestion ?? null },
      });
      await notifyUsers(
        trx,
        await listOrgUserIds(trx, found.row.buyer_org_id),
        "design.commented",
        { rfqId, title: found.row.title, href: reviewHref(rfqId) },
        now,
      );
      return inserted;
    });
    return { ok: true, comment: { id: created.id, createdAt: created.created_at.toISOString() } } as const;
  } catch (e) {
    if (e instanceof Rollback) return e.failure;
    throw e;
  }
}

/** The comment for a buyer member who may edit its draft (null → 404; a published RFQ → 409). */
async function commentForResolving(ctx: AppContext, actor: Actor, commentId: string) {
  const buyer = orgActor(actor, "buyer");
  if (!buyer || !isRowId(commentId)) return { error: failure.notFound() };
  const comment = await findDesignCommentForBuyer(ctx.db, buyer.org.id, commentId);
  if (!comment) return { error: failure.notFound() };
  const row = await findRfqForBuyer(ctx.db, buyer.org.id, comment.rfq_id);
  if (!row || !can(actor, "rfq:read", rfqResource(row))) return { error: failure.notFound() };
  if (!can(actor, "rfq:edit", rfqResource(row))) return { error: failure.forbidden() };
  if (row.status !== "draft") return { error: failure.conflict("designReview.closed") };
  if (comment.status !== "open") return { error: failure.conflict("designReview.alreadyResolved") };
  return { comment, row, buyerOrgId: buyer.org.id };
}

/** Inside the resolving transaction: the draft is still a draft and the comment still open, else undo everything. */
async function resolveInTrx(trx: Parameters<typeof lockRfqStatus>[0], rfqId: string, commentId: string, r: Parameters<typeof resolveDesignComment>[2]) {
  if ((await lockRfqStatus(trx, rfqId))?.status !== "draft") throw new Rollback(failure.conflict("designReview.closed"));
  if (!(await resolveDesignComment(trx, commentId, r))) throw new Rollback(failure.conflict("designReview.alreadyResolved"));
}

/**
 * Applies the comment's suggestion to the draft in one click: the same save as the RFQ form (checks,
 * draft assistance, outbox), in one transaction with the comment's status and one audit row
 * (`rfq.design.apply`, the fields before and after and the comment's id). A suggestion that no longer fits the
 * draft is refused at its field, nothing written.
 */
export async function applyDesignComment(ctx: AppContext, actor: Actor, commentId: string) {
  const { error, comment, row } = await commentForResolving(ctx, actor, commentId);
  if (error) return error;
  const suggestion = storedSuggestion(comment.suggestion);
  if (!suggestion) return failure.conflict("designReview.noSuggestion");
  const applied = applySuggestion(row.content as RfqDraft, comment.criterion_key, suggestion);
  if (!applied.ok) return failure.invalid({ issues: problemIssues(applied.problems) });
  const now = ctx.clock.now();
  const saved = await updateRfqWorkingCopyFor(ctx, actor, comment.rfq_id, applied.changes, "rfq.design.apply", {
    audit: { designCommentId: comment.id },
    inTrx: async (trx) => {
      await resolveInTrx(trx, comment.rfq_id, comment.id, { status: "applied", reason: null, by: actor.userId, at: now });
      await notifyAdvisor(trx, comment, now);
    },
  });
  if (!saved.ok) return saved;
  return { ok: true, rfqId: comment.rfq_id, changes: applied.changes } as const;
}

/** Declines the comment with the buyer's reason (required; field `reason`), audited; the advisor is told. */
export async function declineDesignComment(ctx: AppContext, actor: Actor, commentId: string, input: unknown) {
  const { error, comment, buyerOrgId } = await commentForResolving(ctx, actor, commentId);
  if (error) return error;
  const parsed = DeclineInput.safeParse(input);
  if (!parsed.success) return failure.invalid({ issues: parsed.error.issues });
  const now = ctx.clock.now();
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await resolveInTrx(trx, comment.rfq_id, comment.id, { status: "declined", reason: parsed.data.reason, by: actor.userId, at: now });
      await writeAudit(trx, {
        actorUserId: actor.userId,
        actorOrgId: buyerOrgId,
        action: "rfq.design.decline",
        entityType: "rfq",
        entityId: comment.rfq_id,
        before: { designCommentId: comment.id, status: "open" },
        after: { designCommentId: comment.id, status: "declined", reason: parsed.data.reason },
      });
      await notifyAdvisor(trx, comment, now);
    });
  } catch (e) {
    if (e instanceof Rollback) return e.failure;
    throw e;
  }
  return { ok: true, rfqId: comment.rfq_id } as const;
}

async function notifyAdvisor(
  trx: Parameters<typeof lockRfqStatus>[0],
  comment: { rfq_id: string; title: string; author_org_id: string },
  now: Date,
  kind: "design.resolved" | "design.replied" = "design.resolved",
) {
  await notifyUsers(
    trx,
    await listOrgUserIds(trx, comment.author_org_id),
    kind,
    { rfqId: comment.rfq_id, title: comment.title, href: advisorHref(comment.rfq_id) },
    now,
  );
}

/**
 * A reply in the comment's discussion, by the buyer's members or an advisor assigned to the RFQ, while the RFQ
 * is a draft. The other side is notified: the buyer's members when an advisor replies, the commenting advisor's
 * organisation when the buyer does.
 */
export async function replyToDesignComment(ctx: AppContext, actor: Actor, commentId: string, input: unknown) {
  if (!actor.org || !isRowId(commentId)) return failure.notFound();
  const side = actor.org.kind === "buyer" ? "buyer" : actor.org.kind === "advisory" ? "advisor" : null;
  if (!side) return failure.notFound();
  const comment =
    side === "buyer" ? await findDesignCommentForBuyer(ctx.db, actor.org.id, commentId) : await findDesignCommentForAdvisor(ctx.db, actor.org.id, commentId);
  if (!comment) return failure.notFound();
  const reader = await rfqForDesignReader(ctx, actor, comment.rfq_id);
  if (!reader) return failure.notFound();
  if (reader.row.status !== "draft") return failure.conflict("designReview.closed");
  const parsed = ReplyInput.safeParse(input);
  if (!parsed.success) return failure.invalid({ issues: parsed.error.issues });
  const orgId = actor.org.id;
  const now = ctx.clock.now();
  try {
    const reply = await ctx.db.transaction().execute(async (trx) => {
      if ((await lockRfqStatus(trx, comment.rfq_id))?.status !== "draft") throw new Rollback(failure.conflict("designReview.closed"));
      const inserted = await insertDesignCommentReply(trx, { commentId, authorUserId: actor.userId, authorOrgId: orgId, body: parsed.data.body, at: now });
      await writeAudit(trx, {
        actorUserId: actor.userId,
        actorOrgId: orgId,
        action: "rfq.design.reply",
        entityType: "rfq",
        entityId: comment.rfq_id,
        after: { designCommentId: commentId, replyId: inserted.id },
      });
      if (side === "buyer") await notifyAdvisor(trx, comment, now, "design.replied");
      else
        await notifyUsers(
          trx,
          await listOrgUserIds(trx, comment.buyer_org_id),
          "design.replied",
          { rfqId: comment.rfq_id, title: comment.title, href: reviewHref(comment.rfq_id) },
          now,
        );
      return inserted;
    });
    return { ok: true, rfqId: comment.rfq_id, reply: { id: reply.id, createdAt: reply.created_at.toISOString() } } as const;
  } catch (e) {
    if (e instanceof Rollback) return e.failure;
    throw e;
  }
}

/** How many of the draft's comments are open, for the buyer who publishes (null → 404). */
export async function openDesignCommentCount(ctx: AppContext, actor: Actor, rfqId: string) {
  const review = await designReviewFor(ctx, actor, rfqId);
  return review ? review.open : null;
}
