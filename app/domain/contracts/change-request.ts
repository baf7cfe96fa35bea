import { z } from "zod";
import { isCoveredDate, type CalendarDate } from "~/domain/calendar/japan-business-days";
import { orderTotals, type TaxRate } from "~/domain/documents/order-totals";
import { isWithinUnitRange } from "~/domain/rfq/units";
import type { CriterionUnit } from "~/domain/rfq/units";
import type { ContractContent, ContractLine } from "./contract-draft";
import { checkMilestoneSchedule } from "./legal-deadlines";
import { milestoneAmounts, type MilestonePlan } from "./milestone-plan";

// 変更管理 (issue 17 item 3; decision 0041). Pure: what a change request may say, whether it fits the contract as it
// stands (field by field), what the contract becomes when it is approved, and whether the buyer's 稟議 route must
// approve it. Messages are catalog keys (app/i18n/messages-change-requests.ts). Rates are fractions here (0.995);
// the page converts the typed percentage once (app/domain/rate-input.ts).

export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 4000;
export const COMMENT_MAX = 2000;
export const REASON_MAX = 2000;
/** A change of more than ¥10 billion either way is a typing error, not a change request. */
export const PRICE_IMPACT_MAX = 10_000_000_000;

export const CHANGE_STATUSES = ["proposed", "in_route", "approved", "rejected", "withdrawn"] as const;
export type ChangeStatus = (typeof CHANGE_STATUSES)[number];

const e = (key: string) => ({ error: key });
const date = (key: string) => z.string(e(key)).refine(isCoveredDate, e(key));

export const ChangeRequestInput = z.object({
  title: z.string(e("changes.title.required")).trim().min(1, e("changes.title.required")).max(TITLE_MAX, e("changes.title.tooLong")),
  description: z
    .string(e("changes.description.required"))
    .trim()
    .min(1, e("changes.description.required"))
    .max(DESCRIPTION_MAX, e("changes.description.tooLong")),
  /** Tax excluded, integer yen; negative for a reduction, 0 for none. */
  priceImpactYen: z
    .number(e("changes.priceImpact.invalid"))
    .int(e("changes.priceImpact.invalid"))
    .min(-PRICE_IMPACT_MAX, e("changes.priceImpact.invalid"))
    .max(PRICE_IMPACT_MAX, e("changes.priceImpact.invalid"))
    .default(0),
  /** A new last day of the term, or none. */
  termTo: date("changes.termTo.invalid").nullish(),
  /** New due dates of milestones not yet accepted (index into the contract's milestone plan). */
  milestoneDueDates: z
    .array(
      z.object({
        index: z.number(e("changes.milestone.invalid")).int(e("changes.milestone.invalid")).min(0, e("changes.milestone.invalid")),
        dueDate: date("changes.milestone.dueDate.invalid"),
      }),
    )
    .max(60)
    .default([]),
  /** New targets of the contract's SLA KPIs (rates as fractions 0–1). */
  slaTargets: z
    .array(z.object({ key: z.string(e("changes.sla.unknown")).min(1, e("changes.sla.unknown")), target: z.number(e("changes.sla.target.invalid")) }))
    .max(50)
    .default([]),
});
export type ChangeRequestInput = z.output<typeof ChangeRequestInput>;

/** What is stored of a request's impact (the price impact is also a column, for the threshold and lists). */
export interface ChangeImpact {
  priceImpactYen: number;
  termTo: CalendarDate | null;
  milestoneDueDates: { index: number; dueDate: CalendarDate }[];
  slaTargets: { key: string; target: number }[];
}

export const CommentInput = z.object({
  body: z.string(e("changes.comment.required")).trim().min(1, e("changes.comment.required")).max(COMMENT_MAX, e("changes.comment.tooLong")),
});

/** The buyer's decision: a reason is required to reject (the vendor reads it). */
export const ChangeDecisionInput = z
  .object({
    decision: z.enum(["approve", "reject"], e("changes.decision.invalid")),
    reason: z
      .string()
      .trim()
      .max(REASON_MAX, e("changes.reason.tooLong"))
      .optional()
      .transform((s) => (s ? s : undefined)),
  })
  .superRefine((d, ctx) => {
    if (d.decision === "reject" && !d.reason) ctx.addIssue({ code: "custom", path: ["reason"], message: "changes.reason.required" });
  });

