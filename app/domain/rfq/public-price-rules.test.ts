import { describe, expect, it } from "vitest";
import { checkPriceRules, needsLowBidInvestigation, publicPriceRulesSchema, type PublicPriceRules } from "./public-price-rules";
import { rfqDraftSchema, rfqStepSchemas } from "./schema";
import { stepFormSchema } from "./form-steps";
import { rfqForVendor, vendorViewOfContent } from "./vendor-view";
import { fixtureRfq } from "~/domain/quote/test-fixtures";
import { t } from "~/i18n";

const values = (excluded: number, included = Math.round(excluded * 1.1)) => ({ contractValueExcludingTax: excluded, contractValueIncludingTax: included });

const issuesOf = (input: unknown) => {
  const parsed = publicPriceRulesSchema.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
};

describe("publicPriceRulesSchema", () => {
  it("accepts a ceiling alone, or with a floor on the same tax basis below it", () => {
    expect(issuesOf({ ceilingYen: 10_000_000, ceilingTaxBasis: "excluded" })).toEqual([]);
    expect(issuesOf({ ceilingYen: 10_000_000, ceilingTaxBasis: "included", floor: { kind: "minimum", yen: 8_000_000, taxBasis: "included" } })).toEqual([]);
  });

  it("names the field: integer yen, a known tax basis, a floor below the ceiling on its basis", () => {
    expect(issuesOf({ ceilingYen: 1000.5, ceilingTaxBasis: "excluded" })).toEqual([{ path: "ceilingYen", message: "priceRules.yen.invalid" }]);
    expect(issuesOf({ ceilingYen: 0, ceilingTaxBasis: "excluded" })).toEqual([{ path: "ceilingYen", message: "priceRules.yen.invalid" }]);
    expect(issuesOf({ ceilingYen: 1000, ceilingTaxBasis: "gross" })).toEqual([{ path: "ceilingTaxBasis", message: "priceRules.taxBasis.invalid" }]);
    expect(issuesOf({ ceilingYen: 1000, ceilingTaxBasis: "excluded", floor: { kind: "minimum", yen: 1000, taxBasis: "excluded" } })).toEqual([
      { path: "floor.yen", message: "priceRules.floor.notBelowCeiling" },
    ]);
    expect(issuesOf({ ceilingYen: 1000, ceilingTaxBasis: "excluded", floor: { kind: "investigation", yen: 900, taxBasis: "included" } })).toEqual([
      { path: "floor.taxBasis", message: "priceRules.floor.taxBasisDiffers" },
    ]);
    expect(issuesOf({ ceilingYen: 1000, ceilingTaxBasis: "excluded", floor: { kind: "lowest", yen: 900, taxBasis: "excluded" } })).toEqual([
      { path: "floor.kind", message: "priceRules.floor.kind.invalid" },
    ]);
  });

  it("has its words in Japanese and English", () => {
    expect(t("ja", "priceRules.floor.notBelowCeiling")).toBe("予定価格より低い金額を入力してください。");
    expect(t("en", "priceRules.floor.notBelowCeiling")).toBe("Enter an amount below the ceiling price.");
  });

  it("is a field of the draft and of the lines step", () => {
    const rules = { ceilingYen: 5_000_000, ceilingTaxBasis: "excluded" };
    expect(rfqDraftSchema.parse({ title: "t", category: "accounting", publicPriceRules: rules }).publicPriceRules).toEqual(rules);
    expect(rfqStepSchemas.lines.safeParse({ publicPriceRules: { ...rules, ceilingYen: -1 } }).success).toBe(false);
  });
});

describe("checkPriceRules at the exact yen", () => {
  const ceiling: PublicPriceRules = { ceilingYen: 5_000_000, ceilingTaxBasis: "excluded", floor: { kind: "minimum", yen: 4_000_000, taxBasis: "excluded" } };

  it("a quote equal to the ceiling passes; one yen above fails", () => {
    expect(checkPriceRules(ceiling, values(5_000_000)).withinCeiling).toBe(true);
    expect(checkPriceRules(ceiling, values(5_000_001)).withinCeiling).toBe(false);
  });

  it("a quote equal to the minimum passes; one yen below fails", () => {
    expect(checkPriceRules(ceiling, values(4_000_000)).atOrAboveMinimum).toBe(true);
    expect(checkPriceRules(ceiling, values(3_999_999)).atOrAboveMinimum).toBe(false);
    expect(checkPriceRules(ceiling, values(3_999_999)).lowBidInvestigation).toBe(false);
  });

  it("compares on the price's own tax basis: the tax-included contract value for a tax-included ceiling", () => {
    const included: PublicPriceRules = { ceilingYen: 5_500_000, ceilingTaxBasis: "included" };
    // ¥5,000,001 excluding tax is within a tax-excluded ceiling of ¥5,000,000? No — but its ¥5,500,000 including tax is within this one.
    expect(checkPriceRules(included, values(5_000_001, 5_500_000)).withinCeiling).toBe(true);
    expect(checkPriceRules(included, values(5_000_001, 5_500_001)).withinCeiling).toBe(false);
  });

  it("below the investigation price is flagged, never disqualified; equal is not flagged", () => {
    const rules: PublicPriceRules = {
      ceilingYen: 5_000_000,
      ceilingTaxBasis: "excluded",
      floor: { kind: "investigation", yen: 4_000_000, taxBasis: "excluded" },
    };
    expect(checkPriceRules(rules, values(3_999_999))).toEqual({ withinCeiling: true, atOrAboveMinimum: true, lowBidInvestigation: true });
    expect(checkPriceRules(rules, values(4_000_000)).lowBidInvestigation).toBe(false);
    expect(needsLowBidInvestigation(rules, values(1))).toBe(true);
    expect(needsLowBidInvestigation(undefined, values(1))).toBe(false);
  });
});

describe("the vendor projection", () => {
  it("never picks the price rules, from a complete RFQ or a draft", () => {
    const rules = {
      ceilingYen: 7_777_777,
      ceilingTaxBasis: "excluded" as const,
      floor: { kind: "minimum" as const, yen: 6_666_666, taxBasis: "excluded" as const },
    };
    const rfq = { ...fixtureRfq(), publicPriceRules: rules };
    expect(JSON.stringify(rfqForVendor(rfq))).not.toMatch(/7777777|6666666|publicPriceRules/);
    expect(JSON.stringify(vendorViewOfContent({ title: "t", category: "accounting", publicPriceRules: rules }))).not.toMatch(
      /7777777|6666666|publicPriceRules/,
    );
  });
});

describe("the lines step's form", () => {
  it("reads two typed numbers as a tax-excluded ceiling and floor, and names a floor above the ceiling", () => {
    const form = stepFormSchema("lines");
    const ok = form.safeParse({ publicPriceRules: { ceilingYen: "5,000,000", floor: { kind: "investigation", yen: "4000000" } } });
    expect(ok.success && ok.data.publicPriceRules).toEqual({
      ceilingYen: 5_000_000,
      ceilingTaxBasis: "excluded",
      floor: { kind: "investigation", yen: 4_000_000, taxBasis: "excluded" },
    });
    const bad = form.safeParse({ publicPriceRules: { ceilingYen: "5000000", floor: { kind: "minimum", yen: "6000000" } } });
    expect(bad.success ? [] : bad.error.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["publicPriceRules.floor.yen", "priceRules.floor.notBelowCeiling"],
    ]);
    const none = form.safeParse({ publicPriceRules: { ceilingYen: "", floor: { kind: "none", yen: "" } } });
    expect(none.success && none.data.publicPriceRules).toBeUndefined();
  });
});
