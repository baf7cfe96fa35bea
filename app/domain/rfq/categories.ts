/**
 * The closed vocabularies of an RFQ. Each list is a `const` tuple so zod enums and TypeScript
 * unions come from one place, and each has ja/en labels because every screen is bilingual.
 */

export interface LocalizedText {
  ja: string;
  en: string;
}

export const RFQ_CATEGORIES = [
  "accounting",
  "hr_payroll",
  "general_affairs",
  "it_helpdesk",
  "contact_center",
  "data_entry",
  "municipal",
  "creative",
  "software_development",
  "marketing",
  "support_operations",
] as const;
export type RfqCategory = (typeof RFQ_CATEGORIES)[number];

export const rfqCategoryLabels: Record<RfqCategory, LocalizedText> = {
  accounting: { ja: "経理", en: "Accounting" },
  hr_payroll: { ja: "人事・労務", en: "HR and payroll" },
  general_affairs: { ja: "総務", en: "General affairs" },
  it_helpdesk: { ja: "情報システム", en: "IT helpdesk" },
  contact_center: { ja: "コールセンター", en: "Contact centre" },
  data_entry: { ja: "データ入力", en: "Data entry" },
  municipal: { ja: "行政事務", en: "Municipal processing" },
  creative: { ja: "クリエイティブ", en: "Creative" },
  software_development: { ja: "システム開発", en: "Software development" },
  marketing: { ja: "マーケティング・広告", en: "Marketing and advertising" },
  support_operations: { ja: "サポート・運用", en: "Support and operations" },
};

/** Project phase (seed 003: 初期・改善期・拡大期); it shifts the suggested KPI weights. */
export const RFQ_PHASES = ["launch", "improvement", "expansion"] as const;
export type RfqPhase = (typeof RFQ_PHASES)[number];

export const rfqPhaseLabels: Record<RfqPhase, LocalizedText> = {
  launch: { ja: "立ち上げ期", en: "Launch" },
  improvement: { ja: "改善期", en: "Improvement" },
  expansion: { ja: "拡大期", en: "Expansion" },
};

/** Data handled by the vendor; it implies which certifications are required (seed 002). */
export const DATA_SENSITIVITIES = ["none", "personal", "my_number_bank"] as const;
export type DataSensitivity = (typeof DATA_SENSITIVITIES)[number];

export const dataSensitivityLabels: Record<DataSensitivity, LocalizedText> = {
  none: { ja: "個人情報なし", en: "No personal data" },
  personal: { ja: "個人情報あり", en: "Personal data" },
  my_number_bank: { ja: "マイナンバー・口座情報あり", en: "My Number or bank account data" },
};

/**
 * How a line item repeats over the contract term (see quote/amounts.ts for the arithmetic).
 * `monthly` and `per_unit` are paid every month; `quarterly`, `half_yearly` and `yearly` once per period
 * (賞与 twice a year is `half_yearly`, 年末調整 is `yearly`); `times_over_term` a number of times the
 * buyer states on the line (`occurrences`); `one_off` once.
 */
export const RECURRENCES = ["one_off", "monthly", "per_unit", "quarterly", "half_yearly", "yearly", "times_over_term"] as const;
export type Recurrence = (typeof RECURRENCES)[number];

export const recurrenceLabels: Record<Recurrence, LocalizedText> = {
  one_off: { ja: "一時（初回のみ）", en: "One-off" },
  monthly: { ja: "月額", en: "Monthly" },
  per_unit: { ja: "従量（件数×単価、月間数量）", en: "Per unit (monthly quantity)" },
  quarterly: { ja: "四半期ごと（年4回）", en: "Quarterly (4 times a year)" },
  half_yearly: { ja: "半年ごと（年2回）", en: "Half-yearly (twice a year)" },
  yearly: { ja: "年1回", en: "Yearly (once a year)" },
  times_over_term: { ja: "契約期間中n回（回数を入力）", en: "n times over the term (enter n)" },
};

/** Months between two occurrences of a periodic line. */
export const RECURRENCE_PERIOD_MONTHS: Partial<Record<Recurrence, number>> = { quarterly: 3, half_yearly: 6, yearly: 12 };

/**
 * A line's recurrence in words, for pages and exports (never the code). With the number of occurrences a
 * "times over the term" line reads "契約期間中6回" / "6 times over the term"; an unknown code comes back as is.
 */
