import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { orderTotals, taxOn, type TaxRate, type TaxRounding } from "~/domain/documents/order-totals";
import {
  buildCorrection,
  buildCreditNote,
  buildQualifiedInvoice,
  invoiceSequence,
  invoiceTotals,
  IssueInvoiceSchema,
  missingQualifiedItems,
  nextInvoiceNumber,
  QUALIFIED_ITEMS,
  type InvoiceHeader,
  type InvoiceLineInput,
  type QualifiedInvoice,
} from "./qualified-invoice";

// Mixed 8 % / 10 % lines chosen so that rounding each line and rounding each rate's subtotal once differ,
// for every rounding method. Tax-exclusive amounts:
//   10 %: 1,004 × 3 = 3,012 → per rate 301.2 ; per line 100.4 × 3
//    8 %: 1,006 × 2 = 2,012 → per rate 160.96; per line 80.48 × 2
// and the invoice's tax differs from the line-by-line sum under each method (the differences do not cancel out).
const MIXED: InvoiceLineInput[] = [
  { description: "保守作業", quantity: 1, unitPrice: 1_004, taxRate: 10 },
  { description: "保守作業（追加）", quantity: 1, unitPrice: 1_004, taxRate: 10 },
  { description: "出張対応", quantity: 1, unitPrice: 1_004, taxRate: 10 },
  { description: "お茶（会議用）", quantity: 1, unitPrice: 1_006, taxRate: 8 },
  { description: "お菓子（会議用）", quantity: 1, unitPrice: 1_006, taxRate: 8 },
];

const perLine = (lines: InvoiceLineInput[], rate: TaxRate, rounding: TaxRounding) =>
  lines.filter((l) => l.taxRate === rate).reduce((sum, l) => sum + taxOn(l.quantity * l.unitPrice, rate, rounding), 0);

const HEADER: InvoiceHeader = {
  number: "INV-2026-000001",
  milestoneId: "0b6f3c2e-5a1d-4c8e-9f00-000000000001",
  issuer: { name: "株式会社テスト開発", registrationNumber: "T7000012050002" },
  recipient: { name: "みどり市" },
  rounding: "floor",
};

describe("invoiceTotals: tax once per rate with the vendor's rounding", () => {
  it.each([
    // rounding, tax at 10 % (of 301.2), tax at 8 % (of 160.96), the per-line sums that would have been wrong
    ["floor", 301, 160, 300, 160],
    ["ceil", 302, 161, 303, 162],
    ["round", 301, 161, 300, 160],
  ] as const)("%s: per rate %i / %i, not the per-line %i / %i", (rounding, tax10, tax8, perLine10, perLine8) => {
    const totals = invoiceTotals(MIXED, rounding);
    expect(totals.byRate).toEqual([
      { rate: 10, subtotal: 3_012, tax: tax10 },
      { rate: 8, subtotal: 2_012, tax: tax8 },
    ]);
    expect(totals.tax).toBe(tax10 + tax8);
    expect(totals.total).toBe(5_024 + tax10 + tax8);
    expect(totals.rounding).toBe(rounding);
    // The line-by-line figures really differ, so this test can tell the two methods apart.
    expect([perLine(MIXED, 10, rounding), perLine(MIXED, 8, rounding)]).toEqual([perLine10, perLine8]);
    expect(perLine(MIXED, 10, rounding) + perLine(MIXED, 8, rounding)).not.toBe(tax10 + tax8);
  });

  it("rounds half up with 四捨五入 exactly at .5 and down below it", () => {
    expect(taxOn(1_005, 10, "round")).toBe(101); // 100.5
    expect(taxOn(1_004, 10, "round")).toBe(100); // 100.4
    expect(taxOn(1_006, 8, "round")).toBe(80); // 80.48
    expect(taxOn(1_007, 8, "round")).toBe(81); // 80.56
    expect(taxOn(1_000, 10, "ceil")).toBe(100); // exact: no rounding up
  });

  it("keeps the old callers' behaviour: orderTotals without a rounding rounds down", () => {
    expect(orderTotals(MIXED)).toEqual(orderTotals(MIXED, "floor"));
    expect(orderTotals(MIXED).tax).toBe(301 + 160);
  });

  it("gives a negative subtotal the mirrored tax (a credit note)", () => {
    for (const rounding of ["floor", "ceil", "round"] as const) expect(taxOn(-3_015, 10, rounding)).toBe(-taxOn(3_015, 10, rounding));
  });

  it("refuses money that is not integer yen", () => {
    expect(() => taxOn(10.5, 10)).toThrow(RangeError);
  });

  it("property: per-rate tax is exactly floor/ceil/round(rate × per-rate total / 100) in integers", () => {
    const line = fc.record({
      quantity: fc.oneof(
        fc.integer({ min: 1, max: 1_000 }),
        fc.integer({ min: 1, max: 100_000 }).map((n) => n / 100),
      ),
      unitPrice: fc.integer({ min: 0, max: 50_000_000 }),
      taxRate: fc.constantFrom<TaxRate>(10, 8, 0),
    });
    const reference = (subtotal: number, rate: number, rounding: TaxRounding): number => {
      // BigInt arithmetic, independent of the implementation's number tricks.
      const n = BigInt(subtotal) * BigInt(rate);
      const q = n / 100n;
      const r = n % 100n;
      if (rounding === "floor" || r === 0n) return Number(q);
      if (rounding === "ceil") return Number(q + 1n);
      return Number(r >= 50n ? q + 1n : q);
    };
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 30 }), fc.constantFrom<TaxRounding>("floor", "ceil", "round"), (lines, rounding) => {
        const totals = invoiceTotals(lines, rounding);
        for (const { rate, subtotal, tax } of totals.byRate) {
          const rateTotal = lines.filter((l) => l.taxRate === rate).reduce((s, l) => s + Math.round(l.quantity * l.unitPrice), 0);
          expect(subtotal).toBe(rateTotal);
          expect(Number.isInteger(tax)).toBe(true);
          expect(tax).toBe(reference(rateTotal, rate, rounding));
        }
        expect(totals.tax).toBe(totals.byRate.reduce((s, r) => s + r.tax, 0));
        expect(totals.total).toBe(totals.subtotal + totals.tax);
      }),
      { numRuns: 2_000, seed: 16 },
    );
  });
});

