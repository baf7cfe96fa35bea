import type { LocalizedText } from "./categories";

/**
 * Units of criterion values. Rates are fractions 0–1 (97% is 0.97) so that arithmetic never has to
 * guess whether a number is a percentage; the UI formats them as %.
 */
export const CRITERION_UNITS = ["rate", "count", "hours", "days", "yen", "score", "points", "ratio", "flag"] as const;
export type CriterionUnit = (typeof CRITERION_UNITS)[number];

export interface UnitRange {
  min: number;
  /** Absent: unbounded above. */
  max?: number;
  integer: boolean;
}

export const unitRanges: Record<CriterionUnit, UnitRange> = {
  rate: { min: 0, max: 1, integer: false },
  // Averages such as "1.5 revision rounds" are legitimate commitments, so counts need not be integers.
  count: { min: 0, integer: false },
  hours: { min: 0, integer: false },
  days: { min: 0, integer: false },
  // Money is integer minor units (JPY: 1 = ¥1).
  yen: { min: 0, integer: true },
  // Advisor ratings and quality scores use the familiar 5段階評価.
  score: { min: 0, max: 5, integer: false },
  // Evaluator ratings on a 0–100 scale (an RFQ criterion rated by evaluators may use either).
  points: { min: 0, max: 100, integer: false },
  // ROI as a ratio: 4 means 400%. Below -1 would mean losing more than the whole investment.
  ratio: { min: -1, integer: false },
  // Certification held (1) or not (0).
  flag: { min: 0, max: 1, integer: true },
};

export const unitLabels: Record<CriterionUnit, LocalizedText> = {
  rate: { ja: "率（%）", en: "Rate (%)" },
  count: { ja: "回数・件数", en: "Count" },
  hours: { ja: "時間", en: "Hours" },
  days: { ja: "日数", en: "Days" },
  yen: { ja: "円", en: "Yen" },
  score: { ja: "評点（0〜5）", en: "Score (0–5)" },
  points: { ja: "評点（0〜100）", en: "Points (0–100)" },
  ratio: { ja: "倍率（ROI）", en: "Ratio (ROI)" },
  flag: { ja: "有無", en: "Yes/no" },
};

export function isWithinUnitRange(unit: CriterionUnit, value: number): boolean {
  const range = unitRanges[unit];
  if (!Number.isFinite(value)) return false;
  if (range.integer && !Number.isInteger(value)) return false;
  if (value < range.min) return false;
  if (range.max !== undefined && value > range.max) return false;
  return true;
}
