import { addBusinessDays, addCalendarDays, COMPANY_CALENDAR, MUNICIPAL_CALENDAR, type CalendarDate } from "~/domain/calendar/japan-business-days";

// The periods of a periodic review (定例レビュー, decision 0042). Calendar months or calendar quarters
// (Jan–Mar, Apr–Jun, Jul–Sep, Oct–Dec: the same boundaries as Japan's fiscal quarters), clipped to the contract's
// term, so a term that starts on the 15th has a short first period and a review lines up with the measurements
// the vendor enters per calendar month (a fact's observed_on is its period's last day). Pure.

export const CADENCES = ["monthly", "quarterly"] as const;
export type Cadence = (typeof CADENCES)[number];

export interface ReviewPeriod {
  /** First day of the period inside the term. */
  start: CalendarDate;
  /** Last day of the period inside the term. */
  end: CalendarDate;
  /** The whole calendar month/quarter the period belongs to (before clipping): the reminder counts from its end. */
  calendarStart: CalendarDate;
  calendarEnd: CalendarDate;
}

export interface Term {
  from: CalendarDate;
  to: CalendarDate;
}

const ymd = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
const lastDayOf = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const months = (cadence: Cadence) => (cadence === "monthly" ? 1 : 3);

/** The calendar month or quarter `date` falls in. */
export function calendarPeriodOf(date: CalendarDate, cadence: Cadence): { start: CalendarDate; end: CalendarDate } {
  const [y, m] = date.split("-").map(Number) as [number, number];
  const first = cadence === "monthly" ? m : m - ((m - 1) % 3);
  const last = first + months(cadence) - 1;
  return { start: ymd(y, first, 1), end: ymd(y, last, lastDayOf(y, last)) };
}

/** The period of the term that contains `date`; null when `date` is outside the term. */
export function periodContaining(date: CalendarDate, cadence: Cadence, term: Term): ReviewPeriod | null {
  if (date < term.from || date > term.to) return null;
  const cal = calendarPeriodOf(date, cadence);
  return {
    start: cal.start < term.from ? term.from : cal.start,
    end: cal.end > term.to ? term.to : cal.end,
    calendarStart: cal.start,
    calendarEnd: cal.end,
  };
}

/** Every period of the term that has begun by `until` (all of them without `until`), oldest first. */
export function periodsOfTerm(term: Term, cadence: Cadence, until?: CalendarDate): ReviewPeriod[] {
  const out: ReviewPeriod[] = [];
  for (let day = term.from; day <= term.to && (until === undefined || day <= until);) {
    const p = periodContaining(day, cadence, term)!;
    out.push(p);
    day = addCalendarDays(p.calendarEnd, 1);
  }
  return out;
}

/** The periods of the term that have ended before `today` (so a review of them can be complete), oldest first. */
export function endedPeriods(term: Term, cadence: Cadence, today: CalendarDate): ReviewPeriod[] {
  return periodsOfTerm(term, cadence, today).filter((p) => p.end < today);
}

/**
 * The day a review of `period` is due: the 10th business day of the next calendar period, on the buyer's
 * calendar (a municipality closes over the New Year). The buyer is reminded after it.
 */
export const REVIEW_DUE_BUSINESS_DAYS = 10;
export function reviewDueOn(period: ReviewPeriod, buyerKind: "municipality" | "company"): CalendarDate {
  return addBusinessDays(period.calendarEnd, REVIEW_DUE_BUSINESS_DAYS, buyerKind === "municipality" ? MUNICIPAL_CALENDAR : COMPANY_CALENDAR);
}

// Fixed three-letter names: Intl's short English months differ between ICU versions ("Sep" / "Sept").
const EN_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** The period's name: 「2027年4月」/「2027年4月〜6月」, "Apr 2027" / "Apr–Jun 2027" (a clipped period shows its days). */
export function periodLabel(period: Pick<ReviewPeriod, "start" | "end">, locale: "ja" | "en"): string {
  const [y1, m1, d1] = period.start.split("-").map(Number) as [number, number, number];
  const [y2, m2, d2] = period.end.split("-").map(Number) as [number, number, number];
  const whole = d1 === 1 && d2 === lastDayOf(y2, m2);
  const en = (m: number) => EN_MONTHS[m - 1]!;
  if (!whole) {
    return locale === "ja" ? `${y1}年${m1}月${d1}日〜${y2}年${m2}月${d2}日` : `${d1} ${en(m1)} ${y1} – ${d2} ${en(m2)} ${y2}`;
  }
  if (y1 === y2 && m1 === m2) return locale === "ja" ? `${y1}年${m1}月` : `${en(m1)} ${y1}`;
  if (y1 === y2) return locale === "ja" ? `${y1}年${m1}月〜${m2}月` : `${en(m1)}–${en(m2)} ${y1}`;
  return locale === "ja" ? `${y1}年${m1}月〜${y2}年${m2}月` : `${en(m1)} ${y1} – ${en(m2)} ${y2}`;
}
