import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import {
  addBusinessDays,
  addCalendarDays,
  businessDayOnOrAfter,
  businessDayOnOrBefore,
  businessDaysBetween,
  calendarDaysBetween,
  CalendarDateSchema,
  COMPANY_CALENDAR,
  dayOfWeek,
  HOLIDAY_DATA_YEARS,
  holidayOn,
  isBusinessDay,
  isCalendarDate,
  MUNICIPAL_CALENDAR,
} from "./japan-business-days";

describe("calendar dates", () => {
  it("accepts only real dates written YYYY-MM-DD", () => {
    expect(isCalendarDate("2026-02-28")).toBe(true);
    expect(isCalendarDate("2028-02-29")).toBe(true);
    for (const bad of ["2026-02-29", "2026-13-01", "2026-4-1", "2026/04/01", "", null, 20260401]) {
      expect(isCalendarDate(bad), String(bad)).toBe(false);
    }
  });

  it("adds and counts calendar days across month, year and leap-day boundaries", () => {
    expect(addCalendarDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addCalendarDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addCalendarDays("2026-04-01", -1)).toBe("2026-03-31");
    expect(calendarDaysBetween("2026-04-01", "2026-05-31")).toBe(60);
    expect(calendarDaysBetween("2026-05-31", "2026-04-01")).toBe(-60);
    expect(dayOfWeek("2026-05-03")).toBe(0);
  });

  it("refuses a malformed date or one outside the holiday data instead of guessing", () => {
    expect(() => isBusinessDay("2026-02-30")).toThrow(RangeError);
    expect(() => isBusinessDay(`${HOLIDAY_DATA_YEARS.last + 1}-06-01`)).toThrow(RangeError);
    expect(() => addBusinessDays("2026-04-01", 1.5)).toThrow(RangeError);
  });

  it("words a bad date field with catalog keys", () => {
    expect(CalendarDateSchema.safeParse(" 2026-04-01 ").data).toBe("2026-04-01");
    expect(CalendarDateSchema.safeParse("2026-02-30").error?.issues.map((issue) => issue.message)).toEqual(["legalDeadlines.date.invalid"]);
    expect(CalendarDateSchema.safeParse("2099-01-05").error?.issues.map((issue) => issue.message)).toEqual(["legalDeadlines.date.outOfCalendar"]);
  });
});

