import type { DecisionMatrix } from "./decision-matrix";
import { evidenceFailsGate } from "./gates";
import type { TopsisResult } from "./topsis";
import type { Alternative, Contribution, Criterion, Flag } from "./types";

// The per-criterion detail of a ranking: what each criterion contributed, and what the page should
// flag. Kept apart from rank.ts, which only decides the order.

export function missingCriteria(matrix: DecisionMatrix, row: number): number[] {
  const missing: number[] = [];
  for (let j = 0; j < matrix.cols; j++) if (!matrix.present[row * matrix.cols + j]) missing.push(j);
  return missing;
}

/**
 * What each criterion adds to each alternative's standing (row-major): weight × score for the
 * weighted sums; for TOPSIS the distance from the anti-ideal on that criterion, which grows as the
 * alternative moves toward the ideal and is zero at the worst value.
 */
export function contributionAmounts(
  matrix: DecisionMatrix,
  weights: Float64Array,
  criterionScores: Float64Array | undefined,
  topsisResult: TopsisResult | undefined,
): Float64Array {
  const { rows, cols } = matrix;
  const amounts = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const cell = i * cols + j;
      amounts[cell] = topsisResult ? Math.abs(topsisResult.weighted[cell] - topsisResult.antiIdeal[j]) : weights[j] * (criterionScores as Float64Array)[cell];
    }
  }
  return amounts;
}

/** Contributions in criterion order; the caller sorts them for display. */
export function contributionsOf(
  criteria: readonly Criterion[],
  alternative: Alternative,
  matrix: DecisionMatrix,
  row: number,
  weights: Float64Array,
  amounts: Float64Array,
  criterionScores: Float64Array | undefined,
  topsisResult: TopsisResult | undefined,
): Contribution[] {
  // Plain literals of one shape (no spreads): a 1,000-quote ranking builds 20,000 of these.
  return criteria.map((criterion, j) => {
    const cell = row * matrix.cols + j;
    const imputed = !matrix.present[cell];
    const value = alternative.values[criterion.key] ?? null;
    const scoredValue = imputed ? matrix.imputedValue[j] : matrix.values[cell];
    let contribution: Contribution;
    if (topsisResult) {
      contribution = {
        criterion: criterion.key,
        weight: weights[j],
        value,
        scoredValue,
        imputed,
        normalized: topsisResult.normalized[cell],
        weighted: topsisResult.weighted[cell],
        ideal: topsisResult.ideal[j],
        antiIdeal: topsisResult.antiIdeal[j],
        contribution: amounts[cell],
      };
    } else {
      const score = (criterionScores as Float64Array)[cell];
      contribution = { criterion: criterion.key, weight: weights[j], value, scoredValue, imputed, score, contribution: amounts[cell] };
    }
    const credibility = matrix.credibility[cell];
    if (credibility) contribution.credibility = credibility;
    return contribution;
  });
}

/**
 * Largest contribution first; equal ones keep the criteria's own order. An insertion sort: lists
 * are criterion-sized (a few dozen at most), and a comparator-based sort costs more per call.
 */
export function sortByContribution(list: Contribution[]): Contribution[] {
  for (let i = 1; i < list.length; i++) {
    const item = list[i];
    let k = i - 1;
    while (k >= 0 && list[k].contribution < item.contribution) {
      list[k + 1] = list[k];
      k--;
    }
    list[k + 1] = item;
  }
  return list;
}

export function flagsOf(criteria: readonly Criterion[], matrix: DecisionMatrix, row: number): Flag[] {
  const flags: Flag[] = [];
  criteria.forEach((criterion, j) => {
    const cell = row * matrix.cols + j;
    if (!matrix.present[cell]) {
      flags.push({ code: "missing-value", criterion: criterion.key });
      return;
    }
    const credibility = matrix.credibility[cell];
    if (!credibility) return;
    if (!credibility.verified) flags.push({ code: "unverified", criterion: criterion.key });
    else if (evidenceFailsGate(criterion, credibility.effective)) flags.push({ code: "evidence-below-gate", criterion: criterion.key });
  });
  return flags;
}
