import type { RfqReviewMessageKey } from "~/i18n/messages-rfq-review";
import type { RfqMessageKey } from "./messages";
import { checkPublishable } from "./publishable";

/** RFQ lifecycle (PRODUCT.md): draft → published (Q&A open) → closed (deadline passed; quotes opened) → awarded | cancelled. */
export const RFQ_STATUSES = ["draft", "published", "closed", "awarded", "cancelled"] as const;
export type RfqStatus = (typeof RFQ_STATUSES)[number];

const ALLOWED_TRANSITIONS: Record<RfqStatus, readonly RfqStatus[]> = {
  draft: ["published", "cancelled"],
  published: ["closed", "cancelled"],
  closed: ["awarded", "cancelled"],
  awarded: [],
  cancelled: [],
};

export function canTransition(from: RfqStatus, to: RfqStatus): boolean {
  return ALLOWED_TRANSITIONS[from].includes(to);
}

export interface RfqClockView {
  status: RfqStatus;
  /** ISO datetime with offset; absent on drafts. */
  quoteDeadline?: string;
}

/**
 * The status as readers must see it. Closing is lazy: a published RFQ whose deadline has passed *is*
 * closed, whether or not a job has written that yet, so sealed bids open exactly at the deadline even
 * if the scheduler is late. The deadline instant itself counts as passed. An unreadable deadline
 * keeps the stored status (fail closed for sealed bids: nothing opens early).
 */
export function effectiveStatus(rfq: RfqClockView, now: Date): RfqStatus {
  if (rfq.status !== "published" || rfq.quoteDeadline === undefined) return rfq.status;
  const deadline = Date.parse(rfq.quoteDeadline);
  if (Number.isNaN(deadline)) return rfq.status;
  return now.getTime() >= deadline ? "closed" : "published";
}

export function isDeadlinePassed(quoteDeadline: string | undefined, now: Date): boolean {
  if (quoteDeadline === undefined) return false;
  const deadline = Date.parse(quoteDeadline);
  return !Number.isNaN(deadline) && now.getTime() >= deadline;
}

export type RfqTransitionCheck = { ok: true } | { ok: false; reasons: (RfqMessageKey | RfqReviewMessageKey)[] };

/**
 * Whether a buyer's action may move the RFQ to `to` now. Works on the effective status, so "award"
 * is possible the moment the deadline passes and "publish" re-runs the completeness check.
 * `rfq` is the stored RFQ (a draft shape is enough for publishing).
 */
export function checkRfqTransition(rfq: RfqClockView, to: RfqStatus, now: Date): RfqTransitionCheck {
  const from = effectiveStatus(rfq, now);
  if (to === "awarded" && from === "published") return { ok: false, reasons: ["rfq.transition.beforeDeadline"] };
  if (!canTransition(from, to)) return { ok: false, reasons: ["rfq.transition.notAllowed"] };
  if (to === "published") {
    const errors = checkPublishable(rfq, now).filter((problem) => problem.severity === "error");
    if (errors.length > 0) return { ok: false, reasons: [...new Set(errors.map((problem) => problem.key))] };
  }
  return { ok: true };
}
