import { writeAudit } from "../../db/queries/audit";
import { findQuoteOfVendorForRfq, findQuoteVersion, listQuotesOfVendor, listQuoteVersions } from "../../db/queries/quotes";
import { findRfqForVendor } from "../../db/queries/rfqs";
import { BuyerQuoteSummary, QuoteResponse, RfqQuotesResponse, VendorQuoteListResponse } from "~/api/quote-schemas";
import type { Actor } from "~/domain/permissions";
import { needsReconfirmation, type QuoteStatus } from "~/domain/quote/lifecycle";
import { quoteForVendor, quoteSummaryForVendor, type QuoteRecord } from "~/domain/quote/vendor-view";
import { effectiveStatus } from "~/domain/rfq/lifecycle";
import type { AppContext } from "~/utils/context.server";
import { loadOwnQuote, quotesOfRfqForBuyer, readQuote } from "./quotes.server";
import { isRowId } from "~/domain/rfq/resource";

// What the quote API adds on top of quotes.server.ts: the response shapes (built only from rows the
// sealed-bid queries already allowed), the vendor's own list, and an audit row for a refused read of
// an RFQ's quote list (readQuote audits single quotes; the list had no such trail).

const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

interface QuoteRow {
  id: string;
  rfq_id: string;
  vendor_org_id: string;
  status: QuoteStatus;
  current_version: number;
  rfq_version: number;
  tco: number | null;
  submitted_at: Date | null;
  withdrawn_at: Date | null;
  updated_at: Date;
  content: unknown;
}

type QuoteVersions = Awaited<ReturnType<typeof listQuoteVersions>>;

/** A stored version as the projections take it (both views start from the same record). */
export function versionRecord(v: QuoteVersions[number]): QuoteRecord["versions"][number] {
  return {
    version: v.version,
    rfqVersion: v.rfq_version,
    kind: v.kind,
    tco: v.tco,
    contractValueExcludingTax: Number(v.contract_value),
    createdAt: iso(v.created_at),
    withdrawnAt: isoOrNull(v.withdrawn_at),
  };
}

async function quoteResponse(
  ctx: AppContext,
  view: "vendor" | "buyer",
  quote: QuoteRow,
  extra: { vendorName?: string; rfqCurrentVersion: number; versions: QuoteVersions },
) {
  // A draft has no version yet, hence no normalized figures.
  const current = quote.current_version > 0 ? await findQuoteVersion(ctx.db, quote.id, quote.current_version) : undefined;
  const record: QuoteRecord = {
    id: quote.id,
    rfqId: quote.rfq_id,
    vendorOrgId: quote.vendor_org_id,
    status: quote.status,
    version: quote.current_version,
    rfqVersion: quote.rfq_version,
    needsReconfirmation: needsReconfirmation(
      { status: quote.status, vendorOrgId: quote.vendor_org_id, rfqVersion: quote.rfq_version },
      { version: extra.rfqCurrentVersion },
    ),
    tco: quote.tco,
    submittedAt: isoOrNull(quote.submitted_at),
    withdrawnAt: isoOrNull(quote.withdrawn_at),
    updatedAt: iso(quote.updated_at),
    content: quote.content,
    normalized: (current?.normalized ?? null) as QuoteRecord["normalized"],
    versions: extra.versions.map(versionRecord),
  };
  // The vendor reads its quote through the one vendor-facing projection: no TCO, hidden costs or ROI.
  if (view === "vendor") return QuoteResponse.parse(quoteForVendor(record));
  return QuoteResponse.parse({ ...record, view: "buyer", vendor: { id: record.vendorOrgId, ...(extra.vendorName ? { name: extra.vendorName } : {}) } });
}

/** GET /quotes/{id}: through readQuote (which audits a refusal); null means 404. */
export async function quoteForCaller(ctx: AppContext, actor: Actor, quoteId: string) {
  const found = await readQuote(ctx, actor, quoteId, "api");
  if (!found) return null;
  // The buyer, and an advisor it assigned to the RFQ, read the opened offer as the comparison shows it.
  if (found.as === "buyer" || found.as === "advisor") {
    const q = found.quote;
    return quoteResponse(ctx, "buyer", q, { vendorName: q.vendor_name, rfqCurrentVersion: q.rfq_current_version, versions: found.versions });
  }
  // A vendor read only its own quote, so the quote's organisation is the caller's.
  const rfq = await findRfqForVendor(ctx.db, found.quote.vendor_org_id, found.quote.rfq_id);
  // No longer visible (e.g. the invitation was withdrawn): the quote stands as it was answered.
  const rfqCurrentVersion = rfq?.current_version ?? found.quote.rfq_version;
  return quoteResponse(ctx, "vendor", found.quote, { rfqCurrentVersion, versions: found.versions });
}

