import type { AmountPair, TcoBreakdown } from "./normalize";

/**
 * What a vendor may read of its own quote (issue 12, item 4): the one vendor-facing projection, used by
 * every vendor surface (API quote, the vendor's quote list, the RFQ's quote list for a vendor). Built by
 * an allow-list — each field is picked in, nothing is deleted out — so a figure added to the normalized
 * breakdown later stays with the buyer until someone decides a vendor may see it.
 *
 * Never picked: the TCO, the management overhead and transition effort (the buyer's hidden-cost settings
 * applied to the quote), the baseline over the term and the ROI (the buyer's in-house cost, its walk-away
 * price). From any one of them and the vendor's own contract value the buyer's settings can be recovered
 * exactly. The vendor's own figures — lines, fees, contract value with and without tax — stay.
 */

/** The vendor's own figures of a quote version: what it priced, in its tax basis and tax-excluded. */
export type VendorQuoteFigures = Pick<
  TcoBreakdown,
  | "currency"
  | "termMonths"
  | "taxBasis"
  | "taxRate"
  | "lines"
  | "setupFee"
  | "transitionFee"
  | "totalAsEntered"
  | "contractValueExcludingTax"
  | "taxAmount"
  | "contractValueIncludingTax"
>;

/** The stored normalized breakdown (quote_versions.normalized), as loosely as it comes from JSON. */
type StoredFigures = VendorQuoteFigures & Record<string, unknown>;

const pair = (p: AmountPair): AmountPair => ({ asEntered: p.asEntered, excludingTax: p.excludingTax });

export function quoteFiguresForVendor(normalized: StoredFigures): VendorQuoteFigures {
  return {
    currency: normalized.currency,
    termMonths: normalized.termMonths,
    taxBasis: normalized.taxBasis,
    taxRate: normalized.taxRate,
    lines: (normalized.lines ?? []).map((l) => ({
      code: l.code,
      recurrence: l.recurrence,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      payments: l.payments,
      amountAsEntered: l.amountAsEntered,
      amountExcludingTax: l.amountExcludingTax,
    })),
    setupFee: pair(normalized.setupFee),
    transitionFee: pair(normalized.transitionFee),
    totalAsEntered: normalized.totalAsEntered,
    contractValueExcludingTax: normalized.contractValueExcludingTax,
    taxAmount: normalized.taxAmount,
    contractValueIncludingTax: normalized.contractValueIncludingTax,
  };
}

/** A quote as the services hold it: everything, including what only the buyer may read. */
export interface QuoteRecord {
  id: string;
  rfqId: string;
  vendorOrgId: string;
  status: string;
  version: number;
  rfqVersion: number;
  needsReconfirmation: boolean;
  tco: number | null;
  submittedAt: string | null;
  withdrawnAt: string | null;
  updatedAt: string;
  content: unknown;
  normalized: StoredFigures | null;
  versions: {
    version: number;
    rfqVersion: number;
    kind: string;
    tco: number;
    contractValueExcludingTax: number;
    createdAt: string;
    /** When this version was withdrawn (null if it never was). */
    withdrawnAt: string | null;
  }[];
}

export interface VendorQuoteView {
  view: "vendor";
  id: string;
  rfqId: string;
  vendor: { id: string };
  status: string;
  version: number;
  rfqVersion: number;
  needsReconfirmation: boolean;
  submittedAt: string | null;
  withdrawnAt: string | null;
  updatedAt: string;
  /** The vendor's own answer, as it sent it. */
  content: unknown;
  normalized: VendorQuoteFigures | null;
  versions: { version: number; rfqVersion: number; kind: string; contractValueExcludingTax: number; createdAt: string; withdrawnAt: string | null }[];
}

type VersionRecord = QuoteRecord["versions"][number];

/** One entry of the version history as its vendor reads it: its contract value, not the TCO. */
export function quoteVersionForVendor(v: VersionRecord): VendorQuoteView["versions"][number] {
  return {
    version: v.version,
    rfqVersion: v.rfqVersion,
    kind: v.kind,
    contractValueExcludingTax: v.contractValueExcludingTax,
    createdAt: v.createdAt,
    withdrawnAt: v.withdrawnAt,
  };
}

export function quoteForVendor(q: QuoteRecord): VendorQuoteView {
  return {
    view: "vendor",
    id: q.id,
    rfqId: q.rfqId,
    vendor: { id: q.vendorOrgId },
    status: q.status,
    version: q.version,
    rfqVersion: q.rfqVersion,
    needsReconfirmation: q.needsReconfirmation,
    submittedAt: q.submittedAt,
    withdrawnAt: q.withdrawnAt,
    updatedAt: q.updatedAt,
    content: q.content,
    normalized: q.normalized === null ? null : quoteFiguresForVendor(q.normalized),
    versions: q.versions.map(quoteVersionForVendor),
  };
}

/** One line of the vendor's own quote list. `contractValueExcludingTax` is null for a draft never submitted. */
export interface VendorQuoteSummaryRecord {
  id: string;
  /** `status` is the RFQ's effective status (a published RFQ past its deadline reads as closed). */
  rfq: { id: string; title: string; buyerName: string; quoteDeadline: string | null; status: string };
  status: string;
  version: number;
  rfqVersion: number;
  needsReconfirmation: boolean;
  contractValueExcludingTax: number | null;
  updatedAt: string;
}

export function quoteSummaryForVendor(q: VendorQuoteSummaryRecord) {
  return {
    id: q.id,
    rfq: { id: q.rfq.id, title: q.rfq.title, buyerName: q.rfq.buyerName, quoteDeadline: q.rfq.quoteDeadline, status: q.rfq.status },
    status: q.status,
    version: q.version,
    rfqVersion: q.rfqVersion,
    needsReconfirmation: q.needsReconfirmation,
    contractValueExcludingTax: q.contractValueExcludingTax,
    updatedAt: q.updatedAt,
  };
}
