import { issue, throwIfAny, type ScoringIssue } from "./errors";

/** Saaty's random consistency index for n = 1…10 (Saaty 1980). */
export const RANDOM_INDEX = [0, 0, 0.58, 0.9, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49] as const;
/** Saaty's rule of thumb: judgements with CR above 10 % should be revisited. */
export const CONSISTENCY_THRESHOLD = 0.1;
/**
 * JSON cannot hold 1/3, so people type 0.33 or 0.14 (for 1/7). A pair counts as reciprocal when
 * a_ij × a_ji is within 5 % of 1: two-decimal rounding is at most 4 % off (0.13 for 1/8), while
 * neighbouring judgements on Saaty's 1–9 scale differ by at least 12.5 % (8 vs 9), so a real
 * mistake is never waved through. The entry ≥ 1 (the actual judgement) is then taken as given
 * and its mirror recomputed exactly, so the rounding never leaks into the weights.
 */
export const RECIPROCAL_TOLERANCE = 0.05;
const CONVERGENCE = 1e-12;
const MAX_ITERATIONS = 100_000;

export interface AhpResult {
  /** Principal eigenvector, summing to 1, in matrix order. */
  weights: number[];
  lambdaMax: number;
  consistencyIndex: number;
  consistencyRatio: number;
  consistent: boolean;
}

const round4 = (value: number) => String(Number(value.toFixed(4)));

/** Everything wrong with a pairwise comparison matrix, each problem naming its cell. */
export function checkPairwiseMatrix(matrix: readonly (readonly number[])[]): ScoringIssue[] {
  const n = matrix.length;
  if (n === 0) return [issue("matrix-not-square", "matrix", "matrix must have at least one row.", "matrix には 1 行以上が必要です。")];
  if (n > RANDOM_INDEX.length) {
    return [
      issue(
        "matrix-too-large",
        "matrix",
        `matrix is ${n} × ${n}; AHP here supports at most ${RANDOM_INDEX.length} criteria (Saaty's random index is tabulated up to n = ${RANDOM_INDEX.length}). Group criteria into a hierarchy instead.`,
        `matrix が ${n} × ${n} です。AHP で比較できる評価基準は ${RANDOM_INDEX.length} 個までです（Saaty の整合性指標は n = ${RANDOM_INDEX.length} まで）。評価基準を階層に分けてください。`,
      ),
    ];
  }
  const issues: ScoringIssue[] = [];
  matrix.forEach((row, i) => {
    if (row.length !== n) {
      issues.push(
        issue(
          "matrix-not-square",
          `matrix[${i}]`,
          `matrix[${i}] has ${row.length} entries; a ${n} × ${n} matrix needs ${n} in every row.`,
          `matrix[${i}] の要素数が ${row.length} です。${n} × ${n} の行列では各行に ${n} 個必要です。`,
        ),
      );
    }
  });
  if (issues.length > 0) return issues;

  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const value = matrix[i][j];
      if (!(Number.isFinite(value) && value > 0)) {
        issues.push(
          issue(
            "matrix-not-positive",
            `matrix[${i}][${j}]`,
            `matrix[${i}][${j}] must be a positive number (got ${value}).`,
            `matrix[${i}][${j}] は正の数で指定してください（指定値: ${value}）。`,
          ),
        );
      }
    }
  }
  if (issues.length > 0) return issues;

  for (let i = 0; i < n; i++) {
    if (Math.abs(matrix[i][i] - 1) > 1e-9) {
      issues.push(
        issue(
          "matrix-diagonal",
          `matrix[${i}][${i}]`,
          `matrix[${i}][${i}] must be 1: a criterion compared with itself (got ${matrix[i][i]}).`,
          `matrix[${i}][${i}] は 1 にしてください（同じ評価基準どうしの比較です。指定値: ${matrix[i][i]}）。`,
        ),
      );
    }
    for (let j = i + 1; j < n; j++) {
      if (Math.abs(matrix[i][j] * matrix[j][i] - 1) > RECIPROCAL_TOLERANCE) {
        issues.push(
          issue(
            "matrix-not-reciprocal",
            `matrix[${j}][${i}]`,
            `matrix[${j}][${i}] must be the reciprocal of matrix[${i}][${j}] (expected ${round4(1 / matrix[i][j])}, got ${matrix[j][i]}).`,
            `matrix[${j}][${i}] は matrix[${i}][${j}] の逆数にしてください（期待値: ${round4(1 / matrix[i][j])}、指定値: ${matrix[j][i]}）。`,
          ),
        );
      }
    }
  }
  return issues;
}