/** GET /rfqs/{id}/quotes: the buyer's counts or opened offers, a vendor's own quote; null (audited) for anyone else. */
export async function rfqQuotesForCaller(ctx: AppContext, actor: Actor, rfqId: string) {
  if (actor.org?.kind === "buyer") {
    const result = await quotesOfRfqForBuyer(ctx, actor, rfqId);
    if (result) return RfqQuotesResponse.parse(buyerView(result));
  } else if (actor.org?.kind === "vendor") {
    const own = await loadOwnQuote(ctx, actor, rfqId);
    if (own) {
      const data = own.quote ? [await quoteResponse(ctx, "vendor", own.quote, { rfqCurrentVersion: own.rfqRow.current_version, versions: own.versions })] : [];
      return RfqQuotesResponse.parse({ view: "vendor", data });
    }
  }
  if (actor.org && isRowId(rfqId)) {
    await writeAudit(ctx.db, {
      actorUserId: actor.userId,
      actorOrgId: actor.org.id,
      action: "quote.read.denied",
      entityType: "rfq",
      entityId: rfqId,
      after: { via: "api", what: "rfq.quotes" },
    });
  }
  return null;
}

function buyerView(result: NonNullable<Awaited<ReturnType<typeof quotesOfRfqForBuyer>>>) {
  const opensAt = isoOrNull(result.opensAt);
  if (result.sealed) return { view: "buyer", sealed: true, opensAt, counts: result.counts };
  const data = result.quotes.map((q) =>
    BuyerQuoteSummary.parse({
      id: q.id,
      vendor: { id: q.vendor_org_id, name: q.vendor_name },
      status: q.status,
      version: q.current_version,
      rfqVersion: q.rfq_version,
      needsReconfirmation: needsReconfirmation(
        { status: q.status, vendorOrgId: q.vendor_org_id, rfqVersion: q.rfq_version },
        { version: q.rfq_current_version },
      ),
      tco: q.tco,
      submittedAt: isoOrNull(q.submitted_at),
      content: q.content,
    }),
  );
  return { view: "buyer", sealed: false, opensAt, counts: result.counts, data };
}

/** The calling vendor's quotes, newest first, through the vendor projection; null for anyone who is not a vendor. */
export async function vendorQuoteSummaries(ctx: AppContext, actor: Actor) {
  if (actor.org?.kind !== "vendor") return null;
  const vendorOrgId = actor.org.id;
  const now = ctx.clock.now();
  const rows = await listQuotesOfVendor(ctx.db, vendorOrgId);
  return rows.map((q) =>
    quoteSummaryForVendor({
      id: q.id,
      rfq: {
        id: q.rfq_id,
        title: q.rfq_title,
        buyerName: q.buyer_name,
        quoteDeadline: isoOrNull(q.quote_deadline),
        status: effectiveStatus({ status: q.rfq_status, quoteDeadline: q.quote_deadline?.toISOString() }, now),
      },
      status: q.status,
      version: q.current_version,
      rfqVersion: q.rfq_version,
      needsReconfirmation: needsReconfirmation({ status: q.status, vendorOrgId, rfqVersion: q.rfq_version }, { version: q.rfq_current_version }),
      contractValueExcludingTax: q.contract_value === null ? null : Number(q.contract_value),
      updatedAt: iso(q.updated_at),
    }),
  );
}

/** GET /vendor/quotes: the same list as the vendor's quotes page. */
export async function vendorQuotesForCaller(ctx: AppContext, actor: Actor) {
  const list = await vendorQuoteSummaries(ctx, actor);
  return list ? VendorQuoteListResponse.parse({ data: list }) : null;
}

/** Whether the vendor already has a quote on the RFQ (so POST can answer 201 for a new one, 200 for a revision). */
export async function hasOwnQuote(ctx: AppContext, actor: Actor, rfqId: string) {
  if (actor.org?.kind !== "vendor" || !isRowId(rfqId)) return false;
  return (await findQuoteOfVendorForRfq(ctx.db, actor.org.id, rfqId)) !== undefined;
}
