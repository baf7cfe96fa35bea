// The data the scoring module takes and gives back. Plain JSON-compatible shapes, so the
// same objects travel from a route loader, the CLI or a test without conversion.

export const METHODS = ["weighted-sum-target", "weighted-sum-minmax", "topsis"] as const;
export type Method = (typeof METHODS)[number];

export const PERSPECTIVES = ["financial", "customer", "internalProcess", "learningGrowth"] as const;
export type Perspective = (typeof PERSPECTIVES)[number];

export const DIRECTIONS = ["benefit", "cost"] as const;
/** `benefit`: higher is better. `cost`: lower is better. */
export type Direction = (typeof DIRECTIONS)[number];

/**
 * How a criterion's values are read.
 * - `number`: a plain number in the criterion's own unit (yen, hours, days, …).
 * - `rate`: a proportion in 0–1 (0.97 means 97 %). Only rates can carry evidence, because the
 *   Beta shrinkage that checks a claim against a track record is defined on proportions.
 * - `boolean`: true/false, e.g. "holds ISMS"; true is better and counts as 1, false as 0.
 */
export const CRITERION_KINDS = ["number", "rate", "boolean"] as const;
export type CriterionKind = (typeof CRITERION_KINDS)[number];

export interface LocalizedText {
  ja: string;
  en: string;
}

/**
 * A hard requirement. `min`/`max` bound a number or rate (inclusive, and both may be given for a
 * range); `required` demands `true` from a boolean criterion (a mandatory certification).
 */
export type Gate = { min?: number; max?: number } | { required: true };

/** The value that earns 0 and the value that earns 100 on the target scale. */
export interface TargetScale {
  worst: number;
  best: number;
}

export interface Criterion {
  key: string;
  label: LocalizedText;
  perspective: Perspective;
  direction: Direction;
  /** Any non-negative number; weights are normalized to sum to 1. Zero only for a gate-only criterion. */
  weight: number;
  /** Defaults to `number`. */
  kind?: CriterionKind;
  gate?: Gate;
  /**
   * The reason a failed gate gives, in place of the generated sentence (which states the value and the bound).
   * For a gate whose bound must not be repeated, e.g. a public buyer's 予定価格: "予定価格超過".
   */
  gateMessage?: LocalizedText;
  scale?: TargetScale;
  /** Prior strength k of the credibility shrinkage for a rate criterion; defaults to 10. */
  priorStrength?: number;
}

/** A missing value is `null` or an absent key. */
export type CriterionValue = number | boolean | null;

/** A vendor's track record on one rate criterion, e.g. 47 on-time deliveries out of 50. */
export interface Evidence {
  successes: number;
  trials: number;
}

export interface Alternative {
  id: string;
  values: Record<string, CriterionValue | undefined>;
  /** Keyed by criterion key; only rate criteria accept evidence. */
  evidence?: Record<string, Evidence | undefined>;
}

export interface RobustnessOptions {
  /** Number of weight perturbations; defaults to 1,000. */
  samples?: number;
  /** p in "each weight × uniform[1 − p, 1 + p]"; defaults to 0.2. */
  perturbation?: number;
  /** Seed of the pseudo-random generator; defaults to 42. The same seed always gives the same result. */
  seed?: number;
}

export interface RankingInput {
  method: Method;
  criteria: Criterion[];
  alternatives: Alternative[];
  robustness?: RobustnessOptions;
}

// ---------------------------------------------------------------------------------------------
// Output

export interface CredibilityDetail {
  /** The value the vendor committed to. */
  claim: number;
  /** The claim shrunk toward the evidence; this is what the score uses. */
  effective: number;
  evidence: Evidence | null;
  priorStrength: number;
  /** False when there is no track record to check the claim against. */
  verified: boolean;
}

export interface Contribution {
  criterion: string;
  /** The normalized weight (weights sum to 1). */
  weight: number;
  /** The value as given (the claim, for a rate criterion); null when missing. */
  value: CriterionValue;
  /**
   * The number the method actually used: the effective value for a rate with evidence, 1/0 for a
   * boolean, and the imputed worst value when the value is missing (null if nothing could be imputed).
   */
  scoredValue: number | null;
  imputed: boolean;
  /** Weighted sums: the criterion score on 0–100. */
  score?: number;
  /** TOPSIS: x / √Σx² over the ranked alternatives. */
  normalized?: number;
  /** TOPSIS: weight × normalized. */
  weighted?: number;
  /** TOPSIS: the ideal and anti-ideal weighted values of this criterion. */
  ideal?: number;
  antiIdeal?: number;
  credibility?: CredibilityDetail;
  /**
   * What this criterion adds to the alternative's standing, the key the list is sorted by
   * (largest first). Weighted sums: weight × score, in points of the 0–100 total. TOPSIS: the
   * distance from the anti-ideal on this criterion, |weighted − antiIdeal|.
   */
  contribution: number;
}

export type FlagCode = "missing-value" | "unverified" | "evidence-below-gate";

export interface Flag {
  code: FlagCode;
  criterion: string;
}

export interface RankedAlternative {
  id: string;
  /** Competition ranking: tied alternatives share a rank and the next rank is skipped (1, 1, 3). */
  rank: number;
  /** 0–100 for the weighted sums; closeness in 0–1 for TOPSIS. Not rounded. */
  score: number;
  contributions: Contribution[];
  explanation: LocalizedText;
  /** Ids of ranked alternatives at least as good on every criterion and better on one. */
  dominatedBy: string[];
  flags: Flag[];
  /** TOPSIS only: Euclidean distances to the ideal (d⁺) and the anti-ideal (d⁻). */
  distances?: { ideal: number; antiIdeal: number };
}

export type GateFailureCode = "below-min" | "above-max" | "required" | "missing";

export interface GateFailure {
  criterion: string;
  code: GateFailureCode;
  value: CriterionValue;
  message: LocalizedText;
}

export interface DisqualifiedAlternative {
  id: string;
  reasons: GateFailure[];
}

export interface RobustnessResult {
  /** The first-ranked alternative (the first by id when several tie); null when nothing is ranked. */
  winner: string | null;
  /** Share of weight perturbations in which the winner stays first (ties count as first). */
  stability: number | null;
}

export interface RankingResult {
  method: Method;
  ranking: RankedAlternative[];
  disqualified: DisqualifiedAlternative[];
  robustness: RobustnessResult;
}
