import { z } from "zod";
import type { Bilingual } from "~/i18n";
import type { ContractMessageKey } from "~/i18n/messages-contracts";
import { businessDayOnOrBefore, COMPANY_CALENDAR, isCoveredDate, MUNICIPAL_CALENDAR, type CalendarDate } from "~/domain/calendar/japan-business-days";
import { checkMilestoneSchedule, deadlineAfter, dueDateFor, OUTSIDE_SCOPE_REASON_MAX, ruleById, type BuyerKind, type LegalRuleId } from "./legal-deadlines";

/**
 * A contract's payment milestones (issue 15, item 5; docs/contracts.md). Each milestone is paid either as an
 * amount in integer yen (tax included) or as a percentage of the contract total — one basis for the whole
 * plan; percentages sum to exactly 100, amounts to exactly the total. `dueDate` is the day the work of the
 * milestone is completed and received (給付の受領日 / 完了通知の日): the legal deadlines count from it.
 * `inspectionDays` (municipalities) and `paymentDueDays` are counted the way the buyer's rule counts
 * (legal-deadlines.ts). Messages are catalog keys at field paths.
 */

const e = (key: ContractMessageKey) => ({ error: key });

export const MILESTONE_BASES = ["amount", "percent"] as const;
export type MilestoneBasis = (typeof MILESTONE_BASES)[number];
export const MAX_MILESTONES = 60;

const daysSchema = z.number({ error: "legalDeadlines.days.invalid" }).optional().nullable();

export const MilestoneInput = z.object({
  name: z.string(e("contracts.milestone.name.required")).trim().min(1, e("contracts.milestone.name.required")).max(200, e("contracts.milestone.text.tooLong")),
  amountYen: z.number(e("contracts.milestone.amount.invalid")).optional().nullable(),
  percent: z.number(e("contracts.milestone.percent.invalid")).optional().nullable(),
  dueDate: z.string(e("contracts.milestone.dueDate.invalid")).refine(isCoveredDate, e("contracts.milestone.dueDate.invalid")),
  acceptance: z
    .string(e("contracts.milestone.acceptance.required"))
    .trim()
    .min(1, e("contracts.milestone.acceptance.required"))
    .max(2000, e("contracts.milestone.text.tooLong")),
  /** Days from the completion notice to inspection (municipality buyers). */
  inspectionDays: daysSchema,
  /** Days to payment, counted as the buyer's payment rule counts. */
  paymentDueDays: daysSchema,
});

export const MilestonePlan = z.object({
  basis: z.enum(MILESTONE_BASES, e("contracts.milestones.basis.invalid")),
  milestones: z
    .array(MilestoneInput, e("contracts.milestones.required"))
    .min(1, e("contracts.milestones.required"))
    .max(MAX_MILESTONES, e("contracts.milestones.tooMany")),
  /** A company buyer records that the contract is outside 取適法 and the Freelance Act, with its reason. */
  outsideScope: z
    .object({ reason: z.string().max(OUTSIDE_SCOPE_REASON_MAX + 1000) })
    .nullable()
    .optional(),
});

export type MilestoneInput = z.output<typeof MilestoneInput>;
export type MilestonePlan = z.output<typeof MilestonePlan>;
export type MilestonePlanInput = z.input<typeof MilestonePlan>;

export interface PlanContext {
  buyerKind: BuyerKind;
  /** The contract total in integer yen, tax included: what amounts must add up to. */
  totalYen: number;
  /** Today in Japan (YYYY-MM-DD): no due date before it. */
  today: CalendarDate;
}

/** A problem of a plan at its field path; `params` fill the message's placeholders. */
export interface PlanIssue {
  path: (string | number)[];
  message: string;
  params?: Record<string, string | number>;
  rule?: LegalRuleId;
}

const basisPoints = (percent: number) => Math.round(percent * 100);
const hasTwoDecimalsAtMost = (n: number) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-6;

/**
 * Every problem of a parsed plan, field by field: the amounts or percentages (each and their sum), due
 * dates not before today, and the legal deadlines of the buyer's kind (the message names the law). Empty
 * means the plan may be saved.
 */
