import {
  calendarDaysBetween,
  COMPANY_CALENDAR,
  isBusinessDay,
  isCoveredDate,
  MUNICIPAL_CALENDAR,
  type CalendarDate,
} from "~/domain/calendar/japan-business-days";

/**
 * Overdue reminders (督促) of an invoice paid by bank transfer (issue 16 item 2). Pure: dates in, step out.
 *
 * The cadence, as a Japanese accounting department would run it by hand:
 *  - step 1 is due on the first day after the due date (day 1 overdue), then one step a week: step k is due from day
 *    1 + 7 (k − 1) overdue (days 1, 8, 15, 22, 29);
 *  - after REMINDER_MAX_STEPS (five reminders, about a month) Kurabe stops mailing: by then it is a matter for a
 *    phone call between the two 経理 departments, not another automatic mail. The invoice stays flagged
 *    支払期日超過 on both sides' lists and on the admin list;
 *  - mails go out on the buyer's business days only (weekends, national holidays, and 年末年始 for a municipality):
 *    a transfer sent on Friday afternoon arrives on Monday, and a Saturday 督促 helps nobody. A step that falls on a
 *    closed day goes out on the next business day, still as that step;
 *  - only the CURRENT step is sent: after a server outage of two weeks the buyer gets one reminder (the current
 *    step), not three at once.
 * The step is the key of the unique row `invoice_reminders(invoice_id, step)`: whatever runs the job how often,
 * each step goes out once.
 */

export const REMINDER_MAX_STEPS = 5;
export const REMINDER_INTERVAL_DAYS = 7;

/** Calendar days past the due date (0 on the due date itself and before it). */
export function daysOverdue(dueDate: CalendarDate, today: CalendarDate): number {
  return Math.max(0, calendarDaysBetween(dueDate, today));
}

/** The reminder step current on `days` overdue (1-based), or null when not overdue or past the last step's week. */
export function reminderStepOn(days: number): number | null {
  if (!Number.isInteger(days) || days < 1) return null;
  const step = Math.floor((days - 1) / REMINDER_INTERVAL_DAYS) + 1;
  return step <= REMINDER_MAX_STEPS ? step : null;
}

/** The last day overdue on which a reminder can still be due (the last step's week). */
export const LAST_REMINDER_DAY = 1 + REMINDER_MAX_STEPS * REMINDER_INTERVAL_DAYS - 1;

/** The first day overdue on which `step` is due. */
export function firstDayOfStep(step: number): number {
  return 1 + (step - 1) * REMINDER_INTERVAL_DAYS;
}

/**
 * The reminder due today for an invoice with money still due after `dueDate`, or null: not overdue yet, past the
 * last step, or today is not a business day for the buyer (the same step goes out on the next one).
 */
export function reminderDue(o: {
  dueDate: CalendarDate;
  today: CalendarDate;
  balance: number;
  buyerKind: "company" | "municipality" | string;
}): { step: number; daysOverdue: number } | null {
  if (!(o.balance > 0)) return null;
  const days = daysOverdue(o.dueDate, o.today);
  const step = reminderStepOn(days);
  if (step === null) return null;
  const calendar = o.buyerKind === "municipality" ? MUNICIPAL_CALENDAR : COMPANY_CALENDAR;
  // Outside the years the holiday data covers a business-day answer would be a guess: send (weekends aside).
  if (isCoveredDate(o.today) ? !isBusinessDay(o.today, calendar) : [0, 6].includes(new Date(`${o.today}T00:00:00Z`).getUTCDay())) return null;
  return { step, daysOverdue: days };
}
