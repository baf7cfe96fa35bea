// When a scheduled job is due. Time is cut into numbered periods; a schedule runs once per period
// (the runner records the last period run in job_schedules). Pure: no clock, no I/O.

export interface Cadence {
  /** Human-readable, for logs and docs ("every 5 s", "daily at 00:00 Asia/Tokyo"). */
  readonly label: string;
  /** The number of the period `at` falls in; periods increase with time. */
  periodOf(at: Date): number;
  /** When period `period` begins. */
  startOf(period: number): Date;
}

/** Every `seconds` seconds, aligned on the Unix epoch (so every process cuts the same periods). */
export function everySeconds(seconds: number): Cadence {
  if (!Number.isInteger(seconds) || seconds <= 0) throw new Error(`everySeconds needs a positive whole number of seconds, got ${seconds}`);
  const ms = seconds * 1000;
  return {
    label: `every ${seconds} s`,
    periodOf: (at) => Math.floor(at.getTime() / ms),
    startOf: (period) => new Date(period * ms),
  };
}

// Japan has kept UTC+9 without daylight saving since 1951, so a fixed offset is exact.
const TOKYO_OFFSET_MS = 9 * 3600_000;
const DAY_MS = 86400_000;

/** Once a day, from midnight in Tokyo: the period is the number of Tokyo calendar days since 1970-01-01. */
export function dailyAtTokyoMidnight(): Cadence {
  return {
    label: "daily at 00:00 Asia/Tokyo",
    periodOf: (at) => Math.floor((at.getTime() + TOKYO_OFFSET_MS) / DAY_MS),
    startOf: (period) => new Date(period * DAY_MS - TOKYO_OFFSET_MS),
  };
}
