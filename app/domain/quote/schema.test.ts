import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { buildQuoteSchema, commitmentCriteria } from "./schema";
import { fixtureRfq, quoteA, quoteB } from "./test-fixtures";

const rfq = fixtureRfq();
const schema = buildQuoteSchema(rfq);

function issuesOf(result: { success: boolean; error?: z.ZodError }) {
  return (result.error?.issues ?? []).map((issue) => ({ path: issue.path.join("."), message: issue.message }));
}

describe("buildQuoteSchema", () => {
  it("accepts a complete quote and fills defaults", () => {
    const parsed = schema.parse(quoteA());
    expect(parsed.paymentSchedule).toEqual([]);
    expect(parsed.pastWork).toEqual({ text: "", links: [] });
    expect(parsed.assumptions).toBe("");
  });

  it("knows the RFQ's KPI-commitment criteria (not price, not certifications)", () => {
    expect(commitmentCriteria(rfq.criteria).map((criterion) => criterion.key)).toEqual(["accuracy", "processing_lead_time_days"]);
  });

  it("demands a price for every line, on the line's own path", () => {
    expect(issuesOf(schema.safeParse(quoteA({ unitPrices: { INIT: 1 } })))).toEqual([
      { path: "unitPrices.OPS", message: "quote.unitPrices.required" },
      { path: "unitPrices.DOC", message: "quote.unitPrices.required" },
    ]);
  });

  it("refuses prices for lines the RFQ does not have", () => {
    expect(issuesOf(schema.safeParse(quoteA({ unitPrices: { INIT: 1, OPS: 1, DOC: 1, EXTRA: 5 } })))).toEqual([
      { path: "unitPrices", message: "quote.unitPrices.unknownLine" },
    ]);
  });

  it("refuses negative and fractional amounts", () => {
    const result = schema.safeParse(quoteA({ unitPrices: { INIT: -1, OPS: 400_000.5, DOC: 300 }, oneOffFees: { setup: -100, transition: 0 } }));
    expect(issuesOf(result)).toEqual([
      { path: "unitPrices.INIT", message: "quote.money.invalid" },
      { path: "unitPrices.OPS", message: "quote.money.invalid" },
      { path: "oneOffFees.setup", message: "quote.money.invalid" },
    ]);
  });

  it("accepts only 10% and 8% and an explicit tax basis", () => {
    expect(issuesOf(schema.safeParse(quoteA({ taxRate: 5 as 10 })))).toEqual([{ path: "taxRate", message: "quote.taxRate.invalid" }]);
    expect(issuesOf(schema.safeParse({ ...quoteA(), taxBasis: undefined }))).toEqual([{ path: "taxBasis", message: "quote.taxBasis.invalid" }]);
    expect(schema.parse({ ...quoteA(), taxRate: undefined }).taxRate).toBe(10);
  });

  describe("KPI commitments", () => {
    it("needs one per commitment criterion", () => {
      expect(issuesOf(schema.safeParse(quoteA({ kpiCommitments: { accuracy: 0.999 } })))).toEqual([
        { path: "kpiCommitments.processing_lead_time_days", message: "quote.kpiCommitments.required" },
      ]);
    });

    it("checks each against its unit: a rate of 99.9 (meaning 99.9%) is out of range", () => {
      expect(issuesOf(schema.safeParse(quoteA({ kpiCommitments: { accuracy: 99.9, processing_lead_time_days: -1 } })))).toEqual([
        { path: "kpiCommitments.accuracy", message: "quote.kpiCommitments.outOfRange" },
        { path: "kpiCommitments.processing_lead_time_days", message: "quote.kpiCommitments.outOfRange" },
      ]);
    });

    it("refuses commitments to criteria that are not commitment criteria", () => {
      expect(issuesOf(schema.safeParse(quoteA({ kpiCommitments: { accuracy: 0.999, processing_lead_time_days: 3, tco: 1 } })))).toEqual([
        { path: "kpiCommitments", message: "quote.kpiCommitments.unknownCriterion" },
      ]);
    });
  });

  describe("payment schedule", () => {
    it("accepts milestones that add up to the total in the quote's own tax basis", () => {
      // Vendor B is tax-included: 13,002,000.
      const quote = quoteB({
        paymentSchedule: [
          { label: "着手金", dueDate: "2026-04-30", amount: 3_002_000 },
          { label: "残金", dueDate: "2027-03-31", amount: 10_000_000 },
        ],
      });
      expect(schema.safeParse(quote).success).toBe(true);
    });

    it("refuses milestones that do not add up, saying by how much", () => {
      const result = schema.safeParse(quoteA({ paymentSchedule: [{ label: "一括", amount: 12_000_000 }] }));
      expect(issuesOf(result)).toEqual([{ path: "paymentSchedule", message: "quote.paymentSchedule.sumMismatch" }]);
      const issue = result.error!.issues[0] as { params?: Record<string, number> };
      expect(issue.params).toEqual({ scheduled: 12_000_000, total: 12_350_000, difference: 350_000 });
    });

    it("refuses milestones without a label or with an impossible date", () => {
      const result = schema.safeParse(quoteA({ paymentSchedule: [{ label: "", dueDate: "2026-02-30", amount: 12_350_000 }] }));
      expect(issuesOf(result)).toEqual([
        { path: "paymentSchedule.0.label", message: "quote.paymentSchedule.label.required" },
        { path: "paymentSchedule.0.dueDate", message: "quote.paymentSchedule.dueDate.invalid" },
      ]);
    });
  });

  it("takes past-work links only as http(s) URLs", () => {
    expect(schema.safeParse(quoteA({ pastWork: { text: "A市 給付金業務", links: ["https://example.co.jp/case/1"] } })).success).toBe(true);
    expect(issuesOf(schema.safeParse(quoteA({ pastWork: { text: "", links: ["javascript:alert(1)", "ftp://example.com/x"] } })))).toEqual([
      { path: "pastWork.links.0", message: "quote.pastWork.link.invalid" },
      { path: "pastWork.links.1", message: "quote.pastWork.link.invalid" },
    ]);
  });

  it("refuses a negative or fractional lead time", () => {
    expect(issuesOf(schema.safeParse(quoteA({ leadTimeDays: 1.5 })))).toEqual([{ path: "leadTimeDays", message: "quote.leadTimeDays.invalid" }]);
  });
});
