import type { BuiltInCertificationType, DataSensitivity, LocalizedText, Perspective, Direction, CriterionSource, RfqCategory, RfqPhase } from "./categories";
import type { CriterionUnit } from "./units";
import type { Criterion, RequiredCertification } from "./schema";

/**
 * Suggested evaluation criteria by category and phase, drawn from the seed articles:
 * 003 (KPI examples by work type and by phase, Balanced Scorecard, ROI), 001 (SLA: accuracy 99.9%,
 * answer rate 95%), 002 (municipal volumes, similar track record, Privacy Mark / ISMS).
 * Scales and targets are starting points the buyer edits, not benchmarks.
 */

/** What a KPI is about; the phase multiplies the weight of some aspects (seed 003: 初期・改善期・拡大期). */
export type KpiAspect = "timeliness" | "speed" | "quality" | "revision" | "roi" | "satisfaction" | "cost" | "growth" | "compliance";

export interface KpiTemplate {
  key: string;
  label: LocalizedText;
  perspective: Perspective;
  direction: Direction;
  source: CriterionSource;
  unit: CriterionUnit;
  aspect: KpiAspect;
  /** Relative weight before the phase adjustment; final weights are rescaled to points summing to 100. */
  baseWeight: number;
  scale?: { worst: number; best: number };
  target?: number;
  gate?: Criterion["gate"];
}

export const PHASE_WEIGHT_MULTIPLIERS: Record<RfqPhase, Partial<Record<KpiAspect, number>>> = {
  launch: { timeliness: 2, speed: 2 },
  improvement: { quality: 2, revision: 2 },
  expansion: { roi: 2, satisfaction: 2 },
};

const kpi = (template: KpiTemplate) => template;

