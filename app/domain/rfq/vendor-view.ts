import { rfqDraftSchema, rfqSchema, type Criterion, type Rfq, type RfqDraft } from "./schema";
import { versionHistory, type PublishedVersion, type VersionChanges } from "./version-changes";

/**
 * What a vendor may read of an RFQ (issue 12, item 4): the one vendor-facing projection, used by every
 * vendor surface — the RFQ page and quote page (loader data included), the API, the RFQs search index
 * and its results — and by the buyer's review step ("the RFQ as vendors will see it").
 *
 * Built field by field (an allow-list) rather than by deleting the secret fields, so a field added to
 * the RFQ later stays hidden until someone decides vendors may see it. Never picked:
 *  - the budget, unless the buyer chose to show it (then the range only);
 *  - the invited vendors (other bidders' identities);
 *  - the in-house baseline cost (the buyer's walk-away price) and the hidden-cost settings;
 *  - the gate, scale and target of a criterion on a price figure the buyer derives from those — TCO
 *    (yen) and ROI (ratio): a TCO gate is a ceiling price, a TCO scale runs to the budget, an ROI gate
 *    or scale encodes the baseline. The criterion itself (label, direction, weight) stays: vendors bid
 *    against it.
 */

/** What a vendor may see of the budget: the range only, and only when the buyer chose to show it. */
export interface VendorBudgetView {
  min: number;
  max: number;
}

export type VendorCriterionView = Omit<Criterion, "gate" | "scale" | "target"> & Partial<Pick<Criterion, "gate" | "scale" | "target">>;

export type RfqVendorView = Omit<Rfq, "budget" | "invitedVendorIds" | "baselineCostMonthlyYen" | "hiddenCosts" | "criteria"> & {
  budget?: VendorBudgetView;
  criteria: VendorCriterionView[];
};

/** A price criterion computed with the buyer's hidden costs or baseline (see ranking-input.ts: yen → TCO, ratio → ROI). */
export function isBuyerDerivedPriceCriterion(criterion: Pick<Criterion, "source" | "unit">): boolean {
  return criterion.source === "price" && (criterion.unit === "yen" || criterion.unit === "ratio");
}

function criterionForVendor(criterion: Criterion): VendorCriterionView {
  const view: VendorCriterionView = {
    key: criterion.key,
    label: { ja: criterion.label.ja, en: criterion.label.en },
    perspective: criterion.perspective,
    direction: criterion.direction,
    weight: criterion.weight,
    source: criterion.source,
    unit: criterion.unit,
  };
  // Vendors see the gates, scales and targets of what they commit to (as in 総合評価方式), not the buyer's price limits.
  if (!isBuyerDerivedPriceCriterion(criterion)) {
    if (criterion.gate) view.gate = { ...criterion.gate };
    if (criterion.scale) view.scale = { worst: criterion.scale.worst, best: criterion.scale.best };
    if (criterion.target !== undefined) view.target = criterion.target;
  }
  return view;
}

/** The allow-list itself, over whatever fields are present (a draft has few, a published RFQ all). */
function pickForVendor(rfq: Partial<Rfq>): Partial<RfqVendorView> {
  const view: Partial<RfqVendorView> = {
    category: rfq.category,
    phase: rfq.phase,
    title: rfq.title,
    purpose: rfq.purpose,
    goal: rfq.goal,
    scopeIn: rfq.scopeIn,
    scopeOut: rfq.scopeOut,
    decisionsInHouse: rfq.decisionsInHouse,
    deliverables: rfq.deliverables?.map((d) => ({ title: d.title, dueDate: d.dueDate, qualityCriteria: d.qualityCriteria })),
    volumes: rfq.volumes ? { perMonth: rfq.volumes.perMonth, peakMonths: [...rfq.volumes.peakMonths], notes: rfq.volumes.notes } : undefined,
    judgementCriteria: rfq.judgementCriteria,
    escalationRules: rfq.escalationRules,
    changeRequestRule: rfq.changeRequestRule,
    reportingCadence: rfq.reportingCadence,
    lineItems: rfq.lineItems?.map((l) => ({
      code: l.code,
      description: l.description,
      unit: l.unit,
      quantity: l.quantity,
      recurrence: l.recurrence,
      ...(l.occurrences === undefined ? {} : { occurrences: l.occurrences }),
    })),
    contractTermMonths: rfq.contractTermMonths,
    currency: rfq.currency,
    dataSensitivity: rfq.dataSensitivity,
    // The reason is allowed on purpose: a certification the data requires, relaxed to 推奨, carries the buyer's
    // stated reason, and vendors read it beside the gate (the step's hint tells the buyer so; issue 14 item 8).
    requiredCertifications: rfq.requiredCertifications?.map((c) => ({ type: c.type, level: c.level, ...(c.reason !== undefined ? { reason: c.reason } : {}) })),
    criteria: rfq.criteria?.map(criterionForVendor),
    scoringMethod: rfq.scoringMethod,
    quoteDeadline: rfq.quoteDeadline,
    sealed: rfq.sealed,
    visibility: rfq.visibility,
    budget: rfq.budget?.showToVendors ? { min: rfq.budget.min, max: rfq.budget.max } : undefined,
  };
  // Absent stays absent (JSON drops undefined anyway; tests and sameJson compare objects).
  for (const key of Object.keys(view) as (keyof RfqVendorView)[]) if (view[key] === undefined) delete view[key];
  for (const d of view.deliverables ?? []) if (d.dueDate === undefined) delete d.dueDate;
  if (view.volumes && view.volumes.perMonth === undefined) delete view.volumes.perMonth;
  return view;
}

/** A published (complete) RFQ as vendors read it. */
export function rfqForVendor(rfq: Rfq): RfqVendorView {
  return pickForVendor(rfq) as RfqVendorView;
}

/** A draft as vendors would read it once published (the buyer's review step), by the same allow-list. */
export function rfqDraftForVendor(draft: RfqDraft): Partial<RfqVendorView> {
  return pickForVendor(draft as Partial<Rfq>);
}

/**
 * Stored RFQ content (a published version, or a working copy) as vendors read it: complete RFQs and drafts
 * alike through the same allow-list; null when the content is neither (nothing is shown rather than guessed).
 */
export function vendorViewOfContent(content: unknown): Partial<RfqVendorView> | null {
  const complete = rfqSchema.safeParse(content);
  if (complete.success) return rfqForVendor(complete.data);
  const draft = rfqDraftSchema.safeParse(content);
  return draft.success ? rfqDraftForVendor(draft.data) : null;
}

/**
 * The version history as vendors read it (issue 14, item 11): each version compared with the previous one
 * through this projection only, so a change to the baseline, the hidden costs, a TCO/ROI scale or gate, the
 * hidden budget or the invitees is not listed — not even by name. The buyer's change summary is shown as
 * written (it is the text the addendum notice already sends them).
 */
export function vendorVersionHistory(versions: readonly PublishedVersion[]): VersionChanges<Partial<RfqVendorView>>[] {
  return versionHistory(versions, vendorViewOfContent);
}
