import { describe, expect, it } from "vitest";
import { toTransactionRecord } from "~/domain/invoices/transaction-records";
import { inspectionIndexCsv } from "./transaction-records.server";

const record = (counterparty: string, amount: number) =>
  toTransactionRecord({
    kind: "invoice",
    invoice_kind: amount < 0 ? "credit_note" : "invoice",
    record_id: "0a0b0c0d-1111-4222-8333-944455556666",
    side: "buyer",
    org_id: "11111111-1111-4111-8111-111111111111",
    counterparty_org_id: "22222222-2222-4222-8222-222222222222",
    counterparty_name: counterparty,
    record_date: "2026-12-21",
    amount,
    number: "INV-000001",
    version: null,
    title: "t",
    rfq_id: "f00dfeed-1111-4222-8333-944455556666",
    quote_id: null,
    contract_id: null,
    invoice_id: "0a0b0c0d-1111-4222-8333-944455556666",
  });

describe("inspectionIndexCsv", () => {
  it("BOM, the eight Japanese headers, CRLF; a name that a spreadsheet would run is quoted; a negative amount stays a number", () => {
    const csv = inspectionIndexCsv([
      { record: record('=HYPERLINK("http://x")', -22_000), fileName: "files/返還インボイス_INV-000001_ja.pdf", sha256: "ab".repeat(32) },
      { record: record("受注サービス, 株式会社", 50_000), fileName: null, sha256: null },
    ]);
    expect(csv.startsWith("\uFEFF取引年月日,取引金額,取引先,書類の種類,書類番号,ファイル名,SHA-256,保存期限\r\n")).toBe(true);
    const lines = csv.slice(1).trimEnd().split("\r\n");
    expect(lines[1]).toBe(
      `2026-12-21,-22000,"'=HYPERLINK(""http://x"")",返還インボイス,INV-000001,files/返還インボイス_INV-000001_ja.pdf,${"ab".repeat(32)},2034-05-31`,
    );
    expect(lines[2]).toBe(`2026-12-21,50000,"受注サービス, 株式会社",請求書,INV-000001,,,2034-05-31`);
  });
});