/** Exactly reciprocal copy: for each pair the judgement ≥ 1 wins and its mirror is 1 / judgement. */
function reciprocalCopy(matrix: readonly (readonly number[])[]): number[][] {
  const n = matrix.length;
  const copy = Array.from({ length: n }, () => new Array<number>(n).fill(1));
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const judgement = matrix[i][j] >= matrix[j][i] ? matrix[i][j] : 1 / matrix[j][i];
      copy[i][j] = judgement;
      copy[j][i] = 1 / judgement;
    }
  }
  return copy;
}

/**
 * AHP priorities from a reciprocal pairwise comparison matrix (a_ij = how much more important i is
 * than j): the principal eigenvector by power iteration until no weight moves by 1e-12, λmax,
 * CI = (λmax − n)/(n − 1) and CR = CI / RI. Throws ScoringInputError naming the offending cell.
 */
export function ahpWeights(matrix: readonly (readonly number[])[]): AhpResult {
  throwIfAny(checkPairwiseMatrix(matrix));
  const a = reciprocalCopy(matrix);
  const n = a.length;
  let weights: number[] = new Array<number>(n).fill(1 / n);
  let lambdaMax = n;
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    const product = a.map((row) => row.reduce((sum, value, j) => sum + value * weights[j], 0));
    // With weights summing to 1, the sum of A·w is the Rayleigh-style estimate of λmax.
    lambdaMax = product.reduce((sum, value) => sum + value, 0);
    const next = product.map((value) => value / lambdaMax);
    const change = Math.max(...next.map((value, i) => Math.abs(value - weights[i])));
    weights = next;
    if (change < CONVERGENCE) break;
  }
  // λmax ≥ n for any positive reciprocal matrix; tiny negatives are rounding, not inconsistency.
  const consistencyIndex = n > 1 ? Math.max(0, (lambdaMax - n) / (n - 1)) : 0;
  const randomIndex = RANDOM_INDEX[n - 1];
  // For n ≤ 2 a reciprocal matrix is always consistent and RI is 0: CR is 0 by definition.
  const consistencyRatio = randomIndex > 0 ? consistencyIndex / randomIndex : 0;
  return { weights, lambdaMax, consistencyIndex, consistencyRatio, consistent: consistencyRatio <= CONSISTENCY_THRESHOLD };
}

export interface AhpCriteriaResult extends Omit<AhpResult, "weights"> {
  weights: Record<string, number>;
}

/** The CLI's `ahp` shape: weights keyed by criterion name. */
export function ahpWeightsFor(criteria: readonly string[], matrix: readonly (readonly number[])[]): AhpCriteriaResult {
  const issues: ScoringIssue[] = [];
  if (criteria.length !== matrix.length) {
    issues.push(
      issue(
        "criteria-mismatch",
        "criteria",
        `criteria lists ${criteria.length} names but matrix has ${matrix.length} rows.`,
        `criteria の名前は ${criteria.length} 個ですが、matrix は ${matrix.length} 行です。`,
      ),
    );
  }
  const seen = new Set<string>();
  criteria.forEach((name, index) => {
    if (name.trim() === "")
      issues.push(issue("required", `criteria[${index}]`, `criteria[${index}] must not be empty.`, `criteria[${index}] は空にできません。`));
    else if (seen.has(name))
      issues.push(
        issue(
          "duplicate",
          `criteria[${index}]`,
          `criteria[${index}] repeats the name ${JSON.stringify(name)}.`,
          `criteria[${index}] の名前 ${JSON.stringify(name)} が重複しています。`,
        ),
      );
    seen.add(name);
  });
  throwIfAny([...issues, ...checkPairwiseMatrix(matrix)]);
  const result = ahpWeights(matrix);
  return { ...result, weights: Object.fromEntries(criteria.map((name, i) => [name, result.weights[i]])) };
}
