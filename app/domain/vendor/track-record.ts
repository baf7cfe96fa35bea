import { DEFAULT_HALF_LIFE_DAYS, weightedEvidence } from "~/domain/evidence/recency";
import { KPI_CATALOG } from "~/domain/rfq/kpi-templates";

// A vendor's track record, built from the confirmed facts of its Kurabe contracts (evidence_events, decision
// 0038): for the vendors index, the vendor page and the evidence the ranking weighs claims against. A rate is
// successes over trials, where successes are the events the KPI counts (on-time deliveries, accurate records, or
// errors for an error rate). Counts are recency-weighted (half-life 730 days, decision 0037), so they are
// fractional; the unweighted counts are kept beside them for the profile.

export interface KpiCounts {
  kpi_key: string;
  successes: number;
  trials: number;
}

/** A rate KPI's facts of one day, summed (what db/queries/track-records.ts `rateFactsOf` returns). */
export interface DatedKpiCounts extends KpiCounts {
  /** The day the facts belong to (YYYY-MM-DD). */
  observed_on: string;
}

/** A KPI's recency-weighted record (`successes`, `trials`) and the unweighted counts it comes from. */
export interface WeightedKpiCounts extends KpiCounts {
  raw_successes: number;
  raw_trials: number;
}

/**
 * The recency-weighted record per KPI key as of `today` (Tokyo date from the app's clock): each day's counts
 * scaled by 2^(−age / half-life), both by the same weight (`weightedEvidence`). Keys in order; only keys with facts.
 */
export function weighTrackRecord(facts: readonly DatedKpiCounts[], today: string, halfLifeDays = DEFAULT_HALF_LIFE_DAYS): WeightedKpiCounts[] {
  const byKey = new Map<string, DatedKpiCounts[]>();
  for (const f of facts) byKey.set(f.kpi_key, [...(byKey.get(f.kpi_key) ?? []), f]);
  return [...byKey.keys()].sort().map((kpi_key) => {
    const rows = byKey.get(kpi_key)!;
    const weighted = weightedEvidence(
      rows.map((r) => ({ successes: r.successes, trials: r.trials, at: r.observed_on })),
      today,
      halfLifeDays,
    );
    return {
      kpi_key,
      successes: weighted.successes,
      trials: weighted.trials,
      raw_successes: rows.reduce((sum, r) => sum + r.successes, 0),
      raw_trials: rows.reduce((sum, r) => sum + r.trials, 0),
    };
  });
}

export interface TrackRecordSummary {
  /** Kurabe contracts with at least one confirmed fact. */
  engagements: number;
  /** Pooled over every timeliness KPI measured (on-time delivery, close, payroll, schedule), weighted; null if none was. */
  on_time_rate: number | null;
  /** Weighted rate (0–1) by KPI key, for keys with trials. */
  rates: Record<string, number>;
}

const TIMELINESS_KEYS: ReadonlySet<string> = new Set(
  Object.values(KPI_CATALOG)
    .filter((k) => k.aspect === "timeliness")
    .map((k) => k.key),
);

export function summarizeTrackRecord(engagements: number, kpis: readonly KpiCounts[]): TrackRecordSummary {
  const measured = kpis.filter((k) => k.trials > 0);
  const onTime = measured.filter((k) => TIMELINESS_KEYS.has(k.kpi_key));
  const onTimeTrials = onTime.reduce((sum, k) => sum + k.trials, 0);
  return {
    engagements,
    on_time_rate: onTimeTrials > 0 ? onTime.reduce((sum, k) => sum + k.successes, 0) / onTimeTrials : null,
    rates: Object.fromEntries(measured.map((k) => [k.kpi_key, k.successes / k.trials])),
  };
}

/** A fact as the profile query lists it: per contract, KPI and day; a rate's counts or a non-rate value. */
export interface ProfileFact {
  contract_id: string;
  category: string;
  buyer_kind: string | null;
  kpi_key: string;
  observed_on: string;
  successes: number | null;
  trials: number | null;
  value_sum: number | null;
  value_count: number;
}

