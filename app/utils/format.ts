import type { Locale } from "~/i18n";

const TZ = "Asia/Tokyo";

/** Yen: integer amounts, no decimals (JPY is zero-decimal). */
export function formatYen(amount: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === "ja" ? "ja-JP" : "en-JP", {
    style: "currency",
    currency: "JPY",
    maximumFractionDigits: 0,
  }).format(amount);
}

export function formatNumber(n: number, locale: Locale, fractionDigits = 0): string {
  return new Intl.NumberFormat(locale === "ja" ? "ja-JP" : "en-GB", {
    maximumFractionDigits: fractionDigits,
  }).format(n);
}

function toDate(d: Date | string): Date {
  // A bare "YYYY-MM-DD" is a calendar date in Japan, not UTC midnight.
  return typeof d === "string" && /^\d{4}-\d{2}-\d{2}$/.test(d) ? new Date(`${d}T00:00:00+09:00`) : new Date(d);
}

/** 2026年11月20日 / 20 Nov 2026, in Japan time. */
export function formatDate(d: Date | string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === "ja" ? "ja-JP" : "en-GB", {
    year: "numeric",
    month: locale === "ja" ? "long" : "short",
    day: "numeric",
    timeZone: TZ,
  }).format(toDate(d));
}

/** 2026年11月20日 14:05 / 20 Nov 2026, 14:05 (JST). */
export function formatDateTime(d: Date | string, locale: Locale): string {
  const text = new Intl.DateTimeFormat(locale === "ja" ? "ja-JP" : "en-GB", {
    year: "numeric",
    month: locale === "ja" ? "long" : "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: TZ,
  }).format(toDate(d));
  return locale === "ja" ? text : `${text} JST`;
}

/** 令和8年11月20日: municipalities write dates in the Japanese era. */
export function formatWareki(d: Date | string): string {
  return new Intl.DateTimeFormat("ja-JP-u-ca-japanese", { era: "long", year: "numeric", month: "long", day: "numeric", timeZone: TZ }).format(
    toDate(d),
  );
}

/** Today's date in Japan as YYYY-MM-DD (for certificate validity). */
// Building an Intl formatter is costly (it showed in the comparison benchmark's profile): build it once.
const tokyoDay = new Intl.DateTimeFormat("en-CA", { timeZone: TZ, year: "numeric", month: "2-digit", day: "2-digit" });
export function tokyoDateString(now: Date): string {
  return tokyoDay.format(now);
}
