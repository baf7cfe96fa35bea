import type { VendorRow } from "../db/queries/vendors";
import { z } from "zod";
import { categoryLabel } from "~/domain/vendor/catalog";
import { certificationTypeLabel } from "~/domain/vendor/catalog";
import { regionLabel } from "~/domain/regions";
import { summarizeTrackRecord, weighTrackRecord } from "~/domain/vendor/track-record";
import { effectiveStatus } from "~/domain/rfq/lifecycle";
import { vendorViewOfContent } from "~/domain/rfq/vendor-view";
import { synonymExpansion } from "./synonym-expansion";
import { TRANSACTION_RECORD_KINDS } from "~/domain/invoices/retention";
import { counterpartyGrams, dateNumber, type TransactionRecord } from "~/domain/invoices/transaction-records";

// The vendors index document. Labels are stored in both languages so "経理" and
// "accounting" both find an accounting vendor, whatever language the profile is in.
export const VendorDocumentSchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  description: z.string(),
  categories: z.array(z.string()),
  category_labels_ja: z.array(z.string()),
  category_labels_en: z.array(z.string()),
  regions: z.array(z.string()),
  region_labels_ja: z.array(z.string()),
  region_labels_en: z.array(z.string()),
  languages: z.array(z.string()),
  team_size: z.number().int().nullable(),
  // Types of certifications that are valid today and not rejected: what "has valid X" filters on.
  certifications: z.array(z.string()),
  certification_labels: z.array(z.string()),
  certification_details: z.array(z.object({ type: z.string(), valid_until: z.string(), status: z.enum(["unverified", "verified", "rejected"]) })),
  // Kurabe contracts with confirmed facts (decision 0038): what "sort by track record" orders by.
  track_record_count: z.number().int(),
  // The same, with the recency-weighted rates (0–1) by KPI key and the pooled on-time rate, null where never measured.
  track_record_summary: z.object({ engagements: z.number().int(), on_time_rate: z.number().nullable(), rates: z.record(z.string(), z.number()) }),
  // Synonyms of the terms the vendor's text mentions (see synonym-expansion.ts); searched last.
  synonyms_ja: z.array(z.string()).default([]),
  synonyms_en: z.array(z.string()).default([]),
  updated_at: z.number().int(),
});
export type VendorDocument = z.infer<typeof VendorDocumentSchema>;

/** A vendor as the vendor queries select it (the same row the vendor pages show). */
export type VendorIndexRow = VendorRow;

/** Maps the database row to the index document. `today` is YYYY-MM-DD in Japan. */
export function toVendorDocument(row: VendorIndexRow, today: string): VendorDocument {
  const valid = row.certifications.filter((c) => c.status !== "rejected" && c.valid_from <= today && today <= c.valid_until);
  const validTypes = [...new Set(valid.map((c) => c.type))];
  const certificationLabels = validTypes.flatMap((t) => [certificationTypeLabel(t, "ja"), certificationTypeLabel(t, "en")]);
  const synonyms = synonymExpansion([
    row.name,
    row.description,
    ...row.categories.flatMap((c) => [categoryLabel(c, "ja"), categoryLabel(c, "en")]),
    ...certificationLabels,
  ]);
  return VendorDocumentSchema.parse({
    id: row.id,
    name: row.name,
    description: row.description,
    categories: row.categories,
    category_labels_ja: row.categories.map((c) => categoryLabel(c, "ja")),
    category_labels_en: row.categories.map((c) => categoryLabel(c, "en")),
    regions: row.regions,
    region_labels_ja: row.regions.map((r) => regionLabel(r, "ja")),
    region_labels_en: row.regions.map((r) => regionLabel(r, "en")),
    languages: row.languages,
    team_size: row.team_size,
    certifications: validTypes,
    certification_labels: certificationLabels,
    certification_details: row.certifications.map((c) => ({ type: c.type, valid_until: c.valid_until, status: c.status })),
    track_record_count: row.track_record_count,
    // Weighted as of `today`: the daily vendor refresh (app/jobs/track-record-refresh.ts) keeps it current.
    track_record_summary: summarizeTrackRecord(row.track_record_count, weighTrackRecord(row.track_record_facts, today)),
    synonyms_ja: synonyms.ja,
    synonyms_en: synonyms.en,
    updated_at: Math.floor(row.updated_at.getTime() / 1000),
  });
}