describe("IssueInvoiceSchema", () => {
  const valid = {
    milestoneId: HEADER.milestoneId,
    invoiceDate: "2026-12-07",
    lines: [{ description: "設計", quantity: "1.5", unitPrice: "１,２００,０００", taxRate: "10" }],
  };

  it("accepts form strings typed with the IME on", () => {
    const parsed = IssueInvoiceSchema.parse(valid);
    expect(parsed.lines[0]).toEqual({ description: "設計", quantity: 1.5, unitPrice: 1_200_000, taxRate: 10 });
  });

  it("gives a key per field for bad input", () => {
    const result = IssueInvoiceSchema.safeParse({
      milestoneId: "x",
      invoiceDate: "2026-13-01",
      lines: [{ description: " ", quantity: "0", unitPrice: "10.5", taxRate: "5" }],
    });
    expect(result.success).toBe(false);
    const byPath = Object.fromEntries(result.error!.issues.map((i) => [i.path.join("."), i.message]));
    expect(byPath).toEqual({
      milestoneId: "invoices.milestone.invalid",
      invoiceDate: "invoices.date.invalid",
      "lines.0.description": "invoices.line.description.required",
      "lines.0.quantity": "invoices.line.quantity.invalid",
      "lines.0.unitPrice": "invoices.line.unitPrice.invalid",
      "lines.0.taxRate": "invoices.line.taxRate.invalid",
    });
  });

  it("refuses no lines, a quantity with 3 decimals, and a total too large", () => {
    expect(IssueInvoiceSchema.safeParse({ ...valid, lines: [] }).error!.issues[0].message).toBe("invoices.lines.required");
    const q = IssueInvoiceSchema.safeParse({ ...valid, lines: [{ ...valid.lines[0], quantity: "1.005" }] });
    expect(q.error!.issues[0].message).toBe("invoices.line.quantity.invalid");
    const big = IssueInvoiceSchema.safeParse({ ...valid, lines: [{ ...valid.lines[0], quantity: 1_000, unitPrice: 999_999_999_999 }] });
    expect(big.error!.issues.map((i) => i.message)).toEqual(["invoices.total.tooLarge"]);
  });
});

const issue = (lines: InvoiceLineInput[] = MIXED, header: Partial<InvoiceHeader> = {}) =>
  buildQualifiedInvoice({ ...HEADER, ...header }, { invoiceDate: "2026-12-07", lines });

