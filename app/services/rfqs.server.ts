import {
  filterVendorOrgIds,
  findQuestionForBuyer,
  findRfqVersion,
  findRfqForBuyer,
  findRfqForVendor,
  insertQuestion,
  insertRfqDraft,
  insertRfqVersion,
  listBidderRecipients,
  listBidderUserIds,
  listOrgUserIds,
  markRfqPublished,
  replaceRfqInvitations,
  saveAnswer,
  setRfqStatusFrom,
  updateRfqWorkingCopy,
} from "../../db/queries/rfqs";
import { notifyUsers } from "../../db/queries/notifications";
import { countOpenDesignComments } from "../../db/queries/design-comments";
import { findOrganization } from "../../db/queries/organizations";
import { findRfqForAdvisor } from "../../db/queries/rfq-advisors";
import { findPartyOrganization } from "../../db/queries/contracts";
import { writeAudit } from "../../db/queries/audit";
import { enqueueOutbox } from "../../db/queries/outbox";
import type { Actor } from "~/domain/permissions";
import { isRowId, rfqResource } from "~/domain/rfq/resource";
import { can } from "~/domain/permissions";
import { checkPublishable, rfqDraftSchema, rfqSchema, type PublishProblem, type RfqDraft } from "~/domain/rfq/schema";
import { assistDraft } from "~/domain/rfq/draft-assist";
import { inWords } from "~/i18n/rfq-field-words";
import { effectiveStatus, isDeadlinePassed } from "~/domain/rfq/lifecycle";
import { fixedTermProblems, type FixedTermProblem } from "~/domain/rfq/fixed-at-publication";
import { sameJson } from "~/domain/canonical-json";
import { AddendumSchema, AnswerSchema, QuestionSchema } from "~/domain/rfq/qa";
import { rfqForVendor } from "~/domain/rfq/vendor-view";
import { issueAddendumWithChanges } from "./rfq-addenda.server";
import { hasPendingAttachmentChanges } from "./attachments.server";
import type { AppContext } from "~/utils/context.server";
import { failure, orgActor, Rollback } from "~/utils/service-failure";
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema";
import { CancelRfqSchema } from "~/domain/award/cancel";
import { isLocale } from "~/i18n";
import { appOrigin } from "~/utils/env.server";
import { notificationMail } from "./mail.server";

// Every RFQ state change: one transaction with its audit row, its outbox row (RFQs index)
// and, where vendors must know, in-app notifications. Access is decided by the policy on a
// row that was itself read with the caller's organisation in the query.

export { isRowId };

type RfqRow = NonNullable<Awaited<ReturnType<typeof findRfqForBuyer>>>;

/** The RFQ row for a buyer action, or the error to answer: 404 for other tenants' ids (existence is not revealed). */
async function loadForBuyer(ctx: AppContext, actor: Actor, rfqId: string, action: "rfq:edit" | "rfq:publish" | "rfq:answer") {
  const buyer = orgActor(actor, "buyer");
  if (!buyer || !isRowId(rfqId)) return { error: failure.notFound() };
  const row = await findRfqForBuyer(ctx.db, buyer.org.id, rfqId);
  if (!row || !can(actor, action, rfqResource(row))) return { error: failure.notFound() };
  return { row, buyer };
}

/**
 * 予定価格 and its floor are a public buyer's rules (decision 0049): refused, beside the field, for any other buyer.
 * Asked only when the input sets them, so a company's ordinary save costs no extra query.
 */
async function priceRulesRefusal(ctx: AppContext, buyerOrgId: string, input: { publicPriceRules?: unknown }) {
  if (input.publicPriceRules === undefined) return null;
  const org = await findPartyOrganization(ctx.db, buyerOrgId);
  if (org?.buyer_kind === "municipality") return null;
  return failure.invalid({
    issues: [{ code: "custom", path: ["publicPriceRules"], message: "priceRules.notMunicipality", input: undefined } as import("zod").core.$ZodIssue],
  });
}

/** Whether the buyer's organisation is a municipality: the RFQ form shows the price rules' inputs to those only. */
export async function buyerKindOf(ctx: AppContext, actor: Actor): Promise<"company" | "municipality"> {
  const buyer = orgActor(actor, "buyer");
  const org = buyer ? await findPartyOrganization(ctx.db, buyer.org.id) : undefined;
  return org?.buyer_kind === "municipality" ? "municipality" : "company";
}

