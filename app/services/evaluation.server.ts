import type { core } from "zod";
import { writeAudit } from "../../db/queries/audit";
import {
  countRatingsOfRfq,
  deleteUnsubmittedEvaluators,
  findPanel,
  insertEvaluators,
  listConsensus,
  listEligibleEvaluators,
  listEvaluators,
  listOwnRatings,
  listSubmittedRatings,
  lockEvaluator,
  lockPanel,
  markEvaluatorSubmitted,
  readerEvaluationFacts,
  upsertConsensus,
  upsertPanel,
  upsertRatings,
} from "../../db/queries/evaluation";
import { notifyUsers } from "../../db/queries/notifications";
import { enqueueOutbox } from "../../db/queries/outbox";
import { findRfqForAdvisor } from "../../db/queries/rfq-advisors";
import { findRfqForBuyer } from "../../db/queries/rfqs";
import { isRatingOnScale, ratingScaleOf, summarizeRatings, type RatingScale } from "~/domain/evaluation/ratings";
import { ConsensusSchema, isConsensusOnScale, PanelSchema, RatingsDraftSchema } from "~/domain/evaluation/schema";
import { evaluationVisibility, type ReaderVisibility } from "~/domain/evaluation/visibility";
import { can, type Actor } from "~/domain/permissions";
import { isRowId, rfqResource } from "~/domain/rfq/resource";
import type { Criterion } from "~/domain/rfq/schema";
import type { AppContext } from "~/utils/context.server";
import { failure, orgActor, Rollback } from "~/utils/service-failure";
import { rankRfqForBuyer } from "./ranking.server";

// The evaluation of an RFQ by a panel (issue 18 item 3; decision 0046): the buyer names evaluators (its members and
// the users of its assigned advisory organisations), a chair and the price-later option; each evaluator rates every
// qualifying quote on every evaluator-rated criterion with a reason, blind until it submits; the chair records a
// consensus where the spread is wide. Who sees what is one pure rule (evaluationVisibility) that every surface asks
// through `readerVisibility`. The ranking takes the rated values only once every evaluator has submitted
// (ranking-projection.server.ts), and each write that can change them enqueues the RFQ's re-ranking (`rfq` outbox row).

const issue = (path: (string | number)[], message: string): core.$ZodIssue => ({ code: "custom", path, message, input: undefined });

/** The RFQ as the buyer side reads it (its buyer's members, its assigned advisors), or null → 404. */
async function rfqForEvaluation(ctx: AppContext, actor: Actor, rfqId: string) {
  if (!actor.org || !isRowId(rfqId)) return null;
  if (actor.org.kind === "buyer") {
    const row = await findRfqForBuyer(ctx.db, actor.org.id, rfqId);
    if (!row) return null;
    return { row, side: "buyer" as const, canManage: can(actor, "rfq:edit", rfqResource(row)) };
  }
  if (actor.org.kind === "advisory") {
    const row = await findRfqForAdvisor(ctx.db, actor.org.id, rfqId);
    if (!row) return null;
    return { row, side: "advisor" as const, canManage: false };
  }
  return null;
}

/**
 * What the caller may see of an RFQ under evaluation: others' ratings, and prices. Vendors and unknown callers
 * get the vendor answer (no ratings); the surfaces they reach never carry either anyway.
 */
export async function readerVisibility(ctx: AppContext, actor: Actor, rfqId: string): Promise<ReaderVisibility & { evaluator: boolean; submitted: boolean }> {
  if (!actor.org || actor.org.kind === "vendor" || !isRowId(rfqId)) return { seesOthersRatings: false, seesPrice: true, evaluator: false, submitted: false };
  const facts = await readerEvaluationFacts(ctx.db, rfqId, actor.userId);
  return { ...evaluationVisibility(facts), evaluator: facts.evaluator, submitted: facts.submitted };
}

/**
 * The refusal for a surface that shows prices (an API read of quotes), when price later applies to the caller;
 * null when it may read them. The page surfaces hide the prices instead.
 */
