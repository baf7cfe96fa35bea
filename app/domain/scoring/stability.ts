import { scoreAlternatives } from "./rank";
import { isClearlyGreater, rankByScore } from "./ranking-order";
import { closenessOf, squaredGaps } from "./topsis";
import type { Criterion, LocalizedText, RankingInput } from "./types";

// How far can one weight move before another quote is first? The buyer's question when a decision
// is written up (稟議): "would a different weighting have chosen someone else?". The robustness
// figure (robustness.ts) answers it statistically for all weights at once; this answers it exactly,
// one weight at a time, in words a buyer can check by hand.
//
// Changing criterion k's share to s renormalizes the others proportionally, as a buyer reads a
// weight table: w'_k = s and w'_j = w_j (1 − s)/(1 − w_k) for j ≠ k. The criterion scores (target,
// min–max or the TOPSIS vector-normalized matrix) do not depend on the weights, so:
//  - weighted sums: total_i(s) = s·S_ik + (1 − s)·R_ik with R_ik the others' weighted mean — linear in
//    s, so each challenger overtakes the winner at most once, at the root of a linear equation;
//  - TOPSIS: with t = s/((1 − s)/(1 − w_k)), d±² / ((1 − s)/(1 − w_k))² = t²·g±_ik + Σ_{j≠k} w_j² g±_ij,
//    and closeness_i > closeness_w ⇔ d⁻_i² d⁺_w² > d⁻_w² d⁺_i², a quadratic in x = t²: at most two
//    crossings, solved exactly (no search, no bisection).
// Between two consecutive crossings the order of a challenger and the winner cannot change, so each
// interval is judged once, at its midpoint, with the ranking's own tie tolerance.

export type FlipDirection = "down" | "up";

export interface WeightFlip {
  /** The criterion's key. */
  criterion: string;
  direction: FlipDirection;
  /** The criterion's share of the total weight now, 0–1. */
  weightShare: number;
  /**
   * The share (0–1) at which `newWinner` ties the winner: below it ("down") or above it ("up"), with
   * the other weights renormalized proportionally, `newWinner` is first.
   */
  thresholdWeightShare: number;
  /** |threshold − share| / share: the change as a fraction of the weight (0.1 = 10 % of its value). */
  relativeChange: number;
  newWinner: string;
}

export interface WinnerStability {
  /** The first-ranked alternative (the first by id when several tie); null when nothing is ranked. */
  winner: string | null;
  /** Alternatives tied with the winner for first. */
  tiedWith: string[];
  /**
   * At most one per criterion and direction, in criterion order ("down" before "up"): the smallest
   * change of that one weight that makes another alternative first. A criterion without weight
   * (gate-only) or holding all the weight has no flip: there are no other weights to renormalize.
   */
  flips: WeightFlip[];
  /** The flip with the smallest relative change (the first in `flips` on a tie); null when none. */
  nearest: WeightFlip | null;
  /**
   * The largest relative change r such that moving any single weight by up to ±r of its value keeps
   * the winner first: the nearest flip's relative change, 0 for a tie for first. Null when no single
   * weight change can make another alternative first, and when nothing is ranked.
   */
  stableWithin: number | null;
  /** The result in one or two sentences, ja and en, naming alternatives by id and criteria by label. */
  sentence: LocalizedText;
}

/** Past a crossing the alternatives must differ by more than the tie tolerance; this far inside decides ties. */
const NUDGE = 1e-6;

/**
 * The exact stability of the winner under single-weight changes. Pure and deterministic; throws
 * ScoringInputError like rankAlternatives when the input cannot be scored. O(alternatives × criteria).
 */