function asDraft(content: unknown): RfqDraft {
  return content as RfqDraft;
}

export async function createRfqDraft(ctx: AppContext, actor: Actor, input: unknown) {
  const buyer = orgActor(actor);
  if (!buyer || !can(actor, "rfq:create", { type: "rfqs" })) return failure.forbidden();
  const parsed = rfqDraftSchema.safeParse(input);
  if (!parsed.success) return failure.invalid({ issues: parsed.error.issues });
  const notMunicipality = await priceRulesRefusal(ctx, buyer.org.id, parsed.data);
  if (notMunicipality) return notMunicipality;
  const draft = assistDraft(null, parsed.data);
  const row = await ctx.db.transaction().execute(async (trx) => {
    const created = await insertRfqDraft(trx, {
      buyerOrgId: buyer.org.id,
      createdBy: actor.userId,
      title: draft.title,
      category: draft.category,
      content: draft,
      at: ctx.clock.now(),
    });
    await writeAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: buyer.org.id,
      action: "rfq.create",
      entityType: "rfq",
      entityId: created.id,
      after: { title: draft.title, status: "draft" },
    });
    await enqueueOutbox(trx, "rfq", created.id);
    return created;
  });
  ctx.kickIndexer();
  return { ok: true, rfq: row } as const;
}

/**
 * Merges `changes` (already validated by a step schema or the API's PATCH schema) into the working copy.
 * Drafts change in place; a published RFQ's working copy becomes the next addendum.
 */
/**
 * `auditAction` names the intent when the edit comes from elsewhere than the form (e.g. "rfq.weights.save").
 * `also`: work of the caller that must commit with this save or not at all (an applied design comment's status,
 * decision 0044): `inTrx` runs inside the same transaction and may throw `Rollback` to undo the save and refuse;
 * `audit` is added to the audit row's `after`, so one row says what changed and why.
 */
export async function updateRfqWorkingCopyFor(
  ctx: AppContext,
  actor: Actor,
  rfqId: string,
  changes: Partial<RfqDraft>,
  auditAction = "rfq.edit",
  also: { inTrx?: (trx: Transaction<Database>) => Promise<void>; audit?: Record<string, unknown> } = {},
) {
  const { row, buyer, error } = await loadForBuyer(ctx, actor, rfqId, "rfq:edit");
  if (error) return error;
  const status = effectiveStatus({ status: row.status, quoteDeadline: row.quote_deadline?.toISOString() }, ctx.clock.now());
  if (status !== "draft" && status !== "published") return failure.conflict("rfq.transition.notAllowed");
  // Sealed/open and the deadline were fixed at first publication: refused here already, not only when
  // the addendum is published, so the working copy never holds a value no addendum could publish.
  const fixed = fixedTermProblems({ status: row.status, sealed: row.sealed, quoteDeadline: row.quote_deadline }, changes);
  if (fixed.length > 0) return failure.invalid({ issues: fixed.map(problemAsIssue) });
  const notMunicipality = await priceRulesRefusal(ctx, buyer.org.id, changes);
  if (notMunicipality) return notMunicipality;
  const merged = rfqDraftSchema.safeParse({ ...asDraft(row.content), ...changes });
  if (!merged.success) return failure.invalid({ issues: merged.error.issues });
  // The TCO scale proposed from the budget, certification gates in step with their levels (draft-assist.ts).
  const previous = rfqDraftSchema.safeParse(row.content);
  const content = assistDraft(previous.success ? previous.data : null, merged.data);
  const saving = ctx.db.transaction().execute(async (trx) => {
    const u = await updateRfqWorkingCopy(trx, buyer.org.id, rfqId, {
      title: content.title,
      category: content.category,
      content,
      now: ctx.clock.now(),
    });
    await writeAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: buyer.org.id,
      action: auditAction,
      entityType: "rfq",
      entityId: rfqId,
      before: pickKeys(asDraft(row.content), Object.keys(changes)),
      after: also.audit ? { ...changes, ...also.audit } : changes,
    });
    if (row.status === "draft") await enqueueOutbox(trx, "rfq", rfqId);
    if (also.inTrx) await also.inTrx(trx);
    return u!;
  });
  let updated: Awaited<typeof saving>;
  try {
    updated = await saving;
  } catch (e) {
    if (e instanceof Rollback) return e.failure;
    throw e;
  }
  ctx.kickIndexer();
  return { ok: true, rfq: updated } as const;
}

