import type { DecisionMatrix } from "./decision-matrix";
import { contributionAmounts, contributionsOf, flagsOf, missingCriteria, sortByContribution } from "./contributions";
import { explainRanking } from "./explain";
import { orderWithStability, orientedValues, scoreAlternatives } from "./rank";
import { dominatorsOfRow, skylineOf, type Skyline } from "./skyline";
import type { TopsisResult } from "./topsis";
import type { Alternative, Criterion, DisqualifiedAlternative, Method, RankedAlternative, RankingInput, RobustnessResult } from "./types";

// The ranking in two steps, for responses that show a page of it (issue 21): `rankCore` decides the
// whole order — gates, scores, ranks, robustness — and `rankedEntries` builds the detail of the
// positions a response shows (contributions, flags, the "why above the next one" sentence, who
// dominates it). For 1,000 quotes the detail of every position is most of rankAlternatives' time
// (20,000 contribution objects, 1,000 sentences in two languages, dominance of every pair);
// a page of 30 needs 3 % of it. Every entry is exactly the one rankAlternatives gives at that
// position (ranking-core.property.test.ts), so a page never disagrees with the page-less ranking.

export interface RankingCore {
  method: Method;
  criteria: readonly Criterion[];
  /** Qualified alternatives' ids, in input order (row indices below are into this). */
  ids: string[];
  /** Row of each position, best first. */
  order: number[];
  /** Competition rank of each position. */
  ranks: number[];
  /** Per row: the weighted sum (0–100) or TOPSIS closeness — `score` of the entry. */
  totals: Float64Array;
  disqualified: DisqualifiedAlternative[];
  robustness: RobustnessResult;
  /** Per row: its position in `order`. */
  positionOf: Int32Array;
  // The scored pieces an entry is built from.
  qualified: Alternative[];
  matrix: DecisionMatrix;
  weights: Float64Array;
  benefit: boolean[];
  criterionScores?: Float64Array;
  topsisResult?: TopsisResult;
  contributionMatrix: Float64Array;
}

/** Everything but the per-position detail; throws ScoringInputError like rankAlternatives. */
export function rankCore(input: RankingInput): RankingCore {
  const { method, criteria } = input;
  const scored = scoreAlternatives(input);
  const { qualified, disqualified, weights, benefit, matrix, ids, totals, criterionScores, topsisResult } = scored;
  const { rows } = matrix;
  const { order, ranks, winner, stability } = orderWithStability(input, scored);
  const positionOf = new Int32Array(rows);
  order.forEach((row, position) => (positionOf[row] = position));
  return {
    method,
    criteria,
    ids,
    order,
    ranks,
    totals,
    disqualified,
    robustness: { winner: winner >= 0 ? ids[winner] : null, stability },
    positionOf,
    qualified,
    matrix,
    weights,
    benefit,
    criterionScores,
    topsisResult,
    contributionMatrix: contributionAmounts(matrix, weights, criterionScores, topsisResult),
  };
}

// Derived once per core and only when an entry is asked for (the core itself may be memoized and shared).
const skylines = new WeakMap<RankingCore, { oriented: Float64Array; skyline: Skyline }>();

function skylineFor(core: RankingCore) {
  let found = skylines.get(core);
  if (!found) {
    const oriented = orientedValues(core.matrix, core.benefit);
    found = { oriented, skyline: skylineOf(oriented, core.matrix.rows, core.matrix.cols) };
    skylines.set(core, found);
  }
  return found;
}

/**
 * The entries of positions `from` (0-based, inclusive) to `to` (exclusive), exactly as
 * `rankAlternatives(input).ranking.slice(from, to)`. The sentences compare each entry with its
 * neighbour, so one position either side is explained along and dropped.
 */
export function rankedEntries(core: RankingCore, from: number, to: number): RankedAlternative[] {
  const n = core.order.length;
  const start = Math.max(0, Math.min(from, n));
  const end = Math.max(start, Math.min(to, n));
  if (start === end) return [];
  const { matrix, criteria, order, ranks, totals, ids, contributionMatrix } = core;
  const cols = matrix.cols;
  const first = Math.max(0, start - 1);
  const last = Math.min(n, end + 1);
  const explained = explainRanking(
    core.method,
    criteria,
    order.slice(first, last).map((row, k) => ({
      id: ids[row],
      rank: ranks[first + k],
      score: totals[row],
      contributions: contributionMatrix.subarray(row * cols, row * cols + cols),
      missing: missingCriteria(matrix, row),
    })),
  );
  const { oriented, skyline } = skylineFor(core);
  const entries: RankedAlternative[] = [];
  for (let position = start; position < end; position++) {
    const row = order[position];
    const entry: RankedAlternative = {
      id: ids[row],
      rank: ranks[position],
      score: totals[row],
      contributions: sortByContribution(
        contributionsOf(criteria, core.qualified[row], matrix, row, core.weights, contributionMatrix, core.criterionScores, core.topsisResult),
      ),
      explanation: explained[position - first],
      dominatedBy: dominatorsOfRow(oriented, cols, skyline, row)
        .sort((a, b) => core.positionOf[a] - core.positionOf[b])
        .map((dominator) => ids[dominator]),
      flags: flagsOf(criteria, matrix, row),
    };
    if (core.topsisResult) entry.distances = { ideal: core.topsisResult.distanceToIdeal[row], antiIdeal: core.topsisResult.distanceToAntiIdeal[row] };
    entries.push(entry);
  }
  return entries;
}