// The RFQs index. Vendors search open RFQs; the reader's scope (status, visibility, invited ids)
// is a filter the server always adds, so these fields are stored and filterable.
export const RfqDocumentSchema = z.object({
  id: z.string().uuid(),
  buyer_org_id: z.string().uuid(),
  buyer_name: z.string(),
  title: z.string(),
  purpose: z.string(),
  scope_in: z.string(),
  category: z.string(),
  category_labels_ja: z.array(z.string()),
  category_labels_en: z.array(z.string()),
  phase: z.string().nullable(),
  status: z.enum(["draft", "published", "closed", "awarded", "cancelled"]),
  visibility: z.enum(["invited", "marketplace"]),
  invited_vendor_ids: z.array(z.string()),
  required_certifications: z.array(z.string()),
  quote_deadline: z.number().int().nullable(),
  published_at: z.number().int().nullable(),
  // Synonyms of the terms the RFQ's text mentions, as for vendors (see synonym-expansion.ts); searched last.
  synonyms_ja: z.array(z.string()).default([]),
  synonyms_en: z.array(z.string()).default([]),
  version: z.number().int(),
  updated_at: z.number().int(),
});
export type RfqDocument = z.infer<typeof RfqDocumentSchema>;

export interface RfqIndexRow {
  id: string;
  buyer_org_id: string;
  buyer_name: string;
  status: RfqDocument["status"];
  title: string;
  category: string;
  quote_deadline: Date | null;
  published_at: Date | null;
  visibility: RfqDocument["visibility"];
  current_version: number;
  updated_at: Date;
  content: unknown;
  invited_vendor_ids: string[] | null;
}

const epochSeconds = (d: Date | null) => (d ? Math.floor(d.getTime() / 1000) : null);

/**
 * Maps the database row to the index document. `now` turns a published RFQ whose deadline has passed into
 * "closed" (closing is lazy, see effectiveStatus): the indexer's deadline sweep re-indexes such RFQs.
 */
export function toRfqDocument(row: RfqIndexRow, now: Date): RfqDocument {
  // Vendors search this index: its text comes from the vendor projection of the RFQ, never the raw content.
  const c = vendorViewOfContent(row.content) ?? {};
  const synonyms = synonymExpansion([row.title, c.purpose ?? "", c.scopeIn ?? "", categoryLabel(row.category, "ja"), categoryLabel(row.category, "en")]);
  return RfqDocumentSchema.parse({
    id: row.id,
    buyer_org_id: row.buyer_org_id,
    buyer_name: row.buyer_name,
    title: row.title,
    purpose: c.purpose ?? "",
    scope_in: c.scopeIn ?? "",
    category: row.category,
    category_labels_ja: [categoryLabel(row.category, "ja")],
    category_labels_en: [categoryLabel(row.category, "en")],
    phase: c.phase ?? null,
    status: effectiveStatus({ status: row.status, quoteDeadline: row.quote_deadline?.toISOString() }, now),
    visibility: row.visibility,
    invited_vendor_ids: row.invited_vendor_ids ?? [],
    required_certifications: (c.requiredCertifications ?? []).filter((r) => r.level === "mandatory").map((r) => r.type),
    quote_deadline: epochSeconds(row.quote_deadline),
    published_at: epochSeconds(row.published_at),
    synonyms_ja: synonyms.ja,
    synonyms_en: synonyms.en,
    version: row.current_version,
    updated_at: Math.floor(row.updated_at.getTime() / 1000),
  });
}

// The quotes index holds opened offers only (see listOpenedQuotesForBuyer): a sealed quote is never
// sent to Meilisearch. Score and rank come from ranking the whole RFQ (ranking-projection.server.ts),
// so the indexer always writes every quote of an RFQ together. KPI commitments are flattened to
// `kpi_<key>` numbers because Meilisearch sorts on top-level attributes named in its settings.
export const KPI_PREFIX = "kpi_";
export const kpiAttribute = (key: string) => `${KPI_PREFIX}${key.replace(/[^a-zA-Z0-9_]/g, "_")}`;

export const QuoteDocumentSchema = z
  .object({
    id: z.string().uuid(),
    rfq_id: z.string().uuid(),
    buyer_org_id: z.string().uuid(),
    vendor_org_id: z.string().uuid(),
    vendor_name: z.string(),
    status: z.enum(["submitted", "shortlisted", "awarded", "not_selected"]),
    tco: z.number().int().nullable(),
    roi: z.number().nullable(),
    // Null while unranked: awaiting re-confirmation, or disqualified by a gate.
    score: z.number().nullable(),
    rank: z.number().int().nullable(),
    disqualified: z.boolean(),
    disqualification_reasons: z.array(z.string()),
    certifications: z.array(z.string()),
    method: z.string().nullable(),
    rfq_version: z.number().int(),
    needs_reconfirmation: z.boolean(),
    submitted_at: z.number().int().nullable(),
  })
  .catchall(z.number());
export type QuoteDocument = z.infer<typeof QuoteDocumentSchema>;

export interface QuoteIndexRow {
  id: string;
  rfq_id: string;
  buyer_org_id: string;
  vendor_org_id: string;
  vendor_name: string;
  status: string;
  tco: number | null;
  rfq_version: number;
  rfq_current_version: number;
  submitted_at: Date | null;
}

