import { buildDecisionMatrix, scaleOf, type DecisionMatrix } from "./decision-matrix";
import { dominatorsOf } from "./dominance";
import { throwIfAny } from "./errors";
import { explainRanking } from "./explain";
import { contributionAmounts, contributionsOf, flagsOf, missingCriteria, sortByContribution } from "./contributions";
import { gateFailures } from "./gates";
import { minMaxScores, normalizeWeights, targetScores } from "./normalize";
import { rankByScore } from "./ranking-order";
import { topsisStability, weightedSumStability, type PerturbationOptions } from "./robustness";
import { topsis, type TopsisResult } from "./topsis";
import type { Alternative, DisqualifiedAlternative, RankedAlternative, RankingInput, RankingResult, TargetScale } from "./types";
import { checkRankingInput, DEFAULT_PERTURBATION, DEFAULT_SAMPLES, DEFAULT_SEED } from "./validate";
import { weightedSums } from "./weighted-sum";

/**
 * Ranks the alternatives that pass every gate with the chosen method and explains the result.
 * Pure and deterministic: the same input always gives the same output, robustness included.
 * Throws ScoringInputError (with every problem found) when the input cannot be scored.
 */
export function rankAlternatives(input: RankingInput): RankingResult {
  const { method, criteria } = input;
  const scored = scoreAlternatives(input);
  const { qualified, disqualified, weights, benefit, matrix, ids, totals, criterionScores, topsisResult } = scored;
  const { rows, cols } = matrix;
  const { order, ranks, winner, stability } = orderWithStability(input, scored);

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

/** What every analysis of a ranking starts from: the gates applied and the qualified alternatives scored. */
export interface ScoredAlternatives {
  qualified: Alternative[];
  disqualified: DisqualifiedAlternative[];
  /** Normalized to sum to 1, in criterion order. */
  weights: Float64Array;
  benefit: boolean[];
  matrix: DecisionMatrix;
  ids: string[];
  /** Per qualified alternative: the weighted sum (0–100) or the TOPSIS closeness (0–1). */
  totals: Float64Array;
  /** Weighted sums: the criterion scores on 0–100, row-major. */
  criterionScores?: Float64Array;
  topsisResult?: TopsisResult;
}

/** Validates, applies the gates and scores the qualified alternatives (no ranking, robustness or words). */
export function scoreAlternatives(input: RankingInput): ScoredAlternatives {
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

  let totals: Float64Array;
  let criterionScores: Float64Array | undefined;
  let topsisResult: TopsisResult | undefined;
  if (method === "topsis") {
    topsisResult = topsis(matrix.values, rows, cols, weights, benefit);
    totals = topsisResult.closeness;
  } else {
    criterionScores =
      method === "weighted-sum-target"
        ? targetScores(
            matrix,
            criteria.map((criterion) => scaleOf(criterion) as TargetScale),
          )
        : minMaxScores(matrix, benefit);
    totals = weightedSums(criterionScores, rows, cols, weights);
  }
  return { qualified, disqualified, weights, benefit, matrix, ids, totals, criterionScores, topsisResult };
}

/** Larger is better on every criterion; missing is worse than anything given (see dominance.ts). */
export function orientedValues(matrix: DecisionMatrix, benefit: readonly boolean[]): Float64Array {
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

/**
 * The order of the scored alternatives, their ranks, the winner's row and how often it stays first under weight
 * perturbations (both the full ranking and the page-at-a-time core use it).
 */
export function orderWithStability(input: RankingInput, scored: ReturnType<typeof scoreAlternatives>) {
  const { weights, benefit, matrix, ids, totals, criterionScores, topsisResult } = scored;
  const { rows, cols } = matrix;
  const options: PerturbationOptions = {
    samples: input.robustness?.samples ?? DEFAULT_SAMPLES,
    perturbation: input.robustness?.perturbation ?? DEFAULT_PERTURBATION,
    seed: input.robustness?.seed ?? DEFAULT_SEED,
  };
  const { order, ranks } = rankByScore(totals, ids);
  const winner = order.length > 0 ? order[0]! : -1;
  let stability: number | null = null;
  if (winner >= 0) {
    stability = topsisResult
      ? topsisStability(topsisResult.normalized, rows, cols, weights, benefit, winner, options)
      : weightedSumStability(criterionScores as Float64Array, rows, cols, weights, winner, options);
  }
  return { order, ranks, winner, stability, options };
}