export interface ChangeIssue {
  path: (string | number)[];
  message: string;
  params?: Record<string, string | number>;
}

export interface ChangeContext {
  /** The content of the version in force. */
  content: ContractContent;
  /** Milestone indexes already accepted (検収済み): their date and amount cannot move. */
  accepted: ReadonlySet<number>;
  /** Today in Japan. */
  today: CalendarDate;
}

/** The request's impact, as stored, from parsed input (no empty arrays are lost: they mean "none"). */
export function impactOf(input: ChangeRequestInput): ChangeImpact {
  return {
    priceImpactYen: input.priceImpactYen,
    termTo: input.termTo ?? null,
    milestoneDueDates: input.milestoneDueDates.map((m) => ({ index: m.index, dueDate: m.dueDate })),
    slaTargets: input.slaTargets.map((s) => ({ key: s.key, target: s.target })),
  };
}

/**
 * The tax rate of the contract's change line: the rate of its lines when they share one (a contract is built from
 * one quote with one rate), otherwise the rate carrying the largest subtotal — so the change is taxed as the work it
 * changes and each rate's total stays exact.
 */
export function contractTaxRate(content: Pick<ContractContent, "lines">): TaxRate {
  const totals = orderTotals(content.lines);
  const top = [...totals.byRate].sort((a, b) => b.subtotal - a.subtotal)[0];
  return top?.rate ?? 10;
}

/** The milestone that carries a price change: the last one not yet accepted (null when all are accepted). */
export function carryingMilestone(plan: Pick<MilestonePlan, "milestones">, accepted: ReadonlySet<number>): number | null {
  for (let i = plan.milestones.length - 1; i >= 0; i--) if (!accepted.has(i)) return i;
  return null;
}

/**
 * Applies a change to the content of the version in force, or says field by field why it cannot:
 * - a price impact becomes one explicit line `CHG-<number>` (1 式 at the impact, the contract's tax rate), and the
 *   totals are recomputed with `orderTotals` (tax once per rate), so every rate's subtotal and tax stay exact;
 * - the milestone plan is kept in yen (a percentage plan is converted with the amounts it paid so far, so an
 *   accepted or invoiced milestone never changes its yen) and the whole change of the tax-included total is added to
 *   the last milestone not yet accepted — the plan still adds up to the new total exactly;
 * - the term end, the moved due dates (only of milestones not yet accepted, not before today), the new SLA targets
 *   (only of the contract's KPIs, in the KPI's range) and the legal deadlines of the buyer's kind are checked.
 * Never touches the quote: the content's `quote` reference stays what it was.
 */
