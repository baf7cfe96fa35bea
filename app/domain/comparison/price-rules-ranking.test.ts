import { describe, expect, it } from "vitest";
import { normalizeQuoteToTco } from "~/domain/quote/normalize";
import { quoteBaseSchema } from "~/domain/quote/schema";
import { fixtureRfq, quoteA } from "~/domain/quote/test-fixtures";
import { rankAlternatives } from "~/domain/scoring";
import type { PublicPriceRules } from "~/domain/rfq/public-price-rules";
import { buildRankingInput, CEILING_PRICE_KEY, MINIMUM_PRICE_KEY, type QuoteForRanking } from "./ranking-input";

const base = fixtureRfq();
const valid = { verificationStatus: "verified" as const, validFrom: "2025-01-01", validUntil: "2028-12-31" };
const certs = [
  { type: "isms_iso27001" as const, ...valid },
  { type: "privacy_mark" as const, ...valid },
];

/** A quote whose contract value (excluding tax) is exactly `excluded` yen; including tax at 10 %. */
function quoteAt(id: string, excluded: number): QuoteForRanking {
  const content = quoteBaseSchema.parse(quoteA());
  const normalized = normalizeQuoteToTco(base, content);
  return {
    id,
    vendorName: id,
    content,
    normalized: { ...normalized, contractValueExcludingTax: excluded, contractValueIncludingTax: Math.floor(excluded * 1.1) },
    certifications: certs,
  };
}

const rank = (rules: PublicPriceRules, quotes: QuoteForRanking[]) =>
  rankAlternatives(buildRankingInput({ ...base, publicPriceRules: rules }, quotes, "2026-11-20"));

describe("a public buyer's price rules in the ranking", () => {
  it("disqualifies one yen above the ceiling with the reason 予定価格超過, and ranks the quote at the ceiling", () => {
    const rules: PublicPriceRules = { ceilingYen: 10_000_000, ceilingTaxBasis: "excluded" };
    const result = rank(rules, [quoteAt("at", 10_000_000), quoteAt("above", 10_000_001)]);
    expect(result.ranking.map((r) => r.id)).toEqual(["at"]);
    expect(result.disqualified).toEqual([
      {
        id: "above",
        reasons: [{ criterion: CEILING_PRICE_KEY, code: "required", value: false, message: { ja: "予定価格超過", en: "Above the ceiling price" } }],
      },
    ]);
  });

  it("disqualifies one yen below the minimum with the reason 最低制限価格未満, and ranks the quote at the minimum", () => {
    const rules: PublicPriceRules = { ceilingYen: 10_000_000, ceilingTaxBasis: "excluded", floor: { kind: "minimum", yen: 8_000_000, taxBasis: "excluded" } };
    const result = rank(rules, [quoteAt("at", 8_000_000), quoteAt("below", 7_999_999)]);
    expect(result.ranking.map((r) => r.id)).toEqual(["at"]);
    expect(result.disqualified[0]).toEqual({
      id: "below",
      reasons: [{ criterion: MINIMUM_PRICE_KEY, code: "required", value: false, message: { ja: "最低制限価格未満", en: "Below the minimum price" } }],
    });
  });

  it("keeps a quote below the investigation price in the ranking (it is flagged on the comparison, not disqualified)", () => {
    const rules: PublicPriceRules = {
      ceilingYen: 10_000_000,
      ceilingTaxBasis: "excluded",
      floor: { kind: "investigation", yen: 8_000_000, taxBasis: "excluded" },
    };
    const input = buildRankingInput({ ...base, publicPriceRules: rules }, [quoteAt("low", 1)], "2026-11-20");
    expect(input.criteria.map((c) => c.key)).not.toContain(MINIMUM_PRICE_KEY);
    expect(rankAlternatives(input).ranking.map((r) => r.id)).toEqual(["low"]);
  });

  it("puts no price into the ranking input: the gates hold yes/no values and no bound", () => {
    const rules: PublicPriceRules = { ceilingYen: 9_876_543, ceilingTaxBasis: "excluded", floor: { kind: "minimum", yen: 8_765_432, taxBasis: "excluded" } };
    const input = buildRankingInput({ ...base, publicPriceRules: rules }, [quoteAt("a", 9_000_000)], "2026-11-20");
    const text = JSON.stringify(input);
    expect(text).not.toMatch(/9876543|8765432/);
    expect(input.alternatives[0].values[CEILING_PRICE_KEY]).toBe(true);
  });

  it("adds nothing to an RFQ without price rules", () => {
    const input = buildRankingInput(base, [quoteAt("a", 1)], "2026-11-20");
    expect(input.criteria.map((c) => c.key)).not.toContain(CEILING_PRICE_KEY);
  });
});
