// The money of a 発注書: each line's amount, a subtotal per consumption-tax rate, the tax on each subtotal computed
// once (the 適格請求書 rule: one rounding per rate per document, never per line), and the total. Integer yen.

export type TaxRate = 10 | 8 | 0;

export type OrderLineMoney = {
  /** Units ordered; may be fractional (1.5 人月). */
  quantity: number;
  /** Tax-exclusive price per unit, integer yen. */
  unitPrice: number;
  taxRate: TaxRate;
};

export type RateTotal = { rate: TaxRate; subtotal: number; tax: number };

export type OrderTotals = {
  /** One amount per line, in the order given: quantity × unit price, rounded to the yen. */
  lineAmounts: number[];
  /** Highest rate first; only rates that occur. */
  byRate: RateTotal[];
  subtotal: number;
  tax: number;
  total: number;
};

/** A line's amount: quantity × unit price to the nearest yen. */
export function lineAmount(line: Pick<OrderLineMoney, "quantity" | "unitPrice">): number {
  return Math.round(line.quantity * line.unitPrice);
}

/** Tax on one rate's subtotal, rounded down (切り捨て), as most Japanese businesses do. */
export function taxOn(subtotal: number, rate: TaxRate): number {
  return Math.floor((subtotal * rate) / 100);
}

export function orderTotals(lines: readonly OrderLineMoney[]): OrderTotals {
  const lineAmounts = lines.map(lineAmount);
  const sums = new Map<TaxRate, number>();
  lines.forEach((line, i) => sums.set(line.taxRate, (sums.get(line.taxRate) ?? 0) + lineAmounts[i]));
  const byRate = [...sums.entries()].sort(([a], [b]) => b - a).map(([rate, subtotal]) => ({ rate, subtotal, tax: taxOn(subtotal, rate) }));
  const subtotal = byRate.reduce((s, r) => s + r.subtotal, 0);
  const tax = byRate.reduce((s, r) => s + r.tax, 0);
  return { lineAmounts, byRate, subtotal, tax, total: subtotal + tax };
}
