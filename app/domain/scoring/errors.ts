import type { LocalizedText } from "./types";

/**
 * Machine-readable reasons an input is rejected. The web app maps `path` to a form field and shows
 * `message.ja` by default; the CLI prints `message.en`. Messages name the field themselves so they
 * read well on their own (a log line, a terminal).
 */
export type ScoringIssueCode =
  | "invalid-json"
  | "invalid-type"
  | "required"
  | "unknown-field"
  | "invalid-value"
  | "too-small"
  | "too-big"
  | "unknown-method"
  | "duplicate"
  | "unknown-criterion"
  | "weight-not-positive"
  | "weights-all-zero"
  | "not-a-number"
  | "not-a-boolean"
  | "rate-out-of-range"
  | "scale-required"
  | "scale-direction"
  | "gate-kind"
  | "evidence-not-rate"
  | "evidence-invalid"
  | "prior-strength-not-rate"
  | "matrix-not-square"
  | "matrix-not-positive"
  | "matrix-diagonal"
  | "matrix-not-reciprocal"
  | "matrix-too-large"
  | "criteria-mismatch";

export interface ScoringIssue {
  code: ScoringIssueCode;
  /** Where the problem is, in JavaScript accessor notation: `criteria[1].weight`, `matrix[2][0]`. */
  path: string;
  message: LocalizedText;
}

/** Thrown for input the module cannot score; carries every problem found, not only the first. */
export class ScoringInputError extends Error {
  readonly issues: readonly ScoringIssue[];

  constructor(issues: readonly ScoringIssue[]) {
    super(issues.map((issue) => issue.message.en).join("\n"));
    this.name = "ScoringInputError";
    this.issues = issues;
  }
}

export function issue(code: ScoringIssueCode, path: string, en: string, ja: string): ScoringIssue {
  return { code, path, message: { en, ja } };
}

/** `["criteria", 1, "weight"]` → `criteria[1].weight`; keys that are not identifiers are quoted. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = "";
  for (const key of path) {
    if (typeof key === "number") text += `[${key}]`;
    else if (typeof key === "string" && /^[A-Za-z_$][\w$]*$/.test(key)) text += text ? `.${key}` : key;
    else text += `[${JSON.stringify(String(key))}]`;
  }
  return text || "(input)";
}

/** Throws when there is anything to report; used at the end of each validation pass. */
export function throwIfAny(issues: readonly ScoringIssue[]): void {
  if (issues.length > 0) throw new ScoringInputError(issues);
}
