import type { CalendarDate } from "~/domain/calendar/japan-business-days";
import { normalizeCounterparty, retentionEndDate, type TransactionRecordFacts, type TransactionRecordKind } from "./retention";

/**
 * The 取引書類 projection (電子帳簿保存法, issue 16 item 5; decision 0036): one record per transaction document and
 * per SIDE — the buyer organisation's copy and the vendor organisation's copy are two records, because what each
 * side may read differs (a sealed quote is the vendor's record at once and the buyer's only once opened; after a
 * BAFO round the buyer reads the final version only from its deadline on). Pure: the rows come from
 * db/queries/transaction-records.ts, the same rows for the search index and for the PostgreSQL fallback.
 */

export type RecordSide = "buyer" | "vendor";

/** The printed kind: an invoice record may be a 適格請求書, a 修正インボイス or a 返還インボイス. */
export type RecordDocumentType = "quote" | "purchase_order" | "invoice" | "correction" | "credit_note" | "receipt" | "card_receipt" | "card_refund";

/** One row of db/queries/transaction-records.ts (plain data). */
export interface TransactionRecordRow {
  kind: TransactionRecordKind;
  /** invoice | correction | credit_note for invoices, else null. */
  invoice_kind: "invoice" | "correction" | "credit_note" | null;
  record_id: string;
  side: RecordSide;
  org_id: string;
  counterparty_org_id: string;
  counterparty_name: string;
  /** YYYY-MM-DD, Japan time. */
  record_date: string;
  /** Integer yen, tax included; negative for a credit note. */
  amount: number | string;
  /** The invoice number (invoices, bank receipts), the card payment's / refund's number; null otherwise. */
  number: string | null;
  /** The quote version / the contract version / the card attempt number. */
  version: number | null;
  title: string;
  rfq_id: string;
  /** The quote (quotes) or the awarded quote (purchase orders); null otherwise. */
  quote_id: string | null;
  contract_id: string | null;
  invoice_id: string | null;
  /** Receipts only: how the money moved — bank transfer, card payment or card refund (a negative amount). */
  receipt_source?: "bank" | "card" | "card_refund" | null;
}

export interface TransactionRecord {
  /** `${kind}-${recordId}-${side}`: the index document id. */
  id: string;
  kind: TransactionRecordKind;
  documentType: RecordDocumentType;
  recordId: string;
  side: RecordSide;
  orgId: string;
  counterpartyOrgId: string;
  counterpartyName: string;
  /** 取引年月日. */
  recordDate: CalendarDate;
  /** 取引金額 as searched: integer yen, tax included, the magnitude (a ¥-15,000 credit note is found by 15,000). */
  amount: number;
  /** The amount with its sign as printed (negative for a credit note). */
  signedAmount: number;
  /** 書類番号. */
  number: string;
  title: string;
  /** The page that shows the record to this side. */
  href: string;
  /** Whether a stored file (PDF) belongs to the record: downloaded through /records/files/:id (audited). */
  hasFile: boolean;
  /** 保存期限. */
  retentionEnd: CalendarDate;
  rfqId: string;
  contractId: string | null;
  invoiceId: string | null;
}

export const recordId = (kind: TransactionRecordKind, id: string, side: RecordSide) => `${kind}-${id}-${side}`;

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const RECORD_ID = new RegExp(`^(quote|purchase_order|invoice|receipt)-(${UUID})-(buyer|vendor)$`);

/** Parses a record id from a URL; null for anything else. */
export function parseRecordId(text: string): { kind: TransactionRecordKind; id: string; side: RecordSide } | null {
  const m = RECORD_ID.exec(text);
  return m ? { kind: m[1] as TransactionRecordKind, id: m[2], side: m[3] as RecordSide } : null;
}

const shortId = (id: string) => id.replace(/-/g, "").slice(0, 8).toUpperCase();

/**
 * The 発注書 number, as printed by purchaseOrderDocument (app/services/contracts.server.ts): PO-<year of
 * issue>-<first 8 hex of the contract id>-<version>.
 */
export const purchaseOrderNumber = (contractId: string, issuedOn: CalendarDate, version: number) =>
  `PO-${issuedOn.slice(0, 4)}-${shortId(contractId)}-${version}`;

/** A quote has no printed number: its id and version identify it (Q-<8 hex>-v<version>). */
export const quoteNumber = (quoteId: string, version: number) => `Q-${shortId(quoteId)}-v${version}`;

function numberOf(row: TransactionRecordRow): string {
  if (row.kind === "quote") return quoteNumber(row.record_id, row.version ?? 1);
  if (row.kind === "purchase_order") return purchaseOrderNumber(row.record_id, row.record_date, row.version ?? 1);
  return row.number ?? "";
}

function hrefOf(row: TransactionRecordRow): string {
  switch (row.kind) {
    case "quote":
      return row.side === "vendor" ? `/quotes/${row.record_id}` : `/rfqs/${row.rfq_id}/compare`;
    case "purchase_order":
      return row.side === "vendor" ? `/quotes/${row.quote_id}/contract` : `/rfqs/${row.rfq_id}/contract`;
    case "invoice":
      return `/invoices/${row.record_id}`;
    case "receipt":
      return `/invoices/${row.invoice_id}`;
  }
}