/** A fixed-term problem in the shape of a zod issue, so forms and the API report it beside the field. */
function problemAsIssue(problem: FixedTermProblem) {
  return { code: "custom", path: problem.path, message: problem.key, input: undefined } as import("zod").core.$ZodIssue;
}

function pickKeys(o: Record<string, unknown>, keys: string[]) {
  return Object.fromEntries(keys.map((k) => [k, o[k] ?? null]));
}

/**
 * Publishes a draft: everything missing is listed at once; on success the content is frozen as version 1.
 * Advisors' design comments still open ask for confirmation first (`confirmUnresolved`, decision 0044): a 409
 * `designReview.publish.unresolved`, nothing written; after publication the comments are read-only.
 */
export async function publishRfq(ctx: AppContext, actor: Actor, rfqId: string, options: { confirmUnresolved?: boolean } = {}) {
  const { row, buyer, error } = await loadForBuyer(ctx, actor, rfqId, "rfq:publish");
  if (error) return error;
  if (row.status !== "draft") return failure.conflict("rfq.transition.notAllowed");
  const now = ctx.clock.now();
  const problems = checkPublishable(row.content, now);
  const errors = problems.filter((p) => p.severity === "error");
  const rfq = rfqSchema.safeParse(row.content);
  const invited = rfq.success ? await filterVendorOrgIds(ctx.db, rfq.data.invitedVendorIds) : [];
  if (rfq.success && invited.length !== rfq.data.invitedVendorIds.length) {
    errors.push({ path: ["invitedVendorIds"], key: "rfq.invitedVendorIds.unknown", severity: "error" });
  }
  if (errors.length > 0 || !rfq.success)
    return failure.invalid({ problems: inWords(errors.length ? errors : problems, row.content) }, "rfq.publish.incomplete");
  const unresolved = await countOpenDesignComments(ctx.db, rfqId);
  if (unresolved > 0 && !options.confirmUnresolved) return failure.conflict("designReview.publish.unresolved");
  const published = await ctx.db.transaction().execute(async (trx) => {
    const moved = await markRfqPublished(trx, rfqId, {
      version: 1,
      deadline: rfq.data.quoteDeadline,
      sealed: rfq.data.sealed,
      visibility: rfq.data.visibility,
      title: rfq.data.title,
      category: rfq.data.category,
      now,
      firstPublication: true,
    });
    // Someone published it a moment ago: nothing to do, and nothing written.
    if (!moved) return false;
    await insertRfqVersion(trx, { rfqId, version: 1, content: rfq.data, changeSummary: "", createdBy: actor.userId, at: now });
    await replaceRfqInvitations(trx, rfqId, invited);
    await writeAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: buyer.org.id,
      action: "rfq.publish",
      entityType: "rfq",
      entityId: rfqId,
      before: { status: "draft" },
      after: { status: "published", version: 1, ...(unresolved > 0 ? { unresolvedDesignComments: unresolved } : {}) },
    });
    await enqueueOutbox(trx, "rfq", rfqId);
    const recipients = (await Promise.all(invited.map((orgId) => listOrgUserIds(trx, orgId)))).flat();
    await notifyUsers(trx, recipients, "rfq.invited", { rfqId, title: rfq.data.title }, now);
    return true;
  });
  if (!published) return failure.conflict("rfq.transition.notAllowed");
  ctx.kickIndexer();
  return {
    ok: true,
    warnings: inWords(
      problems.filter((p) => p.severity === "warning"),
      row.content,
    ),
  } as const;
}

export type { PublishProblem };

/**
 * Publishes the buyer's edits of a published RFQ (its working copy) as the next version. The checks,
 * the row lock and the writes are the same as for an addendum sent with its changes (the API's way).
 */
