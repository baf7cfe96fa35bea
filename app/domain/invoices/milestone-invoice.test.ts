import { describe, expect, it } from "vitest";
import { invoiceTotals } from "./qualified-invoice";
import { AmendInvoiceSchema, BankAccountSchema, IssueMilestoneInvoiceSchema, milestoneInvoiceLines, ReceiptSchema } from "./milestone-invoice";

describe("milestoneInvoiceLines", () => {
  it("one rate: one tax-exclusive line whose tax (floor) brings it back to the milestone amount", () => {
    const lines = milestoneInvoiceLines({ name: "着手金", amountYen: 1_100_000 }, [{ rate: 10, subtotal: 3_000_000, tax: 300_000 }]);
    expect(lines).toEqual([{ description: "着手金", quantity: 1, unitPrice: 1_000_000, taxRate: 10 }]);
    expect(invoiceTotals(lines, "floor").total).toBe(1_100_000);
  });

  it("mixed 10 % and 8 %: split in the contract's proportions, the remainder on the last rate", () => {
    const lines = milestoneInvoiceLines({ name: "納品", amountYen: 1_000_001 }, [
      { rate: 10, subtotal: 1_000_000, tax: 100_000 },
      { rate: 8, subtotal: 1_000_000, tax: 80_000 },
    ]);
    expect(lines.map((l) => l.taxRate)).toEqual([10, 8]);
    // 1,000,001 × 1,100,000 / 2,180,000 = 504,587 (floor); 8 % takes 495,414
    expect(lines[0]!.unitPrice).toBe(Math.floor((504_587 * 100) / 110));
    expect(lines[1]!.unitPrice).toBe(Math.floor((495_414 * 100) / 108));
    const totals = invoiceTotals(lines, "ceil");
    expect(Math.abs(totals.total - 1_000_001)).toBeLessThanOrEqual(2);
  });

  it("a milestone of 0 yen has no lines", () => {
    expect(milestoneInvoiceLines({ name: "x", amountYen: 0 }, [{ rate: 10, subtotal: 1, tax: 0 }])).toEqual([]);
  });
});

describe("inputs", () => {
  it("a receipt: integer yen > 0 and a date, with catalog keys", () => {
    expect(ReceiptSchema.safeParse({ amount: "１２,０００", receivedOn: "2026-12-01" }).data).toEqual({ amount: 12000, receivedOn: "2026-12-01" });
    const bad = ReceiptSchema.safeParse({ amount: 0, receivedOn: "2026-13-01" });
    expect(bad.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["amount", "payments.receipt.amount.invalid"],
      ["receivedOn", "payments.receipt.date.invalid"],
    ]);
    expect(ReceiptSchema.safeParse({ amount: 1.5, receivedOn: "2026-12-01" }).success).toBe(false);
  });

  it("a bank account: 7 digits, 普通/当座, holder in katakana", () => {
    const ok = BankAccountSchema.safeParse({ bank: "みずほ銀行", branch: "本店", type: "普通", number: "１２３４５６７", holderKana: "カ）クラベ" });
    expect(ok.data?.number).toBe("1234567"); // full-width digits typed with the IME are accepted
    const good = BankAccountSchema.safeParse({ bank: "みずほ銀行", branch: "本店", type: "普通", number: "1234567", holderKana: "カブシキガイシャ クラベ" });
    expect(good.success).toBe(true);
    const bad = BankAccountSchema.safeParse({ bank: "", branch: "本店", type: "貯蓄", number: "12345", holderKana: "kurabe" });
    expect(bad.error!.issues.map((i) => i.path.join("."))).toEqual(["bank", "type", "number", "holderKana"]);
  });

  it("issue: everything optional; a bad date is named", () => {
    expect(IssueMilestoneInvoiceSchema.safeParse({}).success).toBe(true);
    expect(IssueMilestoneInvoiceSchema.safeParse({ invoiceDate: "12/01" }).error!.issues[0]!.message).toBe("invoices.date.invalid");
  });

  it("a correction needs lines and a reason", () => {
    const bad = AmendInvoiceSchema.safeParse({ lines: [], reason: " " });
    expect(bad.error!.issues.map((i) => i.message)).toEqual(["invoices.lines.required", "invoices.reason.required"]);
  });
});