export function recurrenceLabel(recurrence: string, locale: "ja" | "en", occurrences?: number): string {
  if (recurrence === "times_over_term" && occurrences !== undefined) {
    return locale === "ja" ? `契約期間中${occurrences}回` : `${occurrences} ${occurrences === 1 ? "time" : "times"} over the term`;
  }
  return (recurrenceLabels as Record<string, LocalizedText>)[recurrence]?.[locale] ?? recurrence;
}

/** Built-in certification types. Admin-added types use the `custom:` prefix (see schema.ts). */
export const CERTIFICATION_TYPES = ["isms_iso27001", "privacy_mark", "iso9001", "iso27701", "soc2_type2"] as const;
export type BuiltInCertificationType = (typeof CERTIFICATION_TYPES)[number];
/** `custom:<slug>` keeps typos in built-in keys an error while leaving room for admin-added types. */
export type CertificationType = BuiltInCertificationType | `custom:${string}`;

export const certificationTypeLabels: Record<BuiltInCertificationType, LocalizedText> = {
  isms_iso27001: { ja: "ISMS（ISO/IEC 27001）", en: "ISMS (ISO/IEC 27001)" },
  privacy_mark: { ja: "プライバシーマーク", en: "Privacy Mark" },
  iso9001: { ja: "ISO 9001（QMS）", en: "ISO 9001 (QMS)" },
  iso27701: { ja: "ISO/IEC 27701（PIMS）", en: "ISO/IEC 27701 (PIMS)" },
  soc2_type2: { ja: "SOC 2 Type II", en: "SOC 2 Type II" },
};

export const CERTIFICATION_LEVELS = ["mandatory", "preferred"] as const;
export type CertificationLevel = (typeof CERTIFICATION_LEVELS)[number];

export const certificationLevelLabels: Record<CertificationLevel, LocalizedText> = {
  mandatory: { ja: "必須", en: "Mandatory" },
  preferred: { ja: "推奨（加点）", en: "Preferred" },
};

/** Balanced-Scorecard perspectives, the same strings the scoring module uses. */
export const PERSPECTIVES = ["financial", "customer", "internalProcess", "learningGrowth"] as const;
export type Perspective = (typeof PERSPECTIVES)[number];

export const perspectiveLabels: Record<Perspective, LocalizedText> = {
  financial: { ja: "財務の視点", en: "Financial" },
  customer: { ja: "顧客の視点", en: "Customer" },
  internalProcess: { ja: "業務プロセスの視点", en: "Internal process" },
  learningGrowth: { ja: "学習と成長の視点", en: "Learning and growth" },
};

export const DIRECTIONS = ["benefit", "cost"] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const directionLabels: Record<Direction, LocalizedText> = {
  benefit: { ja: "高いほど良い", en: "Higher is better" },
  cost: { ja: "低いほど良い", en: "Lower is better" },
};

/** Where a criterion's value comes from. "price" means a figure of the quote itself (TCO, ROI, lead time). */
export const CRITERION_SOURCES = ["price", "kpi_commitment", "track_record", "certification", "advisor_rating"] as const;
export type CriterionSource = (typeof CRITERION_SOURCES)[number];

export const criterionSourceLabels: Record<CriterionSource, LocalizedText> = {
  price: { ja: "見積金額・条件", en: "Quote figures" },
  kpi_commitment: { ja: "KPIコミットメント", en: "KPI commitment" },
  track_record: { ja: "実績", en: "Track record" },
  certification: { ja: "認証", en: "Certification" },
  advisor_rating: { ja: "評価者による評価", en: "Evaluator rating" },
};

export const SCORING_METHODS = ["weighted-sum-target", "weighted-sum-minmax", "topsis"] as const;
export type ScoringMethod = (typeof SCORING_METHODS)[number];

export const scoringMethodLabels: Record<ScoringMethod, LocalizedText> = {
  "weighted-sum-target": { ja: "加重和（目標スケール・絶対評価）", en: "Weighted sum on target scales (absolute)" },
  "weighted-sum-minmax": { ja: "加重和（最小・最大・相対評価）", en: "Weighted sum on min–max scales (relative)" },
  topsis: { ja: "TOPSIS（理想解との距離）", en: "TOPSIS (distance to the ideal)" },
};

export const RFQ_VISIBILITIES = ["invited", "marketplace"] as const;
export type RfqVisibility = (typeof RFQ_VISIBILITIES)[number];

export const rfqVisibilityLabels: Record<RfqVisibility, LocalizedText> = {
  invited: { ja: "指名（招待したベンダーのみ）", en: "Invited vendors only" },
  marketplace: { ja: "マーケットプレイスに公開", en: "Open to the marketplace" },
};
