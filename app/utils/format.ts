import type { Locale } from "~/i18n";

const TZ = "Asia/Tokyo";

// Building an Intl formatter costs far more than using one (it led the profiles of bench:compare and
// bench:search), so each (kind, locale) formatter is built once and reused.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<F extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => F): F {
  let f = formatters.get(key) as F | undefined;
  if (!f) formatters.set(key, (f = make()));
  return f;
}

/** Yen: integer amounts, no decimals (JPY is zero-decimal). */
export function formatYen(amount: number, locale: Locale): string {
  return cached(
    `yen:${locale}`,
    () => new Intl.NumberFormat(locale === "ja" ? "ja-JP" : "en-JP", { style: "currency", currency: "JPY", maximumFractionDigits: 0 }),
  ).format(amount);
}

export function formatNumber(n: number, locale: Locale, fractionDigits = 0): string {
  return cached(
    `number:${locale}:${fractionDigits}`,
    () => new Intl.NumberFormat(locale === "ja" ? "ja-JP" : "en-GB", { maximumFractionDigits: fractionDigits }),
  ).format(n);
}

function toDate(d: Date | string): Date {
  // A bare "YYYY-MM-DD" is a calendar date in Japan, not UTC midnight.
  return typeof d === "string" && /^\d{4}-\d{2}-\d{2}$/.test(d) ? new Date(`${d}T00:00:00+09:00`) : new Date(d);
}

/** 2026年11月20日 / 20 Nov 2026, in Japan time. */
export function formatDate(d: Date | string, locale: Locale): string {
  return cached(
    `date:${locale}`,
    () =>
      new Intl.DateTimeFormat(locale === "ja" ? "ja-JP" : "en-GB", {
        year: "numeric",
        month: locale === "ja" ? "long" : "short",
        day: "numeric",
        timeZone: TZ,
      }),
  ).format(toDate(d));
}

/** 2026年11月20日 14:05 / 20 Nov 2026, 14:05 (JST). */
export function formatDateTime(d: Date | string, locale: Locale): string {
  const text = cached(
    `datetime:${locale}`,
    () =>
      new Intl.DateTimeFormat(locale === "ja" ? "ja-JP" : "en-GB", {
        year: "numeric",
        month: locale === "ja" ? "long" : "short",
        day: "numeric",
        hour: "2-digit",
        minute: "2-digit",
        timeZone: TZ,
      }),
  ).format(toDate(d));
  return locale === "ja" ? text : `${text} JST`;
}

/** A yen amount for a chart axis: 万円 in Japanese, millions of yen in English. */
export function formatYenAxis(amount: number, locale: Locale): string {
  return locale === "ja" ? `${formatNumber(amount / 10_000, locale, 0)}万円` : `¥${formatNumber(amount / 1_000_000, locale, 2)}M`;
}

/** A month of the year (1–12): 3月 in Japanese, Mar in English. */
export function formatMonth(month: number, locale: Locale): string {
  if (locale === "ja") return `${month}月`;
  return cached("month-en", () => new Intl.DateTimeFormat("en-GB", { month: "short", timeZone: "UTC" })).format(new Date(Date.UTC(2026, month - 1, 1)));
}

/** A remark in brackets after a word: 「税込（10%）」 in Japanese, "Tax (10%)" in English. */
export function parenthetical(text: string, remark: string, locale: Locale): string {
  return locale === "ja" ? `${text}（${remark}）` : `${text} (${remark})`;
}

/** Names in a run of text: 「A、B」 in Japanese, "A, B" in English. */
export function joinList(items: string[], locale: Locale): string {
  return items.join(listSeparator(locale));
}

/** What separates names in a run of text: 、 in Japanese, a comma and a space in English. */
export function listSeparator(locale: Locale): string {
  return locale === "ja" ? "、" : ", ";
}

/** 令和8年11月20日: municipalities write dates in the Japanese era. */
export function formatWareki(d: Date | string): string {
  return cached(
    "wareki",
    () => new Intl.DateTimeFormat("ja-JP-u-ca-japanese", { era: "long", year: "numeric", month: "long", day: "numeric", timeZone: TZ }),
  ).format(toDate(d));
}

/** Today's date in Japan as YYYY-MM-DD (for certificate validity). */
const tokyoDay = new Intl.DateTimeFormat("en-CA", { timeZone: TZ, year: "numeric", month: "2-digit", day: "2-digit" });
export function tokyoDateString(now: Date): string {
  return tokyoDay.format(now);
}