export async function priceLaterRefusal(ctx: AppContext, actor: Actor, rfqId: string) {
  if (actor.org?.kind === "vendor") return null;
  return (await readerVisibility(ctx, actor, rfqId)).seesPrice
    ? null
    : failure.conflict("evaluation.priceLater.refused", { fieldErrors: { comparison: ["evaluation.priceLater.refused"] } });
}

const ratedCriteria = (criteria: readonly Criterion[]) => criteria.filter((c) => c.source === "advisor_rating");

/** The panel as the buyer side reads it, with what this reader may do. Null → 404. */
export async function panelFor(ctx: AppContext, actor: Actor, rfqId: string) {
  const found = await rfqForEvaluation(ctx, actor, rfqId);
  if (!found) return null;
  const [panel, evaluators, ratingCount] = await Promise.all([findPanel(ctx.db, rfqId), listEvaluators(ctx.db, rfqId), countRatingsOfRfq(ctx.db, rfqId)]);
  const eligible = found.canManage ? await listEligibleEvaluators(ctx.db, found.row.buyer_org_id, rfqId) : [];
  const me = evaluators.find((e) => e.user_id === actor.userId);
  return {
    rfq: { id: found.row.id, title: found.row.title },
    panel: panel ? { chairUserId: panel.chair_user_id, chairName: panel.chair_name, priceLater: panel.price_later } : null,
    evaluators: evaluators.map((e) => ({ userId: e.user_id, name: e.name, orgName: e.org_name, side: e.side, submitted: e.submitted_at !== null })),
    eligible: eligible.map((e) => ({
      userId: e.user_id,
      name: e.name,
      orgName: e.org_name,
      side: e.kind === "buyer" ? ("buyer" as const) : ("advisor" as const),
    })),
    canManage: found.canManage,
    /** Price later and the chair are fixed once anyone has rated. */
    ratingsExist: ratingCount > 0,
    me: { evaluator: Boolean(me), submitted: Boolean(me?.submitted_at), chair: panel?.chair_user_id === actor.userId },
  };
}

/** The buyer names the evaluators and the chair and sets price later; audited; new evaluators are notified. */
export async function setPanel(ctx: AppContext, actor: Actor, rfqId: string, input: unknown) {
  const found = await rfqForEvaluation(ctx, actor, rfqId);
  if (!found) return failure.notFound();
  if (!found.canManage) return failure.forbidden();
  const parsed = PanelSchema.safeParse(input);
  if (!parsed.success) return failure.invalid({ issues: parsed.error.issues });
  const chairUserId = parsed.data.chairUserId ?? actor.userId;
  const eligible = await listEligibleEvaluators(ctx.db, found.row.buyer_org_id, rfqId);
  const byId = new Map(eligible.map((e) => [e.user_id, e]));
  const issues: core.$ZodIssue[] = [];
  if (byId.get(chairUserId)?.kind !== "buyer") issues.push(issue(["chairUserId"], "evaluation.panel.chairUnknown"));
  parsed.data.evaluatorUserIds.forEach((id, i) => {
    if (!byId.has(id)) issues.push(issue(["evaluatorUserIds", i], "evaluation.panel.evaluatorUnknown"));
  });
  if (issues.length) return failure.invalid({ issues });
  const wanted = [...new Set(parsed.data.evaluatorUserIds)];
  const now = ctx.clock.now();
  try {
    const added = await ctx.db.transaction().execute(async (trx) => {
      const current = await lockPanel(trx, rfqId);
      const rated = (await countRatingsOfRfq(trx, rfqId)) > 0;
      if (current && rated && (current.price_later !== parsed.data.priceLater || current.chair_user_id !== chairUserId))
        throw new Rollback(failure.conflict("evaluation.panel.lockedAfterRatings"));
      const before = await listEvaluators(trx, rfqId);
      const leaving = before.filter((e) => !wanted.includes(e.user_id));
      if (leaving.some((e) => e.submitted_at !== null)) throw new Rollback(failure.conflict("evaluation.panel.submittedStays"));
      const joining = wanted.filter((id) => !before.some((e) => e.user_id === id));
      await upsertPanel(trx, { rfqId, chairUserId, priceLater: parsed.data.priceLater, by: actor.userId, at: now });
      await deleteUnsubmittedEvaluators(
        trx,
        rfqId,
        leaving.map((e) => e.user_id),
      );
      await insertEvaluators(
        trx,
        rfqId,
        joining.map((id) => ({ userId: id, orgId: byId.get(id)!.org_id, side: byId.get(id)!.kind === "buyer" ? "buyer" : "advisor" })),
        actor.userId,
        now,
      );
      await writeAudit(trx, {
        actorUserId: actor.userId,
        actorOrgId: found.row.buyer_org_id,
        action: "evaluation.panel.set",
        entityType: "rfq",
        entityId: rfqId,
        before: current ? { chairUserId: current.chair_user_id, priceLater: current.price_later, evaluators: before.map((e) => e.user_id) } : null,
        after: { chairUserId, priceLater: parsed.data.priceLater, evaluators: wanted },
      });
      await notifyUsers(trx, joining, "evaluation.named", { rfqId, title: found.row.title, href: `/rfqs/${rfqId}/evaluation/rate` }, now);
      // Removing the last unsubmitted evaluator can complete the panel: the ranking and the index must follow.
      await enqueueOutbox(trx, "rfq", rfqId);
      return joining;
    });
    return { ok: true, added } as const;
  } catch (e) {
    if (e instanceof Rollback) return e.failure;
    throw e;
  }
}

