import { describe, expect, it } from "vitest";
import { evaluationVisibility } from "./visibility";

describe("evaluationVisibility", () => {
  it("hides others' ratings from an evaluator until it submits, and the price too when price comes later", () => {
    expect(evaluationVisibility({ evaluator: true, submitted: false, priceLater: true })).toEqual({ seesOthersRatings: false, seesPrice: false });
    expect(evaluationVisibility({ evaluator: true, submitted: false, priceLater: false })).toEqual({ seesOthersRatings: false, seesPrice: true });
  });

  it("shows both once the evaluator has submitted", () => {
    expect(evaluationVisibility({ evaluator: true, submitted: true, priceLater: true })).toEqual({ seesOthersRatings: true, seesPrice: true });
  });

  it("shows both to a buyer member or advisor who is not on the panel", () => {
    expect(evaluationVisibility({ evaluator: false, submitted: false, priceLater: true })).toEqual({ seesOthersRatings: true, seesPrice: true });
  });

  it("never shows ratings to a vendor", () => {
    expect(evaluationVisibility({ vendor: true, evaluator: false, submitted: false, priceLater: false }).seesOthersRatings).toBe(false);
  });
});
