import type { RagStatus } from "~/domain/evidence/rag";
import type { KpiFigures } from "~/domain/reviews/kpi-table";
import { t, type AnyMessageKey, type Locale } from "~/i18n";
import { formatNumber, formatYen } from "./format";

// How a periodic review writes its figures, on the page and in the PDF alike (decision 0042).

/** A KPI value in its unit: a rate as a percentage with two decimals, yen as yen, others as numbers. */
export function formatKpiValue(value: number | null, unit: string, locale: Locale): string {
  if (value === null) return "—";
  if (unit === "rate") return `${formatNumber(value * 100, locale, 2)}%`;
  if (unit === "yen") return formatYen(Math.round(value), locale);
  return formatNumber(value, locale, 2);
}

/** "9,990 / 10,000" beside a rate, the counts the rate comes from. */
export function formatCounts(f: Pick<KpiFigures, "successes" | "trials">, locale: Locale): string {
  return f.trials > 0 ? `${formatNumber(f.successes, locale)} / ${formatNumber(f.trials, locale)}` : "";
}

export const RAG_WORD: Record<RagStatus, AnyMessageKey> = {
  green: "reviews.rag.green",
  amber: "reviews.rag.amber",
  red: "reviews.rag.red",
  grey: "reviews.rag.grey",
};

/** The status of a KPI in words: the RAG of a committed rate, met/missed for a committed value, else a dash. */
export function statusWord(f: Pick<KpiFigures, "rag" | "met" | "values">, locale: Locale): string {
  if (f.rag) return t(locale, RAG_WORD[f.rag]);
  if (f.met !== null) return t(locale, f.met ? "reviews.met" : "reviews.missed");
  return f.values.length === 0 ? t(locale, "reviews.noData") : "—";
}

export const REVIEW_STATUS_WORD: Record<"draft" | "awaiting_vendor" | "finalized", AnyMessageKey> = {
  draft: "reviews.status.draft",
  awaiting_vendor: "reviews.status.awaiting_vendor",
  finalized: "reviews.status.finalized",
};

/** Colours of the RAG marks (chart points, the table's swatches); the word is always printed beside them. */
export const RAG_COLOUR: Record<RagStatus, string> = { green: "#15803d", amber: "#d97706", red: "#b42318", grey: "#8a8a8a" };