export const KPI_CATALOG = {
  tco: kpi({
    key: "tco",
    label: { ja: "総保有コスト（TCO・税抜）", en: "Total cost of ownership (TCO, excl. tax)" },
    perspective: "financial",
    direction: "cost",
    source: "price",
    unit: "yen",
    aspect: "cost",
    baseWeight: 30,
    // No suggested scale: what earns full marks depends on this RFQ's size; the buyer sets it (e.g. from the budget).
  }),
  roi: kpi({
    key: "roi",
    label: { ja: "ROI（社内コスト比）", en: "ROI against the in-house cost" },
    perspective: "financial",
    direction: "benefit",
    source: "price",
    unit: "ratio",
    aspect: "roi",
    baseWeight: 10,
    scale: { worst: 0, best: 1 },
    target: 0.3,
  }),
  lead_time_days: kpi({
    key: "lead_time_days",
    label: { ja: "稼働開始までの日数", en: "Days until operation starts" },
    perspective: "internalProcess",
    direction: "cost",
    source: "price",
    unit: "days",
    aspect: "speed",
    baseWeight: 5,
    scale: { worst: 90, best: 14 },
    target: 30,
  }),
  on_time_rate: kpi({
    key: "on_time_rate",
    label: { ja: "納期遵守率", en: "On-time delivery rate" },
    perspective: "internalProcess",
    direction: "benefit",
    source: "kpi_commitment",
    unit: "rate",
    aspect: "timeliness",
    baseWeight: 15,
    scale: { worst: 0.8, best: 1 },
    target: 0.95,
  }),
  revision_rounds: kpi({
    key: "revision_rounds",
    label: { ja: "修正回数（1成果物あたり平均）", en: "Revision rounds per deliverable" },
    perspective: "internalProcess",
    direction: "cost",
    source: "kpi_commitment",
    unit: "count",
    aspect: "revision",
    baseWeight: 10,
    scale: { worst: 5, best: 0 },
    target: 2,
  }),
  deliverable_quality: kpi({
    key: "deliverable_quality",
    label: { ja: "成果物の品質評価", en: "Quality of deliverables" },
    perspective: "customer",
    direction: "benefit",
    source: "advisor_rating",
    unit: "score",
    aspect: "quality",
    baseWeight: 10,
    scale: { worst: 0, best: 5 },
    target: 4,
  }),
  defect_rate: kpi({
    key: "defect_rate",
    label: { ja: "バグ発生率（納品後）", en: "Defect rate after delivery" },
    perspective: "internalProcess",
    direction: "cost",
    source: "kpi_commitment",
    unit: "rate",
    aspect: "quality",
    baseWeight: 15,
    scale: { worst: 0.1, best: 0 },
    target: 0.02,
  }),
  schedule_adherence: kpi({
    key: "schedule_adherence",
    label: { ja: "リリースまでの工期遵守率", en: "Schedule adherence to release" },
    perspective: "internalProcess",
    direction: "benefit",
    source: "kpi_commitment",
    unit: "rate",
    aspect: "timeliness",
    baseWeight: 15,
    scale: { worst: 0.8, best: 1 },
    target: 0.95,
  }),
  user_satisfaction: kpi({
    key: "user_satisfaction",
    label: { ja: "ユーザー満足度", en: "User satisfaction" },
    perspective: "customer",
    direction: "benefit",
    source: "kpi_commitment",
    unit: "rate",
    aspect: "satisfaction",
    baseWeight: 10,
    scale: { worst: 0.5, best: 1 },
    target: 0.85,
  }),
  change_response_days: kpi({
    key: "change_response_days",
    label: { ja: "仕様変更対応までの平均日数", en: "Average days to handle a change request" },
    perspective: "internalProcess",
    direction: "cost",
    source: "kpi_commitment",
    unit: "days",
    aspect: "speed",
    baseWeight: 5,
    scale: { worst: 10, best: 1 },
    target: 3,
  }),
  cpa: kpi({
    key: "cpa",
    label: { ja: "CPA（顧客獲得単価）", en: "CPA (cost per acquisition)" },
    perspective: "financial",
    direction: "cost",
    source: "kpi_commitment",
    unit: "yen",
    aspect: "roi",
    baseWeight: 15,
    scale: { worst: 20_000, best: 3_000 },
    target: 8_000,
  }),
  ctr: kpi({
    key: "ctr",
    label: { ja: "CTR（クリック率）", en: "CTR (click-through rate)" },
    perspective: "customer",
    direction: "benefit",
    source: "kpi_commitment",
    unit: "rate",
    aspect: "quality",
    baseWeight: 10,
    scale: { worst: 0.005, best: 0.05 },
    target: 0.02,
  }),
  cvr: kpi({
    key: "cvr",
    label: { ja: "CVR（コンバージョン率）", en: "CVR (conversion rate)" },
    perspective: "customer",
    direction: "benefit",
    source: "kpi_commitment",
    unit: "rate",
    aspect: "quality",
    baseWeight: 10,
    scale: { worst: 0.005, best: 0.05 },
    target: 0.02,
  }),
  ad_roi: kpi({
    key: "ad_roi",
    label: { ja: "広告ROI（投資対効果）", en: "Advertising ROI" },
    perspective: "financial",
    direction: "benefit",
    source: "kpi_commitment",
    unit: "ratio",
    aspect: "roi",
    baseWeight: 10,
    // Seed 003: ¥1M spent, ¥5M more sales → ROI 400%.
    scale: { worst: 0, best: 5 },
    target: 4,
  }),
  first_response_hours: kpi({
    key: "first_response_hours",
    label: { ja: "初回レスポンス時間", en: "First response time" },
    perspective: "customer",
    direction: "cost",
    source: "kpi_commitment",
    unit: "hours",
    aspect: "speed",
    baseWeight: 15,
    scale: { worst: 24, best: 1 },
    target: 4,
  }),
  resolution_rate: kpi({
    key: "resolution_rate",
    label: { ja: "解決率", en: "Resolution rate" },
    perspective: "customer",
    direction: "benefit",
    source: "kpi_commitment",
    unit: "rate",
    aspect: "quality",
    baseWeight: 10,
    scale: { worst: 0.6, best: 1 },
    target: 0.9,
  }),
  csat: kpi({
    key: "csat",
    label: { ja: "顧客満足度（CSAT）", en: "Customer satisfaction (CSAT)" },
    perspective: "customer",
    direction: "benefit",
    source: "kpi_commitment",
    unit: "rate",
    aspect: "satisfaction",
    baseWeight: 10,
    scale: { worst: 0.6, best: 1 },
    target: 0.9,
  }),
  answer_rate: kpi({
    key: "answer_rate",
    label: { ja: "応答率", en: "Answer rate" },
    perspective: "customer",
    direction: "benefit",
    source: "kpi_commitment",
    unit: "rate",
    aspect: "speed",
    baseWeight: 15,
    scale: { worst: 0.8, best: 1 },
    target: 0.95,
  }),
  accuracy: kpi({
    key: "accuracy",
    label: { ja: "処理の正確性", en: "Processing accuracy" },
    perspective: "internalProcess",
    direction: "benefit",
    source: "kpi_commitment",
    unit: "rate",
    aspect: "quality",
    baseWeight: 20,
    scale: { worst: 0.99, best: 1 },
    target: 0.999,
  }),
  processing_lead_time_days: kpi({
    key: "processing_lead_time_days",
    label: { ja: "処理リードタイム（受付から完了まで）", en: "Processing lead time (intake to completion)" },
    perspective: "internalProcess",
    direction: "cost",
    source: "kpi_commitment",
    unit: "days",
    aspect: "speed",
    baseWeight: 10,
    scale: { worst: 10, best: 1 },
    target: 3,
  }),
  on_time_close: kpi({
    key: "on_time_close",
    label: { ja: "月次締め・決算の期日遵守率", en: "On-time monthly close" },
    perspective: "internalProcess",
    direction: "benefit",
    source: "kpi_commitment",
    unit: "rate",
    aspect: "timeliness",
    baseWeight: 15,
    scale: { worst: 0.8, best: 1 },
    target: 1,
  }),
  payroll_on_time: kpi({
    key: "payroll_on_time",
    label: { ja: "給与計算・支払の期日遵守率", en: "On-time payroll" },
    perspective: "internalProcess",
    direction: "benefit",
    source: "kpi_commitment",
    unit: "rate",
    aspect: "timeliness",
    baseWeight: 15,
    scale: { worst: 0.9, best: 1 },
    target: 1,
  }),
  improvement_proposals: kpi({
    key: "improvement_proposals",
    label: { ja: "改善提案件数（四半期あたり）", en: "Improvement proposals per quarter" },
    perspective: "learningGrowth",
    direction: "benefit",
    source: "kpi_commitment",
    unit: "count",
    aspect: "growth",
    baseWeight: 5,
    scale: { worst: 0, best: 6 },
    target: 3,
  }),
  proposal_quality: kpi({
    key: "proposal_quality",
    label: { ja: "提案内容の質", en: "Quality of the proposal" },
    perspective: "learningGrowth",
    direction: "benefit",
    source: "advisor_rating",
    unit: "score",
    aspect: "growth",
    baseWeight: 5,
    scale: { worst: 0, best: 5 },
    target: 4,
  }),
  work_understanding: kpi({
    key: "work_understanding",
    label: { ja: "業務理解度", en: "Understanding of the work" },
    perspective: "internalProcess",
    direction: "benefit",
    source: "advisor_rating",
    unit: "score",
    aspect: "quality",
    baseWeight: 5,
    scale: { worst: 0, best: 5 },
    target: 4,
  }),
  similar_projects: kpi({
    key: "similar_projects",
    label: { ja: "類似業務の実績件数", en: "Similar projects delivered" },
    perspective: "learningGrowth",
    direction: "benefit",
    source: "track_record",
    unit: "count",
    aspect: "growth",
    baseWeight: 5,
    scale: { worst: 0, best: 10 },
    target: 3,
  }),
} as const satisfies Record<string, KpiTemplate>;

