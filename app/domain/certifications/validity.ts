import type { CertificationType } from "~/domain/rfq/categories";
import type { CertificationMessageKey } from "./messages";

/**
 * When a vendor's certificate satisfies an RFQ requirement. Dates are calendar dates (YYYY-MM-DD) as printed
 * on the certificate, and both ends are inclusive; "today" is the date in Japan (UTC+9, no daylight saving),
 * so a certificate valid until 3月31日 still counts at 23:59 JST that day wherever the server runs.
 */

export const VERIFICATION_STATUSES = ["unverified", "verified", "rejected"] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];

export interface CertificateRecord {
  type: CertificationType;
  verificationStatus: VerificationStatus;
  validFrom: string;
  validUntil: string;
}

const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

/** The calendar date in Japan at the given instant, as YYYY-MM-DD. */
export function japanDateOf(instant: Date): string {
  return new Date(instant.getTime() + JST_OFFSET_MS).toISOString().slice(0, 10);
}

function toDate(date: Date | string): string {
  return typeof date === "string" ? date : japanDateOf(date);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Verified and within its validity window on `date`. Unverified, rejected, expired or malformed: never. */
export function isCertificateValidOn(cert: CertificateRecord, date: Date | string): boolean {
  const day = toDate(date);
  if (cert.verificationStatus !== "verified") return false;
  if (![day, cert.validFrom, cert.validUntil].every((value) => ISO_DATE.test(value))) return false;
  // ISO dates compare correctly as strings.
  return cert.validFrom <= day && day <= cert.validUntil;
}

export function satisfiesRequirement(cert: CertificateRecord, requirement: { type: CertificationType }, date: Date | string): boolean {
  return cert.type === requirement.type && isCertificateValidOn(cert, date);
}

export type RequirementStatus = "satisfied" | "missing" | "unverified" | "rejected" | "expired" | "notYetValid";

/**
 * The status to show beside an RFQ requirement on the vendor's quote form and the comparison page:
 * the best of the vendor's certificates of that type.
 */
export function requirementStatus(
  requirement: { type: string },
  certs: readonly CertificateRecord[],
  date: Date | string,
): { status: RequirementStatus; key: CertificationMessageKey } {
  const day = toDate(date);
  const ofType = certs.filter((cert) => cert.type === requirement.type);
  const rank = (cert: CertificateRecord): RequirementStatus => {
    if (isCertificateValidOn(cert, day)) return "satisfied";
    if (cert.verificationStatus === "rejected") return "rejected";
    if (cert.validUntil < day) return "expired";
    if (cert.validFrom > day) return "notYetValid";
    return "unverified";
  };
  const order: RequirementStatus[] = ["satisfied", "unverified", "notYetValid", "expired", "rejected"];
  const best = ofType.map(rank).sort((a, b) => order.indexOf(a) - order.indexOf(b))[0] ?? "missing";
  return { status: best, key: `certifications.status.${best}` };
}

function daysInMonth(year: number, monthIndex: number): number {
  return new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
}

/**
 * The last day of a term of `termMonths` starting on `termStart`, following 民法143条: the term ends the day
 * before the corresponding day of the final month, or on that month's last day when there is no such day
 * (2025-04-01 + 12 months → 2026-03-31; 2025-01-31 + 1 month → 2025-02-28).
 */
export function lastDayOfTerm(termStart: string, termMonths: number): string {
  // A comparison asks this for every certificate of every quote with the same (start, months): at 300 quotes
  // ~1.5 ms a request of Date arithmetic for one answer. Pure, so remembering the answers changes nothing;
  // the table is bounded (cleared when full) because the start moves with the calendar day.
  const key = `${termStart}|${termMonths}`;
  const known = termEnds.get(key);
  if (known !== undefined) return known;
  const end = computeLastDayOfTerm(termStart, termMonths);
  if (termEnds.size >= 1_000) termEnds.clear();
  termEnds.set(key, end);
  return end;
}

const termEnds = new Map<string, string>();

function computeLastDayOfTerm(termStart: string, termMonths: number): string {
  const [year, month, day] = termStart.split("-").map(Number);
  const endMonthIndex = month - 1 + termMonths;
  const endYear = year + Math.floor(endMonthIndex / 12);
  const endMonth = endMonthIndex % 12;
  const lastDay =
    day > daysInMonth(endYear, endMonth)
      ? new Date(Date.UTC(endYear, endMonth, daysInMonth(endYear, endMonth)))
      : new Date(Date.UTC(endYear, endMonth, day - 1));
  return lastDay.toISOString().slice(0, 10);
}

/**
 * Flag a certificate that is valid when the term starts but lapses before it ends, so the buyer can ask
 * about renewal. A certificate already expired at the start is not "expiring": it simply fails.
 */
export function expiresDuringTerm(cert: Pick<CertificateRecord, "validUntil">, termStart: string, termMonths: number): boolean {
  return termStart <= cert.validUntil && cert.validUntil < lastDayOfTerm(termStart, termMonths);
}
