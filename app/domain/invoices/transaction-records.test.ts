import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { matchesTransactionSearch, normalizeCounterparty } from "./retention";
import {
  compareRecords,
  COUNTERPARTY_GRAM_MAX,
  counterpartyGramOf,
  counterpartyGrams,
  dateNumber,
  parseRecordId,
  recordFacts,
  recordFileUrl,
  recordSearchInput,
  toTransactionRecord,
  type TransactionRecordRow,
} from "./transaction-records";

const Q = "7131d10a-1111-4222-8333-944455556666";
const C = "c6e5fa93-aaaa-4bbb-8ccc-dddd0000eeee";
const I = "0a0b0c0d-1111-4222-8333-944455556666";
const R = "b00c4492-1111-4222-8333-944455556666";
const RFQ = "f00dfeed-1111-4222-8333-944455556666";
const ORG = "11111111-1111-4111-8111-111111111111";
const OTHER = "22222222-2222-4222-8222-222222222222";

const row = (over: Partial<TransactionRecordRow>): TransactionRecordRow => ({
  kind: "invoice",
  invoice_kind: "invoice",
  record_id: I,
  side: "buyer",
  org_id: ORG,
  counterparty_org_id: OTHER,
  counterparty_name: "受注サービス株式会社",
  record_date: "2026-12-21",
  amount: "110000",
  number: "INV-000001",
  version: null,
  title: "給与計算業務",
  rfq_id: RFQ,
  quote_id: null,
  contract_id: C,
  invoice_id: I,
  ...over,
});

describe("toTransactionRecord", () => {
  it("an invoice: its number, the amount from the bigint text, the PDF, 保存期限 from the fiscal year", () => {
    const r = toTransactionRecord(row({}));
    expect(r).toMatchObject({
      id: `invoice-${I}-buyer`,
      documentType: "invoice",
      number: "INV-000001",
      amount: 110_000,
      signedAmount: 110_000,
      href: `/invoices/${I}`,
      hasFile: true,
      // FY ending 2027-03 → filing deadline 2027-05-31 → kept through 2034-05-31.
      retentionEnd: "2034-05-31",
    });
    expect(recordFileUrl(r)).toBe(`/records/files/invoice-${I}-buyer`);
  });

  it("a credit note is searched by its magnitude and shown with its sign", () => {
    const r = toTransactionRecord(row({ invoice_kind: "credit_note", amount: -22_000, number: "INV-000003" }));
    expect(r).toMatchObject({ documentType: "credit_note", amount: 22_000, signedAmount: -22_000 });
    expect(matchesTransactionSearch(recordFacts(r), { amountMin: 20_000, amountMax: 25_000 })).toBe(true);
  });

  it("a quote has no PDF and a number from its id and version; each side links to its own page", () => {
    const vendor = toTransactionRecord(
      row({ kind: "quote", invoice_kind: null, record_id: Q, side: "vendor", number: null, version: 3, quote_id: Q, contract_id: null, invoice_id: null }),
    );
    expect(vendor).toMatchObject({ id: `quote-${Q}-vendor`, number: "Q-7131D10A-v3", href: `/quotes/${Q}`, hasFile: false });
    expect(recordFileUrl(vendor)).toBeNull();
    const buyer = toTransactionRecord(row({ kind: "quote", invoice_kind: null, record_id: Q, side: "buyer", number: null, version: 3, quote_id: Q }));
    expect(buyer.href).toBe(`/rfqs/${RFQ}/compare`);
  });

  it("a purchase order carries the 発注書's number (year of issue, contract id, version)", () => {
    const r = toTransactionRecord(
      row({ kind: "purchase_order", invoice_kind: null, record_id: C, side: "vendor", number: null, version: 2, quote_id: Q, record_date: "2027-01-05" }),
    );
    expect(r).toMatchObject({ number: "PO-2027-C6E5FA93-2", href: `/quotes/${Q}/contract`, hasFile: true, retentionEnd: "2034-05-31" });
    expect(toTransactionRecord(row({ kind: "purchase_order", invoice_kind: null, record_id: C, side: "buyer", version: 1 })).href).toBe(
      `/rfqs/${RFQ}/contract`,
    );
  });

  it("a receipt links to its invoice, without a PDF", () => {
    expect(toTransactionRecord(row({ kind: "receipt", invoice_kind: null, record_id: R, amount: 50_000 }))).toMatchObject({
      id: `receipt-${R}-buyer`,
      documentType: "receipt",
      href: `/invoices/${I}`,
      hasFile: false,
    });
  });

  it("refuses an amount that is not whole yen (a bug upstream, never silently rounded)", () => {
    expect(() => toTransactionRecord(row({ amount: "1.5" }))).toThrow(RangeError);
    expect(() => toTransactionRecord(row({ amount: "99999999999999999999" }))).toThrow(RangeError);
  });
});