/** The evaluator's own facts plus the RFQ's ranking, for the rating page, API and writes. */
async function evaluatorScope(ctx: AppContext, actor: Actor, rfqId: string) {
  const found = await rfqForEvaluation(ctx, actor, rfqId);
  if (!found) return failure.notFound();
  const facts = await readerEvaluationFacts(ctx.db, rfqId, actor.userId);
  // A member of the buyer or an assigned advisor who is not on the panel knows the RFQ, not this page.
  if (!facts.evaluator) return failure.forbidden();
  const ranking = await rankRfqForBuyer(ctx, actor, rfqId);
  if (!ranking) return failure.notFound();
  if (ranking.sealed) return failure.conflict("evaluation.rate.sealed");
  const disqualified = new Set(ranking.result.disqualified.map((d) => d.id));
  // Qualifying: opened, current (not awaiting re-confirmation: the ranking lists those apart) and through every gate.
  const quotes = ranking.quotes.filter((q) => !disqualified.has(q.id));
  const criteria = ratedCriteria(ranking.rfq.criteria);
  return { ok: true as const, found, facts, ranking, quotes, criteria, visibility: evaluationVisibility(facts) };
}

function scaleView(scale: RatingScale) {
  return { levels: scale.levels, min: scale.min, max: scale.max, anchors: scale.anchors ?? null };
}

/**
 * The rating sheet of one evaluator: the qualifying quotes with what is needed to judge them (without price, TCO
 * or ROI when price comes later for this reader), the rated criteria with their scales, and its own ratings.
 */
