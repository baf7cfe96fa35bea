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

/**
 * How the vendor rounds the tax on each rate's subtotal to the yen (a vendor setting on invoices):
 * "floor" 切り捨て (the default, as most Japanese businesses do), "ceil" 切り上げ, "round" 四捨五入 (half up).
 */
export type TaxRounding = "floor" | "ceil" | "round";

export const TAX_ROUNDINGS: readonly TaxRounding[] = ["floor", "ceil", "round"];

/**
 * Tax on one rate's subtotal, computed once and rounded to the yen with `rounding` (default 切り捨て).
 * Exact integer arithmetic on subtotal × rate (no floating-point division): floor/ceil/half-up of
 * subtotal × rate / 100. A negative subtotal (a credit note, 返還インボイス) gets the negated tax of its
 * absolute value, so a full credit note mirrors the invoice yen for yen.
 */
export function taxOn(subtotal: number, rate: TaxRate, rounding: TaxRounding = "floor"): number {
  if (!Number.isSafeInteger(subtotal) || !Number.isSafeInteger(subtotal * rate)) throw new RangeError(`subtotal must be integer yen: ${subtotal}`);
  if (subtotal < 0) return -taxOn(-subtotal, rate, rounding);
  const hundredths = subtotal * rate;
  const remainder = hundredths % 100;
  const whole = (hundredths - remainder) / 100;
  if (remainder === 0) return whole;
  if (rounding === "floor") return whole;
  if (rounding === "ceil") return whole + 1;
  return remainder >= 50 ? whole + 1 : whole;
}

/** The money of a document: the tax on each rate's subtotal once, rounded with `rounding` (default 切り捨て). */
export function orderTotals(lines: readonly OrderLineMoney[], rounding: TaxRounding = "floor"): OrderTotals {
  const lineAmounts = lines.map(lineAmount);
  const sums = new Map<TaxRate, number>();
  lines.forEach((line, i) => sums.set(line.taxRate, (sums.get(line.taxRate) ?? 0) + lineAmounts[i]));
  const byRate = [...sums.entries()].sort(([a], [b]) => b - a).map(([rate, subtotal]) => ({ rate, subtotal, tax: taxOn(subtotal, rate, rounding) }));
  const subtotal = byRate.reduce((s, r) => s + r.subtotal, 0);
  const tax = byRate.reduce((s, r) => s + r.tax, 0);
  return { lineAmounts, byRate, subtotal, tax, total: subtotal + tax };
}
