// How many calendar days (in Japan) remain until a deadline, as the home page says it: 0 is "today",
// a negative number has passed. Pure, so it is tested without a clock.

const JST_OFFSET_MS = 9 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

const jstDay = (d: Date) => Math.floor((d.getTime() + JST_OFFSET_MS) / DAY_MS);

export function daysLeft(deadline: Date | string, now: Date): number {
  return jstDay(new Date(deadline)) - jstDay(now);
}
