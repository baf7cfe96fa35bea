import { describe, expect, it } from "vitest";
import { sealPriceRulesInAudit } from "./price-rules-redaction";
import { auditChanges, isSealedMarker, priceRulesOpened } from "./rfq-changes";

const rules = { ceilingYen: 9_876_543, ceilingTaxBasis: "excluded" };

describe("auditChanges", () => {
  it("lays an edit's fields out as before → after, from stored JSON text", () => {
    const changes = auditChanges("rfq.edit", JSON.stringify({ title: "旧", publicPriceRules: null }), JSON.stringify({ title: "新", publicPriceRules: rules }));
    expect(changes).toEqual([
      { field: "title", before: "旧", after: "新" },
      { field: "publicPriceRules", before: null, after: rules },
    ]);
  });

  it("leaves out a field recorded with the same value on both sides", () => {
    const volumes = { perMonth: 3500, peakMonths: [3, 4], notes: "n" };
    const changes = auditChanges(
      "rfq.addendum",
      { changes: { volumes, quoteDeadline: "2027-01-04T17:00:00+09:00" } },
      { changes: { volumes: { notes: "n", peakMonths: [3, 4], perMonth: 3500 }, quoteDeadline: "2027-01-11T17:00:00+09:00" } },
    );
    expect(changes).toEqual([{ field: "quoteDeadline", before: "2027-01-04T17:00:00+09:00", after: "2027-01-11T17:00:00+09:00" }]);
  });

  it("reads an addendum's fields under `changes`", () => {
    const changes = auditChanges("rfq.addendum", { version: 1, changes: { publicPriceRules: null } }, { version: 2, changes: { publicPriceRules: rules } });
    expect(changes).toEqual([{ field: "publicPriceRules", before: null, after: rules }]);
  });

  it("shows the marker, not the amount, once the row is sealed", () => {
    const sealed = sealPriceRulesInAudit({ before: JSON.stringify({ publicPriceRules: null }), after: JSON.stringify({ publicPriceRules: rules }) }, false);
    const [change] = auditChanges("rfq.edit", sealed.before, sealed.after);
    expect(isSealedMarker(change!.after)).toBe(true);
    expect(JSON.stringify(change)).not.toContain("9876543");
  });
});

describe("priceRulesOpened", () => {
  const deadline = new Date("2026-12-20T03:00:00Z");
  const before = new Date(deadline.getTime() - 1);
  it("opens a sealed RFQ's rules at its deadline, never a cancelled one's or a draft's", () => {
    expect(priceRulesOpened({ status: "published", sealed: true, quoteDeadline: deadline }, before)).toBe(false);
    expect(priceRulesOpened({ status: "published", sealed: true, quoteDeadline: deadline }, deadline)).toBe(true);
    expect(priceRulesOpened({ status: "cancelled", sealed: true, quoteDeadline: deadline }, deadline)).toBe(false);
    expect(priceRulesOpened({ status: "draft", sealed: true, quoteDeadline: deadline }, deadline)).toBe(false);
  });

  it("keeps an open RFQ's rules sealed until its deadline although its quotes are read on arrival", () => {
    expect(priceRulesOpened({ status: "published", sealed: false, quoteDeadline: deadline }, before)).toBe(false);
    expect(priceRulesOpened({ status: "published", sealed: false, quoteDeadline: deadline }, deadline)).toBe(true);
  });
});
