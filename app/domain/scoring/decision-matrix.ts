import { credibilityOf, DEFAULT_PRIOR_STRENGTH } from "./credibility";
import type { Alternative, CredibilityDetail, Criterion, TargetScale } from "./types";

/**
 * The numbers a method scores, one row per ranked alternative and one column per criterion, in a
 * flat row-major Float64Array: the robustness loop reads it thousands of times, and typed arrays
 * keep that loop free of allocation and property lookups.
 */
export interface DecisionMatrix {
  rows: number;
  cols: number;
  /** Effective value for rates with evidence, 1/0 for booleans, the imputed value where missing. */
  values: Float64Array;
  /** 1 where the alternative gave a value, 0 where it was imputed. */
  present: Uint8Array;
  /** Per column: what a missing value was replaced by, or null when nothing could be imputed. */
  imputedValue: (number | null)[];
  /** Row-major; set for rate criteria where a claim was given. */
  credibility: (CredibilityDetail | undefined)[];
}

/**
 * How a missing value is filled in. `worst-present`: the worst value any ranked alternative gave
 * (the rule, for the relative methods). `scale-worst`: the worst end of the target scale,
 * so weighted-sum-target stays absolute — a quote's score never depends on the other quotes, not
 * even through imputation — and a missing value is never worth more than the worst possible score.
 */
export type Imputation = "worst-present" | "scale-worst";

/** The implicit scale of a boolean criterion: the preferred answer earns 100, the other 0. */
export function scaleOf(criterion: Criterion): TargetScale | undefined {
  if ((criterion.kind ?? "number") !== "boolean") return criterion.scale;
  return criterion.direction === "benefit" ? { worst: 0, best: 1 } : { worst: 1, best: 0 };
}

export function buildDecisionMatrix(criteria: readonly Criterion[], alternatives: readonly Alternative[], imputation: Imputation): DecisionMatrix {
  const rows = alternatives.length;
  const cols = criteria.length;
  const values = new Float64Array(rows * cols);
  const present = new Uint8Array(rows * cols);
  const credibility: (CredibilityDetail | undefined)[] = new Array(rows * cols);
  const imputedValue: (number | null)[] = [];

  for (let j = 0; j < cols; j++) {
    const criterion = criteria[j];
    const kind = criterion.kind ?? "number";
    const k = criterion.priorStrength ?? DEFAULT_PRIOR_STRENGTH;
    const benefit = criterion.direction === "benefit";
    let worst: number | null = null;
    for (let i = 0; i < rows; i++) {
      const alternative = alternatives[i];
      const raw = alternative.values[criterion.key];
      if (raw === null || raw === undefined) continue;
      let value: number;
      if (kind === "boolean") value = raw === true ? 1 : 0;
      else if (kind === "rate") {
        const detail = credibilityOf(raw as number, alternative.evidence?.[criterion.key], k);
        credibility[i * cols + j] = detail;
        value = detail.effective;
      } else value = raw as number;
      values[i * cols + j] = value;
      present[i * cols + j] = 1;
      if (worst === null || (benefit ? value < worst : value > worst)) worst = value;
    }
    const fill = imputation === "scale-worst" ? (scaleOf(criterion)?.worst ?? null) : worst;
    imputedValue.push(fill);
    for (let i = 0; i < rows; i++) {
      if (!present[i * cols + j]) values[i * cols + j] = fill ?? 0;
    }
  }
  return { rows, cols, values, present, imputedValue, credibility };
}