export function winnerStability(input: RankingInput): WinnerStability {
  const { criteria } = input;
  const { ids, totals, weights, matrix, criterionScores, topsisResult, benefit } = scoreAlternatives(input);
  const { rows, cols } = matrix;
  const { order, ranks } = rankByScore(totals, ids);
  if (order.length === 0) {
    return { winner: null, tiedWith: [], flips: [], nearest: null, stableWithin: null, sentence: describe(criteria, null, [], null, null, 0) };
  }
  const winner = order[0];
  const tiedWith = order.filter((row, position) => position > 0 && ranks[position] === 1).map((row) => ids[row]);

  // Per alternative and criterion, the two pieces each method's score is made of (see the top of the file).
  const model = topsisResult ? topsisModel(topsisResult.normalized, rows, cols, weights, benefit) : linearModel(criterionScores!, totals, cols);

  const flips: WeightFlip[] = [];
  for (let k = 0; k < cols; k++) {
    const w = weights[k];
    if (!(w > 0) || !(w < 1 - 1e-12)) continue;
    for (const direction of ["down", "up"] as const) {
      let best: { threshold: number; row: number } | null = null;
      for (let i = 0; i < rows; i++) {
        if (i === winner) continue;
        const ahead = (s: number) => isClearlyGreater(model.score(i, k, w, s), model.score(winner, k, w, s));
        const threshold = firstOvertake(w, model.crossings(i, winner, k, w), direction === "up", ahead);
        if (threshold === null) continue;
        const distance = Math.abs(threshold - w);
        if (best === null || distance < Math.abs(best.threshold - w) - 1e-12) best = { threshold, row: i };
        else if (Math.abs(distance - Math.abs(best.threshold - w)) <= 1e-12) {
          // Two overtake at the same point: the new first is the one ahead just past it, then the first by id.
          const s = best.threshold + (direction === "up" ? 1 - best.threshold : -best.threshold) * NUDGE;
          const mine = model.score(i, k, w, s);
          const theirs = model.score(best.row, k, w, s);
          if (isClearlyGreater(mine, theirs) || (!isClearlyGreater(theirs, mine) && ids[i] < ids[best.row])) best = { threshold: best.threshold, row: i };
        }
      }
      if (best) {
        flips.push({
          criterion: criteria[k].key,
          direction,
          weightShare: w,
          thresholdWeightShare: best.threshold,
          relativeChange: Math.abs(best.threshold - w) / w,
          newWinner: ids[best.row],
        });
      }
    }
  }
  let nearest: WeightFlip | null = null;
  for (const flip of flips) if (nearest === null || flip.relativeChange < nearest.relativeChange) nearest = flip;
  const stableWithin = tiedWith.length > 0 ? 0 : nearest ? nearest.relativeChange : null;
  return {
    winner: ids[winner],
    tiedWith,
    flips,
    nearest,
    stableWithin,
    sentence: describe(criteria, ids[winner], tiedWith, nearest, stableWithin, rows),
  };
}

/**
 * The input with criterion `key` at `share` (0–1) of the total weight and the other weights
 * renormalized proportionally — the change a flip describes, e.g. to re-rank on either side of it.
 */
export function withWeightShare(input: RankingInput, key: string, share: number): RankingInput {
  const total = input.criteria.reduce((sum, c) => sum + c.weight, 0);
  const own = input.criteria.find((c) => c.key === key)?.weight ?? 0;
  const rest = total - own;
  return {
    ...input,
    criteria: input.criteria.map((c) => ({ ...c, weight: c.key === key ? share : rest > 0 ? (c.weight / rest) * (1 - share) : 0 })),
  };
}

interface ScoreModel {
  /** The alternative's total (weighted sum) or closeness (TOPSIS) when criterion k's share is s. */
  score(i: number, k: number, w: number, s: number): number;
  /** The shares in (0, 1) where alternative i and the winner may swap places. */
  crossings(i: number, winner: number, k: number, w: number): number[];
}

function linearModel(scores: Float64Array, totals: Float64Array, cols: number): ScoreModel {
  // total_i(s) = s·S_ik + (1 − s)·R_ik, R_ik = (T_i − w_k S_ik)/(1 − w_k).
  const rest = (i: number, k: number, w: number) => (totals[i] - w * scores[i * cols + k]) / (1 - w);
  return {
    score: (i, k, w, s) => s * scores[i * cols + k] + (1 - s) * rest(i, k, w),
    crossings(i, winner, k, w) {
      const a = scores[i * cols + k] - scores[winner * cols + k];
      const b = rest(i, k, w) - rest(winner, k, w);
      // b + s(a − b) = 0
      return a === b ? [] : [b / (b - a)];
    },
  };
}