export function checkMilestonePlan(plan: MilestonePlan, ctx: PlanContext): PlanIssue[] {
  const issues: PlanIssue[] = [];
  let sumYen = 0;
  let sumBp = 0;
  let sumsComplete = true;
  plan.milestones.forEach((m, i) => {
    if (plan.basis === "amount") {
      if (m.amountYen === undefined || m.amountYen === null) {
        issues.push({ path: ["milestones", i, "amountYen"], message: "contracts.milestone.amount.required" });
        sumsComplete = false;
      } else if (!Number.isSafeInteger(m.amountYen) || m.amountYen < 0) {
        issues.push({ path: ["milestones", i, "amountYen"], message: "contracts.milestone.amount.invalid" });
        sumsComplete = false;
      } else sumYen += m.amountYen;
    } else if (m.percent === undefined || m.percent === null) {
      issues.push({ path: ["milestones", i, "percent"], message: "contracts.milestone.percent.required" });
      sumsComplete = false;
    } else if (!Number.isFinite(m.percent) || m.percent <= 0 || m.percent > 100 || !hasTwoDecimalsAtMost(m.percent)) {
      issues.push({ path: ["milestones", i, "percent"], message: "contracts.milestone.percent.invalid" });
      sumsComplete = false;
    } else sumBp += basisPoints(m.percent);
    if (m.dueDate < ctx.today) issues.push({ path: ["milestones", i, "dueDate"], message: "contracts.milestone.dueDate.past", params: { today: ctx.today } });
  });
  if (sumsComplete && plan.basis === "percent" && sumBp !== 10_000)
    issues.push({ path: ["milestones"], message: "contracts.milestones.percentSum", params: { sum: trimPercent(sumBp / 100) } });
  if (sumsComplete && plan.basis === "amount" && sumYen !== ctx.totalYen)
    issues.push({
      path: ["milestones"],
      message: "contracts.milestones.amountSum",
      params: { sum: yen(sumYen), total: yen(ctx.totalYen), difference: yen(ctx.totalYen - sumYen) },
    });

  const outsideScope = plan.outsideScope ? { reason: plan.outsideScope.reason } : null;
  for (const p of checkMilestoneSchedule(ctx.buyerKind, plan.milestones, { outsideScope })) {
    issues.push({ path: [...p.path], message: p.key, ...(p.rule ? { rule: p.rule } : {}) });
  }
  return issues;
}

const trimPercent = (n: number) => String(Math.round(n * 100) / 100);
/** Yen in a message: "¥1,234" the same in both languages (the messages' placeholders take it as is). */
const yen = (n: number) => `${n < 0 ? "-" : ""}¥${Math.abs(n).toLocaleString("en-US")}`;

/**
 * The yen each milestone pays: the amounts as given, or each percentage of the total rounded down with
 * the remainder on the last milestone, so the plan always adds up to the total exactly.
 */
export function milestoneAmounts(plan: Pick<MilestonePlan, "basis" | "milestones">, totalYen: number): number[] {
  if (plan.basis === "amount") return plan.milestones.map((m) => m.amountYen ?? 0);
  const amounts = plan.milestones.map((m) => Math.floor((totalYen * basisPoints(m.percent ?? 0)) / 10_000));
  const rest = totalYen - amounts.reduce((a, b) => a + b, 0);
  if (amounts.length > 0) amounts[amounts.length - 1] += rest;
  return amounts;
}

/** One legal date of a milestone: the agreed date, the law's latest, and the business day to act by. */
export interface MilestoneLegalDate {
  rule: LegalRuleId;
  obligation: "inspection" | "payment";
  /** The date the milestone's day count gives. */
  agreed: CalendarDate;
  /** The latest date the law allows (null when the contract is recorded outside the law's scope). */
  legalLatest: CalendarDate | null;
  /** The business day on or before the agreed date: when to act by. */
  actBy: CalendarDate;
  summary: Bilingual;
}

/**
 * A milestone's legal due dates from its completion/receipt date. Municipality: inspection `inspectionDays`
 * after the completion notice, then payment `paymentDueDays` after a proper invoice, assumed received on the
 * day of inspection (the earliest it can be). Company: payment `paymentDueDays` from receipt. Calendar days;
 * the day to act by is moved EARLIER to a business day, never later.
 */
export function milestoneLegalDates(
  buyerKind: BuyerKind,
  m: Pick<MilestoneInput, "dueDate" | "inspectionDays" | "paymentDueDays">,
  outsideScope: boolean,
): MilestoneLegalDate[] {
  const calendar = buyerKind === "municipality" ? MUNICIPAL_CALENDAR : COMPANY_CALENDAR;
  const out: MilestoneLegalDate[] = [];
  const entry = (id: LegalRuleId, from: CalendarDate, days: number | null | undefined, exempt: boolean): CalendarDate | null => {
    const rule = ruleById(id);
    const legalLatest = exempt ? null : dueDateFor(rule, from);
    const agreed = days === null || days === undefined ? legalLatest : deadlineAfter(rule, from, days);
    if (!agreed) return null;
    out.push({ rule: id, obligation: rule.obligation, agreed, legalLatest, actBy: businessDayOnOrBefore(agreed, calendar), summary: rule.summary });
    return agreed;
  };
  if (buyerKind === "municipality") {
    const inspected = entry("municipality.inspection", m.dueDate, m.inspectionDays, false);
    if (inspected) entry("municipality.payment", inspected, m.paymentDueDays, false);
  } else {
    entry("company.payment", m.dueDate, m.paymentDueDays, outsideScope);
  }
  return out;
}