export async function ratingSheet(ctx: AppContext, actor: Actor, rfqId: string) {
  const scope = await evaluatorScope(ctx, actor, rfqId);
  if (!scope.ok) return scope;
  const own = await listOwnRatings(ctx.db, rfqId, actor.userId);
  const seesPrice = scope.visibility.seesPrice;
  return {
    ok: true as const,
    rfq: { id: rfqId, title: scope.ranking.rfq.title },
    submitted: scope.facts.submitted,
    priceLater: scope.facts.priceLater,
    seesPrice,
    criteria: scope.criteria.map((c) => ({ key: c.key, label: c.label, scale: scaleView(ratingScaleOf(c)) })),
    quotes: scope.quotes.map((q) => ({
      id: q.id,
      vendorName: q.vendorName,
      kpiCommitments: q.content.kpiCommitments,
      leadTimeDays: q.content.leadTimeDays,
      assumptions: q.content.assumptions,
      exceptions: q.content.exceptions,
      team: q.content.team,
      pastWork: q.content.pastWork,
      // Two envelopes: the price envelope stays closed for this reader until it submits.
      ...(seesPrice ? { tco: q.normalized.tco, roi: q.normalized.roi } : {}),
    })),
    kpiCriteria: scope.ranking.rfq.criteria.filter((c) => c.source === "kpi_commitment").map((c) => ({ key: c.key, label: c.label, unit: c.unit })),
    ratings: own.map((r) => ({ quoteId: r.quote_id, criterionKey: r.criterion_key, score: r.score, reason: r.reason })),
  };
}

/** The evaluator saves drafts: every entry checked (field errors at `ratings.<i>.<field>`), nothing written on any error. */
export async function saveRatings(ctx: AppContext, actor: Actor, rfqId: string, input: unknown) {
  const scope = await evaluatorScope(ctx, actor, rfqId);
  if (!scope.ok) return scope;
  const parsed = RatingsDraftSchema.safeParse(input);
  if (!parsed.success) return failure.invalid({ issues: parsed.error.issues });
  const quoteIds = new Set(scope.quotes.map((q) => q.id));
  const criteria = new Map(scope.criteria.map((c) => [c.key, c]));
  const issues: core.$ZodIssue[] = [];
  parsed.data.ratings.forEach((r, i) => {
    if (!quoteIds.has(r.quoteId)) issues.push(issue(["ratings", i, "quoteId"], "evaluation.rating.quoteUnknown"));
    const c = criteria.get(r.criterionKey);
    if (!c) issues.push(issue(["ratings", i, "criterionKey"], "evaluation.rating.criterionUnknown"));
    else if (!isRatingOnScale(ratingScaleOf(c), r.score))
      issues.push(issue(["ratings", i, "score"], ratingScaleOf(c).levels === "1-5" ? "evaluation.rating.offScale5" : "evaluation.rating.offScale100"));
  });
  if (issues.length) return failure.invalid({ issues });
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const me = await lockEvaluator(trx, rfqId, actor.userId);
      if (!me) throw new Rollback(failure.forbidden());
      if (me.submitted_at) throw new Rollback(failure.conflict("evaluation.rating.locked"));
      await upsertRatings(trx, rfqId, actor.userId, parsed.data.ratings, ctx.clock.now());
      await writeAudit(trx, {
        actorUserId: actor.userId,
        actorOrgId: actor.org!.id,
        action: "evaluation.ratings.draft",
        entityType: "rfq",
        entityId: rfqId,
        after: { count: parsed.data.ratings.length },
      });
    });
  } catch (e) {
    if (e instanceof Rollback) return e.failure;
    throw e;
  }
  return { ok: true as const, saved: parsed.data.ratings.length };
}

/** Submits all of the evaluator's ratings: only when every qualifying quote × rated criterion has one with a reason. */
export async function submitRatings(ctx: AppContext, actor: Actor, rfqId: string) {
  const scope = await evaluatorScope(ctx, actor, rfqId);
  if (!scope.ok) return scope;
  const now = ctx.clock.now();
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const me = await lockEvaluator(trx, rfqId, actor.userId);
      if (!me) throw new Rollback(failure.forbidden());
      if (me.submitted_at) throw new Rollback(failure.conflict("evaluation.rating.locked"));
      const own = await listOwnRatings(trx, rfqId, actor.userId);
      const have = new Set(own.filter((r) => r.reason.trim() !== "").map((r) => `${r.quote_id}|${r.criterion_key}`));
      const missing = scope.quotes.flatMap((q) =>
        scope.criteria.filter((c) => !have.has(`${q.id}|${c.key}`)).map((c) => ({ quoteId: q.id, criterionKey: c.key })),
      );
      if (missing.length > 0 || scope.criteria.length === 0 || scope.quotes.length === 0)
        throw new Rollback(failure.conflict("evaluation.submit.incomplete", { reasons: ["evaluation.submit.incomplete"] }));
      await markEvaluatorSubmitted(trx, rfqId, actor.userId, now);
      await writeAudit(trx, {
        actorUserId: actor.userId,
        actorOrgId: actor.org!.id,
        action: "evaluation.ratings.submit",
        entityType: "rfq",
        entityId: rfqId,
        after: { ratings: own.length },
      });
      // The last submission gives the rated criteria their values: the indexer re-ranks the RFQ's quotes.
      await enqueueOutbox(trx, "rfq", rfqId);
    });
  } catch (e) {
    if (e instanceof Rollback) return e.failure;
    throw e;
  }
  return { ok: true as const, submittedAt: now };
}

