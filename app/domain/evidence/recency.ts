import { calendarDaysBetween, type CalendarDate } from "~/domain/calendar/japan-business-days";

/**
 * The default half-life of evidence: 24 months, as two 365-day years. An event this old counts half, one
 * twice as old a quarter — so a vendor's record from four years ago fades without vanishing, and a recent
 * run of misses (or of good work) moves the record within a contract's life.
 */
export const DEFAULT_HALF_LIFE_DAYS = 730;

/** The weight of an event ageDays old: 2^(−age / halfLife). 1 today, ½ at the half-life. */
export function recencyWeight(ageDays: number, halfLifeDays: number = DEFAULT_HALF_LIFE_DAYS): number {
  if (!Number.isFinite(ageDays)) throw new RangeError(`ageDays must be a number (got ${ageDays})`);
  if (!(halfLifeDays > 0 && Number.isFinite(halfLifeDays))) throw new RangeError(`halfLifeDays must be positive (got ${halfLifeDays})`);
  // An event dated after today (a clock a day apart between the vendor's entry and the server) counts
  // as today's: no event may weigh more than a fresh one.
  return Math.pow(2, -Math.max(0, ageDays) / halfLifeDays);
}

export interface DatedEvidence {
  successes: number;
  trials: number;
  /** The day the event happened (a delivery accepted, the last day of a measured period). */
  at: CalendarDate;
}

/**
 * The recency-weighted record: Σ w·successes and Σ w·trials, each event's two counts scaled by the same
 * weight so its observed rate is unchanged and only its say in the total shrinks. The sums are fractional;
 * ragStatus and the Beta posterior take them as pseudo-counts (any positive real is a valid Beta shape).
 */
export function weightedEvidence(
  events: readonly DatedEvidence[],
  today: CalendarDate,
  halfLifeDays: number = DEFAULT_HALF_LIFE_DAYS,
): { successes: number; trials: number } {
  let successes = 0;
  let trials = 0;
  for (const event of events) {
    if (!(Number.isFinite(event.trials) && Number.isFinite(event.successes) && event.successes >= 0 && event.successes <= event.trials))
      throw new RangeError(`successes and trials must satisfy 0 ≤ successes ≤ trials (got ${event.successes} of ${event.trials})`);
    const weight = recencyWeight(calendarDaysBetween(event.at, today), halfLifeDays);
    successes += weight * event.successes;
    trials += weight * event.trials;
  }
  return { successes, trials };
}
