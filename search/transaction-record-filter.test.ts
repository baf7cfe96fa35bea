import { describe, expect, it } from "vitest";
import { transactionRecordFilter, type TransactionRecordSearchParams } from "./client";

const ORG = "11111111-1111-4111-8111-111111111111";
const base: TransactionRecordSearchParams = { scope: { orgId: ORG, side: "buyer" }, limit: 10 };

describe("transactionRecordFilter", () => {
  it("the reader's organisation and side come first, always, even with no criteria", () => {
    expect(transactionRecordFilter(base)).toEqual([`org_id = "${ORG}"`, `side = "buyer"`]);
  });

  it("dates and amounts as numbers, the counterparty and kinds quoted", () => {
    expect(
      transactionRecordFilter({
        ...base,
        dateFrom: 20261201,
        dateTo: 20261231,
        amountMin: 0,
        amountMax: 110_000,
        counterpartyGram: 'x" OR org_id = "other',
        kinds: ["invoice", "receipt"],
      }),
    ).toEqual([
      `org_id = "${ORG}"`,
      `side = "buyer"`,
      "record_date >= 20261201",
      "record_date <= 20261231",
      "amount >= 0",
      "amount <= 110000",
      `counterparty_grams = "x\\" OR org_id = \\"other"`,
      `kind IN ["invoice", "receipt"]`,
    ]);
  });

  it("refuses anything but a whole number where a number goes, so no clause can be smuggled in", () => {
    for (const bad of [Number.NaN, 1.5, Infinity, "1 OR 1=1" as unknown as number])
      expect(() => transactionRecordFilter({ ...base, amountMin: bad }), String(bad)).toThrow(/Not a whole number/);
    expect(() => transactionRecordFilter({ ...base, dateTo: 2026.5 })).toThrow(/Not a whole number/);
  });
});
