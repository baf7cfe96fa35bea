import { KPI_CATALOG } from "~/domain/rfq/kpi-templates";

// A vendor's track record in a few numbers, for the vendors index and the vendor page. The counts
// come from its past engagements (seeded until post-award tracking exists); a rate is successes over
// trials, where successes are the events the KPI counts (on-time deliveries, or errors for an error rate).

export interface KpiCounts {
  kpi_key: string;
  successes: number;
  trials: number;
}

export interface TrackRecordSummary {
  engagements: number;
  /** Pooled over every timeliness KPI measured (on-time delivery, close, payroll, schedule); null if none was. */
  on_time_rate: number | null;
  /** Observed rate (0–1) by KPI key, for keys with at least one trial. */
  rates: Record<string, number>;
}

const TIMELINESS_KEYS: ReadonlySet<string> = new Set(
  Object.values(KPI_CATALOG)
    .filter((k) => k.aspect === "timeliness")
    .map((k) => k.key),
);

export function summarizeTrackRecord(engagements: number, kpis: KpiCounts[]): TrackRecordSummary {
  const measured = kpis.filter((k) => k.trials > 0);
  const onTime = measured.filter((k) => TIMELINESS_KEYS.has(k.kpi_key));
  const onTimeTrials = onTime.reduce((sum, k) => sum + k.trials, 0);
  return {
    engagements,
    on_time_rate: onTimeTrials > 0 ? onTime.reduce((sum, k) => sum + k.successes, 0) / onTimeTrials : null,
    rates: Object.fromEntries(measured.map((k) => [k.kpi_key, k.successes / k.trials])),
  };
}

/** A KPI's name in the catalog (the key itself for a buyer's own KPI). */
export function kpiLabel(key: string, locale: "ja" | "en"): string {
  const template = (KPI_CATALOG as Record<string, { label: { ja: string; en: string } }>)[key];
  return template ? template.label[locale] : key;
}