/** What ranking the whole RFQ says about one quote (all empty for a quote awaiting re-confirmation). */
export interface QuoteRankingFacts {
  score: number | null;
  rank: number | null;
  disqualified: boolean;
  /** Criterion keys of the failed gates. */
  disqualificationReasons: string[];
  roi: number | null;
  /** Certification types valid today. */
  certifications: string[];
  kpis: Record<string, number>;
  method: string | null;
  rfqVersion: number;
}

export function toQuoteDocument(row: QuoteIndexRow, facts: QuoteRankingFacts): QuoteDocument {
  const kpis = Object.fromEntries(
    Object.entries(facts.kpis)
      .filter(([, v]) => typeof v === "number" && Number.isFinite(v))
      .map(([k, v]) => [kpiAttribute(k), v]),
  );
  return QuoteDocumentSchema.parse({
    ...kpis,
    id: row.id,
    rfq_id: row.rfq_id,
    buyer_org_id: row.buyer_org_id,
    vendor_org_id: row.vendor_org_id,
    vendor_name: row.vendor_name,
    status: row.status,
    tco: row.tco === null ? null : Number(row.tco),
    roi: facts.roi,
    score: facts.score,
    rank: facts.rank,
    disqualified: facts.disqualified,
    disqualification_reasons: facts.disqualificationReasons,
    certifications: facts.certifications,
    method: facts.method,
    rfq_version: facts.rfqVersion,
    needs_reconfirmation: row.rfq_version < row.rfq_current_version,
    submitted_at: row.submitted_at ? Math.floor(row.submitted_at.getTime() / 1000) : null,
  });
}

// The 取引書類 index (電子帳簿保存法, decision 0036): one document per record and side, read only by `org_id` on
// `side` — a sealed quote has a vendor document from submission and a buyer document only once opened (the indexer
// re-reads the database with the sealed-bid rule and deletes what is not, or no longer, readable).
export const TransactionRecordDocumentSchema = z.object({
  id: z.string().regex(/^[a-z_]+-[0-9a-f-]{36}-(buyer|vendor)$/),
  record_id: z.string().uuid(),
  kind: z.enum(TRANSACTION_RECORD_KINDS),
  document_type: z.enum(["quote", "purchase_order", "invoice", "correction", "credit_note", "receipt", "card_receipt", "card_refund"]),
  side: z.enum(["buyer", "vendor"]),
  org_id: z.string().uuid(),
  counterparty_org_id: z.string().uuid(),
  counterparty_name: z.string(),
  counterparty_grams: z.array(z.string()),
  record_date: z.number().int().min(19000101).max(99991231),
  record_date_text: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  amount: z.number().int().nonnegative(),
  signed_amount: z.number().int(),
  number: z.string(),
  title: z.string(),
  href: z.string().startsWith("/"),
  has_file: z.boolean(),
  retention_end: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  rfq_id: z.string().uuid(),
  contract_id: z.string().uuid().nullable(),
  invoice_id: z.string().uuid().nullable(),
});
export type TransactionRecordDocument = z.infer<typeof TransactionRecordDocumentSchema>;

export function toTransactionRecordDocument(r: TransactionRecord): TransactionRecordDocument {
  return TransactionRecordDocumentSchema.parse({
    id: r.id,
    record_id: r.recordId,
    kind: r.kind,
    document_type: r.documentType,
    side: r.side,
    org_id: r.orgId,
    counterparty_org_id: r.counterpartyOrgId,
    counterparty_name: r.counterpartyName,
    counterparty_grams: counterpartyGrams(r.counterpartyName),
    record_date: dateNumber(r.recordDate),
    record_date_text: r.recordDate,
    amount: r.amount,
    signed_amount: r.signedAmount,
    number: r.number,
    title: r.title,
    href: r.href,
    has_file: r.hasFile,
    retention_end: r.retentionEnd,
    rfq_id: r.rfqId,
    contract_id: r.contractId,
    invoice_id: r.invoiceId,
  });
}

/** The record back from its document (what the search answers with). */
export function fromTransactionRecordDocument(d: TransactionRecordDocument): TransactionRecord {
  return {
    id: d.id,
    kind: d.kind,
    documentType: d.document_type,
    recordId: d.record_id,
    side: d.side,
    orgId: d.org_id,
    counterpartyOrgId: d.counterparty_org_id,
    counterpartyName: d.counterparty_name,
    recordDate: d.record_date_text,
    amount: d.amount,
    signedAmount: d.signed_amount,
    number: d.number,
    title: d.title,
    href: d.href,
    hasFile: d.has_file,
    retentionEnd: d.retention_end,
    rfqId: d.rfq_id,
    contractId: d.contract_id,
    invoiceId: d.invoice_id,
  };
}
