import { describe, expect, it } from "vitest";
import { calendarPeriodOf, endedPeriods, periodContaining, periodLabel, periodsOfTerm, reviewDueOn } from "./periods";

const term = { from: "2026-04-15", to: "2027-04-14" };

describe("review periods", () => {
  it("cuts calendar months and quarters (Japan's fiscal quarters share the boundaries)", () => {
    expect(calendarPeriodOf("2027-02-10", "monthly")).toEqual({ start: "2027-02-01", end: "2027-02-28" });
    expect(calendarPeriodOf("2028-02-10", "monthly")).toEqual({ start: "2028-02-01", end: "2028-02-29" });
    expect(calendarPeriodOf("2026-05-31", "quarterly")).toEqual({ start: "2026-04-01", end: "2026-06-30" });
    expect(calendarPeriodOf("2026-12-01", "quarterly")).toEqual({ start: "2026-10-01", end: "2026-12-31" });
    expect(calendarPeriodOf("2027-01-01", "quarterly")).toEqual({ start: "2027-01-01", end: "2027-03-31" });
  });

  it("clips the first and last period to the term", () => {
    expect(periodContaining("2026-04-20", "monthly", term)).toMatchObject({ start: "2026-04-15", end: "2026-04-30", calendarEnd: "2026-04-30" });
    expect(periodContaining("2027-04-01", "quarterly", term)).toMatchObject({ start: "2027-04-01", end: "2027-04-14", calendarEnd: "2027-06-30" });
    expect(periodContaining("2026-04-14", "monthly", term)).toBeNull();
    expect(periodContaining("2027-04-15", "monthly", term)).toBeNull();
  });

  it("lists the term's periods: 13 months or 5 quarters for a year from the 15th", () => {
    const monthly = periodsOfTerm(term, "monthly");
    expect(monthly).toHaveLength(13);
    expect(monthly[1]).toMatchObject({ start: "2026-05-01", end: "2026-05-31" });
    expect(monthly.at(-1)).toMatchObject({ start: "2027-04-01", end: "2027-04-14" });
    const quarterly = periodsOfTerm(term, "quarterly");
    expect(quarterly.map((p) => [p.start, p.end])).toEqual([
      ["2026-04-15", "2026-06-30"],
      ["2026-07-01", "2026-09-30"],
      ["2026-10-01", "2026-12-31"],
      ["2027-01-01", "2027-03-31"],
      ["2027-04-01", "2027-04-14"],
    ]);
    expect(periodsOfTerm(term, "monthly", "2026-06-01")).toHaveLength(3);
    expect(endedPeriods(term, "monthly", "2026-06-01").map((p) => p.start)).toEqual(["2026-04-15", "2026-05-01"]);
    expect(endedPeriods(term, "quarterly", "2026-06-30")).toEqual([]);
  });

  it("is due on the 10th business day of the next period, on the buyer's calendar", () => {
    // May 2026: 1 Fri, 4–6 holidays (Golden Week) → 1, 7, 8, 11, 12, 13, 14, 15, 18, 19.
    expect(reviewDueOn(periodContaining("2026-04-20", "monthly", term)!, "company")).toBe("2026-05-19");
    // January 2027: a municipality is closed to 3 Jan; 4 Mon … 11 is 成人の日 → 4,5,6,7,8,12,13,14,15,18.
    const december = periodContaining("2026-12-10", "monthly", term)!;
    expect(reviewDueOn(december, "municipality")).toBe("2027-01-18");
  });

  it("names a period in ja and en", () => {
    expect(periodLabel({ start: "2026-05-01", end: "2026-05-31" }, "ja")).toBe("2026年5月");
    expect(periodLabel({ start: "2026-05-01", end: "2026-05-31" }, "en")).toBe("May 2026");
    expect(periodLabel({ start: "2026-07-01", end: "2026-09-30" }, "ja")).toBe("2026年7月〜9月");
    expect(periodLabel({ start: "2026-07-01", end: "2026-09-30" }, "en")).toBe("Jul–Sep 2026");
    expect(periodLabel({ start: "2026-04-15", end: "2026-04-30" }, "ja")).toBe("2026年4月15日〜2026年4月30日");
  });
});
