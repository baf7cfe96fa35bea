import { issue, ScoringInputError, type ScoringIssue } from "./errors";

/**
 * Krippendorff's alpha: how far evaluators agree beyond chance (issue 18 item 4). Pure; the comparison page, the
 * API and `npm run score -- agreement` use it.
 *
 * Built on the coincidence matrix as in K. Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011,
 * https://repository.upenn.edu/asc_papers/43): within each unit, every ordered pair of values from different
 * evaluators adds 1/(m_u − 1) to o(c,k); units with fewer than two values are not pairable and are ignored;
 * n = the pairable values, n_c = Σ_k o(c,k), and
 *   D_o = Σ o(c,k)·δ²(c,k) / n,   D_e = Σ n_c·n_k·δ²(c,k) / (n(n − 1)),   α = 1 − D_o / D_e.
 * δ² by level: nominal 0/1; interval (c − k)²; ordinal (Σ_{g between c and k} n_g − (n_c + n_k)/2)²; ratio
 * ((c − k)/(c + k))². With no variation at all (D_e = 0) alpha is undefined: `alpha` is null.
 */

export const AGREEMENT_LEVELS = ["nominal", "ordinal", "interval", "ratio"] as const;
export type AgreementLevel = (typeof AGREEMENT_LEVELS)[number];

/** evaluator → unit → value (null or absent: not rated). */
export type Ratings = Readonly<Record<string, Readonly<Record<string, number | null>>>>;

export interface AgreementInput {
  level: AgreementLevel;
  ratings: Ratings;
}

export interface Agreement {
  /** null when the values do not vary at all (no disagreement to expect). */
  alpha: number | null;
  level: AgreementLevel;
  /** Units with two values or more. */
  units: number;
  pairableValues: number;
  observedDisagreement: number;
  expectedDisagreement: number;
}

function deltaSquared(level: AgreementLevel, c: number, k: number, marginal: ReadonlyMap<number, number>, sorted: readonly number[]): number {
  if (c === k) return 0;
  switch (level) {
    case "nominal":
      return 1;
    case "interval":
      return (c - k) ** 2;
    case "ratio":
      return ((c - k) / (c + k)) ** 2;
    case "ordinal": {
      const [lo, hi] = c < k ? [c, k] : [k, c];
      let sum = 0;
      for (const g of sorted) if (g >= lo && g <= hi) sum += marginal.get(g)!;
      return (sum - (marginal.get(c)! + marginal.get(k)!) / 2) ** 2;
    }
  }
}

/** Krippendorff's alpha of the ratings at the given level of measurement. */
export function krippendorffAlpha({ level, ratings }: AgreementInput): Agreement {
  const byUnit = new Map<string, number[]>();
  for (const values of Object.values(ratings)) {
    for (const [unit, value] of Object.entries(values)) {
      if (value === null || value === undefined) continue;
      const list = byUnit.get(unit) ?? [];
      list.push(value);
      byUnit.set(unit, list);
    }
  }
  const pairable = [...byUnit.values()].filter((values) => values.length >= 2);
  // o(c,k) as a map keyed "c|k", and the marginals n_c.
  const coincidence = new Map<string, number>();
  const marginal = new Map<number, number>();
  for (const values of pairable) {
    const m = values.length;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < m; j++) {
        if (i === j) continue;
        const key = `${values[i]}|${values[j]}`;
        coincidence.set(key, (coincidence.get(key) ?? 0) + 1 / (m - 1));
      }
      marginal.set(values[i]!, (marginal.get(values[i]!) ?? 0) + 1);
    }
  }
  const n = pairable.reduce((sum, values) => sum + values.length, 0);
  const categories = [...marginal.keys()].sort((a, b) => a - b);
  let observed = 0;
  for (const [key, o] of coincidence) {
    const [c, k] = key.split("|").map(Number) as [number, number];
    observed += o * deltaSquared(level, c, k, marginal, categories);
  }
  let expected = 0;
  for (const c of categories) for (const k of categories) expected += marginal.get(c)! * marginal.get(k)! * deltaSquared(level, c, k, marginal, categories);
  const observedDisagreement = n > 0 ? observed / n : 0;
  const expectedDisagreement = n > 1 ? expected / (n * (n - 1)) : 0;
  return {
    alpha: expectedDisagreement > 0 ? 1 - observedDisagreement / expectedDisagreement : null,
    level,
    units: pairable.length,
    pairableValues: n,
    observedDisagreement,
    expectedDisagreement,
  };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Checks the CLI's and the API's input, naming every wrong field (en/ja), as the rest of the scoring module does. */
export function parseAgreementInput(data: unknown): AgreementInput {
  const issues: ScoringIssue[] = [];
  if (!isRecord(data))
    throw new ScoringInputError([issue("invalid-type", "(input)", "The input must be a JSON object.", "入力は JSON オブジェクトで指定してください。")]);
  const level = data.level;
  if (typeof level !== "string" || !(AGREEMENT_LEVELS as readonly string[]).includes(level)) {
    issues.push(
      issue(
        "invalid-value",
        "level",
        `level must be one of ${AGREEMENT_LEVELS.join(", ")} (got ${JSON.stringify(level ?? null)}).`,
        `level は ${AGREEMENT_LEVELS.join("、")} のいずれかで指定してください（指定値: ${JSON.stringify(level ?? null)}）。`,
      ),
    );
  }
  const ratings = data.ratings;
  if (!isRecord(ratings)) {
    issues.push(
      issue(
        "required",
        "ratings",
        "ratings must be an object: evaluator → unit → number or null.",
        "ratings は「評価者 → 単位 → 数値または null」のオブジェクトで指定してください。",
      ),
    );
  } else {
    for (const [evaluator, values] of Object.entries(ratings)) {
      if (!isRecord(values)) {
        issues.push(
          issue(
            "invalid-type",
            `ratings.${evaluator}`,
            `ratings.${evaluator} must be an object of unit → number or null.`,
            `ratings.${evaluator} は「単位 → 数値または null」のオブジェクトで指定してください。`,
          ),
        );
        continue;
      }
      for (const [unit, value] of Object.entries(values)) {
        const path = `ratings.${evaluator}.${unit}`;
        if (value === null) continue;
        if (typeof value !== "number" || !Number.isFinite(value)) {
          issues.push(
            issue(
              "not-a-number",
              path,
              `${path} must be a number or null (got ${JSON.stringify(value)}).`,
              `${path} は数値または null で指定してください（指定値: ${JSON.stringify(value)}）。`,
            ),
          );
        } else if (level === "ratio" && value < 0) {
          issues.push(issue("invalid-value", path, `${path} must not be negative at the ratio level.`, `${path} は比率尺度では負の値にできません。`));
        }
      }
    }
  }
  if (issues.length > 0) throw new ScoringInputError(issues);
  return { level: level as AgreementLevel, ratings: ratings as Ratings };
}
