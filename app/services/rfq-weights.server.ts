import type { Actor } from "~/domain/permissions";
import { ahpProposal, needsConfirmation } from "~/domain/rfq/ahp-form";
import { rfqDraftSchema } from "~/domain/rfq/schema";
import type { AppContext } from "~/utils/context.server";
import { failure, type ServiceFailure } from "~/utils/service-failure";
import { loadRfqForReader, updateRfqWorkingCopyFor } from "./rfqs.server";

// "Save as the RFQ's weights" from the comparison page's what-if: a buyer decision, so it goes
// through the same working-copy edit as the RFQ form (status rules, validation, one transaction)
// with its own audit action, "rfq.weights.save". Vendors see the new weights only once the buyer
// publishes an addendum; a closed RFQ refuses the edit (409), since re-weighting after opening
// would let the buyer pick the winner.

export type SaveWeightsResult = { ok: true } | ServiceFailure;

export async function saveRfqWeights(ctx: AppContext, actor: Actor, rfqId: string, weights: Record<string, number>): Promise<SaveWeightsResult> {
  const found = await loadRfqForReader(ctx, actor, rfqId);
  if (!found || found.as !== "buyer") return failure.notFound();
  const working = rfqDraftSchema.safeParse(found.row.content);
  const criteria = working.success ? (working.data.criteria ?? []) : [];
  const known = Object.entries(weights).filter(([key, w]) => criteria.some((c) => c.key === key) && Number.isFinite(w) && w >= 0);
  if (known.length === 0 || !criteria.some((c) => (weights[c.key] ?? c.weight) > 0)) return failure.invalid();

  const updated = criteria.map((c) => (c.key in weights ? { ...c, weight: weights[c.key] } : c));
  // The edit and its "rfq.weights.save" audit row (criteria before/after) commit together.
  const r = await updateRfqWorkingCopyFor(ctx, actor, rfqId, { criteria: updated }, "rfq.weights.save");
  if (!r.ok) return r;
  return { ok: true };
}

export type ApplyAhpResult =
  | { ok: true; applied: true; cr: string; consistent: boolean }
  /** CR above 0.10 and not yet confirmed for these answers: nothing written, the weights it would apply. */
  | { ok: true; applied: false; cr: string; weights: { key: string; label: { ja: string; en?: string }; weight: number }[] }
  | ServiceFailure;

/**
 * "Compute and apply" on the RFQ form's weights step: AHP weights from the pairwise answers, written to
 * the working copy with one "rfq.weights.save" audit row. Inconsistent judgements (CR > 0.10) are written
 * only when `confirmedCr` names this CR (the buyer saw it explained and applied anyway).
 */
export async function applyAhpWeights(
  ctx: AppContext,
  actor: Actor,
  rfqId: string,
  answers: (name: string) => unknown,
  confirmedCr: unknown,
): Promise<ApplyAhpResult> {
  const found = await loadRfqForReader(ctx, actor, rfqId);
  if (!found || found.as !== "buyer") return failure.notFound();
  const working = rfqDraftSchema.safeParse(found.row.content);
  const criteria = working.success ? (working.data.criteria ?? []) : [];
  const proposal = ahpProposal(criteria.length, answers);
  if (!proposal) return failure.invalid({}, "weights.ahp.count");
  if (needsConfirmation(proposal, confirmedCr)) {
    return { ok: true, applied: false, cr: proposal.cr, weights: criteria.map((c, i) => ({ key: c.key, label: c.label, weight: proposal.points[i] })) };
  }
  const updated = criteria.map((c, i) => ({ ...c, weight: proposal.points[i] }));
  const r = await updateRfqWorkingCopyFor(ctx, actor, rfqId, { criteria: updated }, "rfq.weights.save");
  if (!r.ok) return r;
  return { ok: true, applied: true, cr: proposal.cr, consistent: proposal.consistent };
}
