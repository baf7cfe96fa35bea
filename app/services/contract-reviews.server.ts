import { writeAudit } from "../../db/queries/audit";
import {
  findReviewCadence,
  findReviewDocument,
  findReviewOfContract,
  insertReview,
  insertReviewComment,
  insertReviewDocumentOnce,
  listPartyMembers,
  listReviewComments,
  listReviewsOfContract,
  lockReview,
  setReviewCadenceOnce,
  updateReviewRow,
} from "../../db/queries/contract-reviews";
import { lockContract } from "../../db/queries/contracts";
import { listEvidenceOfContract } from "../../db/queries/evidence-events";
import { notifyUsers } from "../../db/queries/notifications";
import { downloadName } from "~/domain/download-name";
import { kpiTrends, reviewKpiTable, type KpiRow, type ReviewFact } from "~/domain/reviews/kpi-table";
import { periodContaining, periodLabel, periodsOfTerm, type Cadence } from "~/domain/reviews/periods";
import { CommentSchema, CreateReviewSchema, ProposalsSchema, UpdateReviewSchema, type ReviewAction } from "~/domain/reviews/schema";
import type { Actor } from "~/domain/permissions";
import type { core } from "zod";
import { t, type AnyMessageKey, type Locale } from "~/i18n";
import type { AppContext } from "~/utils/context.server";
import { tokyoDateString } from "~/utils/format";
import { isRowId } from "~/utils/row-id";
import { failure, type ServiceFailure } from "~/utils/service-failure";
import { contractForParty, sha256Hex, type ContractForParty, type StoredPdf } from "./contracts.server";
import { renderPeriodicReviewPdf } from "./documents/periodic-review.server";
import type { PeriodicReviewDocument } from "./documents/periodic-review-types";

// Periodic reviews (定例レビュー, issue 17 item 4; decision 0042). A member of the buyer organisation opens the
// review of a period of an ACTIVE contract (picking the cadence once: monthly by default, or quarterly), writes
// notes and the agreed next actions (owner: a member of either party, by name; due date), and shares it; the
// vendor then adds its improvement proposals and comments; the buyer finalizes, which freezes the row (trigger)
// with the KPI table as it stood. The KPI table comes only from the contract's evidence_events — the facts the
// deliveries and measurements services confirm — through reviewKpiTable/ragStatus.
//
// Who sees what: both parties of the contract (contractForParty), anyone else 404. A draft is the buyer's working
// copy: the vendor sees a review from the moment it is shared. Nothing here reads the buyer's internal evaluation.

export type ReviewStatus = "draft" | "awaiting_vendor" | "finalized";
type ReviewRow = NonNullable<Awaited<ReturnType<typeof findReviewOfContract>>>;
type StoredAction = ReviewAction & { ownerName: string; ownerSide: "buyer" | "vendor" };

// A refusal at a field, as a zod issue whose message is a catalog key: pages and the API both name the field.
const issueAt = (path: (string | number)[], key: AnyMessageKey) => ({ code: "custom", path, message: key, input: undefined }) as unknown as core.$ZodIssue;
const problem = (path: (string | number)[], key: AnyMessageKey) => failure.invalid({ issues: [issueAt(path, key)] });

async function party(ctx: AppContext, actor: Actor, contractId: string) {
  return isRowId(contractId) ? contractForParty(ctx, actor, contractId) : null;
}

const factsOf = async (ctx: AppContext, contractId: string): Promise<ReviewFact[]> =>
  (await listEvidenceOfContract(ctx.db, contractId)).map((f) => ({
    kpiKey: f.kpi_key,
    successes: f.successes,
    trials: f.trials,
    value: f.value,
    observedOn: f.observed_on,
  }));

const visibleTo = (side: "buyer" | "vendor", status: string) => side === "buyer" || status !== "draft";

/** The review of a contract the caller may read, or null (→ 404). */
async function readable(ctx: AppContext, actor: Actor, contractId: string, reviewId: string) {
  const p = await party(ctx, actor, contractId);
  if (!p || !isRowId(reviewId)) return null;
  const review = await findReviewOfContract(ctx.db, contractId, reviewId);
  if (!review || !visibleTo(p.side, review.status)) return null;
  return { p, review };
}