export type KpiKey = keyof typeof KPI_CATALOG;

export const CATEGORY_KPI_KEYS: Record<RfqCategory, readonly KpiKey[]> = {
  accounting: ["on_time_close", "accuracy", "processing_lead_time_days", "improvement_proposals", "similar_projects"],
  hr_payroll: ["payroll_on_time", "accuracy", "first_response_hours", "improvement_proposals", "similar_projects"],
  general_affairs: ["processing_lead_time_days", "accuracy", "on_time_rate", "csat", "improvement_proposals"],
  it_helpdesk: ["first_response_hours", "resolution_rate", "csat", "improvement_proposals"],
  contact_center: ["answer_rate", "resolution_rate", "csat", "work_understanding"],
  data_entry: ["accuracy", "processing_lead_time_days", "on_time_rate", "similar_projects"],
  municipal: ["accuracy", "answer_rate", "processing_lead_time_days", "similar_projects", "work_understanding"],
  creative: ["on_time_rate", "revision_rounds", "deliverable_quality", "proposal_quality"],
  software_development: ["defect_rate", "schedule_adherence", "user_satisfaction", "change_response_days", "proposal_quality"],
  marketing: ["cpa", "ctr", "cvr", "ad_roi", "improvement_proposals"],
  support_operations: ["first_response_hours", "resolution_rate", "csat", "improvement_proposals"],
};

/** Certification criteria are keyed `cert_<type>`; the app scores them 1 when the vendor holds a verified, valid certificate. */
export function certificationCriterionKey(type: BuiltInCertificationType): string {
  return `cert_${type}`;
}

function certificationTemplate(type: BuiltInCertificationType, label: LocalizedText, mandatory: boolean): KpiTemplate {
  return {
    key: certificationCriterionKey(type),
    label,
    perspective: "internalProcess",
    direction: "benefit",
    source: "certification",
    unit: "flag",
    aspect: "compliance",
    baseWeight: 5,
    scale: { worst: 0, best: 1 },
    // A mandatory certification is a gate: without it the quote is shown but not ranked.
    ...(mandatory ? { gate: { required: true } as const } : {}),
  };
}