/** A non-rate KPI (revision rounds, hours) on the profile: its mean per fact and how many facts. Never fed to the rate model. */
export interface KpiValues {
  kpi_key: string;
  mean: number;
  count: number;
}

export interface CategoryRecord {
  category: string;
  /** Kurabe contracts in this category with facts. */
  contracts: number;
  kpis: WeightedKpiCounts[];
  values: KpiValues[];
}

/** One contract as the profile may show it: category, buyer kind, months with facts — no buyer name, no RFQ title. */
export interface EngagementRecord {
  category: string;
  buyerKind: "municipality" | "company";
  /** First and last month with facts (YYYY-MM). */
  from: string;
  to: string;
  kpis: KpiCounts[];
}

export interface ProfileTrackRecord {
  contracts: number;
  summary: TrackRecordSummary;
  categories: CategoryRecord[];
  engagements: EngagementRecord[];
  halfLifeDays: number;
}

function valuesOf(facts: readonly ProfileFact[]): KpiValues[] {
  const sums = new Map<string, { sum: number; count: number }>();
  for (const f of facts) {
    if (f.value_sum === null || f.value_count === 0) continue;
    const s = sums.get(f.kpi_key) ?? { sum: 0, count: 0 };
    sums.set(f.kpi_key, { sum: s.sum + f.value_sum, count: s.count + f.value_count });
  }
  return [...sums.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([kpi_key, s]) => ({ kpi_key, mean: s.sum / s.count, count: s.count }));
}

const rateFacts = (facts: readonly ProfileFact[]): DatedKpiCounts[] =>
  facts.flatMap((f) =>
    f.successes !== null && f.trials !== null ? [{ kpi_key: f.kpi_key, observed_on: f.observed_on, successes: f.successes, trials: f.trials }] : [],
  );

/** The vendor page's track record as of `today`: overall and per category (weighted and unweighted), and per contract. */
export function profileTrackRecord(facts: readonly ProfileFact[], today: string, halfLifeDays = DEFAULT_HALF_LIFE_DAYS): ProfileTrackRecord {
  const contracts = new Set(facts.map((f) => f.contract_id));
  const overall = weighTrackRecord(rateFacts(facts), today, halfLifeDays);
  const categories = [...new Set(facts.map((f) => f.category))].sort().map((category) => {
    const inCategory = facts.filter((f) => f.category === category);
    return {
      category,
      contracts: new Set(inCategory.map((f) => f.contract_id)).size,
      kpis: weighTrackRecord(rateFacts(inCategory), today, halfLifeDays),
      values: valuesOf(inCategory),
    };
  });
  const engagements = [...contracts]
    .map((id) => {
      const own = facts.filter((f) => f.contract_id === id);
      const days = own.map((f) => f.observed_on).sort();
      const kpis = new Map<string, KpiCounts>();
      for (const f of rateFacts(own)) {
        const k = kpis.get(f.kpi_key) ?? { kpi_key: f.kpi_key, successes: 0, trials: 0 };
        kpis.set(f.kpi_key, { kpi_key: f.kpi_key, successes: k.successes + f.successes, trials: k.trials + f.trials });
      }
      return {
        category: own[0]!.category,
        buyerKind: own[0]!.buyer_kind === "municipality" ? ("municipality" as const) : ("company" as const),
        from: days[0]!.slice(0, 7),
        to: days[days.length - 1]!.slice(0, 7),
        kpis: [...kpis.values()].sort((a, b) => a.kpi_key.localeCompare(b.kpi_key)),
      };
    })
    // Newest first; ties by category so the order does not depend on contract ids.
    .sort((a, b) => b.to.localeCompare(a.to) || b.from.localeCompare(a.from) || a.category.localeCompare(b.category));
  return { contracts: contracts.size, summary: summarizeTrackRecord(contracts.size, overall), categories, engagements, halfLifeDays };
}

/** A KPI's name in the catalog (the key itself for a buyer's own KPI). */
export function kpiLabel(key: string, locale: "ja" | "en"): string {
  const template = (KPI_CATALOG as Record<string, { label: { ja: string; en: string } }>)[key];
  return template ? template.label[locale] : key;
}
