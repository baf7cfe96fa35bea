import { describe, expect, it } from "vitest";
import { rfqSchema } from "./schema";
import { completeRfqInput } from "./test-fixtures";
import { rfqForVendor } from "./visibility";

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
    expect(view.criteria).toEqual(rfq.criteria);
    expect(view.requiredCertifications).toEqual(rfq.requiredCertifications);
    expect(view.quoteDeadline).toBe(rfq.quoteDeadline);
  });

  it("copies by allow-list: a field it does not know about is not passed on", () => {
    const withExtra = { ...rfq, internalNote: "最安値の業者を優先" };
    expect(JSON.stringify(rfqForVendor(withExtra))).not.toContain("最安値");
  });

  it("returns copies, so editing the view cannot change the RFQ", () => {
    const view = rfqForVendor(rfq);
    view.lineItems[0].quantity = 999;
    view.criteria[0].label.ja = "x";
    expect(rfq.lineItems[0].quantity).toBe(1);
    expect(rfq.criteria[0].label.ja).toBe("総保有コスト");
  });
});
