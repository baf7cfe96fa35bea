import { recurrenceLabel, type Recurrence } from "~/domain/rfq/categories";
import { paymentsOverTerm } from "~/domain/quote/amounts";
import { t, type Locale } from "~/i18n";
import { formatNumber } from "~/utils/format";

// How a line repeats, in words, for the RFQ page and the quote form: the recurrence and, for periodic
// lines, how many times it occurs over this RFQ's term (so nobody has to work out ceil(18 / 12) alone).

interface Line {
  recurrence: Recurrence;
  occurrences?: number;
  quantity: number;
  unit: string;
}

function payments(line: Line, termMonths: number | undefined): number | null {
  if (!termMonths) return line.recurrence === "times_over_term" ? (line.occurrences ?? null) : null;
  try {
    return paymentsOverTerm(line, termMonths);
  } catch {
    return null;
  }
}

/** "年1回・契約期間中3回", "Half-yearly (twice a year) · 6× over the term", "契約期間中5回", "月額". */
export function lineRecurrenceText(line: Line, termMonths: number | undefined, locale: Locale): string {
  const base = recurrenceLabel(line.recurrence, locale, line.occurrences);
  const n = payments(line, termMonths);
  const periodic = line.recurrence === "quarterly" || line.recurrence === "half_yearly" || line.recurrence === "yearly";
  if (!periodic || n === null) return base;
  return `${base}${locale === "ja" ? "・" : " · "}${t(locale, "recurrence.overTerm", { n })}`;
}

/** What the vendor's unit price is a price of, and what it is multiplied by. */
export function linePriceHint(line: Line, termMonths: number | undefined, locale: Locale): string {
  const n = payments(line, termMonths);
  const params = { unit: line.unit, quantity: formatNumber(line.quantity, locale), n: n ?? "—" };
  if (line.recurrence === "one_off") return t(locale, "recurrence.priceHint.once", params);
  if (line.recurrence === "monthly" || line.recurrence === "per_unit") return t(locale, "recurrence.priceHint.months", params);
  return t(locale, "recurrence.priceHint.occurrences", params);
}
