import { addCalendarDays, type CalendarDate } from "~/domain/calendar/japan-business-days";
import { orderTotals, type TaxRate } from "~/domain/documents/order-totals";
import { paymentsOverTerm, type PricedLineSpec } from "~/domain/quote/amounts";
import type { Bilingual } from "~/i18n";
import type { BuyerKind } from "./legal-deadlines";
import { ruleById } from "./legal-deadlines";
import type { MilestonePlan } from "./milestone-plan";

/**
 * Version 1 of a contract, built from plain inputs (the accepted quote's version and the RFQ version it
 * answered): parties, lines with tax-exclusive unit prices, totals per tax rate (order-totals.ts), the term,
 * the KPI commitments as SLA targets, the assumptions, the RFQ's change-request and escalation rules, and
 * the milestone plan from the quote's payment schedule. Pure: the service reads the rows and passes them in.
 * Nothing of the buyer's internal evaluation (hidden costs, baseline, budget, weights) is copied in.
 */

export interface ContractParty {
  orgId: string;
  name: string;
  registrationNumber: string | null;
}

export interface ContractLine {
  code: string;
  description: string;
  /** Units over the whole term (a monthly line over 12 months: quantity × 12). */
  quantity: number;
  unit: string;
  /** Tax-exclusive, integer yen. */
  unitPrice: number;
  taxRate: TaxRate;
}

export interface SlaTarget {
  key: string;
  label: Bilingual;
  unit: string;
  direction: "benefit" | "cost";
  /** The vendor's commitment (rates as fractions 0–1, as in the RFQ). */
  target: number;
}

export interface ContractContent {
  schema: 1;
  buyerKind: BuyerKind;
  parties: { buyer: ContractParty; vendor: ContractParty };
  rfq: { id: string; version: number; title: string };
  quote: { id: string; version: number };
  lines: ContractLine[];
  totals: { subtotal: number; tax: number; total: number };
  term: { months: number; from: CalendarDate; to: CalendarDate };
  sla: SlaTarget[];
  assumptions: string;
  changeRequestRule: string;
  escalationRules: string;
  milestonePlan: MilestonePlan;
}

/** What the draft needs of the RFQ version (its content as stored). */
export interface DraftRfq {
  id: string;
  version: number;
  title: string;
  lineItems: readonly (PricedLineSpec & { description: string; unit: string })[];
  contractTermMonths: number;
  criteria: readonly { key: string; label: { ja: string; en?: string }; unit: string; direction: "benefit" | "cost"; source: string }[];
  changeRequestRule?: string;
  escalationRules?: string;
}

/** What the draft needs of the accepted quote version. */
export interface DraftQuote {
  id: string;
  version: number;
  unitPrices: Readonly<Record<string, number>>;
  oneOffFees?: { setup?: number; transition?: number };
  taxBasis: "excluded" | "included";
  taxRate: 10 | 8;
  paymentSchedule?: readonly { label: string; dueDate?: string; amount: number }[];
  kpiCommitments?: Readonly<Record<string, number>>;
  assumptions?: string;
}

export interface DraftInput {
  rfq: DraftRfq;
  quote: DraftQuote;
  buyer: ContractParty;
  vendor: ContractParty;
  buyerKind: BuyerKind;
  /** The first day of the term (the contract's date, in Japan). */
  termFrom: CalendarDate;
  /** Words for the default milestone, in the buyer's language. */
  defaults: { milestoneName: string; acceptance: string };
}

/** A price as the vendor typed it, without tax: a tax-included price is divided back and rounded to the yen. */
export function exclusiveUnitPrice(price: number, basis: "excluded" | "included", rate: number): number {
  return basis === "excluded" ? price : Math.round((price * 100) / (100 + rate));
}

