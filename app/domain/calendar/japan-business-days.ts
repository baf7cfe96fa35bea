import holidayJp from "@holiday-jp/holiday_jp";
import { z } from "zod";
import type { Bilingual } from "~/i18n";

/**
 * Business days in Japan (decision 0025). Every date is a calendar date in Japan written YYYY-MM-DD and
 * every computation works on those strings through UTC midnights, so the answer never depends on the
 * server's time zone. Holidays come from `@holiday-jp/holiday_jp` (国民の祝日, 振替休日 and 国民の休日,
 * maintained upstream from the Cabinet Office list); weekends are always closed; the year-end closure
 * 12/29–1/3 (年末年始) is an option, on for municipalities (地方自治法 第4条の2第2項第3号 and their 休日条例).
 */

/** A calendar date in Japan, YYYY-MM-DD. */
export type CalendarDate = string;

export interface BusinessCalendar {
  /** 12/29–1/3 are closed (年末年始). Municipalities close them by ordinance; many companies do too. */
  readonly yearEndClosure: boolean;
}

/** A municipality's office days: weekends, national holidays and 12/29–1/3 closed. */
export const MUNICIPAL_CALENDAR: BusinessCalendar = { yearEndClosure: true };
/** A company's default: weekends and national holidays closed, 年末年始 open unless the company says otherwise. */
export const COMPANY_CALENDAR: BusinessCalendar = { yearEndClosure: false };

const holidays = holidayJp.holidays as Readonly<Record<string, { date: string; name: string; name_en: string }>>;
const holidayYears = Object.keys(holidays).map((date) => Number(date.slice(0, 4)));

/** The years the holiday data covers (inclusive); a business-day answer outside them would be a guess. */
export const HOLIDAY_DATA_YEARS = { first: Math.min(...holidayYears), last: Math.max(...holidayYears) } as const;

const DATE_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 24 * 60 * 60 * 1000;

/** A real date written YYYY-MM-DD (2026-02-30 is not). */
export function isCalendarDate(value: unknown): value is CalendarDate {
  if (typeof value !== "string") return false;
  const match = DATE_SHAPE.exec(value);
  if (!match) return false;
  const utc = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return utc.toISOString().slice(0, 10) === value;
}

/** A calendar date the holiday data covers, so business days can be counted on it. */
export function isCoveredDate(value: unknown): value is CalendarDate {
  if (!isCalendarDate(value)) return false;
  const year = Number(value.slice(0, 4));
  return year >= HOLIDAY_DATA_YEARS.first && year <= HOLIDAY_DATA_YEARS.last;
}

function utcMs(date: CalendarDate): number {
  if (!isCalendarDate(date)) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${String(date)}`);
  return Date.parse(`${date}T00:00:00Z`);
}

function covered(date: CalendarDate): CalendarDate {
  if (!isCoveredDate(date)) {
    throw new RangeError(`no holiday data for ${date} (covered: ${HOLIDAY_DATA_YEARS.first}–${HOLIDAY_DATA_YEARS.last})`);
  }
  return date;
}

/** A form or API field holding a date business days can be counted on; its messages are catalog keys. */
export const CalendarDateSchema = z
  .string()
  .trim()
  .refine(isCalendarDate, { message: "legalDeadlines.date.invalid", abort: true })
  .refine(isCoveredDate, { message: "legalDeadlines.date.outOfCalendar" });

const fromMs = (ms: number): CalendarDate => new Date(ms).toISOString().slice(0, 10);

/** `date` plus `days` calendar days (negative goes back). */
export function addCalendarDays(date: CalendarDate, days: number): CalendarDate {
  if (!Number.isInteger(days)) throw new RangeError(`days must be an integer: ${days}`);
  return fromMs(utcMs(date) + days * DAY_MS);
}

/** Calendar days from `from` to `to` (0 for the same day, negative when `to` is earlier). */
export function calendarDaysBetween(from: CalendarDate, to: CalendarDate): number {
  return Math.round((utcMs(to) - utcMs(from)) / DAY_MS);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: CalendarDate): number {
  return new Date(utcMs(date)).getUTCDay();
}

/** The national holiday on `date` (祝日, 振替休日, 国民の休日) with its name, or null. */
export function holidayOn(date: CalendarDate): { name: Bilingual } | null {
  const entry = Object.hasOwn(holidays, covered(date)) ? holidays[date] : undefined;
  return entry ? { name: { ja: entry.name, en: entry.name_en } } : null;
}

function inYearEndClosure(date: CalendarDate): boolean {
  const monthDay = date.slice(5);
  return monthDay >= "12-29" || monthDay <= "01-03";
}

/** Open for business: not Saturday or Sunday, not a national holiday, not 12/29–1/3 when the calendar closes them. */
export function isBusinessDay(date: CalendarDate, calendar: BusinessCalendar = COMPANY_CALENDAR): boolean {
  const weekday = dayOfWeek(covered(date));
  if (weekday === 0 || weekday === 6) return false;
  if (calendar.yearEndClosure && inYearEndClosure(date)) return false;
  return holidayOn(date) === null;
}

/**
 * The `n`th business day after `date` (n > 0), or before it (n < 0); `date` itself for n = 0. Counting
 * starts the day after `date`, as a standstill of "5 business days from the award" does.
 */
export function addBusinessDays(date: CalendarDate, n: number, calendar: BusinessCalendar = COMPANY_CALENDAR): CalendarDate {
  if (!Number.isInteger(n)) throw new RangeError(`business days must be an integer: ${n}`);
  const step = n < 0 ? -1 : 1;
  let day = covered(date);
  for (let left = Math.abs(n); left > 0;) {
    day = covered(addCalendarDays(day, step));
    if (isBusinessDay(day, calendar)) left -= 1;
  }
  return day;
}

/**
 * Business days after `from` up to and including `to` (when `to` is earlier: from `to` up to the day before
 * `from`, negated), so that `addBusinessDays(from, businessDaysBetween(from, to))` is `to` whenever `to` is a
 * business day — the same steps `addBusinessDays` takes.
 */
export function businessDaysBetween(from: CalendarDate, to: CalendarDate, calendar: BusinessCalendar = COMPANY_CALENDAR): number {
  const span = calendarDaysBetween(covered(from), covered(to));
  const step = span < 0 ? -1 : 1;
  let count = 0;
  for (let offset = step; Math.abs(offset) <= Math.abs(span); offset += step) {
    if (isBusinessDay(addCalendarDays(from, offset), calendar)) count += step;
  }
  return count;
}

/** `date` if it is a business day, else the last business day before it (a payment due on a Sunday is made by Friday). */
export function businessDayOnOrBefore(date: CalendarDate, calendar: BusinessCalendar = COMPANY_CALENDAR): CalendarDate {
  return isBusinessDay(date, calendar) ? date : addBusinessDays(date, -1, calendar);
}

/** `date` if it is a business day, else the next one. */
export function businessDayOnOrAfter(date: CalendarDate, calendar: BusinessCalendar = COMPANY_CALENDAR): CalendarDate {
  return isBusinessDay(date, calendar) ? date : addBusinessDays(date, 1, calendar);
}
