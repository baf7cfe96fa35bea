import { describe, expect, it } from "vitest";
import { lineAmount, orderTotals, taxOn } from "./order-totals";

describe("orderTotals", () => {
  it("sums lines per tax rate and taxes each rate once, rounding down", () => {
    const t = orderTotals([
      { quantity: 3, unitPrice: 333, taxRate: 10 },
      { quantity: 1, unitPrice: 1_001, taxRate: 10 },
      { quantity: 2, unitPrice: 555, taxRate: 8 },
      { quantity: 1, unitPrice: 5_000, taxRate: 0 },
    ]);
    expect(t.lineAmounts).toEqual([999, 1_001, 1_110, 5_000]);
    expect(t.byRate).toEqual([
      { rate: 10, subtotal: 2_000, tax: 200 },
      { rate: 8, subtotal: 1_110, tax: 88 },
      { rate: 0, subtotal: 5_000, tax: 0 },
    ]);
    expect(t.subtotal).toBe(8_110);
    expect(t.tax).toBe(288);
    expect(t.total).toBe(8_398);
  });

  it("taxes the rate's subtotal, not each line (one rounding per rate)", () => {
    // Per line: floor(99.9) + floor(99.9) = 198; per rate: floor(199.8) = 199.
    const t = orderTotals([
      { quantity: 1, unitPrice: 999, taxRate: 10 },
      { quantity: 1, unitPrice: 999, taxRate: 10 },
    ]);
    expect(t.tax).toBe(199);
  });

  it("rounds a fractional quantity's amount to the yen", () => {
    expect(lineAmount({ quantity: 1.5, unitPrice: 800_001 })).toBe(1_200_002);
    expect(taxOn(1_200_002, 10)).toBe(120_000);
  });

  it("gives zeros for no lines", () => {
    expect(orderTotals([])).toEqual({ lineAmounts: [], byRate: [], subtotal: 0, tax: 0, total: 0 });
  });
});
