import type { Criterion, RequiredCertification, RfqDraft } from "./schema";

/**
 * What the save fills in or keeps in step for the buyer, so a draft from the catalog is not blocked by
 * things the app can work out (issue 14, items 8 and 9). Pure; the RFQ service applies it to every save
 * of a draft (page steps and API alike).
 */

/** The certification a `cert_<type>` criterion scores, or null for any other criterion. */
export function certificationCriterionType(criterion: Pick<Criterion, "key" | "source">): string | null {
  return criterion.source === "certification" && criterion.key.startsWith("cert_") ? criterion.key.slice("cert_".length) : null;
}

/**
 * Keeps each certification criterion's gate in step with its requirement: mandatory → a required gate,
 * preferred → no gate (points only). Without it, relaxing プライバシーマーク to 推奨 left the criterion
 * gating every quote, and the evaluation table still read 必須.
 */
export function syncCertificationGates(criteria: readonly Criterion[], certifications: readonly RequiredCertification[]): Criterion[] {
  return criteria.map((criterion) => {
    const type = certificationCriterionType(criterion);
    const requirement = type ? certifications.find((certification) => certification.type === type) : undefined;
    if (!requirement) return criterion;
    const gated = criterion.gate !== undefined && "required" in criterion.gate;
    if (requirement.level === "mandatory" && !gated) return { ...criterion, gate: { required: true } };
    if (requirement.level === "preferred" && gated) {
      const { gate: _relaxed, ...rest } = criterion;
      return rest;
    }
    return criterion;
  });
}

/** A TCO criterion: a price figure in yen (the quote's total cost over the term, hidden costs included). */
export function isTcoCriterion(criterion: Pick<Criterion, "source" | "unit">): boolean {
  return criterion.source === "price" && criterion.unit === "yen";
}

export type TcoScaleProposal =
  | { basis: "budget"; scale: { worst: number; best: number }; budget: { min: number; max: number } }
  | { basis: "baseline"; scale: { worst: number; best: number }; monthly: number; months: number };

/** Full marks for a TCO 30% under the in-house cost over the term (the ROI template's target). */
const BASELINE_FULL_MARKS_SHARE = 0.7;
/** When the budget is a single amount, 20% under it earns full marks. */
const SINGLE_BUDGET_FULL_MARKS_SHARE = 0.8;

/**
 * The TCO target scale the app proposes: the budget's maximum scores 0 and its minimum full marks (the
 * budget is for the whole term, as TCO is); without a budget, the in-house cost over the term scores 0 and
 * 70% of it full marks. Null when neither is known (the buyer sets the scale by hand).
 */
export function proposeTcoScale(draft: Pick<RfqDraft, "budget" | "baselineCostMonthlyYen" | "contractTermMonths">): TcoScaleProposal | null {
  const budget = draft.budget;
  if (budget && budget.max > 0 && budget.min <= budget.max) {
    const best = budget.min < budget.max ? budget.min : Math.round(budget.max * SINGLE_BUDGET_FULL_MARKS_SHARE);
    return { basis: "budget", scale: { worst: budget.max, best }, budget: { min: budget.min, max: budget.max } };
  }
  const monthly = draft.baselineCostMonthlyYen;
  const months = draft.contractTermMonths;
  if (monthly !== undefined && monthly > 0 && months !== undefined && months > 0) {
    const worst = monthly * months;
    return { basis: "baseline", scale: { worst, best: Math.round(worst * BASELINE_FULL_MARKS_SHARE) }, monthly, months };
  }
  return null;
}

const sameScale = (a: { worst: number; best: number } | undefined, b: { worst: number; best: number } | undefined) =>
  a !== undefined && b !== undefined && a.worst === b.worst && a.best === b.best;

/** Whether the criterion's scale is (still) the one the app proposed for this draft. */
export function isProposedTcoScale(criterion: Criterion, draft: Pick<RfqDraft, "budget" | "baselineCostMonthlyYen" | "contractTermMonths">): boolean {
  return isTcoCriterion(criterion) && sameScale(criterion.scale, proposeTcoScale(draft)?.scale);
}

/**
 * Fills a TCO criterion's missing scale with the proposal, and follows the budget when the scale is still
 * the proposal of the draft before this save (a scale the buyer typed is never touched).
 */
export function proposeTcoScales(before: RfqDraft | null, after: RfqDraft): RfqDraft {
  const proposal = proposeTcoScale(after);
  if (!proposal || !after.criteria) return after;
  const previous = before ? proposeTcoScale(before)?.scale : undefined;
  let changed = false;
  const criteria = after.criteria.map((criterion) => {
    if (!isTcoCriterion(criterion)) return criterion;
    if (criterion.scale && !sameScale(criterion.scale, previous)) return criterion;
    if (sameScale(criterion.scale, proposal.scale)) return criterion;
    changed = true;
    return { ...criterion, scale: { ...proposal.scale } };
  });
  return changed ? { ...after, criteria } : after;
}

/** Everything the save does for the buyer: TCO scale proposals and certification gates in step. */
export function assistDraft(before: RfqDraft | null, after: RfqDraft): RfqDraft {
  const proposed = proposeTcoScales(before, after);
  if (!proposed.criteria || !proposed.requiredCertifications) return proposed;
  const criteria = syncCertificationGates(proposed.criteria, proposed.requiredCertifications);
  return criteria.every((criterion, index) => criterion === proposed.criteria![index]) ? proposed : { ...proposed, criteria };
}
