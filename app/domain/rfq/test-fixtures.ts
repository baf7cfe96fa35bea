import type { RfqInput } from "./schema";

/**
 * A complete, publishable RFQ used across the rfq and quote tests: a municipality's benefit-application
 * processing (seed 002), 12 months, with one-off, monthly and per-unit lines.
 * Deadline 2026-03-31 17:00 JST; tests use clocks around it.
 */
export const DEADLINE = "2026-03-31T17:00:00+09:00";
export const BEFORE_DEADLINE = new Date("2026-03-01T09:00:00+09:00");
export const AFTER_DEADLINE = new Date("2026-04-01T09:00:00+09:00");

export function completeRfqInput(overrides: Partial<RfqInput> = {}): RfqInput {
  // The report is due 40 days after the deadline (2026-05-10 for the fixture's own), wherever a test moves it:
  // a deliverable due before the deadline cannot be published.
  const deadline = Date.parse(overrides.quoteDeadline ?? DEADLINE);
  const reportDue = new Date((Number.isNaN(deadline) ? Date.parse(DEADLINE) : deadline) + 40 * 86_400_000 + 9 * 3_600_000).toISOString().slice(0, 10);
  return {
    category: "municipal",
    phase: "launch",
    title: "給付金申請受付・審査業務の委託",
    purpose: "物価高騰対策給付金の申請を、正確かつ迅速に処理する。",
    goal: "申請から振込まで平均10日以内",
    scopeIn: "申請受付、書類審査、データ入力、通知発送",
    scopeOut: "窓口での住民対応、支給決定",
    decisionsInHouse: "支給可否の最終判断、審査基準の変更、例外案件の扱い",
    deliverables: [{ title: "月次処理報告書", dueDate: reportDue, qualityCriteria: "件数・エラー率・滞留件数を記載" }],
    volumes: { perMonth: 2000, peakMonths: [6, 7], notes: "6〜7月は通常の2倍" },
    judgementCriteria: "審査マニュアル第3版に従う",
    escalationRules: "判断に迷う案件は当日中に担当課へ",
    changeRequestRule: "制度改正による変更は単価表に基づき協議、書面で承認",
    reportingCadence: "月次",
    lineItems: [
      { code: "INIT", description: "業務設計・マニュアル整備", unit: "式", quantity: 1, recurrence: "one_off" },
      { code: "OPS", description: "運用管理（月額）", unit: "月", quantity: 1, recurrence: "monthly" },
      { code: "DOC", description: "申請書類の審査・入力", unit: "件", quantity: 2000, recurrence: "per_unit" },
    ],
    contractTermMonths: 12,
    budget: { min: 10_000_000, max: 15_000_000, showToVendors: false },
    dataSensitivity: "my_number_bank",
    requiredCertifications: [
      { type: "isms_iso27001", level: "mandatory" },
      { type: "privacy_mark", level: "mandatory" },
    ],
    criteria: [
      {
        key: "tco",
        label: { ja: "総保有コスト", en: "TCO" },
        perspective: "financial",
        direction: "cost",
        weight: 40,
        source: "price",
        unit: "yen",
        scale: { worst: 15_000_000, best: 10_000_000 },
      },
      {
        key: "accuracy",
        label: { ja: "処理の正確性", en: "Accuracy" },
        perspective: "internalProcess",
        direction: "benefit",
        weight: 40,
        source: "kpi_commitment",
        unit: "rate",
        gate: { min: 0.995 },
        scale: { worst: 0.99, best: 1 },
        target: 0.999,
      },
      {
        key: "processing_lead_time_days",
        label: { ja: "処理リードタイム", en: "Lead time" },
        perspective: "internalProcess",
        direction: "cost",
        weight: 20,
        source: "kpi_commitment",
        unit: "days",
        scale: { worst: 10, best: 1 },
        target: 3,
      },
    ],
    scoringMethod: "weighted-sum-target",
    hiddenCosts: { managementOverheadPct: 5, transitionEffortYen: 300_000 },
    baselineCostMonthlyYen: 1_500_000,
    quoteDeadline: DEADLINE,
    sealed: true,
    visibility: "invited",
    invitedVendorIds: ["vendor-a", "vendor-b"],
    ...overrides,
  };
}