describe("missingQualifiedItems", () => {
  it("finds none on a built invoice, and marks the reduced-rate lines", () => {
    const invoice = issue(MIXED, { rounding: "round" });
    expect(missingQualifiedItems(invoice)).toEqual([]);
    expect(invoice.lines.map((l) => l.reducedRate)).toEqual([false, false, false, true, true]);
  });

  it("names each missing or wrong item by key", () => {
    const base = issue();
    const cases: [QualifiedInvoice, string[]][] = [
      [{ ...base, issuer: { name: "", registrationNumber: "T7000012050002" } }, ["issuer"]],
      [{ ...base, issuer: { ...base.issuer, registrationNumber: "T7000012050003" } }, ["issuer"]],
      [{ ...base, invoiceDate: "" }, ["transactionDate"]],
      [{ ...base, lines: base.lines.map((l) => ({ ...l, reducedRate: false })) }, ["description"]],
      [{ ...base, lines: base.lines.map((l, i) => (i === 0 ? { ...l, description: " " } : l)) }, ["description"]],
      [{ ...base, byRate: base.byRate.filter((r) => r.rate === 10) }, ["totalsByRate"]],
      // The tax summed line by line (300 instead of 301) is caught.
      [{ ...base, byRate: base.byRate.map((r) => (r.rate === 10 ? { ...r, tax: 300 } : r)) }, ["taxByRate"]],
      [{ ...base, recipient: { name: "  " } }, ["recipient"]],
    ];
    for (const [invoice, expected] of cases) expect(missingQualifiedItems(invoice)).toEqual(expected);
  });

  it("lists all six for an empty document, in the law's order", () => {
    const empty: QualifiedInvoice = {
      ...issue(),
      issuer: { name: "", registrationNumber: "" },
      recipient: { name: "" },
      invoiceDate: "",
      lines: [],
      byRate: [{ rate: 10, subtotal: 1, tax: 5 }],
    };
    expect(missingQualifiedItems(empty)).toEqual([...QUALIFIED_ITEMS]);
  });
});

