import { formatCriterionValue } from "~/components/rfq/rfq-view";
import type { CriterionValue } from "~/domain/scoring";
import { t, type Locale } from "~/i18n";
import { formatNumber } from "~/utils/format";

const SUFFIX: Partial<Record<string, { ja: string; en: string }>> = {
  days: { ja: "日", en: " days" },
  hours: { ja: "時間", en: " h" },
  count: { ja: "件", en: "" },
};

/** A raw criterion value for a cell: rates as %, yen as ¥, flags as words (never a colour alone). */
export function formatValue(unit: string, value: CriterionValue, locale: Locale): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "boolean" || unit === "flag") return t(locale, value ? "compare.value.yes" : "compare.value.no");
  if (unit === "ratio") return `${formatNumber(value * 100, locale, 1)}%`;
  return `${formatCriterionValue(unit, value, locale)}${SUFFIX[unit]?.[locale] ?? ""}`;
}

export const formatScore = (score: number | null, locale: Locale) => (score === null ? "—" : formatNumber(score, locale, 1));
