import type { z } from "zod";
import { crossFieldProblems, type PublishProblem } from "./cross-field-rules";
import { rfqMessages, type RfqMessageKey } from "./messages";
import { rfqDraftSchema, rfqSchema, type RfqDraft } from "./schema";

export type { PublishProblem } from "./cross-field-rules";

function isRfqMessageKey(message: string): message is RfqMessageKey {
  return Object.hasOwn(rfqMessages, message);
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
