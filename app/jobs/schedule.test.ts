import { describe, expect, it } from "vitest";
import { tokyoDateString } from "~/utils/format";
import { dailyAtTokyoMidnight, everySeconds } from "./schedule";

describe("everySeconds", () => {
  const five = everySeconds(5);

  it("cuts time into epoch-aligned periods: the boundary starts the next period", () => {
    const start = five.periodOf(new Date("2026-12-06T10:00:00.000Z"));
    expect(five.periodOf(new Date("2026-12-06T10:00:04.999Z"))).toBe(start);
    expect(five.periodOf(new Date("2026-12-06T10:00:05.000Z"))).toBe(start + 1);
    expect(five.periodOf(new Date("2026-12-06T10:01:00.000Z"))).toBe(start + 12);
    expect(five.startOf(start).toISOString()).toBe("2026-12-06T10:00:00.000Z");
  });

  it("gives every process the same period for the same instant, whatever its start time", () => {
    const at = new Date("2026-12-06T10:00:03.210Z");
    expect(everySeconds(5).periodOf(at)).toBe(five.periodOf(at));
    expect(five.startOf(five.periodOf(at)).getTime()).toBeLessThanOrEqual(at.getTime());
    expect(five.startOf(five.periodOf(at) + 1).getTime()).toBeGreaterThan(at.getTime());
  });

  it("refuses a period that is not a positive whole number of seconds", () => {
    expect(() => everySeconds(0)).toThrow();
    expect(() => everySeconds(-5)).toThrow();
    expect(() => everySeconds(2.5)).toThrow();
  });
});

describe("dailyAtTokyoMidnight", () => {
  const daily = dailyAtTokyoMidnight();

  it("changes period at midnight in Tokyo (15:00 UTC), not at midnight UTC", () => {
    const day = daily.periodOf(new Date("2026-11-20T10:00:00+09:00"));
    expect(daily.periodOf(new Date("2026-11-20T23:59:59.999+09:00"))).toBe(day);
    expect(daily.periodOf(new Date("2026-11-21T00:00:00+09:00"))).toBe(day + 1);
    // 2026-11-21T00:00 UTC is already 09:00 on the 21st in Tokyo: same period as Tokyo midnight.
    expect(daily.periodOf(new Date("2026-11-21T00:00:00Z"))).toBe(day + 1);
    expect(daily.periodOf(new Date("2026-11-20T14:59:59Z"))).toBe(day);
  });

  it("starts each period at 00:00 Tokyo time", () => {
    const day = daily.periodOf(new Date("2026-11-21T13:45:00+09:00"));
    expect(daily.startOf(day).toISOString()).toBe("2026-11-20T15:00:00.000Z");
  });

  it("agrees with the Tokyo calendar date across a year, a leap day and a year end", () => {
    let previous = daily.periodOf(new Date("2025-12-31T12:00:00+09:00"));
    // Noon in Tokyo each day from 2026-01-01 through 2028-12-31: one period per calendar day, in order.
    for (let t = Date.parse("2026-01-01T12:00:00+09:00"); t <= Date.parse("2028-12-31T12:00:00+09:00"); t += 86400_000) {
      const at = new Date(t);
      const p = daily.periodOf(at);
      expect(p).toBe(previous + 1);
      expect(tokyoDateString(daily.startOf(p))).toBe(tokyoDateString(at));
      previous = p;
    }
  });
});
