import { unitPriceExcludingTax, unitPriceKey } from "./benchmarks";

// The comparison's "単価" rows (issue 19 item 1; decision 0048, revisited): each line of the RFQ with each quote's
// unit price, tax-excluded integer yen, so a buyer compares unit prices across quotes and against the market's cell
// for the line's "<unit>|<recurrence>". Pure: the caller passes the RFQ version ranked and the quotes' ranked
// content (the BAFO version once its round has opened), already read through the sealed-bid rules.

export interface UnitPriceLine {
  code: string;
  description: string;
  unit: string;
  recurrence: string;
  /** The benchmark cell's key ("件|per_unit"): the hint beside the line's label. */
  benchmarkKey: string;
}

export interface UnitPriceRows {
  lines: UnitPriceLine[];
  /** Quote id → line code → tax-excluded unit price (null: the quote has no price for the line). */
  prices: Record<string, Record<string, number | null>>;
}

interface QuoteRead {
  id: string;
  content: { unitPrices?: Record<string, number>; taxBasis?: "excluded" | "included"; taxRate?: number };
}

export function unitPriceRows(
  rfq: { lineItems: readonly { code: string; description: string; unit: string; recurrence: string }[] },
  quotes: readonly QuoteRead[],
): UnitPriceRows {
  const lines = rfq.lineItems.map((l) => ({
    code: l.code,
    description: l.description,
    unit: l.unit,
    recurrence: l.recurrence,
    benchmarkKey: unitPriceKey(l.unit, l.recurrence),
  }));
  const prices = Object.fromEntries(
    quotes.map((q) => [
      q.id,
      Object.fromEntries(
        lines.map((l) => {
          const price = q.content.unitPrices?.[l.code];
          return [l.code, typeof price === "number" ? unitPriceExcludingTax(price, q.content.taxBasis ?? "excluded", q.content.taxRate ?? 10) : null];
        }),
      ),
    ]),
  );
  return { lines, prices };
}