/**
 * Ratings as the API reads them: the caller's own always (if it is an evaluator); everyone's submitted ratings
 * only when the visibility rule lets it see others' ratings (blind until it has submitted).
 */
export async function ratingsFor(ctx: AppContext, actor: Actor, rfqId: string) {
  const found = await rfqForEvaluation(ctx, actor, rfqId);
  if (!found) return failure.notFound();
  const facts = await readerEvaluationFacts(ctx.db, rfqId, actor.userId);
  const visibility = evaluationVisibility(facts);
  const [own, others] = await Promise.all([
    facts.evaluator ? listOwnRatings(ctx.db, rfqId, actor.userId) : Promise.resolve([]),
    visibility.seesOthersRatings ? listSubmittedRatings(ctx.db, rfqId) : Promise.resolve([]),
  ]);
  return {
    ok: true as const,
    evaluator: facts.evaluator,
    submitted: facts.submitted,
    blind: !visibility.seesOthersRatings,
    own: own.map((r) => ({ quoteId: r.quote_id, criterionKey: r.criterion_key, score: r.score, reason: r.reason })),
    submittedRatings: others.map((r) => ({
      quoteId: r.quote_id,
      criterionKey: r.criterion_key,
      evaluatorUserId: r.evaluator_user_id,
      evaluatorName: r.evaluator_name,
      score: r.score,
      reason: r.reason,
    })),
  };
}

/**
 * The results page: per quote × criterion the summary of submitted ratings, each rating with its reason and
 * evaluator, the flag and the consensus. Refused (403) to an evaluator who has not submitted: it rates blind.
 */
export async function evaluationResults(ctx: AppContext, actor: Actor, rfqId: string) {
  const found = await rfqForEvaluation(ctx, actor, rfqId);
  if (!found) return failure.notFound();
  const facts = await readerEvaluationFacts(ctx.db, rfqId, actor.userId);
  const visibility = evaluationVisibility(facts);
  const [panel, evaluators] = await Promise.all([findPanel(ctx.db, rfqId), listEvaluators(ctx.db, rfqId)]);
  const progress = { submitted: evaluators.filter((e) => e.submitted_at).length, total: evaluators.length };
  if (!visibility.seesOthersRatings) return { ok: true as const, blind: true as const, progress };
  const ranking = await rankRfqForBuyer(ctx, actor, rfqId);
  if (!ranking || ranking.sealed) return { ok: true as const, blind: false as const, sealed: true as const, progress, cells: [], quotes: [], criteria: [] };
  const [ratings, consensus] = await Promise.all([listSubmittedRatings(ctx.db, rfqId), listConsensus(ctx.db, rfqId)]);
  const disqualified = new Set(ranking.result.disqualified.map((d) => d.id));
  const quotes = ranking.quotes.filter((q) => !disqualified.has(q.id)).map((q) => ({ id: q.id, vendorName: q.vendorName }));
  const criteria = ratedCriteria(ranking.rfq.criteria);
  const complete = progress.total > 0 && progress.submitted === progress.total;
  const cells = quotes.flatMap((q) =>
    criteria.map((c) => {
      const scale = ratingScaleOf(c);
      const mine = ratings.filter((r) => r.quote_id === q.id && r.criterion_key === c.key);
      const summary = summarizeRatings(
        scale,
        mine.map((r) => r.score),
      );
      const agreed = consensus.find((x) => x.quote_id === q.id && x.criterion_key === c.key);
      return {
        quoteId: q.id,
        criterionKey: c.key,
        summary,
        ratings: mine.map((r) => ({ evaluatorName: r.evaluator_name, score: r.score, reason: r.reason })),
        consensus: agreed ? { score: agreed.score, comment: agreed.comment, chairName: agreed.chair_name, recordedAt: agreed.recorded_at } : null,
      };
    }),
  );
  return {
    ok: true as const,
    blind: false as const,
    sealed: false as const,
    progress,
    complete,
    quotes,
    criteria: criteria.map((c) => ({ key: c.key, label: c.label, scale: scaleView(ratingScaleOf(c)) })),
    cells,
    canRecordConsensus: complete && panel?.chair_user_id === actor.userId,
  };
}

