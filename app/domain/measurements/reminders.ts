import { addBusinessDays, businessDaysBetween, COMPANY_CALENDAR, type BusinessCalendar, type CalendarDate } from "~/domain/calendar/japan-business-days";
import { addMonths, lastDayOf, lastEndedPeriod, periodOf, type Period, type Term } from "./period";

// When the SLA measurement reminders are due (decision 0040). Pure; the job passes today (Japan) in.

/** Business days the vendor has, each month, to enter last month's measurements; and the buyer to decide. */
export const MEASUREMENT_GRACE_BUSINESS_DAYS = 5;

/** The 5th business day of a month (Japanese holidays; the year-end closure on a municipal calendar). */
export function nthBusinessDayOf(period: Period, n: number, calendar: BusinessCalendar = COMPANY_CALENDAR): CalendarDate {
  return addBusinessDays(lastDayOf(addMonths(period, -1)), n, calendar);
}

/**
 * The period whose missing measurements the vendor is reminded of today, or null: last month, from the 5th
 * business day of this month to the month's end (a day the job did not run is caught up the next day; a
 * month long past is not brought up again).
 */
export function missingReminderPeriod(term: Term, today: CalendarDate): Period | null {
  const period = lastEndedPeriod(term, today);
  if (!period || addMonths(period, 1) !== periodOf(today)) return null;
  return today >= nthBusinessDayOf(periodOf(today), MEASUREMENT_GRACE_BUSINESS_DAYS) ? period : null;
}

/** A measurement submitted on `submittedOn` has awaited the buyer's confirmation for 5 business days by `today`. */
export function pendingReminderDue(submittedOn: CalendarDate, today: CalendarDate, calendar: BusinessCalendar = COMPANY_CALENDAR): boolean {
  return today > submittedOn && businessDaysBetween(submittedOn, today, calendar) >= MEASUREMENT_GRACE_BUSINESS_DAYS;
}