function auditOf(p: ContractForParty) {
  return { actorUserId: p.actor.userId, actorOrgId: p.actor.orgId };
}

/** The trend charts' data: each KPI over the periods begun up to `until` (the last 12). */
function trendsUpTo(p: ContractForParty, cadence: Cadence, facts: readonly ReviewFact[], until: string) {
  const periods = periodsOfTerm(p.content.term, cadence, until).slice(-12);
  return kpiTrends(p.content.sla, facts, periods, p.content.term.from);
}

// ---------------------------------------------------------------------------------------------
// Reads

/** The reviews tab: the list, the periods the buyer may open, the cadence and the trend charts. */
export async function contractReviewsPage(ctx: AppContext, actor: Actor, contractId: string) {
  const p = await party(ctx, actor, contractId);
  if (!p) return failure.notFound();
  const today = tokyoDateString(ctx.clock.now());
  const [cadence, reviews, facts] = await Promise.all([
    findReviewCadence(ctx.db, contractId),
    listReviewsOfContract(ctx.db, contractId),
    factsOf(ctx, contractId),
  ]);
  const inForce = cadence ?? "monthly";
  const taken = new Set(reviews.map((r) => r.period_start));
  const active = p.row.status === "active";
  // Periods begun by today without a review, newest first (the buyer opens one; a review of a running period is a
  // mid-period look and is allowed).
  const openable =
    p.side === "buyer" && active
      ? periodsOfTerm(p.content.term, inForce, today)
          .filter((x) => !taken.has(x.start))
          .reverse()
          .map((x) => ({ start: x.start, end: x.end }))
      : [];
  return {
    ok: true as const,
    side: p.side,
    contractId,
    contractHref: p.contractHref,
    title: p.content.rfq.title,
    active,
    cadence,
    openable,
    // The period a buyer usually reviews: the newest that has ended (last month), else the running one.
    suggested: (openable.find((x) => x.end < today) ?? openable[0])?.start ?? null,
    reviews: reviews
      .filter((r) => visibleTo(p.side, r.status))
      .map((r) => ({
        id: r.id,
        periodStart: r.period_start,
        periodEnd: r.period_end,
        status: r.status as ReviewStatus,
        vendorComments: r.vendor_comments ?? 0,
      })),
    trends: trendsUpTo(p, inForce, facts, today),
  };
}

/** One review: the KPI table (frozen once finalized), notes, proposals, actions, comments, the trend charts. */
export async function contractReviewDetail(ctx: AppContext, actor: Actor, contractId: string, reviewId: string) {
  const found = await readable(ctx, actor, contractId, reviewId);
  if (!found) return failure.notFound();
  const { p, review } = found;
  const [facts, comments, members] = await Promise.all([
    factsOf(ctx, contractId),
    listReviewComments(ctx.db, reviewId),
    listPartyMembers(ctx.db, p.row.buyer_org_id, p.row.vendor_org_id),
  ]);
  const table =
    review.status === "finalized"
      ? (review.snapshot as { table: KpiRow[] }).table
      : reviewKpiTable(p.content.sla, facts, { start: review.period_start, end: review.period_end }, p.content.term.from);
  const status = review.status as ReviewStatus;
  return {
    ok: true as const,
    side: p.side,
    contractId,
    contractHref: p.contractHref,
    title: p.content.rfq.title,
    review: {
      id: review.id,
      cadence: review.cadence,
      periodStart: review.period_start,
      periodEnd: review.period_end,
      status,
      notes: review.notes,
      proposals: review.proposals,
      actions: review.actions as StoredAction[],
      sharedAt: review.shared_at ? new Date(review.shared_at).toISOString() : null,
      finalizedAt: review.finalized_at ? new Date(review.finalized_at).toISOString() : null,
    },
    table,
    trends: trendsUpTo(p, review.cadence, facts, review.period_end),
    comments: comments.map((c) => ({ id: c.id, side: c.side, body: c.body, authorName: c.author_name, createdAt: new Date(c.created_at).toISOString() })),
    // Owners of actions: the members of both parties, by name (the vendor sees only names, never e-mails).
    members: members.map((m) => ({ id: m.id, name: m.name, side: m.org_id === p.row.buyer_org_id ? ("buyer" as const) : ("vendor" as const) })),
    can: {
      edit: p.side === "buyer" && status !== "finalized",
      share: p.side === "buyer" && status === "draft",
      finalize: p.side === "buyer" && status === "awaiting_vendor",
      propose: p.side === "vendor" && status === "awaiting_vendor",
      comment: status !== "finalized",
    },
  };
}
export type ContractReviewDetail = Extract<Awaited<ReturnType<typeof contractReviewDetail>>, { ok: true }>;

