import type { core } from "zod";
import { lockAdvisorAssignment } from "../../db/queries/advisor-notes";
import { writeAudit } from "../../db/queries/audit";
import { listOrgContacts } from "../../db/queries/invoice-reminders";
import { notifyUsers } from "../../db/queries/notifications";
import { findOrganization } from "../../db/queries/organizations";
import {
  answerClarification as writeAnswer,
  editAnnotation as writeEdit,
  findAnnotationForUpdate,
  findClarificationForVendorUpdate,
  insertAnnotation,
  insertClarification,
  isAnnotationSent,
  listAnnotatableQuotes,
  listAnnotationRevisions,
  findClarificationOfVendor,
  listAnnotations,
  listClarificationsForReader,
  listClarificationsForVendor,
  withdrawAnnotation as writeWithdrawal,
  type AnnotationReader,
} from "../../db/queries/quote-annotations";
import { findOpenedQuoteForReader, findQuoteForVendor } from "../../db/queries/quotes";
import { findRfqForAdvisor, listAdvisorOrgIdsOfRfq } from "../../db/queries/rfq-advisors";
import { findRfqForBuyer, findRfqVersion } from "../../db/queries/rfqs";
import { AnnotationEditSchema, AnnotationSchema, ClarificationAnswerSchema, ClarificationSchema } from "~/domain/annotations/schema";
import { clarificationForVendor } from "~/domain/annotations/views";
import { can, type Actor } from "~/domain/permissions";
import { areQuotesOpened } from "~/domain/quote/sealed";
import { isRowId, rfqResource } from "~/domain/rfq/resource";
import { rfqSchema } from "~/domain/rfq/schema";
import { isLocale, type Locale } from "~/i18n";
import type { AppContext } from "~/utils/context.server";
import { appOrigin } from "~/utils/env.server";
import { failure } from "~/utils/service-failure";
import { notificationMail } from "./mail.server";

// Annotations (strength / risk / question) on opened quotes and comparison cells, and clarification requests
// to a quote's vendor (issue 18 item 2; decision 0045). Writers and readers are the RFQ's buyer members and the
// members of the advisory organisations assigned to it (the evaluators), once the quotes are opened; anyone
// else — vendors, other buyers, unassigned advisors, and everyone before a sealed RFQ opens — gets the 404 of
// an unknown id. A vendor reads only the questions on its own quote (through clarificationForVendor) and
// answers each once. Every write is one transaction with its audit row; notices are in-app rows in the same
// transaction, and the vendor's e-mail goes after the commit (a failed delivery never undoes the question).

const fieldIssue = (path: string, message: string, input: unknown): core.$ZodIssue => ({ code: "custom", path: [path], message, input });

type Side = AnnotationReader["side"];

/** Which side the actor reads annotations from, or null (vendors, platform accounts without an organisation). */
function readerOf(actor: Actor): AnnotationReader | null {
  if (actor.org?.kind === "buyer") return { side: "buyer", orgId: actor.org.id };
  if (actor.org?.kind === "advisory") return { side: "advisor", orgId: actor.org.id };
  return null;
}

/** The RFQ for its buyer or an assigned advisor, only once its quotes are opened (else undefined → 404). */
async function openedRfqForEvaluator(ctx: AppContext, actor: Actor, rfqId: string) {
  const reader = readerOf(actor);
  if (!reader || !isRowId(rfqId)) return undefined;
  const row = reader.side === "buyer" ? await findRfqForBuyer(ctx.db, reader.orgId, rfqId) : await findRfqForAdvisor(ctx.db, reader.orgId, rfqId);
  if (!row) return undefined;
  const advisors = reader.side === "buyer" ? await listAdvisorOrgIdsOfRfq(ctx.db, rfqId) : [reader.orgId];
  if (!can(actor, "comparison:read", rfqResource(row, [], advisors))) return undefined;
  if (!areQuotesOpened({ status: row.status, sealed: row.sealed, deadline: row.quote_deadline }, ctx.clock.now())) return undefined;
  return { reader, row };
}

/** The criteria of the RFQ's published version (the comparison's rows): keys and labels. */
async function criteriaOf(ctx: AppContext, rfqId: string, version: number) {
  const v = await findRfqVersion(ctx.db, rfqId, version);
  const parsed = rfqSchema.safeParse(v?.content);
  return parsed.success ? parsed.data.criteria.map((c) => ({ key: c.key, label: c.label })) : [];
}

