import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizeQuoteToTco, type NormalizationRfq } from "./normalize";
import { quoteBaseSchema } from "./schema";
import { fixtureRfq, quoteA, quoteB } from "./test-fixtures";

const rfq = fixtureRfq();
const normalize = (input: Parameters<typeof quoteBaseSchema.parse>[0]) => normalizeQuoteToTco(rfq, quoteBaseSchema.parse(input));

describe("normalizeQuoteToTco — hand-computed examples", () => {
  it("vendor A (税抜): lines over the term, fees once, overhead 5%, transition effort, ROI", () => {
    const a = normalize(quoteA());
    // INIT 200,000 × 1 once; OPS 400,000 × 1 × 12 months; DOC 300 × 2,000/month × 12 months.
    expect(a.lines.map((line) => [line.code, line.payments, line.amountAsEntered, line.amountExcludingTax])).toEqual([
      ["INIT", 1, 200_000, 200_000],
      ["OPS", 12, 4_800_000, 4_800_000],
      ["DOC", 12, 7_200_000, 7_200_000],
    ]);
    expect(a.setupFee).toEqual({ asEntered: 100_000, excludingTax: 100_000 });
    expect(a.transitionFee).toEqual({ asEntered: 50_000, excludingTax: 50_000 });
    expect(a.totalAsEntered).toBe(12_350_000);
    expect(a.contractValueExcludingTax).toBe(12_350_000);
    expect(a.taxAmount).toBe(1_235_000);
    expect(a.contractValueIncludingTax).toBe(13_585_000);
    expect(a.managementOverhead).toBe(617_500); // 5% of 12,350,000
    expect(a.transitionEffort).toBe(300_000);
    expect(a.tco).toBe(13_267_500);
    expect(a.baselineOverTerm).toBe(18_000_000); // 1,500,000 × 12
    expect(a.roi).toBeCloseTo((18_000_000 - 13_267_500) / 13_267_500, 12); // ≈ 0.3567
  });

  it("vendor B (税込 10%): converted once on the total, lines split exactly", () => {
    const b = normalize(quoteB());
    // 220,000 + 418,000 × 12 + 319 × 2,000 × 12 + 110,000 = 13,002,000 incl. → × 100 / 110 = 11,820,000.
    expect(b.totalAsEntered).toBe(13_002_000);
    expect(b.contractValueExcludingTax).toBe(11_820_000);
    expect(b.taxAmount).toBe(1_182_000);
    expect(b.contractValueIncludingTax).toBe(13_002_000);
    expect(b.lines.map((line) => line.amountExcludingTax)).toEqual([200_000, 4_560_000, 6_960_000]);
    expect(b.setupFee.excludingTax).toBe(100_000);
    expect(b.managementOverhead).toBe(591_000);
    expect(b.tco).toBe(12_711_000); // 11,820,000 + 591,000 + 300,000
    expect(b.roi).toBeCloseTo((18_000_000 - 12_711_000) / 12_711_000, 12); // ≈ 0.4161
  });

  it("ranks the mixed 税込/税抜 quotes the other way round once normalized", () => {
    const a = normalize(quoteA());
    const b = normalize(quoteB());
    // As typed, A (12,350,000) looks cheaper than B (13,002,000) …
    expect(a.totalAsEntered).toBeLessThan(b.totalAsEntered);
    // … but B's figure includes tax: on one basis B is ¥556,500 cheaper in TCO and has the better ROI.
    expect(b.tco).toBeLessThan(a.tco);
    expect(a.tco - b.tco).toBe(556_500);
    expect(b.roi!).toBeGreaterThan(a.roi!);
  });

  it("rounds to the nearest yen when tax-included amounts do not divide evenly", () => {
    const oneLine: NormalizationRfq = { lineItems: [{ code: "X", quantity: 1, recurrence: "one_off" }], contractTermMonths: 12 };
    const at = (price: number, taxRate: 10 | 8) =>
      normalizeQuoteToTco(oneLine, { unitPrices: { X: price }, oneOffFees: { setup: 0, transition: 0 }, taxBasis: "included", taxRate });
    expect(at(1_000, 10).contractValueExcludingTax).toBe(909); // 909.09…
    expect(at(1_000, 10).taxAmount).toBe(91);
    expect(at(1_005, 10).contractValueExcludingTax).toBe(914); // 913.636… rounds up
    expect(at(1_080_000, 8).contractValueExcludingTax).toBe(1_000_000); // 軽減税率
    expect(at(1_000, 8).contractValueExcludingTax).toBe(926); // 925.93
  });

  it("rounds the tax of a tax-excluded quote half up", () => {
    const oneLine: NormalizationRfq = { lineItems: [{ code: "X", quantity: 1, recurrence: "one_off" }], contractTermMonths: 1 };
    const tax = (price: number) =>
      normalizeQuoteToTco(oneLine, { unitPrices: { X: price }, oneOffFees: { setup: 0, transition: 0 }, taxBasis: "excluded", taxRate: 10 }).taxAmount;
    expect(tax(105)).toBe(11); // 10.5 → 11
    expect(tax(104)).toBe(10);
  });

  it("splits the rounded total over the lines so they add up exactly (largest remainder)", () => {
    const rfq3: NormalizationRfq = {
      lineItems: [
        { code: "A", quantity: 1, recurrence: "one_off" },
        { code: "B", quantity: 1, recurrence: "one_off" },
        { code: "C", quantity: 1, recurrence: "one_off" },
      ],
      contractTermMonths: 1,
    };
    const result = normalizeQuoteToTco(rfq3, {
      unitPrices: { A: 1_000, B: 1_000, C: 1 },
      oneOffFees: { setup: 0, transition: 0 },
      taxBasis: "included",
      taxRate: 10,
    });
    // 2,001 × 100/110 = 1,819.09 → 1,819; shares 909.04, 909.04, 0.91 → 909, 909, 0 + the 1 left to C.
    expect(result.contractValueExcludingTax).toBe(1_819);
    expect(result.lines.map((line) => line.amountExcludingTax)).toEqual([909, 909, 1]);
  });

  it("reads per-unit quantities as monthly volumes and monthly quantities as monthly units", () => {
    const lines: NormalizationRfq = {
      lineItems: [
        { code: "SEAT", quantity: 3, recurrence: "monthly" },
        { code: "CALL", quantity: 500, recurrence: "per_unit" },
        { code: "KICKOFF", quantity: 2, recurrence: "one_off" },
      ],
      contractTermMonths: 6,
    };
    const result = normalizeQuoteToTco(lines, {
      unitPrices: { SEAT: 250_000, CALL: 400, KICKOFF: 50_000 },
      oneOffFees: { setup: 0, transition: 0 },
      taxBasis: "excluded",
      taxRate: 10,
    });
    expect(result.lines.map((line) => line.amountAsEntered)).toEqual([4_500_000, 1_200_000, 100_000]);
    expect(result.tco).toBe(5_800_000);
    expect(result.roi).toBeNull(); // no baseline
    expect(result.currency).toBe("JPY");
  });

  it("counts yearly, half-yearly and quarterly lines per occurrence: 賞与 twice a year over 36 months is 6, 年末調整 is 3", () => {
    const payroll: NormalizationRfq = {
      lineItems: [
        { code: "PAYROLL", quantity: 850, recurrence: "per_unit" },
        { code: "BONUS", quantity: 1, recurrence: "half_yearly" },
        { code: "YEAREND", quantity: 850, recurrence: "yearly" },
        { code: "AUDIT", quantity: 1, recurrence: "quarterly" },
        { code: "VISIT", quantity: 2, recurrence: "times_over_term", occurrences: 5 },
      ],
      contractTermMonths: 36,
    };
    const result = normalizeQuoteToTco(payroll, {
      unitPrices: { PAYROLL: 800, BONUS: 165_000, YEAREND: 1_200, AUDIT: 30_000, VISIT: 40_000 },
      oneOffFees: { setup: 0, transition: 0 },
      taxBasis: "excluded",
      taxRate: 10,
    });
    expect(result.lines.map((line) => [line.code, line.payments, line.amountAsEntered])).toEqual([
      ["PAYROLL", 36, 24_480_000], // 800 × 850 × 36
      ["BONUS", 6, 990_000], // 165,000 × 1 × 6 — not × 36
      ["YEAREND", 3, 3_060_000], // 1,200 × 850 × 3
      ["AUDIT", 12, 360_000], // 30,000 × 12 quarters
      ["VISIT", 5, 400_000], // 40,000 × 2 × 5 times, as the buyer stated
    ]);
    expect(result.tco).toBe(24_480_000 + 990_000 + 3_060_000 + 360_000 + 400_000);
  });

  it("counts a period that begins within the term as one occurrence (yearly over 18 months = 2, quarterly over 1 month = 1)", () => {
    const payments = (recurrence: "yearly" | "half_yearly" | "quarterly", term: number) =>
      normalizeQuoteToTco(
        { lineItems: [{ code: "X", quantity: 1, recurrence }], contractTermMonths: term },
        { unitPrices: { X: 1 }, oneOffFees: { setup: 0, transition: 0 }, taxBasis: "excluded", taxRate: 10 },
      ).lines[0].payments;
    expect(payments("yearly", 12)).toBe(1);
    expect(payments("yearly", 18)).toBe(2);
    expect(payments("yearly", 24)).toBe(2);
    expect(payments("yearly", 25)).toBe(3);
    expect(payments("half_yearly", 12)).toBe(2);
    expect(payments("half_yearly", 7)).toBe(2);
    expect(payments("quarterly", 1)).toBe(1);
    expect(payments("quarterly", 12)).toBe(4);
  });

  it("refuses to price an n-times line that lost its count rather than guess", () => {
    expect(() =>
      normalizeQuoteToTco(
        { lineItems: [{ code: "X", quantity: 1, recurrence: "times_over_term" }], contractTermMonths: 12 },
        { unitPrices: { X: 1 }, oneOffFees: { setup: 0, transition: 0 }, taxBasis: "excluded", taxRate: 10 },
      ),
    ).toThrow(RangeError);
  });

  it("computes overhead in basis points (7.5% and 0.01%)", () => {
    const base: NormalizationRfq = { lineItems: [{ code: "X", quantity: 1, recurrence: "one_off" }], contractTermMonths: 1 };
    const overhead = (pct: number, price: number) =>
      normalizeQuoteToTco(
        { ...base, hiddenCosts: { managementOverheadPct: pct, transitionEffortYen: 0 } },
        { unitPrices: { X: price }, oneOffFees: { setup: 0, transition: 0 }, taxBasis: "excluded", taxRate: 10 },
      ).managementOverhead;
    expect(overhead(7.5, 1_000_000)).toBe(75_000);
    expect(overhead(0.01, 12_345)).toBe(1); // 1.2345
    expect(overhead(0.07, 10_000)).toBe(7); // 0.07 × 100 is 7.000000000000001 in floats; basis points avoid it
  });

  it("gives ROI null when TCO is zero and negative ROI when the vendor costs more than in-house", () => {
    const base: NormalizationRfq = { lineItems: [{ code: "X", quantity: 1, recurrence: "monthly" }], contractTermMonths: 10, baselineCostMonthlyYen: 100 };
    const quote = (price: number) => ({
      unitPrices: { X: price },
      oneOffFees: { setup: 0, transition: 0 },
      taxBasis: "excluded" as const,
      taxRate: 10 as const,
    });
    expect(normalizeQuoteToTco(base, quote(0)).roi).toBeNull();
    expect(normalizeQuoteToTco(base, quote(200)).roi).toBe(-0.5); // (1,000 − 2,000) / 2,000
  });

  it("refuses to normalize a quote that lacks a line price (e.g. after an addendum added a line)", () => {
    const quote = quoteBaseSchema.parse(quoteA({ unitPrices: { INIT: 1, OPS: 1 } }));
    expect(() => normalizeQuoteToTco(rfq, quote)).toThrow(/DOC/);
  });

  it("does not read a price from Object.prototype for a line coded 'constructor'", () => {
    const odd: NormalizationRfq = { lineItems: [{ code: "constructor", quantity: 1, recurrence: "one_off" }], contractTermMonths: 1 };
    expect(() => normalizeQuoteToTco(odd, { unitPrices: {}, oneOffFees: { setup: 0, transition: 0 }, taxBasis: "excluded", taxRate: 10 })).toThrow();
  });
});