// ---------------------------------------------------------------------------------------------
// Writes

/** Opens the review of the period containing `periodStart` (buyer members of an active contract). */
export async function createContractReview(
  ctx: AppContext,
  actor: Actor,
  contractId: string,
  input: unknown,
): Promise<{ ok: true; reviewId: string } | ServiceFailure> {
  const p = await party(ctx, actor, contractId);
  if (!p) return failure.notFound();
  if (p.side !== "buyer") return failure.forbidden();
  const parsed = CreateReviewSchema.safeParse(input ?? {});
  if (!parsed.success) return failure.invalid({ issues: parsed.error.issues });
  const now = ctx.clock.now();
  const today = tokyoDateString(now);
  return ctx.db.transaction().execute(async (trx) => {
    const row = (await lockContract(trx, contractId))!;
    if (row.status !== "active") return failure.conflict("reviews.contract.notActive");
    const cadence = (await findReviewCadence(trx, contractId)) ?? parsed.data.cadence ?? "monthly";
    const period = periodContaining(parsed.data.periodStart, cadence, p.content.term);
    if (!period) return problem(["periodStart"], "reviews.period.outsideTerm");
    if (period.start > today) return problem(["periodStart"], "reviews.period.notStarted");
    await setReviewCadenceOnce(trx, { contractId, cadence, userId: p.actor.userId, at: now });
    const inserted = await insertReview(trx, {
      contractId,
      buyerOrgId: row.buyer_org_id,
      vendorOrgId: row.vendor_org_id,
      cadence,
      periodStart: period.start,
      periodEnd: period.end,
      userId: p.actor.userId,
      at: now,
    });
    if (!inserted) return problem(["periodStart"], "reviews.period.exists");
    await writeAudit(trx, {
      ...auditOf(p),
      action: "review.create",
      entityType: "contract_review",
      entityId: inserted.id,
      after: { contractId, cadence, periodStart: period.start, periodEnd: period.end },
    });
    return { ok: true as const, reviewId: inserted.id };
  });
}

/**
 * Runs `change` on the locked review when the caller is on `side` and the review's status is one of `statuses`;
 * 404 for a review the caller may not read, 403 for the other side, 409 for a review in another state.
 */
async function changeReview<T>(
  ctx: AppContext,
  actor: Actor,
  contractId: string,
  reviewId: string,
  rule: { side: "buyer" | "vendor" | "either"; statuses: readonly ReviewStatus[] },
  change: (trx: AppContext["db"], p: ContractForParty, review: ReviewRow, now: Date) => Promise<T | ServiceFailure>,
): Promise<T | ServiceFailure> {
  const found = await readable(ctx, actor, contractId, reviewId);
  if (!found) return failure.notFound();
  const { p } = found;
  if (rule.side !== "either" && p.side !== rule.side) return failure.forbidden();
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const review = (await lockReview(trx, contractId, reviewId))!;
    if (review.status === "finalized") return failure.conflict("reviews.review.finalized");
    if (!rule.statuses.includes(review.status as ReviewStatus)) return failure.conflict("reviews.review.wrongStatus");
    return change(trx, p, review, now);
  });
}

