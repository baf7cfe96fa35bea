import { describe, expect, it } from "vitest";
import { unitPriceRows } from "./unit-price-rows";

describe("unitPriceRows", () => {
  const rfq = {
    lineItems: [
      { code: "OPS", description: "運用", unit: "月", recurrence: "monthly" },
      { code: "DOC", description: "入力", unit: " 件 ", recurrence: "per_unit" },
    ],
  };

  it("gives each quote's unit price per line, tax-excluded, keyed for the market's cell", () => {
    const rows = unitPriceRows(rfq, [
      { id: "a", content: { unitPrices: { OPS: 400_000, DOC: 300 }, taxBasis: "excluded", taxRate: 10 } },
      // 319 incl. 10 % → 290 excl.; 418,000 → 380,000.
      { id: "b", content: { unitPrices: { OPS: 418_000, DOC: 319 }, taxBasis: "included", taxRate: 10 } },
    ]);
    expect(rows.lines.map((l) => l.benchmarkKey)).toEqual(["月|monthly", "件|per_unit"]);
    expect(rows.prices).toEqual({ a: { OPS: 400_000, DOC: 300 }, b: { OPS: 380_000, DOC: 290 } });
  });

  it("says null for a line the quote has no price for", () => {
    expect(unitPriceRows(rfq, [{ id: "a", content: { unitPrices: { OPS: 1 } } }]).prices.a).toEqual({ OPS: 1, DOC: null });
  });
});
