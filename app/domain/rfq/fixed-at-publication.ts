/**
 * What is fixed when an RFQ is first published (issue 12, item 1). Whether bids are sealed decides when
 * the buyer may read them; the deadline decides when a sealed RFQ opens. Letting either change after
 * vendors have quoted would let the buyer open the bids early (unseal, or pull the deadline in), so:
 *  - `sealed` never changes once published — not by the edit form, PATCH, an addendum or any later path;
 *  - the deadline may only be extended.
 * The stored columns (rfqs.sealed, rfqs.quote_deadline) are the fixed values every reader uses; the
 * migration 2026120601_sealed_fixed adds a trigger that refuses the same changes in the database.
 */

export const SEALED_FIXED_KEY = "sealed.fixedAtPublication" as const;
export const DEADLINE_SHORTENED_KEY = "rfq.addendum.deadlineShortened" as const;

/** Shaped like a PublishProblem so the form and the API report it beside the field. */
export interface FixedTermProblem {
  path: ["sealed"] | ["quoteDeadline"];
  key: typeof SEALED_FIXED_KEY | typeof DEADLINE_SHORTENED_KEY;
  severity: "error";
}

export interface PublishedTerms {
  /** The RFQ's stored status: anything but "draft" has been published. */
  status: string;
  sealed: boolean;
  quoteDeadline: Date | null;
}

/**
 * Problems with changing a published RFQ's fixed terms to `next` (only the keys present are checked, so a
 * partial edit that does not touch them passes). A draft may change anything.
 */
export function fixedTermProblems(published: PublishedTerms, next: { sealed?: boolean; quoteDeadline?: string }): FixedTermProblem[] {
  if (published.status === "draft") return [];
  const problems: FixedTermProblem[] = [];
  if (next.sealed !== undefined && next.sealed !== published.sealed) {
    problems.push({ path: ["sealed"], key: SEALED_FIXED_KEY, severity: "error" });
  }
  if (next.quoteDeadline !== undefined && published.quoteDeadline !== null) {
    const proposed = Date.parse(next.quoteDeadline);
    // An unreadable deadline is refused too: nothing may make the opening moment uncertain.
    if (Number.isNaN(proposed) || proposed < published.quoteDeadline.getTime()) {
      problems.push({ path: ["quoteDeadline"], key: DEADLINE_SHORTENED_KEY, severity: "error" });
    }
  }
  return problems;
}