const PRIVACY_MARK_LABEL = { ja: "プライバシーマーク", en: "Privacy Mark" };
const ISMS_LABEL = { ja: "ISMS（ISO/IEC 27001）", en: "ISMS (ISO/IEC 27001)" };

/**
 * Personal data pre-selects the Privacy Mark as mandatory (ISMS preferred); My Number or bank data
 * makes both mandatory (seed 002). The buyer may downgrade one with a stated reason.
 */
export function suggestRequiredCertifications(sensitivity: DataSensitivity): RequiredCertification[] {
  switch (sensitivity) {
    case "none":
      return [];
    case "personal":
      return [
        { type: "privacy_mark", level: "mandatory" },
        { type: "isms_iso27001", level: "preferred" },
      ];
    case "my_number_bank":
      return [
        { type: "isms_iso27001", level: "mandatory" },
        { type: "privacy_mark", level: "mandatory" },
      ];
  }
}

function certificationTemplates(sensitivity: DataSensitivity): KpiTemplate[] {
  return suggestRequiredCertifications(sensitivity).flatMap((requirement) => {
    if (requirement.type === "privacy_mark") return [certificationTemplate("privacy_mark", PRIVACY_MARK_LABEL, requirement.level === "mandatory")];
    if (requirement.type === "isms_iso27001") return [certificationTemplate("isms_iso27001", ISMS_LABEL, requirement.level === "mandatory")];
    return [];
  });
}

function templatesFor(category: RfqCategory, phase: RfqPhase, sensitivity: DataSensitivity): KpiTemplate[] {
  const templates: KpiTemplate[] = [KPI_CATALOG.tco];
  // Launch favours speed: how soon the vendor can start is itself a criterion.
  if (phase === "launch") templates.push(KPI_CATALOG.lead_time_days);
  // Expansion favours ROI. Marketing already measures its own ad ROI, which is the better figure there.
  if (phase === "expansion" && category !== "marketing") templates.push(KPI_CATALOG.roi);
  templates.push(...CATEGORY_KPI_KEYS[category].map((key) => KPI_CATALOG[key]));
  templates.push(...certificationTemplates(sensitivity));
  return templates;
}

/**
 * Integer points summing to exactly 100 (largest-remainder method, ties to the earlier criterion),
 * each at least 1 — a buyer reads "配点" more easily than fractions.
 */
export function toWeightPoints(rawWeights: readonly number[], total = 100): number[] {
  const sum = rawWeights.reduce((acc, weight) => acc + weight, 0);
  if (rawWeights.length === 0 || sum <= 0) return rawWeights.map(() => 0);
  const exact = rawWeights.map((weight) => (weight / sum) * total);
  const points = exact.map((value) => Math.max(1, Math.floor(value)));
  let remaining = total - points.reduce((acc, value) => acc + value, 0);
  const order = exact.map((value, index) => ({ index, remainder: value - Math.floor(value) })).sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (let i = 0; remaining > 0; i = (i + 1) % order.length, remaining--) points[order[i].index] += 1;
  // Flooring to at least 1 can overshoot when there are many tiny weights; take back from the largest.
  while (remaining < 0) {
    const largest = points.indexOf(Math.max(...points));
    points[largest] -= 1;
    remaining++;
  }
  return points;
}

/**
 * The criteria proposed for a new RFQ: always TCO, the category's KPIs, phase extras, and certification
 * criteria for the data sensitivity; weights adjusted by phase and expressed as points out of 100.
 * Returns fresh objects every call, so the caller may edit them freely.
 */
export function suggestCriteria(category: RfqCategory, phase: RfqPhase, sensitivity: DataSensitivity): Criterion[] {
  const templates = templatesFor(category, phase, sensitivity);
  const multipliers = PHASE_WEIGHT_MULTIPLIERS[phase];
  const weights = toWeightPoints(templates.map((template) => template.baseWeight * (multipliers[template.aspect] ?? 1)));
  return templates.map((template, index) => ({
    key: template.key,
    label: { ja: template.label.ja, en: template.label.en },
    perspective: template.perspective,
    direction: template.direction,
    weight: weights[index],
    source: template.source,
    unit: template.unit,
    ...(template.gate ? { gate: { ...template.gate } } : {}),
    ...(template.scale ? { scale: { worst: template.scale.worst, best: template.scale.best } } : {}),
    ...(template.target !== undefined ? { target: template.target } : {}),
  }));
}
