import type { z } from "zod";
import { rfqReviewMessages } from "~/i18n/messages-rfq-review";
import { crossFieldProblems, type PublishProblem } from "./cross-field-rules";
import { rfqMessages, type RfqMessageKey } from "./messages";
import { rfqDraftSchema, rfqSchema, type RfqDraft } from "./schema";

export type { PublishProblem } from "./cross-field-rules";

function isRfqMessageKey(message: string): message is PublishProblem["key"] {
  return Object.hasOwn(rfqMessages, message) || Object.hasOwn(rfqReviewMessages, message);
}

function fromZodIssues(issues: z.core.$ZodIssue[]): PublishProblem[] {
  return issues.map((issue) => ({
    path: issue.path.filter((segment): segment is string | number => typeof segment !== "symbol"),
    key: isRfqMessageKey(issue.message) ? issue.message : "rfq.field.invalid",
    severity: "error",
  }));
}

/** Fields a procurement officer should fill (seed 000/002: vague scope and missing rules cause disputes) but may skip. */
const RECOMMENDED_TEXT_FIELDS = [
  ["goal", "rfq.goal.recommended"],
  ["scopeOut", "rfq.scopeOut.recommended"],
  ["decisionsInHouse", "rfq.decisionsInHouse.recommended"],
  ["changeRequestRule", "rfq.changeRequestRule.recommended"],
  ["escalationRules", "rfq.escalationRules.recommended"],
] as const satisfies readonly (readonly [keyof RfqDraft, RfqMessageKey])[];

function recommendations(draft: RfqDraft): PublishProblem[] {
  const warnings: PublishProblem[] = [];
  for (const [field, key] of RECOMMENDED_TEXT_FIELDS) {
    if ((draft[field] ?? "").trim() === "") warnings.push({ path: [field], key, severity: "warning" });
  }
  if ((draft.deliverables ?? []).length === 0) warnings.push({ path: ["deliverables"], key: "rfq.deliverables.recommended", severity: "warning" });
  return warnings;
}

const JST_OFFSET_MS = 9 * 60 * 60 * 1000;
/** The Japanese calendar day of an instant, "YYYY-MM-DD" (due dates are JST days). */
const jstDay = (instant: number) => new Date(instant + JST_OFFSET_MS).toISOString().slice(0, 10);

/**
 * Values no RFQ can be published with although a draft may hold them (issue 14, item 10): a deliverable
 * due in the past, or before the quote deadline (nothing is delivered before a vendor is chosen). The
 * deadline in the past and the weights are checked with the other rules.
 */
function impossibleDates(draft: RfqDraft, now: Date): PublishProblem[] {
  const problems: PublishProblem[] = [];
  const today = jstDay(now.getTime());
  const deadline = draft.quoteDeadline !== undefined ? Date.parse(draft.quoteDeadline) : Number.NaN;
  const deadlineDay = Number.isNaN(deadline) ? null : jstDay(deadline);
  (draft.deliverables ?? []).forEach((deliverable, index) => {
    const due = deliverable.dueDate;
    if (due === undefined) return;
    const path = ["deliverables", index, "dueDate"];
    if (due < today) problems.push({ path, key: "rfqReview.deliverables.dueDate.past", severity: "error" });
    else if (deadlineDay !== null && due < deadlineDay) problems.push({ path, key: "rfqReview.deliverables.dueDate.beforeDeadline", severity: "error" });
  });
  return problems;
}

/**
 * Everything that stands between a draft and publishing, all at once (errors first, then warnings).
 * `now` is injected so tests and the lazy-closing logic share one clock.
 */
export function checkPublishable(input: unknown, now: Date): PublishProblem[] {
  const draft = rfqDraftSchema.safeParse(input);
  if (!draft.success) return fromZodIssues(draft.error.issues);

  const complete = rfqSchema.safeParse(input);
  const errors = complete.success ? [] : fromZodIssues(complete.error.issues);
  // Zod skips the cross-field refinement while any field is invalid, so run it here to list everything.
  errors.push(...crossFieldProblems(draft.data).filter((problem) => problem.severity === "error"));

  const deadline = draft.data.quoteDeadline;
  if (deadline !== undefined && Date.parse(deadline) <= now.getTime()) {
    errors.push({ path: ["quoteDeadline"], key: "rfq.quoteDeadline.past", severity: "error" });
  }
  errors.push(...impossibleDates(draft.data, now));

  const warnings = crossFieldProblems(draft.data).filter((problem) => problem.severity === "warning");
  warnings.push(...recommendations(draft.data));
  return [...dedupe(errors), ...warnings];
}

export function isPublishable(input: unknown, now: Date): boolean {
  return checkPublishable(input, now).every((problem) => problem.severity !== "error");
}

function dedupe(problems: PublishProblem[]): PublishProblem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const id = `${problem.key}@${problem.path.join(".")}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