/** The buyer's notes and agreed actions (draft or shared). Each owner must be a member of either party. */
export async function updateContractReview(
  ctx: AppContext,
  actor: Actor,
  contractId: string,
  reviewId: string,
  input: unknown,
): Promise<{ ok: true } | ServiceFailure> {
  const parsed = UpdateReviewSchema.safeParse(input ?? {});
  return changeReview(ctx, actor, contractId, reviewId, { side: "buyer", statuses: ["draft", "awaiting_vendor"] }, async (trx, p, review, now) => {
    if (!parsed.success) return failure.invalid({ issues: parsed.error.issues });
    const members = new Map((await listPartyMembers(trx, p.row.buyer_org_id, p.row.vendor_org_id)).map((m) => [m.id, m]));
    const problems = parsed.data.actions.flatMap((a, i) =>
      members.has(a.ownerUserId) ? [] : [{ path: ["actions", i, "ownerUserId"], key: "reviews.action.owner.notMember" as const }],
    );
    if (problems.length > 0) return failure.invalid({ problems });
    const actions: StoredAction[] = parsed.data.actions.map((a) => {
      const m = members.get(a.ownerUserId)!;
      return { ...a, ownerName: m.name, ownerSide: m.org_id === p.row.buyer_org_id ? "buyer" : "vendor" };
    });
    await updateReviewRow(trx, review.id, { notes: parsed.data.notes, actions, at: now });
    await writeAudit(trx, {
      ...auditOf(p),
      action: "review.update",
      entityType: "contract_review",
      entityId: review.id,
      after: { notes: parsed.data.notes.length, actions: actions.length },
    });
    return { ok: true as const };
  });
}

/** The vendor's improvement proposals (learning and growth), while the review awaits its comment. */
export async function saveReviewProposals(
  ctx: AppContext,
  actor: Actor,
  contractId: string,
  reviewId: string,
  input: unknown,
): Promise<{ ok: true } | ServiceFailure> {
  const parsed = ProposalsSchema.safeParse(input ?? {});
  return changeReview(ctx, actor, contractId, reviewId, { side: "vendor", statuses: ["awaiting_vendor"] }, async (trx, p, review, now) => {
    if (!parsed.success) return failure.invalid({ issues: parsed.error.issues });
    await updateReviewRow(trx, review.id, { proposals: parsed.data.proposals, at: now });
    await writeAudit(trx, {
      ...auditOf(p),
      action: "review.proposals",
      entityType: "contract_review",
      entityId: review.id,
      after: { length: parsed.data.proposals.length },
    });
    return { ok: true as const };
  });
}

/** The buyer shares the draft with the vendor: it now awaits the vendor's comment. */
export async function shareContractReview(ctx: AppContext, actor: Actor, contractId: string, reviewId: string): Promise<{ ok: true } | ServiceFailure> {
  return changeReview(ctx, actor, contractId, reviewId, { side: "buyer", statuses: ["draft"] }, async (trx, p, review, now) => {
    await updateReviewRow(trx, review.id, { status: "awaiting_vendor", sharedAt: now, at: now });
    await writeAudit(trx, { ...auditOf(p), action: "review.share", entityType: "contract_review", entityId: review.id });
    const vendors = (await listPartyMembers(trx, p.row.buyer_org_id, p.row.vendor_org_id)).filter((m) => m.org_id === p.row.vendor_org_id);
    await notifyUsers(
      trx,
      vendors.map((m) => m.id),
      "review.shared",
      { href: `/contracts/${p.row.id}/reviews/${review.id}`, title: `${p.content.rfq.title}（${review.period_start}〜${review.period_end}）` },
      now,
    );
    return { ok: true as const };
  });
}

/** A comment by either side before the review is finalized (the vendor only once it is shared). */
export async function commentOnContractReview(
  ctx: AppContext,
  actor: Actor,
  contractId: string,
  reviewId: string,
  input: unknown,
): Promise<{ ok: true; commentId: string } | ServiceFailure> {
  const parsed = CommentSchema.safeParse(input ?? {});
  return changeReview(ctx, actor, contractId, reviewId, { side: "either", statuses: ["draft", "awaiting_vendor"] }, async (trx, p, review, now) => {
    if (!parsed.success) return failure.invalid({ issues: parsed.error.issues });
    const c = await insertReviewComment(trx, { reviewId: review.id, side: p.side, userId: p.actor.userId, body: parsed.data.body, at: now });
    await writeAudit(trx, {
      ...auditOf(p),
      action: "review.comment",
      entityType: "contract_review",
      entityId: review.id,
      after: { commentId: c.id, side: p.side },
    });
    return { ok: true as const, commentId: c.id };
  });
}

