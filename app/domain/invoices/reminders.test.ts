import { describe, expect, it } from "vitest";
import { daysOverdue, firstDayOfStep, LAST_REMINDER_DAY, reminderDue, reminderStepOn, REMINDER_MAX_STEPS } from "./reminders";

describe("overdue reminder steps", () => {
  it("counts calendar days after the due date across a month end", () => {
    expect(daysOverdue("2027-01-31", "2027-01-31")).toBe(0);
    expect(daysOverdue("2027-01-31", "2027-02-01")).toBe(1);
    expect(daysOverdue("2027-01-31", "2027-03-01")).toBe(29);
    expect(daysOverdue("2027-02-10", "2027-01-31")).toBe(0);
  });

  it("is step 1 from day 1, then one step a week, and stops after the last step", () => {
    expect([0, 1, 7, 8, 14, 15, 22, 29, 35, 36].map(reminderStepOn)).toEqual([null, 1, 1, 2, 2, 3, 4, 5, 5, null]);
    for (let step = 1; step <= REMINDER_MAX_STEPS; step++) expect(reminderStepOn(firstDayOfStep(step))).toBe(step);
    expect(reminderStepOn(LAST_REMINDER_DAY)).toBe(REMINDER_MAX_STEPS);
    expect(reminderStepOn(LAST_REMINDER_DAY + 1)).toBeNull();
  });

  it("waits for the buyer's business day and then sends the same step", () => {
    // Due Thursday 2027-02-04: day 1 is Friday → step 1; day 8 is Friday 02-12 → step 2.
    expect(reminderDue({ dueDate: "2027-02-04", today: "2027-02-05", balance: 1, buyerKind: "company" })).toEqual({ step: 1, daysOverdue: 1 });
    // Due Friday 2027-02-05: day 1 is a Saturday → nothing; Monday 02-08 (day 3) → still step 1.
    expect(reminderDue({ dueDate: "2027-02-05", today: "2027-02-06", balance: 1, buyerKind: "company" })).toBeNull();
    expect(reminderDue({ dueDate: "2027-02-05", today: "2027-02-08", balance: 1, buyerKind: "company" })).toEqual({ step: 1, daysOverdue: 3 });
    // 建国記念の日 (Thursday 2027-02-11) is closed.
    expect(reminderDue({ dueDate: "2027-02-10", today: "2027-02-11", balance: 1, buyerKind: "company" })).toBeNull();
    // 12/29 is open for a company, closed for a municipality (年末年始).
    expect(reminderDue({ dueDate: "2026-12-28", today: "2026-12-29", balance: 1, buyerKind: "company" })).toEqual({ step: 1, daysOverdue: 1 });
    expect(reminderDue({ dueDate: "2026-12-28", today: "2026-12-29", balance: 1, buyerKind: "municipality" })).toBeNull();
    expect(reminderDue({ dueDate: "2026-12-28", today: "2027-01-04", balance: 1, buyerKind: "municipality" })).toEqual({ step: 1, daysOverdue: 7 });
  });

  it("sends nothing with no balance", () => {
    expect(reminderDue({ dueDate: "2027-02-04", today: "2027-02-05", balance: 0, buyerKind: "company" })).toBeNull();
  });
});