function topsisModel(normalized: Float64Array, rows: number, cols: number, weights: Float64Array, benefit: readonly boolean[]): ScoreModel {
  // Per alternative Σ_j w_j² × squared gap (to the ideal, to the anti-ideal), from which Σ_{j≠k} is one subtraction.
  const { toIdeal: gapPlus, toAntiIdeal: gapMinus } = squaredGaps(normalized, rows, cols, benefit);
  const sumPlus = new Float64Array(rows);
  const sumMinus = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      sumPlus[i] += weights[j] ** 2 * gapPlus[i * cols + j];
      sumMinus[i] += weights[j] ** 2 * gapMinus[i * cols + j];
    }
  }
  // In x = t²: d⁺² ∝ x·A + B and d⁻² ∝ x·C + D (the common factor ((1 − s)/(1 − w_k))² cancels).
  const parts = (i: number, k: number, w: number) => {
    const A = gapPlus[i * cols + k];
    const C = gapMinus[i * cols + k];
    return { A, B: sumPlus[i] - w * w * A, C, D: sumMinus[i] - w * w * C };
  };
  return {
    score(i, k, w, s) {
      const { A, B, C, D } = parts(i, k, w);
      const c = (1 - s) / (1 - w);
      return closenessOf(Math.sqrt(Math.max(0, s * s * A + c * c * B)), Math.sqrt(Math.max(0, s * s * C + c * c * D)));
    },
    crossings(i, winner, k, w) {
      const p = parts(i, k, w);
      const q = parts(winner, k, w);
      // f(x) = (xC_i + D_i)(xA_w + B_w) − (xC_w + D_w)(xA_i + B_i) = P x² + Q x + R
      const P = p.C * q.A - q.C * p.A;
      const Q = p.C * q.B + p.D * q.A - q.C * p.B - q.D * p.A;
      const R = p.D * q.B - q.D * p.B;
      return quadraticRoots(P, Q, R)
        .filter((x) => x > 0)
        .map((x) => {
          const t = Math.sqrt(x);
          return t / (1 - w + t);
        });
    },
  };
}

/** Real roots of P x² + Q x + R (every x when all three are 0 is reported as none: nothing ever changes). */
function quadraticRoots(P: number, Q: number, R: number): number[] {
  const scale = Math.max(Math.abs(P), Math.abs(Q), Math.abs(R));
  if (scale === 0) return [];
  if (Math.abs(P) <= 1e-14 * scale) return Math.abs(Q) <= 1e-14 * scale ? [] : [-R / Q];
  const discriminant = Q * Q - 4 * P * R;
  if (discriminant < 0) return [];
  const root = Math.sqrt(discriminant);
  // The numerically stable pair (no cancellation between −Q and the root).
  const u = -0.5 * (Q + (Q >= 0 ? root : -root));
  return u === 0 ? [0] : [u / P, R / u];
}

/**
 * Walks from the current share w toward 0 ("down") or 1 ("up") through the crossings and returns the
 * start of the first interval in which the challenger is clearly ahead, or null when it never is.
 */