describe("corrections (修正インボイス) and credit notes (返還インボイス)", () => {
  const original = issue();

  it("a correction states the corrected totals, references and cancels the original, keeps the parties and rounding", () => {
    const result = buildCorrection(original, "INV-2026-000002", {
      invoiceDate: "2026-12-10",
      lines: MIXED.slice(0, 4),
      reason: "数量の誤り",
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const c = result.invoice;
    expect(c.kind).toBe("correction");
    expect(c.number).toBe("INV-2026-000002");
    expect(c.references).toEqual({ number: "INV-2026-000001", invoiceDate: "2026-12-07", byRate: original.byRate, total: original.total });
    expect(c.byRate).toEqual([
      { rate: 10, subtotal: 3_012, tax: 301 },
      { rate: 8, subtotal: 1_006, tax: 80 },
    ]);
    expect(c.total).toBe(4_018 + 381);
    expect([c.issuer, c.recipient, c.milestoneId, c.rounding, c.reason]).toEqual([
      original.issuer,
      original.recipient,
      original.milestoneId,
      "floor",
      "数量の誤り",
    ]);
    expect(missingQualifiedItems(c)).toEqual([]);
  });

  it("a credit note has negative amounts and tax per rate, computed once per rate with the original's rounding", () => {
    const ceilOriginal = issue(MIXED, { rounding: "ceil" });
    const result = buildCreditNote(ceilOriginal, "INV-2026-000003", {
      invoiceDate: "2026-12-20",
      lines: [
        { description: "お茶（返品）", quantity: 1, unitPrice: 1_006, taxRate: 8 },
        { description: "保守作業（値引き）", quantity: 1, unitPrice: 1_004, taxRate: 10 },
      ],
      reason: "返品・値引き",
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const n = result.invoice;
    expect(n.kind).toBe("credit_note");
    expect(n.byRate).toEqual([
      { rate: 10, subtotal: -1_004, tax: -101 }, // ceil(100.4)
      { rate: 8, subtotal: -1_006, tax: -81 }, // ceil(80.48)
    ]);
    expect(n.lines.map((l) => l.amount)).toEqual([-1_006, -1_004]);
    expect([n.subtotal, n.tax, n.total]).toEqual([-2_010, -182, -2_192]);
    expect(n.references?.number).toBe("INV-2026-000001");
    expect(missingQualifiedItems(n)).toEqual([]);
  });

  it("refuses a credit beyond the original per rate, a rate the original lacks, and a credit note of a credit note", () => {
    const over = buildCreditNote(original, "X-000004", {
      invoiceDate: "2026-12-20",
      lines: [
        { description: "返品", quantity: 3, unitPrice: 1_006, taxRate: 8 },
        { description: "非課税分", quantity: 1, unitPrice: 100, taxRate: 0 },
      ],
      reason: "r",
    });
    expect(over).toEqual({
      ok: false,
      problems: [
        { path: ["lines", 0, "taxRate"], key: "invoices.creditNote.exceedsOriginal" },
        { path: ["lines", 1, "taxRate"], key: "invoices.creditNote.rateNotInOriginal" },
      ],
    });
    const note = buildCreditNote(original, "X-000005", { invoiceDate: "2026-12-20", lines: [MIXED[0]], reason: "r" });
    if (!note.ok) throw new Error("expected a credit note");
    const again = buildCreditNote(note.invoice, "X-000006", { invoiceDate: "2026-12-21", lines: [MIXED[0]], reason: "r" });
    expect(again).toEqual({ ok: false, problems: [{ path: [], key: "invoices.creditNote.notForCreditNote" }] });
    expect(buildCorrection(note.invoice, "X-000007", { invoiceDate: "2026-12-21", lines: [MIXED[0]], reason: "r" }).ok).toBe(false);
  });

  it("credit notes together never return more than the original per rate", () => {
    const first = buildCreditNote(original, "X-000009", { invoiceDate: "2026-12-20", lines: [MIXED[3]], reason: "一部返品" });
    if (!first.ok) throw new Error("expected a credit note");
    const rest = original.byRate.find((r) => r.rate === 8)!.subtotal + first.invoice.byRate.find((r) => r.rate === 8)!.subtotal;
    const line = (unitPrice: number) => [{ description: "追加返品", quantity: 1, unitPrice, taxRate: 8 as const }];
    expect(buildCreditNote(original, "X-000010", { invoiceDate: "2026-12-21", lines: line(rest + 1), reason: "r" }, [first.invoice])).toEqual({
      ok: false,
      problems: [{ path: ["lines", 0, "taxRate"], key: "invoices.creditNote.exceedsOriginal" }],
    });
    expect(buildCreditNote(original, "X-000010", { invoiceDate: "2026-12-21", lines: line(rest), reason: "r" }, [first.invoice]).ok).toBe(true);
    // Alone, the same amount would have been allowed: the refusal comes from the earlier note.
    expect(buildCreditNote(original, "X-000010", { invoiceDate: "2026-12-21", lines: line(rest + 1), reason: "r" }).ok).toBe(true);
  });

  it("a full credit note mirrors the original yen for yen", () => {
    const note = buildCreditNote(original, "X-000008", { invoiceDate: "2026-12-20", lines: MIXED, reason: "全額返還" });
    if (!note.ok) throw new Error("expected a credit note");
    expect(note.invoice.total).toBe(-original.total);
    expect(note.invoice.byRate).toEqual(original.byRate.map((r) => ({ rate: r.rate, subtotal: -r.subtotal, tax: -r.tax })));
  });
});

describe("nextInvoiceNumber", () => {
  it("starts at 000001 and continues without gaps", () => {
    expect(nextInvoiceNumber("INV-2026", null)).toBe("INV-2026-000001");
    expect(nextInvoiceNumber("INV-2026", "INV-2026-000123")).toBe("INV-2026-000124");
    expect(nextInvoiceNumber("INV-2026", "INV-2026-999999")).toBe("INV-2026-1000000");
    let last: string | null = null;
    for (let i = 1; i <= 1_000; i++) {
      last = nextInvoiceNumber("A1", last);
      expect(invoiceSequence("A1", last)).toBe(i);
    }
  });

  it("refuses a last number under another prefix and a bad prefix", () => {
    expect(() => nextInvoiceNumber("INV-2026", "INV-2025-000123")).toThrow(RangeError);
    expect(() => nextInvoiceNumber("INV-2026", "INV-2026-12")).toThrow(RangeError);
    expect(() => nextInvoiceNumber("inv 2026", null)).toThrow(RangeError);
    expect(invoiceSequence("INV", "INV-2026-000001")).toBeNull();
  });
});
