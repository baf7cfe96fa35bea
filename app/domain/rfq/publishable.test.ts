import { describe, expect, it } from "vitest";
import { checkPublishable, isPublishable } from "./schema";
import { BEFORE_DEADLINE, DEADLINE, completeRfqInput } from "./test-fixtures";

const errorsOf = (input: unknown, now = BEFORE_DEADLINE) =>
  checkPublishable(input, now)
    .filter((problem) => problem.severity === "error")
    .map((problem) => `${problem.key}@${problem.path.join(".")}`);

describe("checkPublishable", () => {
  it("finds nothing wrong with a complete RFQ before its deadline", () => {
    expect(checkPublishable(completeRfqInput(), BEFORE_DEADLINE)).toEqual([]);
    expect(isPublishable(completeRfqInput(), BEFORE_DEADLINE)).toBe(true);
  });

  it("lists everything a bare draft is missing, at once", () => {
    const errors = errorsOf({ title: "名刺データ入力", category: "data_entry" });
    expect(errors).toEqual(
      expect.arrayContaining([
        "rfq.phase.required@phase",
        "rfq.purpose.required@purpose",
        "rfq.scopeIn.required@scopeIn",
        "rfq.lineItems.required@lineItems",
        "rfq.contractTermMonths.required@contractTermMonths",
        "rfq.dataSensitivity.required@dataSensitivity",
        "rfq.criteria.required@criteria",
        "rfq.scoringMethod.required@scoringMethod",
        "rfq.quoteDeadline.required@quoteDeadline",
        "rfq.invitedVendorIds.required@invitedVendorIds",
      ]),
    );
    expect(isPublishable({ title: "名刺データ入力", category: "data_entry" }, BEFORE_DEADLINE)).toBe(false);
  });

  it("lists field errors and cross-field errors together (zod alone would stop at the first kind)", () => {
    const input = completeRfqInput({ lineItems: [], invitedVendorIds: [] });
    expect(errorsOf(input)).toEqual(["rfq.lineItems.required@lineItems", "rfq.invitedVendorIds.required@invitedVendorIds"]);
  });

  it("refuses a deadline in the past, and one that is exactly now", () => {
    expect(errorsOf(completeRfqInput(), new Date("2026-04-01T00:00:00+09:00"))).toEqual(["rfq.quoteDeadline.past@quoteDeadline"]);
    expect(errorsOf(completeRfqInput(), new Date(DEADLINE))).toEqual(["rfq.quoteDeadline.past@quoteDeadline"]);
    expect(errorsOf(completeRfqInput(), new Date(Date.parse(DEADLINE) - 1))).toEqual([]);
  });

  it("requires every weight to be above zero", () => {
    const input = completeRfqInput();
    input.criteria![2] = { ...input.criteria![2], weight: 0 };
    expect(errorsOf(input)).toEqual(["rfq.criteria.weight.positive@criteria.2.weight"]);
  });

  it("requires a scale on every criterion for weighted-sum-target only", () => {
    const input = completeRfqInput();
    const { scale: _dropped, ...withoutScale } = input.criteria![0];
    input.criteria![0] = withoutScale;
    expect(errorsOf(input)).toEqual(["rfq.criteria.scale.required@criteria.0.scale"]);
    expect(errorsOf({ ...input, scoringMethod: "topsis" })).toEqual([]);
    expect(errorsOf({ ...input, scoringMethod: "weighted-sum-minmax" })).toEqual([]);
  });

  describe("personal data needs Privacy Mark or ISMS as mandatory, unless the buyer states why not", () => {
    const withCerts = (requiredCertifications: ReturnType<typeof completeRfqInput>["requiredCertifications"]) =>
      completeRfqInput({ dataSensitivity: "personal", requiredCertifications });

    it.each([
      ["Privacy Mark mandatory", [{ type: "privacy_mark", level: "mandatory" }]],
      ["ISMS mandatory", [{ type: "isms_iso27001", level: "mandatory" }]],
      ["Privacy Mark preferred with a reason", [{ type: "privacy_mark", level: "preferred", reason: "JIS Q 15001準拠の社内規程で代替" }]],
    ] as const)("accepts %s", (_label, certs) => {
      expect(errorsOf(withCerts([...certs]))).toEqual([]);
    });

    it.each([
      ["no certification at all", []],
      ["a blank reason", [{ type: "isms_iso27001", level: "preferred", reason: "   " }]],
      ["only ISO 9001 mandatory", [{ type: "iso9001", level: "mandatory" }]],
    ] as const)("refuses %s", (_label, certs) => {
      expect(errorsOf(withCerts([...certs]))).toEqual(["rfq.requiredCertifications.securityCertNeeded@requiredCertifications"]);
    });

    it("names the reason of a required certification relaxed to preferred without one (issue 14 item 8)", () => {
      expect(errorsOf(withCerts([{ type: "privacy_mark", level: "preferred" }]))).toEqual([
        "rfqReview.cert.downgradeReasonRequired@requiredCertifications.0.reason",
      ]);
      // ISMS still mandatory used to let a reasonless downgrade of the Privacy Mark through.
      const both = completeRfqInput({
        dataSensitivity: "my_number_bank",
        requiredCertifications: [
          { type: "isms_iso27001", level: "mandatory" },
          { type: "privacy_mark", level: "preferred", reason: " " },
        ],
      });
      expect(errorsOf(both)).toEqual(["rfqReview.cert.downgradeReasonRequired@requiredCertifications.1.reason"]);
      both.requiredCertifications![1].reason = "委託範囲に個人情報の入力作業を含まないため";
      expect(errorsOf(both)).toEqual([]);
    });

    it("applies the same rule to My Number and bank data, and no rule without personal data", () => {
      expect(errorsOf(completeRfqInput({ dataSensitivity: "my_number_bank", requiredCertifications: [] }))).toEqual([
        "rfq.requiredCertifications.securityCertNeeded@requiredCertifications",
      ]);
      expect(errorsOf(completeRfqInput({ dataSensitivity: "none", requiredCertifications: [] }))).toEqual([]);
    });
  });

  it("requires the in-house baseline when ROI is scored", () => {
    const input = completeRfqInput({ baselineCostMonthlyYen: undefined });
    input.criteria!.push({
      key: "roi",
      label: { ja: "ROI", en: "ROI" },
      perspective: "financial",
      direction: "benefit",
      weight: 10,
      source: "price",
      unit: "ratio",
      scale: { worst: 0, best: 1 },
    });
    expect(errorsOf(input)).toEqual(["rfq.baselineCostMonthlyYen.requiredForRoi@baselineCostMonthlyYen"]);
  });

  it("needs invited vendors for an invitation-only RFQ, none for the marketplace", () => {
    expect(errorsOf(completeRfqInput({ invitedVendorIds: [] }))).toEqual(["rfq.invitedVendorIds.required@invitedVendorIds"]);
    expect(errorsOf(completeRfqInput({ visibility: "marketplace", invitedVendorIds: [] }))).toEqual([]);
  });

  it("reports a budget with min above max", () => {
    expect(errorsOf(completeRfqInput({ budget: { min: 2, max: 1, showToVendors: true } }))).toEqual(["rfq.budget.minAboveMax@budget.min"]);
  });

  it("warns, without blocking, about what a procurement officer should still write down", () => {
    const input = completeRfqInput({ goal: "", scopeOut: "", decisionsInHouse: " ", changeRequestRule: "", escalationRules: "", deliverables: [] });
    input.criteria = input.criteria!.filter((criterion) => criterion.source !== "price");
    const problems = checkPublishable(input, BEFORE_DEADLINE);
    expect(problems.every((problem) => problem.severity === "warning")).toBe(true);
    expect(problems.map((problem) => problem.key).sort()).toEqual(
      [
        "rfq.changeRequestRule.recommended",
        "rfq.criteria.priceMissing",
        "rfq.decisionsInHouse.recommended",
        "rfq.deliverables.recommended",
        "rfq.escalationRules.recommended",
        "rfq.goal.recommended",
        "rfq.scopeOut.recommended",
      ].sort(),
    );
    expect(isPublishable(input, BEFORE_DEADLINE)).toBe(true);
  });

  it("answers garbage with field errors instead of throwing", () => {
    expect(errorsOf(null)).not.toHaveLength(0);
    expect(errorsOf({ title: 42, category: "accounting" })).toEqual(["rfq.field.invalid@title"]);
  });

  it("lists each problem once", () => {
    const input = completeRfqInput({ invitedVendorIds: [] });
    expect(errorsOf(input)).toEqual(["rfq.invitedVendorIds.required@invitedVendorIds"]);
  });
});