/**
 * The annotations of an opened RFQ (or of one of its quotes) with their history and the clarification sent from
 * each, plus the questions asked directly; null → 404. `mine` marks what the reader may edit or withdraw,
 * `canSend` a question it may send to the vendor (its author, or any member of the buyer organisation).
 */
export async function annotationsFor(ctx: AppContext, actor: Actor, rfqId: string, quoteId?: string) {
  const found = await openedRfqForEvaluator(ctx, actor, rfqId);
  if (!found || (quoteId !== undefined && !isRowId(quoteId))) return null;
  const [rows, clarifications, criteria, quotes] = await Promise.all([
    listAnnotations(ctx.db, found.reader, rfqId, quoteId),
    listClarificationsForReader(ctx.db, found.reader, rfqId, quoteId),
    criteriaOf(ctx, rfqId, found.row.current_version),
    listAnnotatableQuotes(ctx.db, found.reader, rfqId),
  ]);
  const revisions = await listAnnotationRevisions(
    ctx.db,
    rows.map((r) => r.id),
  );
  const clarificationJson = (c: (typeof clarifications)[number]) => ({
    id: c.id,
    quoteId: c.quote_id,
    vendorName: c.vendor_name,
    annotationId: c.annotation_id,
    question: c.question,
    askedAt: c.asked_at,
    askerName: c.asker_name,
    askerOrgName: c.asker_org_name,
    answer: c.answer,
    answeredAt: c.answered_at,
    answererName: c.answerer_name,
  });
  const byAnnotation = new Map(clarifications.filter((c) => c.annotation_id).map((c) => [c.annotation_id!, clarificationJson(c)]));
  const annotations = rows.map((r) => {
    const mine = r.author_user_id === actor.userId && !r.withdrawn_at;
    const clarification = byAnnotation.get(r.id) ?? null;
    return {
      id: r.id,
      quoteId: r.quote_id,
      vendorName: r.vendor_name,
      criterionKey: r.criterion_key,
      kind: r.kind,
      body: r.body,
      authorName: r.author_name,
      authorOrgName: r.author_org_name,
      authorSide: (r.author_org_kind === "advisory" ? "advisor" : "buyer") as Side,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      withdrawnAt: r.withdrawn_at,
      mine,
      canSend: r.kind === "question" && !r.withdrawn_at && !clarification && (mine || found.reader.side === "buyer"),
      revisions: revisions
        .filter((v) => v.annotation_id === r.id)
        .map((v) => ({ kind: v.kind, body: v.body, replacedAt: v.replaced_at, replacedByName: v.replaced_by_name })),
      clarification,
    };
  });
  return {
    annotations,
    // Questions asked without an annotation first.
    directClarifications: clarifications.filter((c) => !c.annotation_id).map(clarificationJson),
    criteria,
    quotes: quotes.filter((q) => quoteId === undefined || q.id === quoteId).map((q) => ({ id: q.id, vendorName: q.vendor_name })),
    rfqTitle: found.row.title,
    side: found.reader.side,
  };
}

export type AnnotationsView = NonNullable<Awaited<ReturnType<typeof annotationsFor>>>;

/**
 * A new annotation on an opened quote of the RFQ or one of its cells. Field errors (empty or too long a text, an
 * unknown kind, a quote that is not an opened offer of this RFQ, a criterion the RFQ does not have) come back at
 * once and nothing is written.
 */