export async function publishAddendum(ctx: AppContext, actor: Actor, rfqId: string, changeSummary: string) {
  const parsed = AddendumSchema.safeParse({ changeSummary });
  if (!parsed.success) return failure.invalid({}, "validation.required");
  if (!isRowId(rfqId)) return failure.notFound();
  const { row, error } = await loadForBuyer(ctx, actor, rfqId, "rfq:publish");
  if (error) return error;
  if (effectiveStatus({ status: row.status, quoteDeadline: row.quote_deadline?.toISOString() }, ctx.clock.now()) !== "published") {
    return failure.conflict("rfq.addendum.notOpen");
  }
  const latest = row.current_version > 0 ? await findRfqVersion(ctx.db, rfqId, row.current_version) : undefined;
  const working = rfqSchema.safeParse(row.content);
  // An addendum without a change would only send vendors a notice about nothing.
  const changes = working.success && latest ? changedFields(latest.content as Record<string, unknown>, working.data) : {};
  if (latest && working.success && Object.keys(changes).length === 0 && !(await hasPendingAttachmentChanges(ctx, rfqId, row.current_version + 1)))
    return failure.conflict("rfq.addendum.noChanges");
  // The changed fields go along so the audit row says what the addendum changed, field by field.
  return issueAddendumWithChanges(ctx, actor, rfqId, { changeSummary: parsed.data.changeSummary, changes: changes as Partial<RfqDraft> });
}

function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, unknown> {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return Object.fromEntries([...keys].filter((k) => !sameJson(before[k], after[k])).map((k) => [k, after[k]]));
}

/**
 * Cancels an RFQ without an award (不調・中止): a draft, an open RFQ, or a closed one whose quotes are opened.
 * The reason is required (field error `reason`, nothing written): it goes into the audit row and to every
 * bidder — each member of an invited, asking or quoting vendor — in-app and by e-mail in their language.
 * Sealed quotes of an RFQ cancelled before its deadline are never opened (sealed.ts reads the status).
 */
export async function cancelRfq(ctx: AppContext, actor: Actor, rfqId: string, reason: unknown) {
  const { row, buyer, error } = await loadForBuyer(ctx, actor, rfqId, "rfq:edit");
  if (error) return error;
  const parsed = CancelRfqSchema.safeParse({ reason });
  if (!parsed.success) return failure.invalid({ issues: parsed.error.issues });
  const status = effectiveStatus({ status: row.status, quoteDeadline: row.quote_deadline?.toISOString() }, ctx.clock.now());
  if (status === "awarded" || status === "cancelled") return failure.conflict("rfq.transition.notAllowed");
  const given = parsed.data.reason;
  const recipients = await ctx.db.transaction().execute(async (trx) => {
    // Only the first of two racing cancellations writes; the other finds the status changed.
    if (!(await setRfqStatusFrom(trx, rfqId, row.status, "cancelled", ctx.clock.now()))) return null;
    await writeAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: buyer.org.id,
      action: "rfq.cancel",
      entityType: "rfq",
      entityId: rfqId,
      before: { status },
      after: { status: "cancelled", reason: given },
    });
    await enqueueOutbox(trx, "rfq", rfqId);
    const bidders = await listBidderRecipients(trx, rfqId);
    await notifyUsers(
      trx,
      bidders.map((b) => b.id),
      "rfq.cancelledNoAward",
      { rfqId, title: row.title, reason: given },
      ctx.clock.now(),
    );
    await mailCancellation(ctx, trx, rfqId, buyer.org.id, row.title, given, bidders);
    return bidders;
  });
  if (!recipients) return failure.conflict("rfq.transition.notAllowed");
  ctx.kickIndexer();
  return { ok: true, notified: recipients.length } as const;
}

/** In the cancelling transaction: one mail per bidder in its language, queued iff the cancellation commits. */
async function mailCancellation(
  ctx: AppContext,
  trx: Kysely<Database>,
  rfqId: string,
  buyerOrgId: string,
  title: string,
  reason: string,
  recipients: readonly { email: string; name: string; locale: string }[],
) {
  if (recipients.length === 0) return;
  const buyerName = (await findOrganization(trx, buyerOrgId))?.name ?? "";
  const link = `${appOrigin(ctx.env)}/rfqs/${rfqId}`;
  for (const r of recipients) {
    const locale = isLocale(r.locale) ? r.locale : "ja";
    const params = () => ({ name: r.name, buyer: buyerName, title, reason, link });
    await ctx.mailer.send(notificationMail(r.email, locale, "mail.rfqCancelled.subject", "mail.rfqCancelled.body", params), { trx });
  }
}