describe("normalizeQuoteToTco — properties", () => {
  const lineArb = fc.record({
    quantity: fc.integer({ min: 1, max: 5_000 }),
    recurrence: fc.constantFrom("one_off" as const, "monthly" as const, "per_unit" as const, "quarterly" as const, "half_yearly" as const, "yearly" as const),
    price: fc.integer({ min: 0, max: 2_000_000 }),
  });
  const caseArb = fc.record({
    lines: fc.array(lineArb, { minLength: 1, maxLength: 6 }),
    term: fc.integer({ min: 1, max: 60 }),
    setup: fc.integer({ min: 0, max: 5_000_000 }),
    transition: fc.integer({ min: 0, max: 5_000_000 }),
    taxRate: fc.constantFrom(10 as const, 8 as const),
  });
  const build = (c: {
    lines: { quantity: number; recurrence: "one_off" | "monthly" | "per_unit" | "quarterly" | "half_yearly" | "yearly" }[];
    term: number;
  }): NormalizationRfq => ({
    lineItems: c.lines.map((line, index) => ({ code: `L${index}`, quantity: line.quantity, recurrence: line.recurrence })),
    contractTermMonths: c.term,
  });

  it("a tax-excluded price, shown tax-included (tax rounded half up), converts back to exactly itself", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const spec = build(c);
        const excluded = normalizeQuoteToTco(spec, {
          unitPrices: Object.fromEntries(c.lines.map((line, index) => [`L${index}`, line.price])),
          oneOffFees: { setup: c.setup, transition: c.transition },
          taxBasis: "excluded",
          taxRate: c.taxRate,
        });
        // The same offer written as one tax-included amount (a single one-off line carrying the whole total).
        const asIncluded = normalizeQuoteToTco(
          { lineItems: [{ code: "ALL", quantity: 1, recurrence: "one_off" }], contractTermMonths: 1 },
          { unitPrices: { ALL: excluded.contractValueIncludingTax }, oneOffFees: { setup: 0, transition: 0 }, taxBasis: "included", taxRate: c.taxRate },
        );
        expect(asIncluded.contractValueExcludingTax).toBe(excluded.contractValueExcludingTax);
      }),
    );
  });

  it("tax-included breakdowns always add up: lines + fees = contract value; contract + tax = as entered", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const result = normalizeQuoteToTco(build(c), {
          unitPrices: Object.fromEntries(c.lines.map((line, index) => [`L${index}`, line.price])),
          oneOffFees: { setup: c.setup, transition: c.transition },
          taxBasis: "included",
          taxRate: c.taxRate,
        });
        const parts = result.lines.reduce((sum, line) => sum + line.amountExcludingTax, 0) + result.setupFee.excludingTax + result.transitionFee.excludingTax;
        expect(parts).toBe(result.contractValueExcludingTax);
        expect(result.contractValueExcludingTax + result.taxAmount).toBe(result.totalAsEntered);
        expect(result.contractValueExcludingTax).toBeLessThanOrEqual(result.totalAsEntered);
        expect(result.lines.every((line) => Number.isInteger(line.amountExcludingTax) && line.amountExcludingTax >= 0)).toBe(true);
      }),
    );
  });
});