export function applyChange(
  ctx: ChangeContext,
  impact: ChangeImpact,
  change: { number: number; title: string },
): { ok: true; content: ContractContent } | { ok: false; issues: ChangeIssue[] } {
  const { content, accepted, today } = ctx;
  const issues: ChangeIssue[] = [];
  const plan = content.milestonePlan;

  // Schedule
  if (impact.termTo !== null) {
    if (impact.termTo < today) issues.push({ path: ["termTo"], message: "changes.termTo.past", params: { today } });
    else if (impact.termTo < content.term.from) issues.push({ path: ["termTo"], message: "changes.termTo.beforeStart", params: { from: content.term.from } });
  }
  const moved = new Map<number, CalendarDate>();
  impact.milestoneDueDates.forEach((m, i) => {
    const path = ["milestoneDueDates", i, "dueDate"];
    if (m.index >= plan.milestones.length) issues.push({ path: ["milestoneDueDates", i, "index"], message: "changes.milestone.invalid" });
    else if (accepted.has(m.index)) issues.push({ path, message: "changes.milestone.accepted", params: { name: plan.milestones[m.index]!.name } });
    else if (moved.has(m.index)) issues.push({ path, message: "changes.milestone.duplicate" });
    else if (m.dueDate < today) issues.push({ path, message: "changes.milestone.dueDate.past", params: { today } });
    else moved.set(m.index, m.dueDate);
  });

  // SLA
  const targets = new Map<string, number>();
  impact.slaTargets.forEach((s, i) => {
    const kpi = content.sla.find((k) => k.key === s.key);
    if (!kpi) issues.push({ path: ["slaTargets", i, "key"], message: "changes.sla.unknown" });
    else if (targets.has(s.key)) issues.push({ path: ["slaTargets", i, "key"], message: "changes.sla.duplicate" });
    else if (!isWithinUnitRange(kpi.unit as CriterionUnit, s.target))
      issues.push({ path: ["slaTargets", i, "target"], message: kpi.unit === "rate" ? "changes.sla.rateOutOfRange" : "changes.sla.target.invalid" });
    else targets.set(s.key, s.target);
  });

  // Price
  let lines: ContractLine[] = content.lines;
  if (impact.priceImpactYen !== 0)
    lines = [
      ...content.lines,
      { code: `CHG-${change.number}`, description: change.title, quantity: 1, unit: "式", unitPrice: impact.priceImpactYen, taxRate: contractTaxRate(content) },
    ];
  const totals = orderTotals(lines);
  const amounts = milestoneAmounts(plan, content.totals.total);
  const delta = totals.total - content.totals.total;
  if (impact.priceImpactYen !== 0) {
    const carrier = carryingMilestone(plan, accepted);
    if (totals.byRate.some((r) => r.subtotal < 0) || totals.total < 0) issues.push({ path: ["priceImpactYen"], message: "changes.priceImpact.belowZero" });
    else if (carrier === null) issues.push({ path: ["priceImpactYen"], message: "changes.priceImpact.noOpenMilestone" });
    else if (amounts[carrier]! + delta < 0)
      issues.push({ path: ["priceImpactYen"], message: "changes.priceImpact.milestoneBelowZero", params: { name: plan.milestones[carrier]!.name } });
    else amounts[carrier] = amounts[carrier]! + delta;
  }
  if (issues.length > 0) return { ok: false, issues };

  const nextPlan: MilestonePlan = {
    ...plan,
    basis: impact.priceImpactYen !== 0 ? "amount" : plan.basis,
    milestones: plan.milestones.map((m, i) => ({
      ...m,
      ...(impact.priceImpactYen !== 0 ? { amountYen: amounts[i]!, percent: null } : {}),
      dueDate: moved.get(i) ?? m.dueDate,
    })),
  };
  // The legal deadlines of the buyer's kind, for the milestones as they will be (an unchanged one keeps its problems
  // to itself: only the moved ones are reported, at the request's own field).
  const outsideScope = plan.outsideScope ? { reason: plan.outsideScope.reason } : null;
  for (const p of checkMilestoneSchedule(content.buyerKind, nextPlan.milestones, { outsideScope })) {
    const index = typeof p.path[1] === "number" ? p.path[1] : -1;
    const at = impact.milestoneDueDates.findIndex((m) => m.index === index);
    if (at >= 0) issues.push({ path: ["milestoneDueDates", at, "dueDate"], message: p.key });
  }
  if (issues.length > 0) return { ok: false, issues };

  return {
    ok: true,
    content: {
      ...content,
      lines,
      totals: { subtotal: totals.subtotal, tax: totals.tax, total: totals.total },
      term: impact.termTo !== null ? { ...content.term, to: impact.termTo } : content.term,
      sla: content.sla.map((k) => (targets.has(k.key) ? { ...k, target: targets.get(k.key)! } : k)),
      milestonePlan: nextPlan,
    },
  };
}

/** A request that changes nothing at all is refused: there would be no version to make. */
export function isEmptyImpact(impact: ChangeImpact): boolean {
  return impact.priceImpactYen === 0 && impact.termTo === null && impact.milestoneDueDates.length === 0 && impact.slaTargets.length === 0;
}

/**
 * How much of a change the buyer's 稟議 must see: the change of the contract total including tax (what the buyer
 * pays, as an award's route is picked by the contract value including tax), as an absolute amount.
 */
export function routeAmount(content: Pick<ContractContent, "lines" | "totals">, priceImpactYen: number): number {
  if (priceImpactYen === 0) return 0;
  const lines = [...content.lines, { quantity: 1, unitPrice: priceImpactYen, taxRate: contractTaxRate(content) }];
  return Math.abs(orderTotals(lines).total - content.totals.total);
}

/**
 * Whether the approval goes through the 稟議 route: the absolute price impact (tax excluded, as proposed) reaches
 * the organisation's threshold. Threshold 0 = no change request goes through the route; the default 1 = every
 * change with a price impact does; a change without a price impact never does.
 */
export function needsRoute(priceImpactYen: number, thresholdYen: number): boolean {
  return thresholdYen > 0 && priceImpactYen !== 0 && Math.abs(priceImpactYen) >= thresholdYen;
}
