import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { RFQ_STEPS, criterionSchema, lineItemSchema, rfqDraftSchema, rfqSchema, rfqStepSchemas } from "./schema";
import { completeRfqInput } from "./test-fixtures";

function issuesOf(result: { success: boolean; error?: z.ZodError }) {
  return (result.error?.issues ?? []).map((issue) => ({ path: issue.path.join("."), message: issue.message }));
}

describe("rfqSchema (a complete RFQ)", () => {
  it("accepts the complete fixture and fills defaults (JPY, sealed, invited)", () => {
    const input = completeRfqInput();
    delete input.currency;
    delete input.sealed;
    const parsed = rfqSchema.parse(input);
    expect(parsed.currency).toBe("JPY");
    expect(parsed.sealed).toBe(true);
    expect(parsed.visibility).toBe("invited");
    expect(parsed.lineItems).toHaveLength(3);
  });

  it("answers missing required fields with their own message keys", () => {
    const result = rfqSchema.safeParse({ title: "経理BPO", category: "accounting" });
    const messages = issuesOf(result).map((issue) => issue.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        "rfq.phase.required",
        "rfq.purpose.required",
        "rfq.scopeIn.required",
        "rfq.lineItems.required",
        "rfq.contractTermMonths.required",
        "rfq.dataSensitivity.required",
        "rfq.criteria.required",
        "rfq.scoringMethod.required",
        "rfq.quoteDeadline.required",
      ]),
    );
  });

  it("refuses an empty line list with rfq.lineItems.required", () => {
    expect(issuesOf(rfqSchema.safeParse(completeRfqInput({ lineItems: [] })))).toContainEqual({ path: "lineItems", message: "rfq.lineItems.required" });
  });

  it("marks the second of two equal line codes, on its code field", () => {
    const input = completeRfqInput();
    input.lineItems = [...input.lineItems!, { code: "OPS", description: "重複", unit: "月", quantity: 1, recurrence: "monthly" }];
    expect(issuesOf(rfqSchema.safeParse(input))).toEqual([{ path: "lineItems.3.code", message: "rfq.lineItems.code.duplicate" }]);
  });

  it("marks duplicate criterion keys", () => {
    const input = completeRfqInput();
    input.criteria = [...input.criteria!, { ...input.criteria![1] }];
    expect(issuesOf(rfqSchema.safeParse(input))).toEqual([{ path: "criteria.3.key", message: "rfq.criteria.key.duplicate" }]);
  });

  it("refuses fractional yen and fractional quantities (money is integer yen)", () => {
    const input = completeRfqInput({ baselineCostMonthlyYen: 1_500_000.5 });
    input.lineItems![2] = { ...input.lineItems![2], quantity: 2.5 };
    expect(issuesOf(rfqSchema.safeParse(input))).toEqual([
      { path: "lineItems.2.quantity", message: "rfq.lineItems.quantity.invalid" },
      { path: "baselineCostMonthlyYen", message: "rfq.money.invalid" },
    ]);
  });

  it("refuses a budget whose minimum is above its maximum", () => {
    const input = completeRfqInput({ budget: { min: 20_000_000, max: 15_000_000, showToVendors: false } });
    expect(issuesOf(rfqSchema.safeParse(input))).toEqual([{ path: "budget.min", message: "rfq.budget.minAboveMax" }]);
  });

  it("requires a time zone on the deadline (JST vs server time would otherwise be a guess)", () => {
    expect(issuesOf(rfqSchema.safeParse(completeRfqInput({ quoteDeadline: "2026-03-31T17:00:00" })))).toEqual([
      { path: "quoteDeadline", message: "rfq.quoteDeadline.invalid" },
    ]);
    expect(rfqSchema.safeParse(completeRfqInput({ quoteDeadline: "2026-03-31T08:00:00Z" })).success).toBe(true);
  });

  it("refuses impossible peak months and duplicates", () => {
    const input = completeRfqInput({ volumes: { perMonth: 100, peakMonths: [3, 13, 3] } });
    expect(issuesOf(rfqSchema.safeParse(input))).toEqual([
      { path: "volumes.peakMonths.1", message: "rfq.volumes.peakMonths.invalid" },
      { path: "volumes.peakMonths.2", message: "rfq.volumes.peakMonths.duplicate" },
    ]);
    const duplicate = completeRfqInput({ volumes: { perMonth: 100, peakMonths: [3, 3] } });
    expect(issuesOf(rfqSchema.safeParse(duplicate))).toEqual([{ path: "volumes.peakMonths.1", message: "rfq.volumes.peakMonths.duplicate" }]);
  });

  it("accepts built-in and custom: certification types but not a misspelt built-in", () => {
    const ok = completeRfqInput({
      requiredCertifications: [
        { type: "isms_iso27001", level: "mandatory" },
        { type: "custom:jis_q_15001", level: "preferred" },
      ],
    });
    expect(rfqSchema.safeParse(ok).success).toBe(true);
    const typo = completeRfqInput({ requiredCertifications: [{ type: "privcy_mark" as "privacy_mark", level: "mandatory" }] });
    expect(issuesOf(rfqSchema.safeParse(typo))).toContainEqual({ path: "requiredCertifications.0.type", message: "rfq.requiredCertifications.type.invalid" });
  });

  it("runs the cross-field rules once every field is valid", () => {
    const input = completeRfqInput({ visibility: "invited", invitedVendorIds: [] });
    expect(issuesOf(rfqSchema.safeParse(input))).toEqual([{ path: "invitedVendorIds", message: "rfq.invitedVendorIds.required" }]);
  });
});