describe("Japanese business days", () => {
  it("knows national holidays, substitute holidays and 国民の休日 by name", () => {
    expect(holidayOn("2026-05-03")?.name.ja).toBe("憲法記念日"); // a Sunday
    expect(holidayOn("2026-05-06")?.name.ja).toContain("振替休日");
    expect(holidayOn("2027-03-22")?.name.en).toBe("Holiday in lieu");
    expect(holidayOn("2026-09-22")?.name).toEqual({ ja: "休日", en: "Citizen's Holiday" }); // 国民の休日 between two holidays
    expect(holidayOn("2026-05-07")).toBeNull();
  });

  it("closes weekends and holidays; 年末年始 only on a calendar that closes it", () => {
    expect(isBusinessDay("2026-05-01")).toBe(true); // Friday
    expect(isBusinessDay("2026-05-02")).toBe(false); // Saturday
    expect(isBusinessDay("2026-05-06")).toBe(false); // 振替休日 for 5/3
    expect(isBusinessDay("2027-03-22")).toBe(false); // 振替休日 for 春分の日 on Sunday 3/21
    expect(isBusinessDay("2026-09-22")).toBe(false);
    expect(isBusinessDay("2026-12-29", COMPANY_CALENDAR)).toBe(true);
    expect(isBusinessDay("2026-12-29", MUNICIPAL_CALENDAR)).toBe(false);
    expect(isBusinessDay("2027-01-01", COMPANY_CALENDAR)).toBe(false); // 元日
    expect(isBusinessDay("2027-01-04", MUNICIPAL_CALENDAR)).toBe(true);
  });

  it("steps over ゴールデンウィーク 2026", () => {
    expect(addBusinessDays("2026-05-01", 1)).toBe("2026-05-07");
    expect(addBusinessDays("2026-04-28", 3)).toBe("2026-05-07"); // 4/29 昭和の日 skipped: 4/30, 5/1, 5/7
    expect(addBusinessDays("2026-05-07", -1)).toBe("2026-05-01");
    expect(businessDaysBetween("2026-04-28", "2026-05-08")).toBe(4);
    expect(businessDaysBetween("2026-05-08", "2026-04-28")).toBe(-4);
    expect(addBusinessDays("2026-05-08", -4)).toBe("2026-04-28");
  });

  it("steps over 年末年始 2026–27 for a municipality but not for a company", () => {
    expect(addBusinessDays("2026-12-28", 1, MUNICIPAL_CALENDAR)).toBe("2027-01-04");
    expect(addBusinessDays("2026-12-28", 1, COMPANY_CALENDAR)).toBe("2026-12-29");
    expect(businessDaysBetween("2026-12-25", "2027-01-08", MUNICIPAL_CALENDAR)).toBe(6);
    expect(businessDaysBetween("2026-12-25", "2027-01-08", COMPANY_CALENDAR)).toBe(9);
    // 2027-01-11 is 成人の日: a 5-business-day standstill from Tuesday 2027-01-05 ends on the 13th.
    expect(addBusinessDays("2027-01-05", 5, MUNICIPAL_CALENDAR)).toBe("2027-01-13");
  });

  it("adding zero business days leaves the date; rounding to a business day goes the asked way", () => {
    expect(addBusinessDays("2026-05-03", 0)).toBe("2026-05-03");
    expect(businessDayOnOrBefore("2026-05-30")).toBe("2026-05-29"); // Saturday → Friday
    expect(businessDayOnOrAfter("2026-05-02")).toBe("2026-05-07");
    expect(businessDayOnOrBefore("2026-12-31", MUNICIPAL_CALENDAR)).toBe("2026-12-28");
    expect(businessDayOnOrBefore("2026-05-29")).toBe("2026-05-29");
  });

  const coveredDate = fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2049, 0, 1) }).map((ms) => new Date(ms).toISOString().slice(0, 10));
  const calendar = fc.constantFrom(COMPANY_CALENDAR, MUNICIPAL_CALENDAR);

  it("counts back exactly the steps it adds, both ways", () => {
    fc.assert(
      fc.property(coveredDate, fc.integer({ min: -40, max: 40 }), calendar, (date, n, cal) => {
        const moved = addBusinessDays(date, n, cal);
        expect(businessDaysBetween(date, moved, cal)).toBe(n);
        if (n !== 0) expect(isBusinessDay(moved, cal)).toBe(true);
      }),
    );
  });

  it("reaches any business day from any date in businessDaysBetween steps", () => {
    fc.assert(
      fc.property(coveredDate, fc.integer({ min: -60, max: 60 }), calendar, (from, offset, cal) => {
        const to = businessDayOnOrAfter(addCalendarDays(from, offset), cal);
        if (to === from) return;
        expect(addBusinessDays(from, businessDaysBetween(from, to, cal), cal)).toBe(to);
      }),
    );
  });
});

describe("no time-zone drift", () => {
  const original = process.env.TZ;
  afterEach(() => {
    process.env.TZ = original;
  });

  it("gives the same answers whatever the server's time zone", () => {
    const answers = () => [
      addBusinessDays("2026-05-01", 1),
      addBusinessDays("2026-12-28", 1, MUNICIPAL_CALENDAR),
      isBusinessDay("2026-05-06"),
      dayOfWeek("2026-05-03"),
      addCalendarDays("2026-03-08", 1), // a US daylight-saving change
    ];
    const expected = ["2026-05-07", "2027-01-04", false, 0, "2026-03-09"];
    for (const zone of ["Asia/Tokyo", "America/Los_Angeles", "Pacific/Kiritimati", "Pacific/Pago_Pago", "UTC"]) {
      process.env.TZ = zone;
      expect(answers(), zone).toEqual(expected);
    }
  });
});