export async function addAnnotation(ctx: AppContext, actor: Actor, rfqId: string, input: unknown) {
  const found = await openedRfqForEvaluator(ctx, actor, rfqId);
  if (!found) return failure.notFound();
  const parsed = AnnotationSchema.safeParse(input);
  const issues: core.$ZodIssue[] = parsed.success ? [] : [...parsed.error.issues];
  const now = ctx.clock.now();
  const raw = (input ?? {}) as { quoteId?: unknown; criterionKey?: unknown };
  const quoteId = typeof raw.quoteId === "string" && isRowId(raw.quoteId) ? raw.quoteId : null;
  const quote = quoteId ? await findOpenedQuoteForReader(ctx.db, found.reader, quoteId, now) : undefined;
  if (quoteId && (!quote || quote.rfq_id !== rfqId)) issues.push(fieldIssue("quoteId", "annotations.quote.unknown", quoteId));
  const criterionKey = parsed.success ? parsed.data.criterionKey : typeof raw.criterionKey === "string" && raw.criterionKey ? raw.criterionKey : null;
  if (criterionKey && !(await criteriaOf(ctx, rfqId, found.row.current_version)).some((c) => c.key === criterionKey))
    issues.push(fieldIssue("criterionKey", "annotations.criterion.unknown", criterionKey));
  if (!parsed.success || issues.length > 0) return failure.invalid({ issues });
  const a = parsed.data;
  const annotation = await ctx.db.transaction().execute(async (trx) => {
    // An advisor removed meanwhile writes nothing (its assignment row is locked for the write).
    if (found.reader.side === "advisor" && !(await lockAdvisorAssignment(trx, rfqId, found.reader.orgId))) return null;
    const inserted = await insertAnnotation(trx, {
      rfqId,
      quoteId: a.quoteId,
      criterionKey: a.criterionKey,
      kind: a.kind,
      body: a.body,
      authorUserId: actor.userId,
      authorOrgId: found.reader.orgId,
      at: now,
    });
    await writeAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: found.reader.orgId,
      action: "quote.annotation.add",
      entityType: "quote",
      entityId: a.quoteId,
      after: { rfqId, annotationId: inserted.id, criterionKey: a.criterionKey, kind: a.kind },
    });
    return inserted;
  });
  if (!annotation) return failure.notFound();
  return { ok: true, annotation } as const;
}

/**
 * Its author edits an annotation (text and/or kind; the earlier state is kept as a revision) or withdraws it
 * (kept, marked withdrawn). Other readers get 403, non-readers 404; a withdrawn annotation cannot change (409).
 */
async function changeOwnAnnotation(
  ctx: AppContext,
  actor: Actor,
  annotationId: string,
  change: { kind: "edit"; next: { kind?: "strength" | "risk" | "question"; body: string } } | { kind: "withdraw" },
) {
  const reader = readerOf(actor);
  if (!reader || !isRowId(annotationId)) return failure.notFound();
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const a = await findAnnotationForUpdate(trx, reader, annotationId);
    if (!a) return failure.notFound();
    if (a.author_user_id !== actor.userId) return failure.forbidden();
    if (a.withdrawn_at) return failure.conflict("annotations.alreadyWithdrawn");
    if (change.kind === "edit") {
      const next = { kind: change.next.kind ?? a.kind, body: change.next.body };
      if (next.kind === a.kind && next.body === a.body) return { ok: true, annotation: a } as const;
      // A question already sent stays a question: the vendor was asked it.
      if (next.kind !== a.kind && a.kind === "question" && (await isAnnotationSent(trx, a.id))) return failure.conflict("annotations.sentStaysQuestion");
      const edited = await writeEdit(trx, a, next, actor.userId, now);
      await writeAudit(trx, {
        actorUserId: actor.userId,
        actorOrgId: reader.orgId,
        action: "quote.annotation.edit",
        entityType: "quote",
        entityId: a.quote_id,
        before: { kind: a.kind },
        after: { rfqId: a.rfq_id, annotationId: a.id, kind: next.kind },
      });
      return { ok: true, annotation: edited } as const;
    }
    const withdrawn = await writeWithdrawal(trx, a.id, now);
    await writeAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: reader.orgId,
      action: "quote.annotation.withdraw",
      entityType: "quote",
      entityId: a.quote_id,
      after: { rfqId: a.rfq_id, annotationId: a.id, kind: a.kind },
    });
    return { ok: true, annotation: withdrawn } as const;
  });
}

export async function editAnnotation(ctx: AppContext, actor: Actor, annotationId: string, input: unknown) {
  const parsed = AnnotationEditSchema.safeParse(input);
  if (!parsed.success) {
    // An outsider learns nothing from a validation error: the annotation must be one it may read.
    const reader = readerOf(actor);
    if (!reader || !isRowId(annotationId) || !(await findAnnotationForUpdate(ctx.db, reader, annotationId))) return failure.notFound();
    return failure.invalid({ issues: parsed.error.issues });
  }
  return changeOwnAnnotation(ctx, actor, annotationId, { kind: "edit", next: parsed.data });
}

export function withdrawAnnotation(ctx: AppContext, actor: Actor, annotationId: string) {
  return changeOwnAnnotation(ctx, actor, annotationId, { kind: "withdraw" });
}

type Asked = { id: string; rfq_id: string; quote_id: string; vendor_org_id: string; question: string; asked_at: Date };

