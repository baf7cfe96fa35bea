// Who sees what while a panel rates (issue 18 item 3; decision 0046). One rule, used by every surface:
// the rating pages and API, the comparison page, API and exports, the single quote page and the award form.
//
// - Blind: an evaluator who has not submitted all of its ratings sees nobody else's ratings. Everyone else on
//   the buyer side (the buyer's members, the chair, the assigned advisors, evaluators who submitted) does.
// - Price later (two envelopes): on an RFQ with the option, an evaluator who has not submitted sees no price,
//   TCO or ROI, so the price cannot colour its judgement of the proposal.
// Vendors see neither, ever (they never reach these surfaces; the rule says so too, for a caller that asks).

export interface ReaderFacts {
  /** The reader reads as a vendor (never sees ratings; its own prices are another surface). */
  vendor?: boolean;
  /** The reader is a named evaluator of the RFQ. */
  evaluator: boolean;
  /** That evaluator has submitted all of its ratings. */
  submitted: boolean;
  /** The RFQ's panel chose price later (two envelopes). */
  priceLater: boolean;
}

export interface ReaderVisibility {
  seesOthersRatings: boolean;
  seesPrice: boolean;
}

export function evaluationVisibility(r: ReaderFacts): ReaderVisibility {
  if (r.vendor) return { seesOthersRatings: false, seesPrice: true };
  const pending = r.evaluator && !r.submitted;
  return { seesOthersRatings: !pending, seesPrice: !(pending && r.priceLater) };
}