/** The chair records a consensus score with a comment (on the scale, halves on 1–5), once every evaluator submitted. */
export async function recordConsensus(ctx: AppContext, actor: Actor, rfqId: string, input: unknown) {
  const found = await rfqForEvaluation(ctx, actor, rfqId);
  if (!found) return failure.notFound();
  const panel = await findPanel(ctx.db, rfqId);
  if (!panel || panel.chair_user_id !== actor.userId || !orgActor(actor, "buyer")) return failure.forbidden();
  const parsed = ConsensusSchema.safeParse(input);
  if (!parsed.success) return failure.invalid({ issues: parsed.error.issues });
  const ranking = await rankRfqForBuyer(ctx, actor, rfqId);
  if (!ranking || ranking.sealed) return failure.conflict("evaluation.consensus.notYet");
  const criterion = ratedCriteria(ranking.rfq.criteria).find((c) => c.key === parsed.data.criterionKey);
  const disqualified = new Set(ranking.result.disqualified.map((d) => d.id));
  const issues: core.$ZodIssue[] = [];
  if (!ranking.quotes.some((q) => q.id === parsed.data.quoteId && !disqualified.has(q.id))) issues.push(issue(["quoteId"], "evaluation.rating.quoteUnknown"));
  if (!criterion) issues.push(issue(["criterionKey"], "evaluation.rating.criterionUnknown"));
  else if (!isConsensusOnScale(ratingScaleOf(criterion), parsed.data.score))
    issues.push(issue(["score"], ratingScaleOf(criterion).levels === "1-5" ? "evaluation.consensus.offScale5" : "evaluation.rating.offScale100"));
  if (issues.length) return failure.invalid({ issues });
  const now = ctx.clock.now();
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await lockPanel(trx, rfqId);
      const evaluators = await listEvaluators(trx, rfqId);
      if (evaluators.length === 0 || evaluators.some((e) => e.submitted_at === null)) throw new Rollback(failure.conflict("evaluation.consensus.notYet"));
      await upsertConsensus(trx, {
        rfqId,
        quoteId: parsed.data.quoteId,
        criterionKey: parsed.data.criterionKey,
        score: parsed.data.score,
        comment: parsed.data.comment,
        chairUserId: actor.userId,
        at: now,
      });
      await writeAudit(trx, {
        actorUserId: actor.userId,
        actorOrgId: actor.org!.id,
        action: "evaluation.consensus.record",
        entityType: "rfq",
        entityId: rfqId,
        after: { quoteId: parsed.data.quoteId, criterionKey: parsed.data.criterionKey, score: parsed.data.score, comment: parsed.data.comment },
      });
      // The consensus replaces the mean in the ranking: re-rank the RFQ's quotes in the index.
      await enqueueOutbox(trx, "rfq", rfqId);
    });
  } catch (e) {
    if (e instanceof Rollback) return e.failure;
    throw e;
  }
  return { ok: true as const };
}
