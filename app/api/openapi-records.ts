import { z } from "zod";
import { TRANSACTION_RECORD_KINDS } from "~/domain/invoices/retention";
import { methodNotAllowed, ok, problem, unauthorized } from "./openapi-helpers";

// The 取引書類 endpoints (電子帳簿保存法, issue 16 item 5; decision 0036), spread into openapi.ts's `paths`.

export const TransactionRecordResponse = z.object({
  id: z.string().describe("<kind>-<uuid>-<side>: the record as this side keeps it"),
  kind: z.enum(TRANSACTION_RECORD_KINDS),
  documentType: z.enum(["quote", "purchase_order", "invoice", "correction", "credit_note", "receipt", "card_receipt", "card_refund"]),
  recordDate: z.string().describe("取引年月日, YYYY-MM-DD (Japan)"),
  amount: z.number().int().describe("取引金額: integer yen, tax included, as searched (the magnitude)"),
  signedAmount: z.number().int().describe("The amount as printed: negative for a credit note or a card refund"),
  counterparty: z.string(),
  number: z.string().describe("書類番号"),
  title: z.string(),
  retentionEnd: z.string().describe("保存期限, YYYY-MM-DD: the record cannot be deleted before it"),
  href: z.string(),
  fileUrl: z.string().nullable().describe("The stored PDF (each download is audited); null for quotes and receipts"),
});

export const TransactionRecordsResponse = z.object({
  mode: z.enum(["search", "database"]).describe("database: the search server was unavailable and PostgreSQL answered"),
  criteriaCount: z.number().int().describe("How many of date / amount / counterparty were combined (the law expects any two)"),
  truncated: z.boolean().describe("More than 1,000 records matched: the newest 1,000 are listed"),
  records: z.array(TransactionRecordResponse),
});

const parameters = [
  { name: "dateFrom", in: "query", required: false, description: "取引年月日 from, YYYY-MM-DD, inclusive", schema: { type: "string", format: "date" } },
  { name: "dateTo", in: "query", required: false, description: "取引年月日 to, YYYY-MM-DD, inclusive", schema: { type: "string", format: "date" } },
  { name: "amountMin", in: "query", required: false, description: "Amount from, whole yen, inclusive", schema: { type: "integer", minimum: 0 } },
  { name: "amountMax", in: "query", required: false, description: "Amount to, whole yen, inclusive", schema: { type: "integer", minimum: 0 } },
  {
    name: "counterparty",
    in: "query",
    required: false,
    description: "Part of the counterparty's name (full/half width and case ignored)",
    schema: { type: "string", maxLength: 200 },
  },
  {
    name: "kind",
    in: "query",
    required: false,
    description: "Repeat for several kinds",
    schema: { type: "array", items: { type: "string", enum: [...TRANSACTION_RECORD_KINDS] } },
  },
];

const fieldErrors = problem("`errors` names each parameter (dateFrom, amountMax, …) with a message in the caller's language");

export function recordPaths() {
  return {
    "/api/v1/transaction-records": {
      get: {
        operationId: "searchTransactionRecords",
        summary: "取引書類: the caller organisation's own quotes, purchase orders, invoices and receipts by date, amount and counterparty (audited)",
        description:
          "The scope (the caller's organisation and its side, buyer or vendor) is applied by the server; no parameter widens it. A sealed quote is the buyer's record only once opened.",
        parameters,
        responses: {
          "200": ok("The matching records, newest first", TransactionRecordsResponse),
          "400": fieldErrors,
          "401": unauthorized,
          "404": problem("The caller does not act for a buyer or vendor organisation"),
          "405": methodNotAllowed,
        },
      },
    },
    "/api/v1/transaction-records/export": {
      get: {
        operationId: "exportTransactionRecords",
        summary:
          "The ZIP for a tax inspection: index.csv (UTF-8 with BOM, Japanese headers) and the stored PDFs of the records the same criteria find (audited)",
        parameters,
        responses: {
          "200": { description: "The ZIP", content: { "application/zip": { schema: { type: "string", format: "binary" } } } },
          "400": fieldErrors,
          "401": unauthorized,
          "404": problem("The caller does not act for a buyer or vendor organisation"),
          "405": methodNotAllowed,
        },
      },
    },
  };
}
