import { describe, expect, it } from "vitest";
import { planFromForm } from "./milestone-form";

describe("planFromForm", () => {
  it("reads rows by index, numbers (full-width and commas too), drops blank rows, reads the outside-scope reason", () => {
    const plan = planFromForm(
      new Map([
        ["basis", "amount"],
        ["milestones[1].name", "検収"],
        ["milestones[1].amountYen", "１,０００"],
        ["milestones[1].dueDate", "2027-03-31"],
        ["milestones[1].paymentDueDays", "60"],
        ["milestones[0].name", "着手"],
        ["milestones[0].amountYen", "abc"],
        ["milestones[2].name", ""],
        ["outsideScope", "on"],
        ["outsideScopeReason", "大企業"],
      ]),
    );
    expect(plan.basis).toBe("amount");
    expect(plan.milestones.map((m) => [m.name, m.amountYen, m.paymentDueDays])).toEqual([
      ["着手", "abc", null],
      ["検収", 1000, 60],
    ]);
    expect(plan.outsideScope).toEqual({ reason: "大企業" });
  });
});