function firstOvertake(w: number, crossings: number[], up: boolean, ahead: (s: number) => boolean): number | null {
  const end = up ? 1 : 0;
  const points = crossings.filter((r) => (up ? r > w && r < 1 : r < w && r > 0)).sort((x, y) => (up ? x - y : y - x));
  points.push(end);
  let start = w;
  for (const point of points) {
    if (point !== start && ahead((start + point) / 2)) return start;
    start = point;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Words

const percent = (share: number) => (Math.round(share * 1000) / 10).toFixed(1);

function describe(
  criteria: readonly Criterion[],
  winner: string | null,
  tiedWith: string[],
  nearest: WeightFlip | null,
  stableWithin: number | null,
  ranked: number,
): LocalizedText {
  if (winner === null) return { ja: "順位付けできる見積がありません。", en: "No quote can be ranked." };
  if (ranked === 1) {
    return {
      ja: `${winner} は条件を満たす唯一の見積のため、重みを変えても1位は変わりません。`,
      en: `${winner} is the only qualifying quote, so no weight change can alter the winner.`,
    };
  }
  if (tiedWith.length > 0) {
    const all = [winner, ...tiedWith];
    return {
      ja: `${all.join(" と ")} が同点で1位のため、重みをわずかに変えるだけで1位が決まります。`,
      en: `${all.slice(0, -1).join(", ")} and ${all[all.length - 1]} tie for first, so the slightest weight change decides the winner.`,
    };
  }
  if (nearest === null || stableWithin === null) {
    return {
      ja: `どの重みを1つだけどれだけ変えても、1位は ${winner} のままです。`,
      en: `${winner} stays first however much any single weight is changed.`,
    };
  }
  let headline: LocalizedText;
  if (stableWithin >= 1) {
    headline = {
      ja: `どの重みを1つだけ0にしても2倍にしても、1位は ${winner} のままです。`,
      en: `${winner} stays first even when any single weight is dropped to zero or doubled.`,
    };
  } else if (stableWithin >= 0.01) {
    const pct = Math.floor(stableWithin * 100 + 1e-9);
    headline = {
      ja: `±${pct}%のどの重み変更でも1位は変わりません（どの重みを1つだけ元の値の±${pct}%まで変えても ${winner} が1位です）。`,
      en: `The winner stays first under every ±${pct} % weight change (any single weight moved by up to ${pct} % of its value keeps ${winner} first).`,
    };
  } else {
    headline = {
      ja: `1つの重みを元の値の1%未満変えるだけで、1位が ${winner} から替わりえます。`,
      en: `Changing a single weight by less than 1 % of its value can make another quote first instead of ${winner}.`,
    };
  }
  return { ja: `${headline.ja}${flipSentence(criteria, nearest).ja}`, en: `${headline.en} ${flipSentence(criteria, nearest).en}` };
}

/** "falls below" is rounded down and "rises above" up (to 0.1 point), so the sentence stays true as printed. */
function flipSentence(criteria: readonly Criterion[], flip: WeightFlip): LocalizedText {
  const criterion = criteria.find((c) => c.key === flip.criterion)!;
  const ja = `「${criterion.label.ja}」`;
  const en = `"${criterion.label.en}"`;
  const now = percent(flip.weightShare);
  if (flip.direction === "down") {
    const shown = Math.floor(flip.thresholdWeightShare * 1000 + 1e-9) / 10;
    if (shown <= 0) {
      return {
        ja: `${ja}の重み（現在${now}%）を0にすると、1位が ${flip.newWinner} に替わります。`,
        en: `The winner changes to ${flip.newWinner} if the weight of ${en} (now ${now} %) is dropped to zero.`,
      };
    }
    return {
      ja: `${ja}の重み（現在${now}%）が${shown.toFixed(1)}%を下回ると、1位が ${flip.newWinner} に替わります。`,
      en: `The winner changes to ${flip.newWinner} if the weight of ${en} (now ${now} %) falls below ${shown.toFixed(1)} %.`,
    };
  }
  const shown = Math.ceil(flip.thresholdWeightShare * 1000 - 1e-9) / 10;
  if (shown >= 100) {
    return {
      ja: `${ja}だけで評価すると（現在の重み${now}%）、1位が ${flip.newWinner} に替わります。`,
      en: `The winner changes to ${flip.newWinner} if ${en} (now ${now} % of the weight) is the only criterion weighed.`,
    };
  }
  return {
    ja: `${ja}の重み（現在${now}%）が${shown.toFixed(1)}%を上回ると、1位が ${flip.newWinner} に替わります。`,
    en: `The winner changes to ${flip.newWinner} if the weight of ${en} (now ${now} %) rises above ${shown.toFixed(1)} %.`,
  };
}