describe("parseRecordId", () => {
  it("reads back every id the projection makes, and nothing else", () => {
    for (const kind of ["quote", "purchase_order", "invoice", "receipt"] as const)
      for (const side of ["buyer", "vendor"] as const) expect(parseRecordId(`${kind}-${I}-${side}`)).toEqual({ kind, id: I, side });
    for (const bad of [`invoice-${I}-advisor`, `contract-${I}-buyer`, `invoice-${I}`, `invoice-${I}-buyer/../x`, `INVOICE-${I}-buyer`, ""])
      expect(parseRecordId(bad), bad).toBeNull();
  });
});

describe("counterparty substrings", () => {
  it("normalizes as people type (full width, half-width kana, case, spaces)", () => {
    const grams = counterpartyGrams("ABC Data 株式会社");
    expect(grams).toContain("abcdata株式会社");
    expect(grams).toContain(normalizeCounterparty("ｄａｔａ"));
    expect(counterpartyGrams("受注サービス株式会社")).toContain(normalizeCounterparty("ｻｰﾋﾞｽ"));
  });

  it("property: a query is among the grams exactly when the name contains it (up to the longest gram)", () => {
    const chars = fc.constantFrom("受", "注", "サ", "ー", "ビ", "ス", "株", "式", "会", "社", "A", "b", " ", "ｻ", "Ａ");
    fc.assert(
      fc.property(fc.string({ unit: chars, maxLength: 30 }), fc.string({ unit: chars, minLength: 1, maxLength: 6 }), (name, query) => {
        const q = normalizeCounterparty(query);
        fc.pre(q.length > 0);
        // Queries here are shorter than the longest gram, so the gram is the whole query.
        expect(counterpartyGrams(name).includes(counterpartyGramOf(query))).toBe(normalizeCounterparty(name).includes(q));
      }),
    );
  });

  it("a query longer than the longest gram is matched on its beginning (the service checks the whole afterwards)", () => {
    const long = "あ".repeat(COUNTERPARTY_GRAM_MAX + 5);
    expect([...counterpartyGramOf(long)]).toHaveLength(COUNTERPARTY_GRAM_MAX);
    expect(counterpartyGrams(long)).toContain(counterpartyGramOf(long));
  });
});

describe("order and URL input", () => {
  it("newest first, then kind, number and id: a total order", () => {
    const a = toTransactionRecord(row({ record_date: "2026-12-21", number: "INV-000002" }));
    const b = toTransactionRecord(row({ record_date: "2026-12-21", number: "INV-000001", record_id: R }));
    const c = toTransactionRecord(row({ record_date: "2027-01-10" }));
    expect([a, b, c].sort(compareRecords)).toEqual([c, b, a]);
    expect(compareRecords(a, a)).toBe(0);
  });

  it("dates become yyyymmdd numbers for the index", () => {
    expect(dateNumber("2026-12-01")).toBe(20261201);
  });

  it("reads the criteria from a URL, `kind` repeated; blanks stay blank for the schema", () => {
    expect(recordSearchInput(new URLSearchParams("dateFrom=2026-12-01&amountMin=&kind=invoice&kind=receipt&org_id=x"))).toEqual({
      dateFrom: "2026-12-01",
      dateTo: undefined,
      amountMin: "",
      amountMax: undefined,
      counterparty: undefined,
      kinds: ["invoice", "receipt"],
    });
  });
});
