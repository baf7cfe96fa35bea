import { describe, expect, it } from "vitest";
import { fixtureRfq, quoteA, quoteB } from "~/domain/quote/test-fixtures";
import { buildContractDraft, exclusiveUnitPrice, termEnd, type DraftInput } from "./contract-draft";
import { contractVendorView, type ContractRecord } from "./vendor-view";

const rfq = fixtureRfq();
const input = (quote: ReturnType<typeof quoteA>, buyerKind: "company" | "municipality" = "company"): DraftInput => ({
  rfq: { ...rfq, id: "r1", version: 1 },
  quote: { ...quote, id: "q1", version: 2, taxBasis: quote.taxBasis, taxRate: (quote.taxRate ?? 10) as 10 | 8 },
  buyer: { orgId: "b", name: "発注市", registrationNumber: null },
  vendor: { orgId: "v", name: "受注社", registrationNumber: "T1234567890123" },
  buyerKind,
  termFrom: "2027-04-01",
  defaults: { milestoneName: "業務完了", acceptance: "完了検査の合格" },
});

describe("buildContractDraft", () => {
  it("lines over the term with tax-exclusive prices, totals per rate, SLA from the KPI commitments, the RFQ's rules", () => {
    const c = buildContractDraft(input(quoteA()));
    expect(c.lines.map((l) => [l.code, l.quantity, l.unitPrice])).toEqual([
      ["INIT", 1, 200_000],
      ["OPS", 12, 400_000],
      ["DOC", 24_000, 300],
      ["SETUP", 1, 100_000],
      ["TRANSITION", 1, 50_000],
    ]);
    expect(c.totals).toEqual({ subtotal: 12_350_000, tax: 1_235_000, total: 13_585_000 });
    expect(c.term).toEqual({ months: 12, from: "2027-04-01", to: "2028-03-31" });
    expect(c.sla.map((s) => [s.key, s.target])).toEqual([
      ["accuracy", 0.999],
      ["processing_lead_time_days", 3],
    ]);
    expect(c.changeRequestRule).toBe(rfq.changeRequestRule);
    expect(c.escalationRules).toBe(rfq.escalationRules);
  });

  it("without a payment schedule: one milestone of 100 % at the term's end, with the legal maximum day counts", () => {
    const c = buildContractDraft(input(quoteA(), "municipality"));
    expect(c.milestonePlan).toEqual({
      basis: "percent",
      outsideScope: null,
      milestones: [
        { name: "業務完了", amountYen: null, percent: 100, dueDate: "2028-03-31", acceptance: "完了検査の合格", inspectionDays: 10, paymentDueDays: 30 },
      ],
    });
  });

  it("a tax-included quote's schedule becomes tax-included yen adding up to the contract total", () => {
    const c = buildContractDraft(
      input(
        quoteB({
          paymentSchedule: [
            { label: "着手金", amount: 3_002_000, dueDate: "2027-05-31" },
            { label: "完了", amount: 10_000_000 },
          ],
        }),
      ),
    );
    expect(c.lines[1]!.unitPrice).toBe(380_000); // 418,000 incl. 10 % → 380,000
    expect(c.milestonePlan.basis).toBe("amount");
    const amounts = c.milestonePlan.milestones.map((m) => m.amountYen!);
    expect(amounts.reduce((a, b) => a + b, 0)).toBe(c.totals.total);
    expect(c.milestonePlan.milestones.map((m) => [m.name, m.dueDate])).toEqual([
      ["着手金", "2027-05-31"],
      ["完了", "2028-03-31"],
    ]);
  });

  it("helpers: tax-included prices divided back; term ends the day before the same date months later", () => {
    expect(exclusiveUnitPrice(319, "included", 10)).toBe(290);
    expect(exclusiveUnitPrice(319, "excluded", 10)).toBe(319);
    expect(termEnd("2027-01-31", 1)).toBe("2027-02-28");
    expect(termEnd("2027-03-01", 1)).toBe("2027-03-31");
    expect(termEnd("2026-12-07", 12)).toBe("2027-12-06");
  });
});

describe("contractVendorView", () => {
  it("lists only allowed fields: the buyer's reason, notes and anything added to the record stay out", () => {
    const content = buildContractDraft(input(quoteA()));
    const record = {
      id: "c1",
      rfqId: "r1",
      status: "active",
      currentVersion: 1,
      outsideScope: true,
      outsideScopeReason: "SENTINEL-REASON",
      content: { ...content, internalNote: "SENTINEL-NOTE" },
      versions: [{ version: 1, changeReason: "SENTINEL-CHANGE", createdAt: "2027-04-01T00:00:00Z", createdByName: "SENTINEL-USER" }],
      activatedAt: null,
      createdAt: "2027-04-01T00:00:00Z",
      budgetMax: 99_999_999,
    } as unknown as ContractRecord;
    const text = JSON.stringify(contractVendorView(record));
    for (const s of ["SENTINEL-REASON", "SENTINEL-NOTE", "SENTINEL-CHANGE", "SENTINEL-USER", "99999999", "orgId"]) expect(text).not.toContain(s);
    expect(text).toContain("受注社");
    expect(text).toContain("T1234567890123");
  });
});
