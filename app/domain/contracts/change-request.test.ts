import { describe, expect, it } from "vitest";
import { orderTotals } from "~/domain/documents/order-totals";
import { fixtureRfq, quoteA } from "~/domain/quote/test-fixtures";
import { applyChange, ChangeDecisionInput, ChangeRequestInput, contractTaxRate, impactOf, needsRoute, routeAmount, type ChangeImpact } from "./change-request";
import { contractDiff } from "./contract-diff";
import { buildContractDraft, type ContractContent } from "./contract-draft";
import { milestoneAmounts } from "./milestone-plan";

// A company contract of 13,585,000 yen (tax included, 10 %) from the quote fixture, with four 25 % milestones.
const base = (): ContractContent => {
  const c = buildContractDraft({
    rfq: { ...fixtureRfq(), id: "r1", version: 1 },
    quote: { ...quoteA(), id: "q1", version: 2, taxBasis: "excluded", taxRate: 10 },
    buyer: { orgId: "b", name: "発注社", registrationNumber: null },
    vendor: { orgId: "v", name: "受注社", registrationNumber: null },
    buyerKind: "company",
    termFrom: "2027-04-01",
    defaults: { milestoneName: "業務完了", acceptance: "完了報告書の承認" },
  });
  const m = c.milestonePlan.milestones[0]!;
  return {
    ...c,
    milestonePlan: {
      basis: "percent",
      outsideScope: null,
      milestones: ["2027-06-30", "2027-09-30", "2027-12-31", "2028-03-31"].map((dueDate, i) => ({ ...m, name: `第${i + 1}四半期`, percent: 25, dueDate })),
    },
  };
};
const none: ChangeImpact = { priceImpactYen: 0, termTo: null, milestoneDueDates: [], slaTargets: [] };
const TODAY = "2027-07-15";
const ctx = (accepted: number[] = [], content = base()) => ({ content, accepted: new Set(accepted), today: TODAY });
const applied = (r: ReturnType<typeof applyChange>) => {
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.content;
};

describe("applyChange", () => {
  it("adds a price change as an explicit line at the contract's rate; totals per rate stay exact; the quote is untouched", () => {
    const c = base();
    const next = applied(applyChange(ctx([0]), { ...none, priceImpactYen: 333_333 }, { number: 1, title: "帳票追加" }));
    expect(next.lines.at(-1)).toEqual({ code: "CHG-1", description: "帳票追加", quantity: 1, unit: "式", unitPrice: 333_333, taxRate: 10 });
    expect(next.lines.slice(0, -1)).toEqual(c.lines);
    const recomputed = orderTotals(next.lines);
    expect(next.totals).toEqual({ subtotal: recomputed.subtotal, tax: recomputed.tax, total: recomputed.total });
    // 12,350,000 + 333,333 = 12,683,333; tax once on the rate's subtotal, rounded down: 1,268,333.
    expect(next.totals).toEqual({ subtotal: 12_683_333, tax: 1_268_333, total: 13_951_666 });
    expect(next.quote).toEqual(c.quote);
  });

  it("keeps the plan adding up: accepted milestones keep their yen, the change lands on the last open one", () => {
    const c = base();
    const before = milestoneAmounts(c.milestonePlan, c.totals.total);
    const next = applied(applyChange(ctx([0, 1]), { ...none, priceImpactYen: -1_000_001 }, { number: 2, title: "減額" }));
    const after = milestoneAmounts(next.milestonePlan, next.totals.total);
    expect(next.milestonePlan.basis).toBe("amount");
    expect(after.reduce((a, b) => a + b, 0)).toBe(next.totals.total);
    expect(after.slice(0, 3)).toEqual(before.slice(0, 3));
    expect(after[3]! - before[3]!).toBe(next.totals.total - c.totals.total);
    // 12,350,000 − 1,000,001 = 11,349,999; its tax once, rounded down: 1,134,999 → total 12,484,998 (−1,100,002).
    expect(next.totals).toEqual({ subtotal: 11_349_999, tax: 1_134_999, total: 12_484_998 });
    expect(next.totals.total - c.totals.total).toBe(-1_100_002);
  });

  it("keeps each rate exact on a contract with two rates (the change takes the rate of the larger subtotal)", () => {
    const c = base();
    const mixed: ContractContent = { ...c, lines: [...c.lines, { code: "FOOD", description: "弁当", quantity: 10, unit: "個", unitPrice: 1_001, taxRate: 8 }] };
    mixed.totals = (({ subtotal, tax, total }) => ({ subtotal, tax, total }))(orderTotals(mixed.lines));
    expect(contractTaxRate(mixed)).toBe(10);
    const next = applied(applyChange(ctx([], mixed), { ...none, priceImpactYen: 7 }, { number: 3, title: "x" }));
    const byRate = orderTotals(next.lines).byRate;
    expect(byRate).toEqual([
      { rate: 10, subtotal: 12_350_007, tax: 1_235_000 },
      { rate: 8, subtotal: 10_010, tax: 800 },
    ]);
    expect(next.totals.total).toBe(12_350_007 + 1_235_000 + 10_010 + 800);
  });

  it("moves the term end, open milestones' due dates and SLA targets", () => {
    const next = applied(
      applyChange(
        ctx([0]),
        { priceImpactYen: 0, termTo: "2028-06-30", milestoneDueDates: [{ index: 3, dueDate: "2028-06-30" }], slaTargets: [{ key: "accuracy", target: 0.995 }] },
        { number: 1, title: "延長" },
      ),
    );
    expect(next.term.to).toBe("2028-06-30");
    expect(next.milestonePlan.milestones[3]!.dueDate).toBe("2028-06-30");
    expect(next.milestonePlan.basis).toBe("percent");
    expect(next.sla.find((s) => s.key === "accuracy")!.target).toBe(0.995);
    expect(next.lines).toEqual(base().lines);
  });

  it("refuses field by field: an accepted milestone, a date before today, an unknown KPI, a rate out of range, below zero", () => {
    const r = applyChange(
      ctx([0, 1, 2, 3]),
      {
        priceImpactYen: 5,
        termTo: "2027-07-14",
        milestoneDueDates: [
          { index: 0, dueDate: "2027-08-01" },
          { index: 9, dueDate: "2027-08-01" },
        ],
        slaTargets: [
          { key: "accuracy", target: 1.2 },
          { key: "nope", target: 1 },
        ],
      },
      { number: 1, title: "x" },
    );
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["termTo", "changes.termTo.past"],
      ["milestoneDueDates.0.dueDate", "changes.milestone.accepted"],
      ["milestoneDueDates.1.index", "changes.milestone.invalid"],
      ["slaTargets.0.target", "changes.sla.rateOutOfRange"],
      ["slaTargets.1.key", "changes.sla.unknown"],
      ["priceImpactYen", "changes.priceImpact.noOpenMilestone"],
    ]);
    const past = applyChange(ctx([]), { ...none, milestoneDueDates: [{ index: 1, dueDate: "2027-07-14" }] }, { number: 1, title: "x" });
    expect(!past.ok && past.issues[0]).toMatchObject({ path: ["milestoneDueDates", 0, "dueDate"], message: "changes.milestone.dueDate.past" });
    const negative = applyChange(ctx([0, 1, 2]), { ...none, priceImpactYen: -4_000_000 }, { number: 1, title: "x" });
    expect(!negative.ok && negative.issues[0]).toMatchObject({ path: ["priceImpactYen"], message: "changes.priceImpact.milestoneBelowZero" });
  });
});

