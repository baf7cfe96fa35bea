import type { SlaTarget } from "~/domain/contracts/contract-draft";
import { ragStatus, type RagStatus } from "~/domain/evidence/rag";
import { DEFAULT_PRIOR_STRENGTH } from "~/domain/scoring/credibility";
import type { Bilingual } from "~/i18n";
import type { ReviewPeriod } from "./periods";

// The KPI table of a periodic review (decision 0042): for every KPI of the contract's SLA, the commitment against
// the period's facts and the facts to date, with the RAG status of ragStatus (decision 0037). Built only from the
// contract's evidence_events (confirmed deliveries and measurements). Pure.

export interface ReviewFact {
  kpiKey: string;
  successes: number | null;
  trials: number | null;
  value: number | null;
  /** YYYY-MM-DD: the day the fact belongs to. */
  observedOn: string;
}

export interface KpiFigures {
  /** Rate KPIs: the counts (for a lower-is-better rate, `successes` counts the KPI's own events, e.g. errors). */
  successes: number;
  trials: number;
  /** Non-rate KPIs: each value in the span. */
  values: number[];
  /** The observed rate (successes / trials) or the mean of the values; null without data. */
  actual: number | null;
  /** Rate KPIs with a commitment: the status from the Beta posterior; grey with no trials. Null otherwise. */
  rag: RagStatus | null;
  /** Non-rate KPIs with a commitment: whether the mean meets it; null without data or commitment. */
  met: boolean | null;
}

export interface KpiRow {
  key: string;
  label: Bilingual;
  unit: string;
  direction: "benefit" | "cost";
  /** The commitment; null for a delivery fact the contract has no commitment for (on-time rate, revision rounds). */
  target: number | null;
  isRate: boolean;
  period: KpiFigures;
  toDate: KpiFigures;
}

/** Delivery facts the deliveries service records (issue 17 item 1) shown even without a commitment. */
export const DELIVERY_KPIS: Record<string, { label: Bilingual; unit: string; direction: "benefit" | "cost" }> = {
  on_time_rate: { label: { ja: "納期遵守率", en: "On-time delivery rate" }, unit: "rate", direction: "benefit" },
  revision_rounds: { label: { ja: "修正回数（納品あたり）", en: "Revision rounds per delivery" }, unit: "count", direction: "cost" },
};

/**
 * The prior strength a review gives the commitment. The scoring module's k (10) unless the target is so extreme
 * that (1 − target)·k or target·k falls below one trial: then k is raised until the prior is worth at least one
 * failure and one success, which keeps it neutral (decision 0037's known limit: at 99.9 % and k = 10 one success
 * would read green). A 99.9 % commitment is thus judged with k = 1,000: 9,990 of 10,000 is amber, 9,999 green.
 */
export function reviewPriorStrength(target: number): number {
  if (!(target > 0 && target < 1)) return DEFAULT_PRIOR_STRENGTH;
  // Rounded so 1 / (1 − 0.9) is 10, not 10.000000000000002.
  const round = (x: number) => Math.round(x * 1e6) / 1e6;
  return Math.max(DEFAULT_PRIOR_STRENGTH, round(1 / (1 - target)), round(1 / target));
}

function figures(facts: readonly ReviewFact[], isRate: boolean, direction: "benefit" | "cost", target: number | null): KpiFigures {
  if (isRate) {
    const counted = facts.filter((f) => f.trials !== null && f.successes !== null);
    const successes = counted.reduce((s, f) => s + f.successes!, 0);
    const trials = counted.reduce((s, f) => s + f.trials!, 0);
    let rag: RagStatus | null = null;
    if (target !== null) {
      // A lower-is-better rate is judged by its complement (rag.ts): good events against 1 − the ceiling.
      const good = direction === "benefit" ? successes : trials - successes;
      const goal = direction === "benefit" ? target : 1 - target;
      rag = ragStatus({ successes: good, trials, target: goal, priorClaim: goal, priorStrength: reviewPriorStrength(goal) }).status;
    }
    return { successes, trials, values: [], actual: trials > 0 ? successes / trials : null, rag, met: null };
  }
  const values = facts.filter((f) => f.value !== null).map((f) => f.value!);
  const actual = values.length > 0 ? values.reduce((s, v) => s + v, 0) / values.length : null;
  const met = actual === null || target === null ? null : direction === "benefit" ? actual >= target : actual <= target;
  return { successes: 0, trials: 0, values, actual, rag: null, met };
}

/**
 * One row per SLA KPI (in the contract's order), then one per delivery KPI that has facts but no commitment.
 * `period` counts the facts observed within the period; `toDate` every fact from the term's start to the period's end.
 */
export function reviewKpiTable(
  sla: readonly SlaTarget[],
  facts: readonly ReviewFact[],
  period: Pick<ReviewPeriod, "start" | "end">,
  termFrom: string,
): KpiRow[] {
  const inPeriod = facts.filter((f) => f.observedOn >= period.start && f.observedOn <= period.end);
  const toDate = facts.filter((f) => f.observedOn >= termFrom && f.observedOn <= period.end);
  const rows: KpiRow[] = sla.map((k) => {
    const isRate = k.unit === "rate";
    const of = (list: readonly ReviewFact[]) =>
      figures(
        list.filter((f) => f.kpiKey === k.key),
        isRate,
        k.direction,
        k.target,
      );
    return { key: k.key, label: k.label, unit: k.unit, direction: k.direction, target: k.target, isRate, period: of(inPeriod), toDate: of(toDate) };
  });
  for (const [key, d] of Object.entries(DELIVERY_KPIS)) {
    if (rows.some((r) => r.key === key) || !toDate.some((f) => f.kpiKey === key)) continue;
    const isRate = d.unit === "rate";
    const of = (list: readonly ReviewFact[]) =>
      figures(
        list.filter((f) => f.kpiKey === key),
        isRate,
        d.direction,
        null,
      );
    rows.push({ key, label: d.label, unit: d.unit, direction: d.direction, target: null, isRate, period: of(inPeriod), toDate: of(toDate) });
  }
  return rows;
}

export interface TrendPoint {
  periodStart: string;
  periodEnd: string;
  actual: number | null;
  rag: RagStatus | null;
  met: boolean | null;
}

/** Each KPI's period figures over `periods` (oldest first): the data of the trend charts. */
export function kpiTrends(sla: readonly SlaTarget[], facts: readonly ReviewFact[], periods: readonly Pick<ReviewPeriod, "start" | "end">[], termFrom: string) {
  const tables = periods.map((p) => ({ p, rows: reviewKpiTable(sla, facts, p, termFrom) }));
  const last = tables.at(-1)?.rows ?? reviewKpiTable(sla, facts, { start: termFrom, end: termFrom }, termFrom);
  return last.map((row) => ({
    key: row.key,
    label: row.label,
    unit: row.unit,
    target: row.target,
    isRate: row.isRate,
    points: tables.map(({ p, rows }): TrendPoint => {
      const r = rows.find((x) => x.key === row.key)?.period;
      return { periodStart: p.start, periodEnd: p.end, actual: r?.actual ?? null, rag: r?.rag ?? null, met: r?.met ?? null };
    }),
  }));
}
export type KpiTrend = ReturnType<typeof kpiTrends>[number];
