import type { CalendarDate } from "~/domain/calendar/japan-business-days";
import { deadlineAfter, rulesFor, type BuyerKind, type LegalDeadlineRule } from "~/domain/contracts/legal-deadlines";

/**
 * An invoice's payment due date, from the contract's legal deadline (app/domain/contracts/legal-deadlines.ts):
 * the buyer kind's payment rule counted from the event that rule names — a municipality pays within its agreed days
 * of receiving a proper invoice (支払遅延防止法: the invoice's receipt, day of receipt not counted), a company within
 * its agreed days from receiving the work (取適法 / フリーランス法: 起算して, the day of receipt is day 1). The
 * milestone's agreed `paymentDueDays` is used when set (it was checked against the maximum when the contract was
 * made), else the legal maximum. A calendar date; the payer must act on or before it (never moved later).
 */
export interface DueDateFacts {
  buyerKind: BuyerKind;
  /** The milestone's agreed days, or null/undefined for the legal maximum. */
  paymentDueDays?: number | null;
  /** The day the buyer received the invoice (for a municipality: the 適法な支払請求). */
  invoiceReceivedOn: CalendarDate;
  /** The day the buyer received the work (検収 / acceptance), for a company. */
  workReceivedOn: CalendarDate;
}

export function paymentRule(buyerKind: BuyerKind): LegalDeadlineRule {
  const rule = rulesFor(buyerKind).find((candidate) => candidate.obligation === "payment");
  if (!rule) throw new RangeError(`no payment rule for ${buyerKind}`);
  return rule;
}

export function invoiceDueDate(facts: DueDateFacts): CalendarDate {
  const rule = paymentRule(facts.buyerKind);
  const eventDate = rule.countsFrom === "properInvoice" ? facts.invoiceReceivedOn : facts.workReceivedOn;
  return deadlineAfter(rule, eventDate, facts.paymentDueDays ?? rule.maxDays);
}
