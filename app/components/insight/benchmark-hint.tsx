import { bandOf } from "~/domain/insight/benchmarks";
import { KPI_CATALOG } from "~/domain/rfq/kpi-templates";
import { recurrenceLabel, rfqPhaseLabels, type RfqPhase } from "~/domain/rfq/categories";
import type { Locale } from "~/i18n";
import { formatNumber, formatYen } from "~/utils/format";
import { useI18n } from "~/utils/use-i18n";

// The compact benchmark hint (decision 0048) that a page renders beside a KPI target or a unit price: the market's
// median and interquartile range of a published cell and, given a target, where the target stands. It shows only
// what a stored cell holds (never a minimum or a maximum); an unpublished cell reads "not enough data". Buyer-side
// pages only: a vendor never receives the numbers, so no vendor page may render it.

export interface HintCell {
  unit: "rate" | "yen" | "value";
  published: boolean;
  median?: number;
  q1?: number;
  q3?: number;
}

/** A benchmark figure in its unit: a rate as a percentage (0.992 → 99.2%), yen as yen, any other value as a number. */
export function formatBenchmarkValue(value: number, unit: HintCell["unit"], locale: Locale): string {
  if (unit === "rate") return `${formatNumber(value * 100, locale, 2)}%`;
  if (unit === "yen") return formatYen(value, locale);
  return formatNumber(value, locale, 2);
}

/** A cell's key in words: the KPI's catalog label, or "per 件 (per unit)" for a unit price, or "TCO / month". */
export function benchmarkKeyWords(
  kind: string,
  key: string,
  locale: Locale,
  t: (k: "benchmarks.tco" | "benchmarks.perUnit", p?: Record<string, string>) => string,
) {
  if (kind === "tco_month") return t("benchmarks.tco");
  if (kind === "unit_price") {
    const [unit = "", recurrence = ""] = key.split("|");
    return t("benchmarks.perUnit", { unit, recurrence: recurrenceLabel(recurrence, locale) });
  }
  const template = (KPI_CATALOG as Record<string, { label: { ja: string; en: string } }>)[key];
  return template ? template.label[locale] : key;
}

export function phaseWords(phase: string | null, locale: Locale, allPhases: string): string {
  return phase === null ? allPhases : (rfqPhaseLabels[phase as RfqPhase]?.[locale] ?? phase);
}

/**
 * `target`: the value to place in the market — a buyer's target (the default words) or, with `subject="commitment"`,
 * a quote's commitment. `positionOnly` leaves out the market's figures (the comparison shows them once per row).
 */
export function BenchmarkHint({
  cell,
  target,
  subject = "target",
  positionOnly = false,
}: {
  cell: HintCell | null | undefined;
  target?: number | null;
  subject?: "target" | "commitment";
  positionOnly?: boolean;
}) {
  const { t, locale } = useI18n();
  if (!cell) return null;
  if (!cell.published || cell.median === undefined || cell.q1 === undefined || cell.q3 === undefined)
    return positionOnly ? null : (
      <p className="muted benchmark-hint" data-testid="benchmark-hint">
        {t("benchmarks.hint.notEnoughData")}
      </p>
    );
  const f = (v: number) => formatBenchmarkValue(v, cell.unit, locale);
  const figures = { q1: cell.q1, median: cell.median, q3: cell.q3 };
  return (
    <p className="muted benchmark-hint" data-testid="benchmark-hint">
      {positionOnly ? null : t("benchmarks.hint.cell", { median: f(cell.median), q1: f(cell.q1), q3: f(cell.q3) })}
      {target !== undefined && target !== null ? t(`benchmarks.hint.${subject}.${bandOf(figures, target)}`, { target: f(target) }) : null}
    </p>
  );
}
