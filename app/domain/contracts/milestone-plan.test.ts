import { describe, expect, it } from "vitest";
import { checkMilestonePlan, milestoneAmounts, milestoneLegalDates, MilestonePlan, type MilestonePlanInput, type PlanContext } from "./milestone-plan";

const ctx: PlanContext = { buyerKind: "company", totalYen: 1_100_000, today: "2026-12-07" };
const row = (over: Record<string, unknown> = {}) => ({
  name: "設計",
  dueDate: "2027-01-29",
  acceptance: "設計書の承認",
  paymentDueDays: 60,
  ...over,
});
const check = (input: MilestonePlanInput, c = ctx) => checkMilestonePlan(MilestonePlan.parse(input), c);
const keysAt = (issues: ReturnType<typeof check>) => issues.map((i) => [i.path.join("."), i.message]);

describe("checkMilestonePlan", () => {
  it("accepts percentages that add up to 100 and amounts that add up to the total", () => {
    expect(check({ basis: "percent", milestones: [row({ percent: 30 }), row({ percent: 70 })] })).toEqual([]);
    expect(check({ basis: "amount", milestones: [row({ amountYen: 100_000 }), row({ amountYen: 1_000_000 })] })).toEqual([]);
    expect(check({ basis: "percent", milestones: [row({ percent: 33.33 }), row({ percent: 33.33 }), row({ percent: 33.34 })] })).toEqual([]);
  });

  it("refuses percentages summing to 90 with the sum, and amounts off by one yen with the difference", () => {
    const pct = check({ basis: "percent", milestones: [row({ percent: 30 }), row({ percent: 60 })] });
    expect(keysAt(pct)).toEqual([["milestones", "contracts.milestones.percentSum"]]);
    expect(pct[0]!.params).toEqual({ sum: "90" });
    const amt = check({ basis: "amount", milestones: [row({ amountYen: 100_000 }), row({ amountYen: 999_999 })] });
    expect(keysAt(amt)).toEqual([["milestones", "contracts.milestones.amountSum"]]);
    expect(amt[0]!.params).toEqual({ sum: "¥1,099,999", total: "¥1,100,000", difference: "¥1" });
  });

  it("refuses a missing value of the plan's basis and a due date before today, at the row", () => {
    const issues = check({ basis: "amount", milestones: [row({ percent: 100 }), row({ amountYen: 5, dueDate: "2026-12-06" })] });
    expect(keysAt(issues)).toEqual([
      ["milestones.0.amountYen", "contracts.milestone.amount.required"],
      ["milestones.1.dueDate", "contracts.milestone.dueDate.past"],
    ]);
    expect(issues[1]!.params).toEqual({ today: "2026-12-07" });
  });

  it("names the law: a company paying 61 days after receipt, a municipality paying 45 days after the invoice", () => {
    expect(keysAt(check({ basis: "percent", milestones: [row({ percent: 100, paymentDueDays: 61 })] }))).toEqual([
      ["milestones.0.paymentDueDays", "legalDeadlines.company.payment.exceeded"],
    ]);
    const municipal = check(
      { basis: "percent", milestones: [row({ percent: 100, inspectionDays: 10, paymentDueDays: 45 })] },
      { ...ctx, buyerKind: "municipality" },
    );
    expect(keysAt(municipal)).toEqual([["milestones.0.paymentDueDays", "legalDeadlines.municipality.payment.exceeded"]]);
    expect(municipal[0]!.rule).toBe("municipality.payment");
  });

  it("a company outside the laws' scope with a reason is not held to 60 days; without a reason it is", () => {
    const late = { basis: "percent" as const, milestones: [row({ percent: 100, paymentDueDays: 90 })] };
    expect(check({ ...late, outsideScope: { reason: "受注者は資本金10億円超の大企業" } })).toEqual([]);
    expect(keysAt(check({ ...late, outsideScope: { reason: " " } }))).toEqual([
      ["outsideScope.reason", "legalDeadlines.outsideScope.reasonRequired"],
      ["milestones.0.paymentDueDays", "legalDeadlines.company.payment.exceeded"],
    ]);
  });

  it("the schema refuses a malformed date and a blank acceptance at their fields", () => {
    const parsed = MilestonePlan.safeParse({ basis: "percent", milestones: [row({ percent: 100, dueDate: "2027-02-30", acceptance: "" })] });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["milestones.0.dueDate", "contracts.milestone.dueDate.invalid"],
      ["milestones.0.acceptance", "contracts.milestone.acceptance.required"],
    ]);
  });
});

describe("milestoneAmounts and legal dates", () => {
  it("splits percentages into yen with the remainder on the last milestone", () => {
    const plan = MilestonePlan.parse({ basis: "percent", milestones: [row({ percent: 33.33 }), row({ percent: 33.33 }), row({ percent: 33.34 })] });
    const amounts = milestoneAmounts(plan, 1_000_001);
    expect(amounts).toEqual([333_300, 333_300, 333_401]);
    expect(amounts.reduce((a, b) => a + b, 0)).toBe(1_000_001);
  });

  it("company: receipt 2026-04-01, 60 days → 2026-05-30 (Sat), act by Fri 05-29", () => {
    expect(milestoneLegalDates("company", { dueDate: "2026-04-01", paymentDueDays: 60 }, false)).toEqual([
      expect.objectContaining({ rule: "company.payment", agreed: "2026-05-30", legalLatest: "2026-05-30", actBy: "2026-05-29" }),
    ]);
    expect(milestoneLegalDates("company", { dueDate: "2026-04-01", paymentDueDays: 90 }, true)[0]).toMatchObject({ agreed: "2026-06-29", legalLatest: null });
  });

  it("municipality: notice 2026-04-01 → inspect by 04-11 (Sat, act by 04-10) → pay 30 days later by 05-11", () => {
    const dates = milestoneLegalDates("municipality", { dueDate: "2026-04-01", inspectionDays: 10, paymentDueDays: 30 }, false);
    expect(dates.map((d) => [d.rule, d.agreed, d.actBy])).toEqual([
      ["municipality.inspection", "2026-04-11", "2026-04-10"],
      ["municipality.payment", "2026-05-11", "2026-05-11"],
    ]);
  });
});
