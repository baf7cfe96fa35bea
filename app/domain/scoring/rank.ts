import { buildDecisionMatrix, scaleOf, type DecisionMatrix } from "./decision-matrix";
import { dominatorsOf } from "./dominance";
import { throwIfAny } from "./errors";
import { explainRanking } from "./explain";
import { evidenceFailsGate, gateFailures } from "./gates";
import { minMaxScores, normalizeWeights, targetScores } from "./normalize";
import { rankByScore } from "./ranking-order";
import { topsisStability, weightedSumStability, type PerturbationOptions } from "./robustness";
import { topsis, type TopsisResult } from "./topsis";
import type {
  Alternative,
  Contribution,
  Criterion,
  DisqualifiedAlternative,
  Flag,
  RankedAlternative,
  RankingInput,
  RankingResult,
  TargetScale,
} from "./types";
import { checkRankingInput, DEFAULT_PERTURBATION, DEFAULT_SAMPLES, DEFAULT_SEED } from "./validate";
import { weightedSums } from "./weighted-sum";

/**
 * Ranks the alternatives that pass every gate with the chosen method and explains the result.
 * Pure and deterministic: the same input always gives the same output, robustness included.
 * Throws ScoringInputError (with every problem found) when the input cannot be scored.
 */
export function rankAlternatives(input: RankingInput): RankingResult {
  throwIfAny(checkRankingInput(input));
  const { method, criteria } = input;

  const qualified: Alternative[] = [];
  const disqualified: DisqualifiedAlternative[] = [];
  for (const alternative of input.alternatives) {
    const reasons = gateFailures(criteria, alternative.values);
    if (reasons.length > 0) disqualified.push({ id: alternative.id, reasons });
    else qualified.push(alternative);
  }
  disqualified.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  const weights = normalizeWeights(criteria.map((criterion) => criterion.weight));
  const benefit = criteria.map((criterion) => criterion.direction === "benefit");
  const matrix = buildDecisionMatrix(criteria, qualified, method === "weighted-sum-target" ? "scale-worst" : "worst-present");
  const { rows, cols } = matrix;
  const ids = qualified.map((alternative) => alternative.id);
  const options: PerturbationOptions = {
    samples: input.robustness?.samples ?? DEFAULT_SAMPLES,
    perturbation: input.robustness?.perturbation ?? DEFAULT_PERTURBATION,
    seed: input.robustness?.seed ?? DEFAULT_SEED,
  };

  let totals: Float64Array;
  let criterionScores: Float64Array | undefined;
  let topsisResult: TopsisResult | undefined;
  if (method === "topsis") {
    topsisResult = topsis(matrix.values, rows, cols, weights, benefit);
    totals = topsisResult.closeness;
  } else {
    criterionScores =
      method === "weighted-sum-target"
        ? targetScores(matrix, criteria.map((criterion) => scaleOf(criterion) as TargetScale))
        : minMaxScores(matrix, benefit);
    totals = weightedSums(criterionScores, rows, cols, weights);
  }

  const { order, ranks } = rankByScore(totals, ids);
  const winner = order.length > 0 ? order[0] : -1;
  let stability: number | null = null;
  if (winner >= 0) {
    stability = topsisResult
      ? topsisStability(topsisResult.normalized, rows, cols, weights, benefit, winner, options)
      : weightedSumStability(criterionScores as Float64Array, rows, cols, weights, winner, options);
  }

  const dominators = dominatorsOf(orientedValues(matrix, benefit), rows, cols);
  const positionInRanking = new Int32Array(rows);
  order.forEach((row, position) => (positionInRanking[row] = position));

  const contributionMatrix = contributionAmounts(matrix, weights, criterionScores, topsisResult);
  const explanations = explainRanking(
    method,
    criteria,
    order.map((row, position) => ({
      id: ids[row],
      rank: ranks[position],
      score: totals[row],
      contributions: contributionMatrix.subarray(row * cols, row * cols + cols),
      missing: missingCriteria(matrix, row),
    })),
  );

  const ranking: RankedAlternative[] = order.map((row, position) => {
    const entry: RankedAlternative = {
      id: ids[row],
      rank: ranks[position],
      score: totals[row],
      contributions: sortByContribution(contributionsOf(criteria, qualified[row], matrix, row, weights, contributionMatrix, criterionScores, topsisResult)),
      explanation: explanations[position],
      dominatedBy: dominators[row].sort((a, b) => positionInRanking[a] - positionInRanking[b]).map((dominator) => ids[dominator]),
      flags: flagsOf(criteria, matrix, row),
    };
    if (topsisResult) {
      entry.distances = { ideal: topsisResult.distanceToIdeal[row], antiIdeal: topsisResult.distanceToAntiIdeal[row] };
    }
    return entry;
  });

  return {
    method,
    ranking,
    disqualified,
    robustness: { winner: winner >= 0 ? ids[winner] : null, stability },
  };
}

/** Larger is better on every criterion; missing is worse than anything given (see dominance.ts). */
function orientedValues(matrix: DecisionMatrix, benefit: readonly boolean[]): Float64Array {
  const { rows, cols, values, present } = matrix;
  const oriented = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const cell = i * cols + j;
      oriented[cell] = present[cell] ? (benefit[j] ? values[cell] : -values[cell]) : -Infinity;
    }
  }
  return oriented;
}

function missingCriteria(matrix: DecisionMatrix, row: number): number[] {
  const missing: number[] = [];
  for (let j = 0; j < matrix.cols; j++) if (!matrix.present[row * matrix.cols + j]) missing.push(j);
  return missing;
}

/**
 * What each criterion adds to each alternative's standing (row-major): weight × score for the
 * weighted sums; for TOPSIS the distance from the anti-ideal on that criterion, which grows as the
 * alternative moves toward the ideal and is zero at the worst value.
 */
function contributionAmounts(
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
      amounts[cell] = topsisResult
        ? Math.abs(topsisResult.weighted[cell] - topsisResult.antiIdeal[j])
        : weights[j] * (criterionScores as Float64Array)[cell];
    }
  }
  return amounts;
}

/** Contributions in criterion order; the caller sorts them for display. */
function contributionsOf(
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
function sortByContribution(list: Contribution[]): Contribution[] {
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

function flagsOf(criteria: readonly Criterion[], matrix: DecisionMatrix, row: number): Flag[] {
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