/** The last day of a term of `months` months starting on `from` (2026-04-01 + 12 → 2027-03-31). */
export function termEnd(from: CalendarDate, months: number): CalendarDate {
  const [y, m, d] = from.split("-").map(Number) as [number, number, number];
  const monthIndex = m - 1 + months;
  const year = y + Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const ymd = (day: number) => `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  // From the 31st, a month with fewer days ends on its last day (2027-01-31 + 1 month → 2027-02-28).
  if (d > lastDay) return ymd(lastDay);
  return addCalendarDays(ymd(d), -1);
}

/** The default day counts of a new milestone: the legal maximum of each of the buyer's rules. */
export function defaultDays(buyerKind: BuyerKind): { inspectionDays: number | null; paymentDueDays: number } {
  return buyerKind === "municipality"
    ? { inspectionDays: ruleById("municipality.inspection").maxDays, paymentDueDays: ruleById("municipality.payment").maxDays }
    : { inspectionDays: null, paymentDueDays: ruleById("company.payment").maxDays };
}

export function buildContractDraft(input: DraftInput): ContractContent {
  const { rfq, quote } = input;
  const rate = quote.taxRate;
  const lines: ContractLine[] = rfq.lineItems.map((line) => ({
    code: line.code,
    description: line.description,
    quantity: line.quantity * paymentsOverTerm(line, rfq.contractTermMonths),
    unit: line.unit,
    unitPrice: exclusiveUnitPrice(quote.unitPrices[line.code] ?? 0, quote.taxBasis, rate),
    taxRate: rate,
  }));
  const fees = [
    ["SETUP", "初期費用 / Setup", quote.oneOffFees?.setup ?? 0],
    ["TRANSITION", "移行費用 / Transition", quote.oneOffFees?.transition ?? 0],
  ] as const;
  for (const [code, description, amount] of fees)
    if (amount > 0) lines.push({ code, description, quantity: 1, unit: "式", unitPrice: exclusiveUnitPrice(amount, quote.taxBasis, rate), taxRate: rate });
  const totals = orderTotals(lines);
  const term = { months: rfq.contractTermMonths, from: input.termFrom, to: termEnd(input.termFrom, rfq.contractTermMonths) };
  const days = defaultDays(input.buyerKind);

  // The quote's schedule is in the vendor's tax basis; the contract's milestones are tax-included yen,
  // scaled to the contract total with the remainder on the last one.
  const schedule = quote.paymentSchedule ?? [];
  const scheduled = schedule.reduce((a, m) => a + m.amount, 0);
  const milestones =
    schedule.length > 0 && scheduled > 0
      ? schedule.map((m, i) => ({
          name: m.label,
          amountYen: Math.floor((m.amount * totals.total) / scheduled),
          percent: null,
          dueDate: m.dueDate ?? term.to,
          acceptance: input.defaults.acceptance,
          inspectionDays: days.inspectionDays,
          paymentDueDays: days.paymentDueDays,
          index: i,
        }))
      : [];
  if (milestones.length > 0) {
    const rest = totals.total - milestones.reduce((a, m) => a + m.amountYen, 0);
    milestones[milestones.length - 1]!.amountYen += rest;
  }
  const milestonePlan: MilestonePlan =
    milestones.length > 0
      ? { basis: "amount", milestones: milestones.map(({ index: _i, ...m }) => m), outsideScope: null }
      : {
          basis: "percent",
          milestones: [
            {
              name: input.defaults.milestoneName,
              amountYen: null,
              percent: 100,
              dueDate: term.to,
              acceptance: input.defaults.acceptance,
              inspectionDays: days.inspectionDays,
              paymentDueDays: days.paymentDueDays,
            },
          ],
          outsideScope: null,
        };

  const sla: SlaTarget[] = rfq.criteria
    .filter((c) => c.source === "kpi_commitment" && quote.kpiCommitments && Object.hasOwn(quote.kpiCommitments, c.key))
    .map((c) => ({
      key: c.key,
      label: { ja: c.label.ja, en: c.label.en || c.label.ja },
      unit: c.unit,
      direction: c.direction,
      target: quote.kpiCommitments![c.key]!,
    }));

  return {
    schema: 1,
    buyerKind: input.buyerKind,
    parties: { buyer: input.buyer, vendor: input.vendor },
    rfq: { id: rfq.id, version: rfq.version, title: rfq.title },
    quote: { id: quote.id, version: quote.version },
    lines,
    totals: { subtotal: totals.subtotal, tax: totals.tax, total: totals.total },
    term,
    sla,
    assumptions: quote.assumptions ?? "",
    changeRequestRule: rfq.changeRequestRule ?? "",
    escalationRules: rfq.escalationRules ?? "",
    milestonePlan,
  };
}
