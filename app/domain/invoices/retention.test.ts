import { describe, expect, it } from "vitest";
import {
  activeCriteria,
  mayDispose,
  matchesTransactionSearch,
  retentionEndDate,
  retentionPeriod,
  TransactionSearchSchema,
  type TransactionRecordFacts,
  type TransactionSearch,
} from "./retention";

describe("retention (7 years from the day after the filing deadline)", () => {
  it("March year end: a record of 2026-12-07 is in the year ending 2027-03-31, filed by 2027-05-31, kept through 2034-05-31", () => {
    expect(retentionPeriod("2026-12-07")).toEqual({ fiscalYearEnd: "2027-03-31", filingDeadline: "2027-05-31", retentionEnd: "2034-05-31" });
  });

  it("a record on the year-end day belongs to that year; the next day to the next year", () => {
    expect(retentionEndDate("2027-03-31")).toBe("2034-05-31");
    expect(retentionEndDate("2027-04-01")).toBe("2035-05-31");
  });

  it("December year end: the deadline runs into February of the next year, and month ends follow leap years", () => {
    expect(retentionPeriod("2027-06-15", 12)).toEqual({ fiscalYearEnd: "2027-12-31", filingDeadline: "2028-02-29", retentionEnd: "2035-02-28" });
    expect(retentionPeriod("2026-01-10", 11)).toEqual({ fiscalYearEnd: "2026-11-30", filingDeadline: "2027-01-31", retentionEnd: "2034-01-31" });
    expect(retentionPeriod("2026-09-30", 9).retentionEnd).toBe("2033-11-30");
  });

  it("may be disposed of only after the retention end", () => {
    expect(mayDispose("2026-12-07", "2034-05-31")).toBe(false);
    expect(mayDispose("2026-12-07", "2034-06-01")).toBe(true);
  });

  it("refuses a bad date or month", () => {
    expect(() => retentionEndDate("2026-02-30")).toThrow(RangeError);
    expect(() => retentionEndDate("2026-02-01", 0)).toThrow(RangeError);
    expect(() => retentionEndDate("2026-02-01", 13)).toThrow(RangeError);
  });
});

describe("TransactionSearchSchema", () => {
  const issues = (input: unknown) => {
    const result = TransactionSearchSchema.safeParse(input);
    return result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));
  };

  it("accepts every combination of the three criteria, including none", () => {
    const values = {
      date: { dateFrom: "2026-04-01", dateTo: "2026-04-30" },
      amount: { amountMin: "1000", amountMax: "50000" },
      counterparty: { counterparty: "さくら" },
    };
    const names = Object.keys(values) as (keyof typeof values)[];
    for (let mask = 0; mask < 8; mask++) {
      const chosen = names.filter((_, i) => mask & (1 << i));
      const input = Object.assign({}, ...chosen.map((name) => values[name]));
      const parsed = TransactionSearchSchema.parse(input);
      expect(activeCriteria(parsed)).toEqual(chosen);
    }
  });

  it("reads form strings: blanks are absent, yen typed with separators and full-width digits", () => {
    expect(TransactionSearchSchema.parse({ dateFrom: "", amountMin: "１２,０００円", amountMax: "¥20,000", counterparty: "  ", kinds: "invoice" })).toEqual({
      amountMin: 12_000,
      amountMax: 20_000,
      kinds: ["invoice"],
    });
  });

  it("gives a field-level key for each problem", () => {
    expect(issues({ dateFrom: "2026-05-01", dateTo: "2026-04-30", amountMin: "500", amountMax: "100" })).toEqual({
      dateTo: "invoices.search.dateRange.reversed",
      amountMax: "invoices.search.amountRange.reversed",
    });
    expect(issues({ dateFrom: "2026/04/01", amountMin: "-1", amountMax: "1.5", counterparty: "x".repeat(201), kinds: ["contract"] })).toEqual({
      dateFrom: "invoices.search.date.invalid",
      amountMin: "invoices.search.amount.invalid",
      amountMax: "invoices.search.amount.invalid",
      counterparty: "invoices.search.counterparty.tooLong",
      "kinds.0": "invoices.search.kind.invalid",
    });
  });

  it("allows a one-day range and an exact amount", () => {
    expect(issues({ dateFrom: "2026-04-01", dateTo: "2026-04-01", amountMin: "0", amountMax: "0" })).toEqual({});
  });
});

describe("matchesTransactionSearch", () => {
  const records: TransactionRecordFacts[] = [
    { kind: "invoice", transactionDate: "2026-04-01", amount: 110_000, counterpartyName: "株式会社さくら食品" },
    { kind: "receipt", transactionDate: "2026-04-30", amount: 50_000, counterpartyName: "ＡＢＣ Systems" },
    { kind: "quote", transactionDate: "2026-05-01", amount: 1_000, counterpartyName: "みどり市" },
    { kind: "invoice", transactionDate: "2026-03-31", amount: -5_500, counterpartyName: "株式会社さくら食品" },
  ];
  const find = (criteria: TransactionSearch) => records.filter((r) => matchesTransactionSearch(r, criteria)).map((r) => records.indexOf(r));

  it("bounds are inclusive; every combination narrows by all its criteria", () => {
    expect(find({})).toEqual([0, 1, 2, 3]);
    expect(find({ dateFrom: "2026-04-01", dateTo: "2026-04-30" })).toEqual([0, 1]);
    expect(find({ amountMin: 50_000, amountMax: 110_000 })).toEqual([0, 1]);
    expect(find({ counterparty: "さくら" })).toEqual([0, 3]);
    expect(find({ dateFrom: "2026-04-01", counterparty: "さくら" })).toEqual([0]);
    expect(find({ amountMax: 50_000, counterparty: "abc system" })).toEqual([1]);
    expect(find({ dateTo: "2026-04-30", amountMax: 60_000 })).toEqual([1, 3]);
    expect(find({ dateFrom: "2026-04-01", dateTo: "2026-05-31", amountMin: 1_000, amountMax: 1_000, counterparty: "みどり" })).toEqual([2]);
    expect(find({ kinds: ["invoice"] })).toEqual([0, 3]);
  });
});
