import { effectiveStatus, isDeadlinePassed, type RfqStatus } from "~/domain/rfq/lifecycle";
import type { QuoteMessageKey } from "./messages";

/**
 * Quote lifecycle (PRODUCT.md): draft → submitted (revisable until the deadline; each revision a new
 * version) → withdrawn | shortlisted | awarded | not_selected; an awarded quote whose vendor declines the
 * award (受諾しない) becomes declined. A withdrawn quote may be submitted again
 * until the deadline (a new version; the withdrawn one stays in the history). One quote per vendor per
 * RFQ is a uniqueness constraint in the database, not a rule here.
 */
export const QUOTE_STATUSES = ["draft", "submitted", "withdrawn", "shortlisted", "awarded", "not_selected", "declined"] as const;
export type QuoteStatus = (typeof QUOTE_STATUSES)[number];

const ALLOWED_TRANSITIONS: Record<QuoteStatus, readonly QuoteStatus[]> = {
  draft: ["submitted"],
  submitted: ["withdrawn", "shortlisted", "awarded", "not_selected"],
  shortlisted: ["awarded", "not_selected"],
  withdrawn: ["submitted"],
  awarded: ["declined"],
  not_selected: ["awarded"],
  declined: [],
};

export function canTransition(from: QuoteStatus, to: QuoteStatus): boolean {
  return ALLOWED_TRANSITIONS[from].includes(to);
}

export interface QuoteLifecycleView {
  status: QuoteStatus;
  vendorOrgId: string;
  /** The RFQ version the vendor last submitted or re-confirmed against. */
  rfqVersion: number;
}

export interface RfqForQuoting {
  status: RfqStatus;
  quoteDeadline: string;
  /** Increases with every addendum. */
  version: number;
  visibility?: "invited" | "marketplace";
  invitedVendorIds?: readonly string[];
}

export type QuoteCheck = { ok: true } | { ok: false; reasons: QuoteMessageKey[] };

const ok: QuoteCheck = { ok: true };
const refuse = (...reasons: QuoteMessageKey[]): QuoteCheck => ({ ok: false, reasons });

/** The RFQ must be open (published, before the deadline) and, when invitation-only, have invited this vendor. */
function openFor(vendorOrgId: string, rfq: RfqForQuoting, now: Date): QuoteMessageKey[] {
  if (rfq.status === "published" && isDeadlinePassed(rfq.quoteDeadline, now)) return ["quote.submit.deadlinePassed"];
  if (effectiveStatus(rfq, now) !== "published") return ["quote.submit.rfqNotOpen"];
  if ((rfq.visibility ?? "invited") === "invited" && !(rfq.invitedVendorIds ?? []).includes(vendorOrgId)) return ["quote.submit.notInvited"];
  return [];
}

/**
 * First submission, every revision and a submission after a withdrawal go through here: allowed for a
 * draft, a submitted or a withdrawn quote while the RFQ is open. Submitting records the current RFQ
 * version, which also clears "needs re-confirmation".
 */
export function canSubmit(quote: QuoteLifecycleView, rfq: RfqForQuoting, now: Date): QuoteCheck {
  const reasons: QuoteMessageKey[] = [];
  if (quote.status !== "draft" && quote.status !== "submitted" && quote.status !== "withdrawn") reasons.push("quote.submit.wrongStatus");
  reasons.push(...openFor(quote.vendorOrgId, rfq, now));
  return reasons.length === 0 ? ok : refuse(...reasons);
}

/** A vendor may withdraw a submitted quote until the deadline (and submit again); afterwards the buyer has opened it. */
export function canWithdraw(quote: QuoteLifecycleView, rfq: RfqForQuoting, now: Date): QuoteCheck {
  if (quote.status !== "submitted") return refuse("quote.withdraw.notAllowed");
  const closed = openFor(quote.vendorOrgId, rfq, now);
  return closed.length === 0 ? ok : refuse("quote.withdraw.notAllowed", ...closed);
}

/** After an addendum, a quote submitted against an older RFQ version must be re-confirmed or revised. */
export function needsReconfirmation(quote: QuoteLifecycleView, rfq: Pick<RfqForQuoting, "version">): boolean {
  return quote.status === "submitted" && quote.rfqVersion < rfq.version;
}

export function canReconfirm(quote: QuoteLifecycleView, rfq: RfqForQuoting, now: Date): QuoteCheck {
  if (!needsReconfirmation(quote, rfq)) return refuse("quote.reconfirm.notNeeded");
  const closed = openFor(quote.vendorOrgId, rfq, now);
  return closed.length === 0 ? ok : refuse(...closed);
}

/**
 * Whether the quote takes part in the comparison. A quote still waiting for re-confirmation does not
 * count: it answers a question the buyer no longer asks.
 */
export function countsInEvaluation(quote: QuoteLifecycleView, rfq: Pick<RfqForQuoting, "version">): boolean {
  if (quote.status === "draft" || quote.status === "withdrawn") return false;
  return !needsReconfirmation(quote, rfq);
}

/**
 * The buyer's decisions (shortlist, award, not selected) are taken on opened quotes only, i.e. once the
 * RFQ is closed (or, for "not selected", also after another quote was awarded).
 */
export function canDecide(quote: QuoteLifecycleView, rfq: RfqForQuoting, to: "shortlisted" | "awarded" | "not_selected", now: Date): QuoteCheck {
  const rfqStatus = effectiveStatus(rfq, now);
  const rfqAllows = rfqStatus === "closed" || (to === "not_selected" && rfqStatus === "awarded");
  if (!rfqAllows || !canTransition(quote.status, to) || !countsInEvaluation(quote, rfq)) return refuse("quote.transition.notAllowed");
  return ok;
}

/** The kind of the version a submission records: the first, a revision, or the first after a withdrawal. */
export function submissionKind(status: QuoteStatus): "submitted" | "revised" | "resubmitted" {
  return status === "submitted" ? "revised" : status === "withdrawn" ? "resubmitted" : "submitted";
}
