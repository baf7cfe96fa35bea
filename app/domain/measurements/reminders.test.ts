import { describe, expect, it } from "vitest";
import { MUNICIPAL_CALENDAR } from "~/domain/calendar/japan-business-days";
import { missingReminderPeriod, nthBusinessDayOf, pendingReminderDue } from "./reminders";

const term = { from: "2026-04-01", to: "2027-03-31" };

describe("the 5th business day of a month", () => {
  it("skips weekends and Japanese holidays", () => {
    // May 2026: 1 Fri, 4–6 holidays (Golden Week), 7 Thu, 8 Fri, 11 Mon, 12 Tue.
    expect(nthBusinessDayOf("2026-05", 5)).toBe("2026-05-12");
    // January 2027: 1 New Year's Day, 11 Coming of Age Day; a municipality is closed until the 3rd as well.
    expect(nthBusinessDayOf("2027-01", 5)).toBe("2027-01-08");
    expect(nthBusinessDayOf("2027-01", 5, MUNICIPAL_CALENDAR)).toBe("2027-01-08");
    expect(nthBusinessDayOf("2026-06", 5)).toBe("2026-06-05");
  });
});

describe("the vendor's reminder of missing measurements", () => {
  it("is due from the 5th business day of the month after, for that month only", () => {
    expect(missingReminderPeriod(term, "2026-05-11")).toBeNull();
    expect(missingReminderPeriod(term, "2026-05-12")).toBe("2026-04");
    expect(missingReminderPeriod(term, "2026-05-31")).toBe("2026-04");
    expect(missingReminderPeriod(term, "2026-04-30")).toBeNull(); // the first month still runs
    expect(missingReminderPeriod(term, "2027-04-07")).toBe("2027-03"); // the term's last month, after it ended
    expect(missingReminderPeriod(term, "2027-06-10")).toBeNull(); // long after the term: not brought up again
  });
});

describe("the buyer's reminder of measurements awaiting confirmation", () => {
  it("is due after 5 business days", () => {
    // Submitted Fri 2026-06-05: Mon 8 … Fri 12 is the 5th business day after it.
    expect(pendingReminderDue("2026-06-05", "2026-06-11")).toBe(false);
    expect(pendingReminderDue("2026-06-05", "2026-06-12")).toBe(true);
    // Around Golden Week the holidays do not count: Thu 30 Apr → 1, 7, 8, 11, 12 May.
    expect(pendingReminderDue("2026-04-30", "2026-05-11")).toBe(false);
    expect(pendingReminderDue("2026-04-30", "2026-05-12")).toBe(true);
  });
});