describe("contractDiff", () => {
  it("lists the added line, totals, term, moved dates, changed amounts and targets; nothing when nothing changed", () => {
    const c = base();
    expect(contractDiff(c, c)).toEqual([]);
    const next = applied(
      applyChange(
        ctx([0]),
        {
          priceImpactYen: 100_000,
          termTo: "2028-06-30",
          milestoneDueDates: [{ index: 2, dueDate: "2028-01-31" }],
          slaTargets: [{ key: "accuracy", target: 0.995 }],
        },
        { number: 4, title: "機能追加" },
      ),
    );
    expect(contractDiff(c, next)).toEqual([
      { field: "lines.CHG-4", kind: "yen", label: "機能追加", before: null, after: 100_000 },
      { field: "totals.subtotal", kind: "yen", before: 12_350_000, after: 12_450_000 },
      { field: "totals.tax", kind: "yen", before: 1_235_000, after: 1_245_000 },
      { field: "totals.total", kind: "yen", before: 13_585_000, after: 13_695_000 },
      { field: "term.to", kind: "date", before: "2028-03-31", after: "2028-06-30" },
      { field: "milestones.2.dueDate", kind: "date", label: "第3四半期", before: "2027-12-31", after: "2028-01-31" },
      { field: "milestones.3.amountYen", kind: "yen", label: "第4四半期", before: 3_396_250, after: 3_506_250 },
      expect.objectContaining({ field: "sla.accuracy.target", kind: "target", unit: "rate", before: 0.999, after: 0.995 }),
    ]);
  });
});

describe("the 稟議 threshold", () => {
  it("default 1: any price impact goes through the route; 0: none does; a change without price never does", () => {
    expect(needsRoute(1, 1)).toBe(true);
    expect(needsRoute(-1, 1)).toBe(true);
    expect(needsRoute(0, 1)).toBe(false);
    expect(needsRoute(5_000_000, 0)).toBe(false);
    expect(needsRoute(999_999, 1_000_000)).toBe(false);
    expect(needsRoute(1_000_000, 1_000_000)).toBe(true);
    expect(needsRoute(-1_000_000, 1_000_000)).toBe(true);
  });

  it("picks the band by the change of the total including tax, as an absolute amount", () => {
    expect(routeAmount(base(), 100_000)).toBe(110_000);
    expect(routeAmount(base(), -100_000)).toBe(110_000);
    expect(routeAmount(base(), 0)).toBe(0);
  });
});

describe("input", () => {
  it("requires a title and a description; integer yen; a reason to reject", () => {
    const r = ChangeRequestInput.safeParse({ title: " ", description: "", priceImpactYen: 1.5 });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["title", "changes.title.required"],
      ["description", "changes.description.required"],
      ["priceImpactYen", "changes.priceImpact.invalid"],
    ]);
    const ok = ChangeRequestInput.parse({ title: "t", description: "d" });
    expect(impactOf(ok)).toEqual(none);
    expect(ChangeDecisionInput.safeParse({ decision: "reject" }).error!.issues[0]).toMatchObject({ path: ["reason"], message: "changes.reason.required" });
    expect(ChangeDecisionInput.parse({ decision: "approve" })).toEqual({ decision: "approve" });
  });
});