/**
 * The RFQ as the caller may see it: the buyer's working copy, the vendor's published version (budget
 * hidden), or for an advisor the buyer assigned, the buyer's working copy read-only (it advises the buyer).
 */
export async function loadRfqForReader(ctx: AppContext, actor: Actor, rfqId: string) {
  if (!actor.org || !isRowId(rfqId)) return null;
  if (actor.org.kind === "buyer") {
    const row = await findRfqForBuyer(ctx.db, actor.org.id, rfqId);
    return row && can(actor, "rfq:read", rfqResource(row)) ? { as: "buyer" as const, row } : null;
  }
  if (actor.org.kind === "vendor") {
    const found = await findRfqForVendor(ctx.db, actor.org.id, rfqId);
    if (!found) return null;
    const invited = found.visibility === "invited" ? [actor.org.id] : [];
    if (!can(actor, "rfq:read", rfqResource(found, invited))) return null;
    // The frozen content holds what only the buyer may read (budget, invitees, internal costs):
    // vendors get it through the allow-list view only.
    const { published_content, ...row } = found;
    const parsed = rfqSchema.safeParse(published_content);
    return { as: "vendor" as const, row, view: parsed.success ? rfqForVendor(parsed.data) : null };
  }
  if (actor.org.kind === "advisory") {
    const row = await findRfqForAdvisor(ctx.db, actor.org.id, rfqId);
    return row && can(actor, "rfq:read", rfqResource(row, [], [actor.org.id])) ? { as: "advisor" as const, row } : null;
  }
  return null;
}

export async function askQuestion(ctx: AppContext, actor: Actor, rfqId: string, question: string) {
  const vendor = orgActor(actor, "vendor");
  if (!vendor || !isRowId(rfqId)) return failure.notFound();
  const parsed = QuestionSchema.safeParse({ question });
  if (!parsed.success) return failure.invalid({}, "validation.required");
  const row = await findRfqForVendor(ctx.db, vendor.org.id, rfqId);
  if (!row) return failure.notFound();
  const invited = row.visibility === "invited" ? [vendor.org.id] : [];
  if (!can(actor, "rfq:ask", rfqResource(row, invited))) return failure.conflict("rfq.question.closed");
  if (isDeadlinePassed(row.quote_deadline?.toISOString(), ctx.clock.now())) return failure.conflict("rfq.question.closed");
  const q = await ctx.db.transaction().execute(async (trx) => {
    const inserted = await insertQuestion(trx, { rfqId, orgId: vendor.org.id, userId: actor.userId, question: parsed.data.question, at: ctx.clock.now() });
    await writeAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: vendor.org.id,
      action: "rfq.question",
      entityType: "rfq_question",
      entityId: inserted.id,
      after: { rfqId },
    });
    await notifyUsers(trx, await listOrgUserIds(trx, row.buyer_org_id), "rfq.questionAsked", { rfqId, title: row.title }, ctx.clock.now());
    return inserted;
  });
  return { ok: true, question: { id: q.id, question: q.question, createdAt: q.created_at } } as const;
}

/** Answers (or corrects an answer); the answer is published to every bidder without naming the asker. */
export async function answerQuestion(ctx: AppContext, actor: Actor, questionId: string, answer: string) {
  const buyer = orgActor(actor, "buyer");
  if (!buyer || !isRowId(questionId)) return failure.notFound();
  const q = await findQuestionForBuyer(ctx.db, buyer.org.id, questionId);
  if (!q) return failure.notFound();
  const parsed = AnswerSchema.safeParse({ answer });
  if (!parsed.success) return failure.invalid({}, "validation.required");
  if (q.status === "cancelled" || q.status === "awarded") return failure.conflict("rfq.transition.notAllowed");
  const now = ctx.clock.now();
  answer = parsed.data.answer;
  await ctx.db.transaction().execute(async (trx) => {
    await saveAnswer(trx, questionId, { answer, userId: actor.userId, now });
    await writeAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: buyer.org.id,
      action: "rfq.answer",
      entityType: "rfq_question",
      entityId: questionId,
      before: { answer: q.answer },
      after: { answer },
    });
    await notifyUsers(trx, await listBidderUserIds(trx, q.rfq_id), "rfq.answerPublished", { rfqId: q.rfq_id, title: q.title }, now);
  });
  return { ok: true, rfqId: q.rfq_id } as const;
}

export type { RfqRow };
