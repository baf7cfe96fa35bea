import { describe, expect, it } from "vitest";
import { addMonths, lastDayOf, lastEndedPeriod, parsePeriod, periodProblem, periodsOfTerm, templatePeriod } from "./period";

const term = { from: "2026-04-15", to: "2027-04-14" };

describe("parsePeriod", () => {
  it("reads YYYY-MM and nothing else", () => {
    expect(parsePeriod("2026-12")).toEqual({ year: 2026, month: 12 });
    for (const bad of ["2026-13", "2026-00", "2026/12", "2026-1", " 2026-12", "2026-12-01", "", null, 202612]) expect(parsePeriod(bad)).toBeNull();
  });
});

describe("months", () => {
  it("steps across years and knows each month's last day (leap years too)", () => {
    expect(addMonths("2026-12", 1)).toBe("2027-01");
    expect(addMonths("2027-01", -1)).toBe("2026-12");
    expect(addMonths("2026-05", -17)).toBe("2024-12");
    expect(lastDayOf("2028-02")).toBe("2028-02-29");
    expect(lastDayOf("2027-02")).toBe("2027-02-28");
    expect(lastDayOf("2026-12")).toBe("2026-12-31");
  });
});

describe("periodProblem (today passed in, never the wall clock)", () => {
  it("accepts the months overlapping the term that have started", () => {
    expect(periodProblem("2026-04", term, "2026-06-01")).toBeNull(); // the term's first, partial month
    expect(periodProblem("2026-06", term, "2026-06-01")).toBeNull(); // the running month
    expect(periodProblem("2027-04", term, "2027-05-10")).toBeNull(); // the term's last, partial month
  });
  it("names the problem", () => {
    expect(periodProblem("2026-13", term, "2026-06-01")).toBe("measurements.period.invalid");
    expect(periodProblem("2026-03", term, "2026-06-01")).toBe("measurements.period.outsideTerm");
    expect(periodProblem("2027-05", term, "2027-06-01")).toBe("measurements.period.outsideTerm");
    expect(periodProblem("2026-07", term, "2026-06-30")).toBe("measurements.period.future");
  });
  it("judges by the day it is given: a past clock makes a past month current", () => {
    expect(periodProblem("2026-05", term, "2026-04-20")).toBe("measurements.period.future");
    expect(periodProblem("2026-05", term, "2026-05-01")).toBeNull();
  });
});

describe("periods of a term", () => {
  it("lists the started months newest first and stops at the term's end", () => {
    expect(periodsOfTerm(term, "2026-06-03")).toEqual(["2026-06", "2026-05", "2026-04"]);
    expect(periodsOfTerm(term, "2028-01-01")).toHaveLength(13);
    expect(periodsOfTerm(term, "2026-04-01")).toEqual([]);
  });
  it("the last ended period is last month, the term's last month once it is over, none in the first month", () => {
    expect(lastEndedPeriod(term, "2026-06-03")).toBe("2026-05");
    expect(lastEndedPeriod(term, "2026-04-20")).toBeNull();
    expect(lastEndedPeriod(term, "2026-05-01")).toBe("2026-04");
    expect(lastEndedPeriod(term, "2027-09-01")).toBe("2027-04");
    expect(templatePeriod(term, "2026-04-20")).toBe("2026-04");
    expect(templatePeriod(term, "2026-06-03")).toBe("2026-05");
  });
});
