import { z } from "zod";
import { addBusinessDays, COMPANY_CALENDAR, isCalendarDate, MUNICIPAL_CALENDAR, type BusinessCalendar } from "~/domain/calendar/japan-business-days";
import { japanDay, nextPending, type Decision, type Delegation, type RouteState, type RouteStep } from "./route-rules";

// 稟議 decisions, 代決 and the award's deadlines (issue 15 items 3–4, decision 0027). Pure: the service
// loads the rows, these rules say what the input must be and what follows from it. Messages are catalog
// keys (app/i18n/messages-approvals.ts).

export const COMMENT_MAX = 2000;
export const DEBRIEF_REASON_MAX = 2000;

export const DECISIONS = ["approve", "reject", "return"] as const;

/** An approver's decision: a comment is required to reject (却下) or return (差戻し), optional to approve. */
export const DecisionInput = z
  .object({
    decision: z.enum(DECISIONS, { error: "approvals.decision.invalid" }),
    comment: z
      .string()
      .trim()
      .max(COMMENT_MAX, { error: "approvals.comment.tooLong" })
      .optional()
      .transform((s) => (s ? s : undefined)),
  })
  .superRefine((d, ctx) => {
    if (d.decision !== "approve" && !d.comment) ctx.addIssue({ code: "custom", path: ["comment"], message: "approvals.comment.required" });
  });
export type DecisionInput = z.infer<typeof DecisionInput>;

/** The reason not-selected vendors will read in their debrief: required, 1..2000 characters. */
export const DebriefReasonSchema = z
  .string({ error: "awardProposal.debriefReason.required" })
  .trim()
  .min(1, { error: "awardProposal.debriefReason.required" })
  .max(DEBRIEF_REASON_MAX, { error: "awardProposal.debriefReason.tooLong" });

/** The proposer edits the texts of a returned (or pending) proposal; saving starts the next round. */
export const ProposalEditInput = z.object({
  rationale: z
    .string({ error: "awardProposal.rationale.required" })
    .trim()
    .min(1, { error: "awardProposal.rationale.required" })
    .max(4000, { error: "awardProposal.rationale.tooLong" }),
  specificRationale: z
    .string()
    .trim()
    .max(4000, { error: "awardProposal.rationale.tooLong" })
    .optional()
    .transform((s) => (s ? s : undefined)),
  debriefReason: DebriefReasonSchema,
  /** Red flags acknowledged with this edit (decision 0051): with those stored, every flag of the quote. */
  acknowledgedRedFlags: z.array(z.string().max(200)).max(20).optional().default([]),
});
export type ProposalEditInput = z.infer<typeof ProposalEditInput>;

const dateField = z.string({ error: "approvals.delegation.date.invalid" }).trim().refine(isCalendarDate, { error: "approvals.delegation.date.invalid" });

/**
 * 代決 as a member records it: whose seat (absent: the actor's own), to whom, from and to which day (Japan,
 * inclusive), and why. The service checks membership, the approver flag and that the period has not ended.
 */
export const DelegationInput = z
  .object({
    fromUserId: z
      .string()
      .uuid({ error: "approvals.delegation.user.invalid" })
      .optional()
      .or(z.literal("").transform(() => undefined)),
    toUserId: z.string({ error: "approvals.delegation.user.invalid" }).uuid({ error: "approvals.delegation.user.invalid" }),
    startsOn: dateField,
    endsOn: dateField,
    reason: z.string().trim().max(500, { error: "approvals.delegation.reason.tooLong" }).default(""),
  })
  .superRefine((d, ctx) => {
    if (d.fromUserId && d.fromUserId === d.toUserId) ctx.addIssue({ code: "custom", path: ["toUserId"], message: "approvals.delegation.self" });
    if (isCalendarDate(d.startsOn) && isCalendarDate(d.endsOn) && d.endsOn < d.startsOn)
      ctx.addIssue({ code: "custom", path: ["endsOn"], message: "approvals.delegation.endsBeforeStart" });
  });
export type DelegationInput = z.infer<typeof DelegationInput>;

/** A stored decision row as `nextPending` reads it. */
export interface DecisionRow {
  step_index: number;
  approver_user_id: string;
  decided_by: string;
  decision: "approve" | "reject" | "return";
}

export const asDecisions = (rows: readonly DecisionRow[]): Decision[] =>
  rows.map((r) => ({ stepIndex: r.step_index, approverId: r.approver_user_id, decidedBy: r.decided_by, decision: r.decision }));

/** The route's state for one round's decisions (in the order made). */
export function routeState(route: readonly RouteStep[], rows: readonly DecisionRow[]): RouteState {
  return nextPending(route, asDecisions(rows));
}

/** Each step's state for the page: done, current (with approvals so far) or waiting, and the seats that approved. */
export function stepStates(route: readonly RouteStep[], state: RouteState): ("done" | "current" | "waiting" | "stopped")[] {
  return route.map((_, i) => {
    if (state.status === "approved") return "done";
    if (state.status === "pending") return i < state.stepIndex ? "done" : i === state.stepIndex ? "current" : "waiting";
    return i < state.stepIndex ? "done" : i === state.stepIndex ? "stopped" : "waiting";
  });
}

/** The business calendar of a buyer: municipalities close 年末年始, companies by default do not. */
export function calendarForBuyer(kind: "municipality" | "company"): BusinessCalendar {
  return kind === "municipality" ? MUNICIPAL_CALENDAR : COMPANY_CALENDAR;
}

/** The last instant of a Japanese calendar day (23:59:59.999 JST). */
export function endOfJapanDay(date: string): Date {
  return new Date(Date.parse(`${date}T23:59:59.999+09:00`));
}

/**
 * The award's deadlines: the winner answers by the end of the `acceptDays`th business day after the award
 * day (Japan), and the standstill ends at the end of the `standstillDays`th one (null when 0: none).
 */
export function awardDeadlines(
  at: Date,
  acceptDays: number,
  standstillDays: number,
  calendar: BusinessCalendar,
): { respondBy: Date; standstillEndsAt: Date | null } {
  const day = japanDay(at);
  return {
    respondBy: endOfJapanDay(addBusinessDays(day, acceptDays, calendar)),
    standstillEndsAt: standstillDays > 0 ? endOfJapanDay(addBusinessDays(day, standstillDays, calendar)) : null,
  };
}

/** Whether a delegation covers the Japanese day of `at` and is not revoked. */
export function isActiveDelegation(d: { startsOn: string; endsOn: string; revokedAt: Date | string | null }, at: Date): boolean {
  const day = japanDay(at);
  return d.revokedAt === null && d.startsOn <= day && day <= d.endsOn;
}

/**
 * Who is told that a step became current: its seats that have not decided, and the delegates active for
 * them — never the proposer (who decides nothing on their own proposal).
 */
export function stepRecipients(step: RouteStep, proposerId: string, decided: readonly string[], delegations: readonly Delegation[]): string[] {
  const open = step.approverIds.filter((id) => id !== proposerId && !decided.includes(id));
  const delegates = delegations.filter((d) => open.includes(d.fromUserId) && d.toUserId !== proposerId).map((d) => d.toUserId);
  return [...new Set([...open, ...delegates])];
}