describe("line item recurrences", () => {
  const line = { code: "BONUS", description: "賞与計算", unit: "回", quantity: 1 };
  it("accepts quarterly, half-yearly and yearly lines, and n times over the term with its count", () => {
    for (const recurrence of ["quarterly", "half_yearly", "yearly"]) expect(lineItemSchema.safeParse({ ...line, recurrence }).success).toBe(true);
    expect(lineItemSchema.safeParse({ ...line, recurrence: "times_over_term", occurrences: 5 }).success).toBe(true);
  });
  it("needs the count for n times, and refuses a count on any other recurrence or outside 1–10,000", () => {
    expect(issuesOf(lineItemSchema.safeParse({ ...line, recurrence: "times_over_term" }))).toEqual([
      { path: "occurrences", message: "rfq.lineItems.occurrences.required" },
    ]);
    expect(issuesOf(lineItemSchema.safeParse({ ...line, recurrence: "yearly", occurrences: 2 }))).toEqual([
      { path: "occurrences", message: "rfq.lineItems.occurrences.onlyForTimes" },
    ]);
    for (const occurrences of [0, 1.5, 10_001]) {
      expect(issuesOf(lineItemSchema.safeParse({ ...line, recurrence: "times_over_term", occurrences }))[0]?.message).toBe("rfq.lineItems.occurrences.invalid");
    }
  });
});

