import { addCalendarDays, type CalendarDate } from "~/domain/calendar/japan-business-days";

// The period of an SLA measurement (decision 0040): a calendar month "YYYY-MM" (Japan). Pure: today is always
// passed in (the services take it from ctx.clock, so the demo seed can enter a past contract's months).

export type Period = string;

const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** "2026-12" → { year: 2026, month: 12 }, or null for anything else ("2026-13", "2026/12", " 2026-12"). */
export function parsePeriod(value: unknown): { year: number; month: number } | null {
  if (typeof value !== "string") return null;
  const m = PERIOD.exec(value);
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 2000 || year > 2100) return null;
  return { year, month: Number(m[2]) };
}

export const isPeriod = (value: unknown): value is Period => parsePeriod(value) !== null;

const pad = (n: number) => String(n).padStart(2, "0");

/** The period a day ("YYYY-MM-DD") falls in. */
export const periodOf = (day: CalendarDate): Period => day.slice(0, 7);

/** `n` months after (before, when negative) a period. */
export function addMonths(period: Period, n: number): Period {
  const p = parsePeriod(period);
  if (!p) throw new RangeError(`not a period: ${period}`);
  const index = p.year * 12 + (p.month - 1) + n;
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
}

export const firstDayOf = (period: Period): CalendarDate => `${period}-01`;

/** The period's last day: the day a confirmed measurement is observed on (recency counts from it). */
export const lastDayOf = (period: Period): CalendarDate => addCalendarDays(firstDayOf(addMonths(period, 1)), -1);

export interface Term {
  from: CalendarDate;
  to: CalendarDate;
}

export type PeriodProblem = "measurements.period.invalid" | "measurements.period.outsideTerm" | "measurements.period.future";

/**
 * Why a period cannot be measured under a contract, or null when it can: it must be a month, overlap the
 * contract's term, and have started by `today` (the running month may be entered, e.g. on its last day).
 */
export function periodProblem(value: unknown, term: Term, today: CalendarDate): PeriodProblem | null {
  if (!isPeriod(value)) return "measurements.period.invalid";
  if (lastDayOf(value) < term.from || firstDayOf(value) > term.to) return "measurements.period.outsideTerm";
  // Nothing is measured before the month — or the term — has begun.
  if (firstDayOf(value) > today || term.from > today) return "measurements.period.future";
  return null;
}

/** Every measurable period of the term up to `today`, newest first. */
export function periodsOfTerm(term: Term, today: CalendarDate): Period[] {
  const out: Period[] = [];
  if (term.from > today) return out;
  const last = periodOf(today < term.to ? today : term.to);
  for (let p = periodOf(term.from); p <= last; p = addMonths(p, 1)) out.unshift(p);
  return out;
}

/**
 * The last period that has ended by `today` within the term (last month, or the term's last month once the
 * term is over), or null while the first month is still running. What the reminder and the to-do ask for.
 */
export function lastEndedPeriod(term: Term, today: CalendarDate): Period | null {
  const previous = addMonths(periodOf(today), -1);
  const candidate = periodOf(term.to) < previous ? periodOf(term.to) : previous;
  return candidate >= periodOf(term.from) ? candidate : null;
}

/** The period the CSV template is pre-filled with: the last ended one, else the running first month. */
export function templatePeriod(term: Term, today: CalendarDate): Period | null {
  return lastEndedPeriod(term, today) ?? periodsOfTerm(term, today)[0] ?? null;
}