function documentTypeOf(row: TransactionRecordRow): RecordDocumentType {
  if (row.kind === "invoice") return row.invoice_kind ?? "invoice";
  if (row.kind === "receipt" && row.receipt_source === "card") return "card_receipt";
  if (row.kind === "receipt" && row.receipt_source === "card_refund") return "card_refund";
  return row.kind;
}

/** Maps a row to the record this side keeps. Throws on a row that is not a calendar date or whole yen (a bug upstream). */
export function toTransactionRecord(row: TransactionRecordRow, fiscalYearEndMonth?: number): TransactionRecord {
  const signed = Number(row.amount);
  if (!Number.isSafeInteger(signed)) throw new RangeError(`not whole yen: ${row.amount}`);
  return {
    id: recordId(row.kind, row.record_id, row.side),
    kind: row.kind,
    documentType: documentTypeOf(row),
    recordId: row.record_id,
    side: row.side,
    orgId: row.org_id,
    counterpartyOrgId: row.counterparty_org_id,
    counterpartyName: row.counterparty_name,
    recordDate: row.record_date,
    amount: Math.abs(signed),
    signedAmount: signed,
    number: numberOf(row),
    title: row.title,
    href: hrefOf(row),
    hasFile: row.kind === "purchase_order" || row.kind === "invoice",
    retentionEnd: retentionEndDate(row.record_date, fiscalYearEndMonth),
    rfqId: row.rfq_id,
    contractId: row.contract_id,
    invoiceId: row.invoice_id,
  };
}

/** What the search criteria look at (the oracle `matchesTransactionSearch` takes these). */
export const recordFacts = (r: TransactionRecord): TransactionRecordFacts => ({
  kind: r.kind,
  transactionDate: r.recordDate,
  amount: r.amount,
  counterpartyName: r.counterpartyName,
});

/** The order every answer comes in: newest record first, then kind, number and side-specific id (a total order). */
export function compareRecords(a: TransactionRecord, b: TransactionRecord): number {
  if (a.recordDate !== b.recordDate) return a.recordDate < b.recordDate ? 1 : -1;
  if (a.kind !== b.kind) return a.kind < b.kind ? -1 : 1;
  if (a.number !== b.number) return a.number < b.number ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** YYYY-MM-DD → yyyymmdd, the number the index filters on. */
export const dateNumber = (date: CalendarDate) => Number(date.replace(/-/g, ""));

/** The longest counterparty text the index matches as a whole; a longer query is matched on its first this-many characters, then checked exactly. */
export const COUNTERPARTY_GRAM_MAX = 24;

/**
 * Every substring (up to COUNTERPARTY_GRAM_MAX characters) of the normalized counterparty name. Meilisearch matches
 * words and prefixes, not substrings of Japanese names (「商事」 inside 「請求商事株式会社」), so the index stores
 * the substrings as a filterable list and the search filters on equality: the same meaning as the PostgreSQL
 * fallback's strpos and as `matchesTransactionSearch`.
 */
export function counterpartyGrams(name: string): string[] {
  const chars = [...normalizeCounterparty(name)];
  const out = new Set<string>();
  for (let i = 0; i < chars.length; i++) {
    for (let j = i + 1; j <= Math.min(chars.length, i + COUNTERPARTY_GRAM_MAX); j++) out.add(chars.slice(i, j).join(""));
  }
  return [...out];
}

/** The part of a counterparty query the index filters on (the rest is checked exactly afterwards). */
export const counterpartyGramOf = (query: string) => [...normalizeCounterparty(query)].slice(0, COUNTERPARTY_GRAM_MAX).join("");

/** The search criteria as the page and the API read them from a URL (`kind` may repeat); the schema checks them. */
export function recordSearchInput(params: URLSearchParams): Record<string, unknown> {
  const one = (name: string) => params.get(name) ?? undefined;
  const kinds = params.getAll("kind").filter((k) => k !== "");
  return {
    dateFrom: one("dateFrom"),
    dateTo: one("dateTo"),
    amountMin: one("amountMin"),
    amountMax: one("amountMax"),
    counterparty: one("counterparty"),
    kinds: kinds.length > 0 ? kinds : undefined,
  };
}

/** Where a record's stored PDF is downloaded (through the audited records route); null without a file. */
export const recordFileUrl = (r: TransactionRecord) => (r.hasFile ? `/records/files/${r.id}` : null);

/** A record as the API and the page send it. */
export function recordView(r: TransactionRecord) {
  return {
    id: r.id,
    kind: r.kind,
    documentType: r.documentType,
    recordDate: r.recordDate,
    amount: r.amount,
    signedAmount: r.signedAmount,
    counterparty: r.counterpartyName,
    number: r.number,
    title: r.title,
    retentionEnd: r.retentionEnd,
    href: r.href,
    fileUrl: recordFileUrl(r),
  };
}
export type RecordView = ReturnType<typeof recordView>;
