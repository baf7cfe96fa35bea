import { listConsensusOfRfqs, listEvaluatorsOfRfq, listSubmittedRatingsOfBuyer, listSubmittedRatingsOfRfq } from "../../db/queries/recommendation-memos";
import { findRfqForAdvisor } from "../../db/queries/rfq-advisors";
import { findRfqForBuyer } from "../../db/queries/rfqs";
import { agreementFigures, type AgreementFigures } from "~/domain/evaluation/agreement-figures";
import { evaluatorLeniency, type LeniencyRating } from "~/domain/evaluation/leniency";
import { ratingScaleOf, type RatingScale } from "~/domain/evaluation/ratings";
import { can, type Actor } from "~/domain/permissions";
import { rfqResource } from "~/domain/rfq/resource";
import type { AppContext } from "~/utils/context.server";
import { isRowId } from "~/utils/row-id";
import { orgActor } from "~/utils/service-failure";
import { rfqAtVersion } from "./version-cache.server";

// The evaluation's agreement figures per RFQ and the evaluators' leniency across a buyer's RFQs (issue 18 item 4;
// decision 0047). Reads only: no audit. Only SUBMITTED ratings are ever read (the queries join the evaluator's
// submission), and the figures stay hidden until every named evaluator has submitted (the blind rule): before that
// the answer is only "n of m submitted".

/** The evaluator-rated criteria of an RFQ version, with their scales. */
async function ratedCriteria(ctx: AppContext, rfqId: string, version: number): Promise<Map<string, RatingScale>> {
  const rfq = version > 0 ? await rfqAtVersion(ctx.db, rfqId, version) : null;
  return new Map((rfq?.criteria ?? []).filter((c) => c.source === "advisor_rating").map((c) => [c.key, ratingScaleOf(c)]));
}

/** The RFQ as its buyer's member or an assigned advisor reads the comparison, or null (→ 404). */
async function comparisonReader(ctx: AppContext, actor: Actor, rfqId: string) {
  if (!actor.org || !isRowId(rfqId)) return null;
  if (actor.org.kind === "buyer") {
    const rfq = await findRfqForBuyer(ctx.db, actor.org.id, rfqId);
    return rfq && can(actor, "comparison:read", rfqResource(rfq)) ? rfq : null;
  }
  if (actor.org.kind === "advisory") {
    const rfq = await findRfqForAdvisor(ctx.db, actor.org.id, rfqId);
    return rfq && can(actor, "comparison:read", rfqResource(rfq, [], [actor.org.id])) ? rfq : null;
  }
  return null;
}

/** Krippendorff's alpha of the RFQ's evaluation for its buyer's members and assigned advisors; null → 404. */
export async function agreementForRfq(ctx: AppContext, actor: Actor, rfqId: string): Promise<AgreementFigures | null> {
  const rfq = await comparisonReader(ctx, actor, rfqId);
  if (!rfq) return null;
  const [criteria, evaluators] = await Promise.all([ratedCriteria(ctx, rfqId, rfq.current_version), listEvaluatorsOfRfq(ctx.db, rfqId)]);
  const roster = evaluators.map((e) => ({ id: e.user_id, submitted: e.submitted_at !== null }));
  // Before everyone submitted nothing else is read: the ratings are not even loaded.
  if (roster.length === 0 || roster.some((e) => !e.submitted)) return agreementFigures({ criteria: [], evaluators: roster, ratings: [] });
  const ratings = await listSubmittedRatingsOfRfq(ctx.db, rfqId);
  return agreementFigures({
    criteria: [...criteria].map(([key, scale]) => ({ key, scale })),
    evaluators: roster,
    ratings: ratings.map((r) => ({ evaluatorId: r.evaluator_user_id, quoteId: r.quote_id, criterionKey: r.criterion_key, score: r.score })),
  });
}

/**
 * The leniency page of a buyer organisation: every evaluator who submitted ratings on its RFQs (its members and the
 * advisors who rated them), most ratings first. Null for anyone but a buyer's member.
 */
export async function evaluatorLeniencyForBuyer(ctx: AppContext, actor: Actor) {
  const b = orgActor(actor, "buyer");
  if (!b || !can(actor, "evaluators:read", { type: "organization", id: b.org.id })) return null;
  const rows = await listSubmittedRatingsOfBuyer(ctx.db, b.org.id);
  const versions = new Map<string, number>();
  for (const r of rows) versions.set(r.rfq_id, r.rfq_version);
  const scales = new Map<string, Map<string, RatingScale>>();
  await Promise.all([...versions].map(async ([rfqId, version]) => scales.set(rfqId, await ratedCriteria(ctx, rfqId, version))));
  // A rating of a criterion the RFQ no longer rates has no scale to normalize on: left out.
  const ratings: LeniencyRating[] = rows.flatMap((r) => {
    const scale = scales.get(r.rfq_id)?.get(r.criterion_key);
    return scale ? [{ evaluatorId: r.evaluator_user_id, rfqId: r.rfq_id, quoteId: r.quote_id, criterionKey: r.criterion_key, score: r.score, scale }] : [];
  });
  const consensus = await listConsensusOfRfqs(ctx.db, [...versions.keys()]);
  const who = new Map(rows.map((r) => [r.evaluator_user_id, { name: r.evaluator_name, orgName: r.org_name, side: r.side }]));
  const figures = evaluatorLeniency({
    evaluatorIds: [...who.keys()],
    ratings,
    consensus: consensus.map((c) => ({ rfqId: c.rfq_id, quoteId: c.quote_id, criterionKey: c.criterion_key, consensus: c.score })),
  });
  return figures
    .map((f) => ({ ...f, ...who.get(f.evaluatorId)! }))
    .sort((x, y) => y.count - x.count || x.name.localeCompare(y.name, "ja") || (x.evaluatorId < y.evaluatorId ? -1 : 1));
}
