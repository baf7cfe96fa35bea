import type { Rfq } from "./schema";

/** What a vendor may see of the budget: the range only, and only when the buyer chose to show it. */
export interface VendorBudgetView {
  min: number;
  max: number;
}

/**
 * The RFQ as a vendor sees it. Built field by field (an allow-list) rather than by deleting the secret
 * fields, so a field added to the RFQ later stays hidden until someone decides vendors may see it.
 * Hidden from vendors: the budget (unless shown), the invited vendors (other bidders' identities),
 * the in-house baseline cost and the buyer's hidden-cost estimates (internal figures).
 */
export type RfqVendorView = Omit<Rfq, "budget" | "invitedVendorIds" | "baselineCostMonthlyYen" | "hiddenCosts"> & {
  budget?: VendorBudgetView;
};

export function rfqForVendor(rfq: Rfq): RfqVendorView {
  const view: RfqVendorView = {
    category: rfq.category,
    phase: rfq.phase,
    title: rfq.title,
    purpose: rfq.purpose,
    goal: rfq.goal,
    scopeIn: rfq.scopeIn,
    scopeOut: rfq.scopeOut,
    decisionsInHouse: rfq.decisionsInHouse,
    deliverables: rfq.deliverables.map((deliverable) => ({ ...deliverable })),
    volumes: rfq.volumes ? { ...rfq.volumes, peakMonths: [...rfq.volumes.peakMonths] } : undefined,
    judgementCriteria: rfq.judgementCriteria,
    escalationRules: rfq.escalationRules,
    changeRequestRule: rfq.changeRequestRule,
    reportingCadence: rfq.reportingCadence,
    lineItems: rfq.lineItems.map((line) => ({ ...line })),
    contractTermMonths: rfq.contractTermMonths,
    currency: rfq.currency,
    dataSensitivity: rfq.dataSensitivity,
    requiredCertifications: rfq.requiredCertifications.map((certification) => ({ ...certification })),
    // Vendors see the criteria, weights, gates and scales: they are bidding against them (as in 総合評価方式).
    criteria: rfq.criteria.map((criterion) => ({
      ...criterion,
      label: { ...criterion.label },
      ...(criterion.gate ? { gate: { ...criterion.gate } } : {}),
      ...(criterion.scale ? { scale: { ...criterion.scale } } : {}),
    })),
    scoringMethod: rfq.scoringMethod,
    quoteDeadline: rfq.quoteDeadline,
    sealed: rfq.sealed,
    visibility: rfq.visibility,
  };
  if (view.volumes === undefined) delete view.volumes;
  if (rfq.budget?.showToVendors) view.budget = { min: rfq.budget.min, max: rfq.budget.max };
  return view;
}