/** The buyer finalizes a shared review: the KPI table is frozen as it stands and the row can no longer change. */
export async function finalizeContractReview(ctx: AppContext, actor: Actor, contractId: string, reviewId: string): Promise<{ ok: true } | ServiceFailure> {
  return changeReview(ctx, actor, contractId, reviewId, { side: "buyer", statuses: ["awaiting_vendor"] }, async (trx, p, review, now) => {
    const facts = (await listEvidenceOfContract(trx, contractId)).map((f) => ({
      kpiKey: f.kpi_key,
      successes: f.successes,
      trials: f.trials,
      value: f.value,
      observedOn: f.observed_on,
    }));
    const table = reviewKpiTable(p.content.sla, facts, { start: review.period_start, end: review.period_end }, p.content.term.from);
    await updateReviewRow(trx, review.id, { status: "finalized", finalized: { at: now, by: p.actor.userId, snapshot: { table } }, at: now });
    await writeAudit(trx, {
      ...auditOf(p),
      action: "review.finalize",
      entityType: "contract_review",
      entityId: review.id,
      after: {
        periodStart: review.period_start,
        periodEnd: review.period_end,
        status: Object.fromEntries(table.map((r) => [r.key, r.period.rag ?? r.period.met])),
      },
    });
    const vendors = (await listPartyMembers(trx, p.row.buyer_org_id, p.row.vendor_org_id)).filter((m) => m.org_id === p.row.vendor_org_id);
    await notifyUsers(
      trx,
      vendors.map((m) => m.id),
      "review.finalized",
      { href: `/contracts/${p.row.id}/reviews/${review.id}`, title: `${p.content.rfq.title}（${review.period_start}〜${review.period_end}）` },
      now,
    );
    return { ok: true as const };
  });
}

// ---------------------------------------------------------------------------------------------
// PDF

/** The document input of a finalized review, in `locale`. */
export function periodicReviewDocument(d: ContractReviewDetail, parties: { buyer: string; vendor: string }, locale: Locale): PeriodicReviewDocument {
  return {
    title: d.title,
    period: periodLabel({ start: d.review.periodStart, end: d.review.periodEnd }, locale),
    cadence: d.review.cadence,
    finalizedAt: d.review.finalizedAt!,
    buyer: parties.buyer,
    vendor: parties.vendor,
    table: d.table,
    notes: d.review.notes,
    proposals: d.review.proposals,
    actions: d.review.actions.map((a) => ({ description: a.description, owner: a.ownerName, dueDate: a.dueDate })),
    comments: d.comments.map((c) => ({ side: c.side, author: c.authorName, body: c.body, createdAt: c.createdAt })),
    trends: d.trends,
  };
}

/**
 * The PDF of a finalized review for either party: rendered once per language from the frozen review and kept with
 * its SHA-256, then always the same bytes. 404 for anyone else (and for the vendor on a draft); 409 before it is final.
 */
export async function contractReviewPdf(
  ctx: AppContext,
  actor: Actor,
  contractId: string,
  reviewId: string,
  locale: Locale,
): Promise<StoredPdf | ServiceFailure> {
  const detail = await contractReviewDetail(ctx, actor, contractId, reviewId);
  if (!detail.ok) return detail;
  if (detail.review.status !== "finalized") return failure.conflict("reviews.pdf.notFinal");
  const existing = await findReviewDocument(ctx.db, reviewId, locale);
  if (existing) return { ok: true, id: existing.id, bytes: new Uint8Array(existing.bytes), sha256: existing.sha256, fileName: existing.file_name };
  const p = (await party(ctx, actor, contractId))!;
  const doc = periodicReviewDocument(detail, { buyer: p.content.parties.buyer.name, vendor: p.content.parties.vendor.name }, locale);
  const bytes = await renderPeriodicReviewPdf(doc, locale);
  const sha256 = sha256Hex(bytes);
  const fileName = downloadName(`${t(locale, "reviews.pdf.fileName")}_${detail.review.periodStart.slice(0, 7)}_${locale}.pdf`, ["pdf"]);
  const kept = await ctx.db.transaction().execute(async (trx) => {
    const { row, inserted } = await insertReviewDocumentOnce(trx, { reviewId, locale, fileName, sha256, bytes, at: ctx.clock.now() });
    if (inserted)
      await writeAudit(trx, {
        ...auditOf(p),
        action: "document.store",
        entityType: "document",
        entityId: row.id,
        after: { kind: "periodic_review", subjectId: reviewId, locale, sha256 },
      });
    return row;
  });
  return { ok: true, id: kept.id, bytes: new Uint8Array(kept.bytes), sha256: kept.sha256, fileName: kept.file_name };
}