/** In the same transaction as the question: its audit row and the vendor members' in-app notice. */
async function recordQuestion(trx: AppContext["db"], actor: Actor, askerOrgId: string, asked: Asked, rfqTitle: string, annotationId: string | null) {
  await writeAudit(trx, {
    actorUserId: actor.userId,
    actorOrgId: askerOrgId,
    action: "quote.clarification.ask",
    entityType: "quote",
    entityId: asked.quote_id,
    after: { rfqId: asked.rfq_id, clarificationId: asked.id, annotationId },
  });
  const members = await listOrgContacts(trx, asked.vendor_org_id);
  await notifyUsers(
    trx,
    members.map((m) => m.id),
    "quote.clarificationRequested",
    { rfqId: asked.rfq_id, title: rfqTitle, href: `/rfqs/${asked.rfq_id}/quote` },
    asked.asked_at,
  );
  return members;
}

/**
 * Sends a question annotation to the quote's vendor as a clarification request (one click; once per
 * annotation → 409 the second time). Its author or any member of the buyer organisation may send it.
 */
export async function sendClarification(ctx: AppContext, actor: Actor, annotationId: string) {
  const reader = readerOf(actor);
  if (!reader || !isRowId(annotationId)) return failure.notFound();
  const now = ctx.clock.now();
  const done = await ctx.db.transaction().execute(async (trx) => {
    const a = await findAnnotationForUpdate(trx, reader, annotationId);
    if (!a) return failure.notFound();
    if (a.author_user_id !== actor.userId && reader.side !== "buyer") return failure.forbidden();
    if (a.withdrawn_at) return failure.conflict("annotations.alreadyWithdrawn");
    if (a.kind !== "question") return failure.conflict("clarifications.notAQuestion");
    const quote = await findOpenedQuoteForReader(trx, reader, a.quote_id, now);
    if (!quote) return failure.conflict("clarifications.quoteGone");
    const asked = await insertClarification(trx, {
      rfqId: a.rfq_id,
      quoteId: a.quote_id,
      vendorOrgId: quote.vendor_org_id,
      annotationId: a.id,
      question: a.body,
      askedBy: actor.userId,
      askerOrgId: reader.orgId,
      at: now,
    });
    if (!asked) return failure.conflict("clarifications.alreadySent");
    const members = await recordQuestion(trx, actor, reader.orgId, asked, a.rfq_title, a.id);
    return { ok: true, clarification: asked, members, buyerOrgId: a.buyer_org_id, title: a.rfq_title } as const;
  });
  if (!done.ok) return done;
  await mailQuestion(ctx, done.buyerOrgId, done.title, done.clarification.rfq_id, done.members);
  return { ok: true, clarification: done.clarification } as const;
}

/** A question asked directly on an opened quote, without an annotation first. */
export async function askClarification(ctx: AppContext, actor: Actor, quoteId: string, input: unknown) {
  const reader = readerOf(actor);
  if (!reader || !isRowId(quoteId)) return failure.notFound();
  const now = ctx.clock.now();
  const quote = await findOpenedQuoteForReader(ctx.db, reader, quoteId, now);
  if (!quote) return failure.notFound();
  const parsed = ClarificationSchema.safeParse(input);
  if (!parsed.success) return failure.invalid({ issues: parsed.error.issues });
  const rfq = await openedRfqForEvaluator(ctx, actor, quote.rfq_id);
  if (!rfq) return failure.notFound();
  const done = await ctx.db.transaction().execute(async (trx) => {
    if (reader.side === "advisor" && !(await lockAdvisorAssignment(trx, quote.rfq_id, reader.orgId))) return null;
    const asked = await insertClarification(trx, {
      rfqId: quote.rfq_id,
      quoteId,
      vendorOrgId: quote.vendor_org_id,
      annotationId: null,
      question: parsed.data.question,
      askedBy: actor.userId,
      askerOrgId: reader.orgId,
      at: now,
    });
    if (!asked) throw new Error("a question without an annotation cannot conflict");
    return { asked, members: await recordQuestion(trx, actor, reader.orgId, asked, rfq.row.title, null) };
  });
  if (!done) return failure.notFound();
  await mailQuestion(ctx, rfq.row.buyer_org_id, rfq.row.title, quote.rfq_id, done.members);
  return { ok: true, clarification: done.asked } as const;
}

/**
 * After the commit: one mail per member of the vendor, in its language, linking to its quote
 * page. It names the buyer (the vendor's counterpart) and never the question's author or an advisor.
 */
