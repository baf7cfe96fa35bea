import { describe, expect, it } from "vitest";
import { completeRfqInput } from "~/domain/rfq/test-fixtures";
import { rfqSchema } from "~/domain/rfq/schema";
import { normalizeQuoteToTco } from "./normalize";
import { quoteForVendor, quoteSummaryForVendor, type QuoteRecord } from "./vendor-view";

// The buyer's settings are distinctive so that any figure derived from them shows up in the JSON.
const rfq = rfqSchema.parse(
  completeRfqInput({ hiddenCosts: { managementOverheadPct: 7.31, transitionEffortYen: 246_813 }, baselineCostMonthlyYen: 1_975_319 }),
);
const normalized = normalizeQuoteToTco(rfq, {
  unitPrices: { INIT: 200_000, OPS: 417_263, DOC: 300 },
  oneOffFees: { setup: 0, transition: 0 },
  taxBasis: "excluded",
  taxRate: 10,
});

const record: QuoteRecord = {
  id: "q-1",
  rfqId: "r-1",
  vendorOrgId: "v-1",
  status: "submitted",
  version: 1,
  rfqVersion: 1,
  needsReconfirmation: false,
  tco: normalized.tco,
  submittedAt: "2026-03-01T00:00:00.000Z",
  withdrawnAt: null,
  updatedAt: "2026-03-01T00:00:00.000Z",
  content: { unitPrices: { OPS: 417_263 } },
  normalized: { ...normalized, futureBuyerOnlyFigure: 99_999 } as unknown as QuoteRecord["normalized"],
  versions: [
    {
      version: 1,
      rfqVersion: 1,
      kind: "submitted",
      tco: normalized.tco,
      contractValueExcludingTax: normalized.contractValueExcludingTax,
      createdAt: "2026-03-01T00:00:00.000Z",
      withdrawnAt: "2026-03-02T00:00:00.000Z",
    },
  ],
};

describe("quoteForVendor", () => {
  const view = quoteForVendor(record);
  const json = JSON.stringify(view);

  it("never carries the TCO, the hidden costs, the baseline or the ROI", () => {
    expect(normalized.managementOverhead).toBeGreaterThan(0);
    expect(normalized.roi).not.toBeNull();
    for (const figure of [normalized.tco, normalized.managementOverhead, normalized.transitionEffort, normalized.baselineOverTerm!, normalized.roi!]) {
      expect(json).not.toContain(String(figure));
    }
    for (const name of ["tco", "managementOverhead", "transitionEffort", "baselineOverTerm", "roi"]) expect(json).not.toContain(`"${name}"`);
  });

  it("picks fields in: a figure it does not know is not passed on", () => {
    expect(json).not.toContain("99999");
  });

  it("keeps the vendor's own figures: lines, fees, contract value with and without tax", () => {
    expect(view.normalized).toMatchObject({
      contractValueExcludingTax: normalized.contractValueExcludingTax,
      contractValueIncludingTax: normalized.contractValueIncludingTax,
      taxAmount: normalized.taxAmount,
    });
    expect(view.normalized!.lines.find((l) => l.code === "OPS")?.unitPrice).toBe(417_263);
    expect(view.versions).toEqual([
      {
        version: 1,
        rfqVersion: 1,
        kind: "submitted",
        contractValueExcludingTax: normalized.contractValueExcludingTax,
        createdAt: "2026-03-01T00:00:00.000Z",
        withdrawnAt: "2026-03-02T00:00:00.000Z",
      },
    ]);
  });

  it("summarises the vendor's list without any buyer figure", () => {
    const summary = quoteSummaryForVendor({
      id: "q-1",
      rfq: { id: "r-1", title: "t", buyerName: "b", quoteDeadline: null, status: "published" },
      status: "submitted",
      version: 1,
      rfqVersion: 1,
      needsReconfirmation: false,
      contractValueExcludingTax: 5,
      updatedAt: "2026-03-01T00:00:00.000Z",
      ...({ tco: 123_456_789 } as object),
    });
    expect(JSON.stringify(summary)).not.toContain("123456789");
  });
});
