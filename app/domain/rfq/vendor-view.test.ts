import { describe, expect, it } from "vitest";
import { rfqSchema } from "./schema";
import { completeRfqInput } from "./test-fixtures";
import { rfqDraftForVendor, rfqForVendor, vendorViewOfContent } from "./vendor-view";

describe("rfqForVendor", () => {
  const rfq = rfqSchema.parse(completeRfqInput({ invitedVendorIds: ["vendor-secret-1", "vendor-secret-2"], baselineCostMonthlyYen: 1_234_567 }));

  it("hides the budget unless the buyer shows it, the invited vendors, the baseline and the hidden-cost estimates", () => {
    const view = rfqForVendor(rfq);
    expect(view).not.toHaveProperty("budget");
    expect(view).not.toHaveProperty("invitedVendorIds");
    expect(view).not.toHaveProperty("baselineCostMonthlyYen");
    expect(view).not.toHaveProperty("hiddenCosts");
    const json = JSON.stringify(view);
    for (const secret of ["vendor-secret-1", "vendor-secret-2", "1234567", "showToVendors", "managementOverheadPct"]) {
      expect(json).not.toContain(secret);
    }
  });

  it("shows the budget range (without the flag) when the buyer chose to", () => {
    const shown = rfqSchema.parse(completeRfqInput({ budget: { min: 8_000_000, max: 9_000_000, showToVendors: true } }));
    expect(rfqForVendor(shown).budget).toEqual({ min: 8_000_000, max: 9_000_000 });
    const hidden = rfqSchema.parse(completeRfqInput({ budget: { min: 8_000_000, max: 9_000_000, showToVendors: false } }));
    expect(JSON.stringify(rfqForVendor(hidden))).not.toContain("8000000");
  });

  it("keeps what vendors bid against: lines, criteria with weights and scales, certifications, deadline", () => {
    const view = rfqForVendor(rfq);
    expect(view.lineItems).toEqual(rfq.lineItems);
    // Criteria on the vendor's own commitments keep their gates, scales and targets.
    expect(view.criteria.filter((c) => c.key !== "tco")).toEqual(rfq.criteria.filter((c) => c.key !== "tco"));
    expect(view.requiredCertifications).toEqual(rfq.requiredCertifications);
    expect(view.quoteDeadline).toBe(rfq.quoteDeadline);
  });

  it("copies by allow-list: a field it does not know about is not passed on", () => {
    const withExtra = { ...rfq, internalNote: "最安値の業者を優先" };
    expect(JSON.stringify(rfqForVendor(withExtra))).not.toContain("最安値");
  });

  it("hides the ceiling, scale and target of the TCO and ROI criteria (they encode the budget, hidden costs and baseline)", () => {
    const withCeilings = rfqSchema.parse(
      completeRfqInput({
        criteria: [
          {
            key: "tco",
            label: { ja: "総保有コスト", en: "TCO" },
            perspective: "financial",
            direction: "cost",
            weight: 40,
            source: "price",
            unit: "yen",
            gate: { max: 13_579_246 },
            scale: { worst: 15_000_000, best: 10_000_000 },
            target: 11_111_111,
          },
          {
            key: "roi",
            label: { ja: "ROI", en: "ROI" },
            perspective: "financial",
            direction: "benefit",
            weight: 10,
            source: "price",
            unit: "ratio",
            gate: { min: 0.1357 },
            scale: { worst: 0, best: 0.5 },
          },
          {
            key: "accuracy",
            label: { ja: "処理の正確性", en: "Accuracy" },
            perspective: "internalProcess",
            direction: "benefit",
            weight: 40,
            source: "kpi_commitment",
            unit: "rate",
            gate: { min: 0.995 },
            scale: { worst: 0.99, best: 1 },
            target: 0.999,
          },
          {
            key: "processing_lead_time_days",
            label: { ja: "処理リードタイム", en: "Lead time" },
            perspective: "internalProcess",
            direction: "cost",
            weight: 20,
            source: "price",
            unit: "days",
            gate: { max: 10 },
            scale: { worst: 10, best: 1 },
          },
        ],
      }),
    );
    const view = rfqForVendor(withCeilings);
    const json = JSON.stringify(view);
    for (const secret of ["13579246", "15000000", "11111111", "0.1357"]) expect(json).not.toContain(secret);
    expect(view.criteria.find((c) => c.key === "tco")).toEqual({
      key: "tco",
      label: { ja: "総保有コスト", en: "TCO" },
      perspective: "financial",
      direction: "cost",
      weight: 40,
      source: "price",
      unit: "yen",
    });
    expect(view.criteria.find((c) => c.key === "accuracy")).toMatchObject({ gate: { min: 0.995 }, scale: { worst: 0.99, best: 1 }, target: 0.999 });
    expect(view.criteria.find((c) => c.key === "processing_lead_time_days")).toMatchObject({ gate: { max: 10 } });
  });

  it("projects drafts and stored content by the same allow-list (the review step's preview, the search index)", () => {
    const draft = {
      title: "下書き",
      category: "municipal" as const,
      budget: { min: 7_777_777, max: 8_888_888, showToVendors: false },
      baselineCostMonthlyYen: 2_468_024,
      invitedVendorIds: ["v-1"],
    };
    for (const view of [rfqDraftForVendor(draft), vendorViewOfContent(draft)]) {
      expect(view).toEqual({ title: "下書き", category: "municipal" });
    }
    expect(vendorViewOfContent(rfq)).toEqual(rfqForVendor(rfq));
    expect(vendorViewOfContent({ nonsense: true })).toBeNull();
  });

  it("returns copies, so editing the view cannot change the RFQ", () => {
    const view = rfqForVendor(rfq);
    view.lineItems[0].quantity = 999;
    view.criteria[0].label.ja = "x";
    expect(rfq.lineItems[0].quantity).toBe(1);
    expect(rfq.criteria[0].label.ja).toBe("総保有コスト");
  });
});
