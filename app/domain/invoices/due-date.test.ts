import { describe, expect, it } from "vitest";
import { invoiceDueDate, paymentRule } from "./due-date";

describe("invoiceDueDate", () => {
  it("a municipality pays within 30 days of receiving the invoice (day of receipt not counted)", () => {
    expect(paymentRule("municipality").id).toBe("municipality.payment");
    expect(invoiceDueDate({ buyerKind: "municipality", invoiceReceivedOn: "2026-04-01", workReceivedOn: "2026-03-20" })).toBe("2026-05-01");
    expect(invoiceDueDate({ buyerKind: "municipality", paymentDueDays: 20, invoiceReceivedOn: "2026-04-01", workReceivedOn: "2026-03-20" })).toBe("2026-04-21");
  });

  it("a company pays within 60 days from receiving the work (receipt day = day 1), whenever the invoice comes", () => {
    expect(invoiceDueDate({ buyerKind: "company", invoiceReceivedOn: "2026-04-20", workReceivedOn: "2026-04-01" })).toBe("2026-05-30");
    expect(invoiceDueDate({ buyerKind: "company", paymentDueDays: 30, invoiceReceivedOn: "2026-04-20", workReceivedOn: "2026-04-01" })).toBe("2026-04-30");
  });

  it("refuses an impossible day count", () => {
    expect(() => invoiceDueDate({ buyerKind: "company", paymentDueDays: 0, invoiceReceivedOn: "2026-04-20", workReceivedOn: "2026-04-01" })).toThrow(
      RangeError,
    );
  });
});