async function mailQuestion(
  ctx: AppContext,
  buyerOrgId: string,
  title: string,
  rfqId: string,
  members: readonly { email: string; name: string; locale: string }[],
) {
  if (members.length === 0) return;
  const buyer = (await findOrganization(ctx.db, buyerOrgId))?.name ?? "";
  const link = `${appOrigin(ctx.env)}/rfqs/${rfqId}/quote`;
  const sent = await Promise.allSettled(
    members.map((m) => {
      const locale: Locale = isLocale(m.locale) ? m.locale : "ja";
      return ctx.mailer.send(
        notificationMail(m.email, locale, "mail.clarification.subject", "mail.clarification.body", () => ({ name: m.name, buyer, title, link })),
      );
    }),
  );
  sent.forEach((s, i) => {
    if (s.status === "rejected") console.warn(`mail: clarification request not delivered to ${members[i]!.email}: ${String(s.reason)}`);
  });
}

/**
 * The clarifications on one quote: its own vendor reads the questions and its answers only (the vendor
 * projection); the buyer and the RFQ's assigned advisors read them all, once the quote is opened. null → 404.
 */
export async function clarificationsForQuote(ctx: AppContext, actor: Actor, quoteId: string) {
  if (!actor.org || !isRowId(quoteId)) return null;
  if (actor.org.kind === "vendor") {
    const own = await findQuoteForVendor(ctx.db, actor.org.id, quoteId);
    if (!own) return null;
    return { as: "vendor" as const, items: (await listClarificationsForVendor(ctx.db, actor.org.id, quoteId)).map(clarificationForVendor) };
  }
  const reader = readerOf(actor);
  if (!reader) return null;
  const quote = await findOpenedQuoteForReader(ctx.db, reader, quoteId, ctx.clock.now());
  if (!quote) return null;
  const rows = await listClarificationsForReader(ctx.db, reader, quote.rfq_id, quoteId);
  return {
    as: reader.side,
    items: rows.map((c) => ({
      id: c.id,
      quoteId: c.quote_id,
      annotationId: c.annotation_id,
      question: c.question,
      askedAt: c.asked_at.toISOString(),
      askerName: c.asker_name,
      askerOrgName: c.asker_org_name,
      answer: c.answer,
      answeredAt: c.answered_at ? c.answered_at.toISOString() : null,
      answererName: c.answerer_name,
    })),
  };
}

/** One clarification on the vendor's own quote, as the vendor reads it (its answer page); null → 404. */
export async function clarificationOfVendor(ctx: AppContext, actor: Actor, clarificationId: string) {
  if (actor.org?.kind !== "vendor" || !isRowId(clarificationId)) return null;
  const row = await findClarificationOfVendor(ctx.db, actor.org.id, clarificationId);
  return row ? { rfqId: row.rfq_id, clarification: clarificationForVendor(row) } : null;
}

/**
 * The quote's vendor answers a clarification, once (a second answer → 409; the table's trigger refuses any
 * change after the answer too). Text only: it changes no price or commitment. Anyone else gets 404; the asker
 * gets an in-app notice linking to the quote's page.
 */
export async function answerClarification(ctx: AppContext, actor: Actor, clarificationId: string, input: unknown) {
  const vendor = actor.org?.kind === "vendor" ? actor.org : null;
  if (!vendor || !isRowId(clarificationId)) return failure.notFound();
  const parsed = ClarificationAnswerSchema.safeParse(input);
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const c = await findClarificationForVendorUpdate(trx, vendor.id, clarificationId);
    if (!c) return failure.notFound();
    if (!parsed.success) return failure.invalid({ issues: parsed.error.issues });
    if (c.answered_at) return failure.conflict("clarifications.alreadyAnswered");
    const answered = await writeAnswer(trx, c.id, parsed.data.answer, actor.userId, now);
    if (!answered) return failure.conflict("clarifications.alreadyAnswered");
    await writeAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: vendor.id,
      action: "quote.clarification.answer",
      entityType: "quote",
      entityId: c.quote_id,
      after: { rfqId: c.rfq_id, clarificationId: c.id },
    });
    await notifyUsers(trx, [c.asked_by], "rfq.clarificationAnswered", { rfqId: c.rfq_id, title: c.rfq_title, href: `/quotes/${c.quote_id}` }, now);
    return { ok: true, clarification: clarificationForVendor(answered) } as const;
  });
}