describe("criterionSchema", () => {
  const base = {
    key: "on_time_rate",
    label: { ja: "納期遵守率", en: "On-time rate" },
    perspective: "internalProcess",
    direction: "benefit",
    weight: 10,
    source: "kpi_commitment",
    unit: "rate",
  } as const;

  it("accepts a criterion without gate or scale (drafts and relative methods)", () => {
    expect(criterionSchema.parse(base)).toEqual(base);
  });

  it("accepts each kind of gate alone and refuses a gate with both min and max", () => {
    expect(criterionSchema.safeParse({ ...base, gate: { min: 0.95 } }).success).toBe(true);
    expect(criterionSchema.safeParse({ ...base, gate: { required: true } }).success).toBe(true);
    expect(issuesOf(criterionSchema.safeParse({ ...base, gate: { min: 0.9, max: 1 } }))).toEqual([{ path: "gate", message: "rfq.criteria.gate.invalid" }]);
  });

  it("refuses a scale that runs against the direction", () => {
    expect(issuesOf(criterionSchema.safeParse({ ...base, scale: { worst: 1, best: 0.8 } }))).toEqual([
      { path: "scale.best", message: "rfq.criteria.scale.direction" },
    ]);
    const cost = { ...base, key: "revision_rounds", direction: "cost", unit: "count", scale: { worst: 5, best: 0 } };
    expect(criterionSchema.safeParse(cost).success).toBe(true);
  });

  it("refuses a scale with equal ends, and values outside the unit (a rate of 95 means 9500%)", () => {
    expect(issuesOf(criterionSchema.safeParse({ ...base, scale: { worst: 0.9, best: 0.9 } }))).toEqual([
      { path: "scale.best", message: "rfq.criteria.scale.equal" },
    ]);
    expect(issuesOf(criterionSchema.safeParse({ ...base, scale: { worst: 80, best: 100 }, target: 95, gate: { min: 90 } }))).toEqual([
      { path: "scale.worst", message: "rfq.criteria.rateOutOfRange" },
      { path: "scale.best", message: "rfq.criteria.rateOutOfRange" },
      { path: "gate.min", message: "rfq.criteria.rateOutOfRange" },
      { path: "target", message: "rfq.criteria.rateOutOfRange" },
    ]);
  });

  it("refuses keys that are not snake_case identifiers and labels without Japanese text", () => {
    expect(issuesOf(criterionSchema.safeParse({ ...base, key: "On-Time", label: { ja: " ", en: "x" } }))).toEqual([
      { path: "key", message: "rfq.criteria.key.format" },
      { path: "label.ja", message: "rfq.criteria.label.required" },
    ]);
  });

  it("allows weight 0 while drafting but never a negative weight", () => {
    expect(criterionSchema.safeParse({ ...base, weight: 0 }).success).toBe(true);
    expect(issuesOf(criterionSchema.safeParse({ ...base, weight: -1 }))).toEqual([{ path: "weight", message: "rfq.criteria.weight.invalid" }]);
  });
});

describe("drafts and form steps", () => {
  it("saves a draft with only a title and a category, without injecting defaults", () => {
    expect(rfqDraftSchema.parse({ title: "給与計算BPO", category: "hr_payroll" })).toEqual({ title: "給与計算BPO", category: "hr_payroll" });
  });

  it("still needs the title and category of a draft", () => {
    expect(issuesOf(rfqDraftSchema.safeParse({ title: "  ", category: "payroll" }))).toEqual([
      { path: "category", message: "rfq.category.invalid" },
      { path: "title", message: "rfq.title.required" },
    ]);
  });

  it("validates each field of a draft as strictly as the complete RFQ", () => {
    const draft = { title: "t", category: "creative", lineItems: [{ code: "a.b", description: "x", unit: "式", quantity: 1, recurrence: "one_off" }] };
    expect(issuesOf(rfqDraftSchema.safeParse(draft))).toEqual([{ path: "lineItems.0.code", message: "rfq.lineItems.code.format" }]);
  });

  it("has the guided form's six steps in order, together covering every field", () => {
    expect(RFQ_STEPS).toEqual(["purposeAndScope", "workAndVolumes", "lines", "requirementsAndCertifications", "evaluation", "scheduleAndInvitations"]);
    const covered = RFQ_STEPS.flatMap((step) => Object.keys(rfqStepSchemas[step].shape)).sort();
    expect(covered).toEqual(Object.keys(rfqDraftSchema.shape).sort());
  });

  it("lets the later steps be saved partially filled", () => {
    expect(rfqStepSchemas.lines.safeParse({ contractTermMonths: 12 }).success).toBe(true);
    expect(rfqStepSchemas.scheduleAndInvitations.safeParse({}).success).toBe(true);
    expect(issuesOf(rfqStepSchemas.lines.safeParse({ contractTermMonths: 0 }))).toEqual([
      { path: "contractTermMonths", message: "rfq.contractTermMonths.range" },
    ]);
  });
});
