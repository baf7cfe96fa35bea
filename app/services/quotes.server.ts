import { findRfqForBuyer, findRfqForVendor, findRfqStateForBuyer, findRfqVersion } from "../../db/queries/rfqs";
import { findRfqForAdvisor } from "../../db/queries/rfq-advisors";
import { writeAudit } from "../../db/queries/audit";
import { enqueueOutbox } from "../../db/queries/outbox";
import { can, type Actor } from "~/domain/permissions";
import { effectiveStatus } from "~/domain/rfq/lifecycle";
import { rfqSchema, type Rfq } from "~/domain/rfq/schema";
import { canReconfirm, canSubmit, canWithdraw, needsReconfirmation, submissionKind, type QuoteStatus, type RfqForQuoting } from "~/domain/quote/lifecycle";
import { normalizeQuoteToTco, type TcoBreakdown } from "~/domain/quote/normalize";
import { buildQuoteSchema, quoteBaseSchema, type Quote } from "~/domain/quote/schema";
import { areQuotesOpened } from "~/domain/quote/sealed";
import { mandatoryCertificationWarnings, type CertificationWarning } from "~/domain/quote/certification-warnings";
import type { CertificateRecord } from "~/domain/certifications/validity";
import { listCertificationsOfOrg } from "../../db/queries/certifications";
import type { AppContext } from "~/utils/context.server";
import { failure, orgActor, type ServiceFailure } from "~/utils/service-failure";
import { isRowId, rfqResource } from "~/domain/rfq/resource";
import {
  countQuotesForBuyer,
  findOpenedQuoteForReader,
  findQuoteForVendor,
  findQuoteOfVendorForRfq,
  insertQuote,
  insertQuoteVersion,
  lockQuoteForVendor,
  listOffersForRankingByAdvisor,
  listOpenedQuotesForBuyer,
  findQuoteVersion,
  listQuoteVersions,
  markQuoteVersionWithdrawn,
  updateQuoteOfVendor,
} from "../../db/queries/quotes";
import { digestOffersForRankingByBuyer, listOffersForRankingWithDigestByBuyer } from "../../db/queries/ranking-listing";

// Quotes: saved as drafts, submitted and revised (each a new version with its normalized TCO),
// re-confirmed after an addendum, withdrawn before the deadline and then, if the vendor wishes,
// submitted again until the deadline (a new version). Every write is one transaction
// with its audit row and the quotes-index outbox row. Reads go through queries that enforce the
// sealed-bid rule themselves; a refused read answers 404 and leaves an audit row.

/** The RFQ a vendor is quoting on: its published (frozen) version, or nothing if the vendor may not see it. */
async function rfqForVendorQuoting(ctx: AppContext, actor: Actor, rfqId: string) {
  const vendorOrg = orgActor(actor, "vendor")?.org;
  if (!vendorOrg || !isRowId(rfqId)) return null;
  const row = await findRfqForVendor(ctx.db, vendorOrg.id, rfqId);
  if (!row) return null;
  const rfq = rfqSchema.safeParse(row.published_content);
  if (!rfq.success) return null;
  const forQuoting: RfqForQuoting = {
    status: row.status,
    quoteDeadline: row.quote_deadline?.toISOString() ?? "",
    version: row.current_version,
    visibility: row.visibility,
    // findRfqForVendor only returns invited RFQs to invited vendors, so this vendor is the one that matters.
    invitedVendorIds: row.visibility === "invited" ? [vendorOrg.id] : [],
  };
  return { row, rfq: rfq.data, forQuoting, vendorOrgId: vendorOrg.id };
}

export function normalizeFor(rfq: Rfq, quote: Quote) {
  return normalizeQuoteToTco(rfq, quote);
}

export type SaveQuoteResult =
  { ok: true; quoteId: string; status: QuoteStatus; version: number; tco: number | null; certificationWarnings: CertificationWarning[] } | ServiceFailure;

/**
 * Creates or updates the vendor's quote on an RFQ. `submit` validates it completely against the RFQ
 * (a price for every line, every KPI commitment, milestones adding up) and records a new version;
 * a draft is saved with only the shape checked, so a vendor can come back to it.
 */
export async function saveQuote(ctx: AppContext, actor: Actor, rfqId: string, input: unknown, mode: "draft" | "submit"): Promise<SaveQuoteResult> {
  try {
    return await saveQuoteOnce(ctx, actor, rfqId, input, mode);
  } catch (e) {
    // Two first submissions at the same moment: the (rfq, vendor) unique key let one in; the
    // other is now a revision of it, so run once more against the row that exists.
    if (typeof e === "object" && e !== null && (e as { code?: string }).code === "23505") return saveQuoteOnce(ctx, actor, rfqId, input, mode);
    throw e;
  }
}

async function saveQuoteOnce(ctx: AppContext, actor: Actor, rfqId: string, input: unknown, mode: "draft" | "submit"): Promise<SaveQuoteResult> {
  const target = await rfqForVendorQuoting(ctx, actor, rfqId);
  if (!target) return failure.notFound();
  const now = ctx.clock.now();
  const existing = await findQuoteOfVendorForRfq(ctx.db, target.vendorOrgId, rfqId);
  const lifecycle = {
    status: (existing?.status ?? "draft") as QuoteStatus,
    vendorOrgId: target.vendorOrgId,
    rfqVersion: existing?.rfq_version ?? target.row.current_version,
  };
  const check = canSubmit(lifecycle, target.forQuoting, now);
  if (!check.ok) return failure.conflict(check.reasons[0], { reasons: check.reasons });
  if (mode === "draft" && existing && existing.status !== "draft")
    return failure.conflict("quote.submit.wrongStatus", { reasons: ["quote.submit.wrongStatus"] });

  const schema = mode === "submit" ? buildQuoteSchema(target.rfq) : quoteBaseSchema.partial();
  const parsed = schema.safeParse(input);
  if (!parsed.success) return failure.invalid({ issues: parsed.error.issues });

  const content = parsed.data;
  const normalized = mode === "submit" ? normalizeFor(target.rfq, content as Quote) : null;
  const result = await ctx.db.transaction().execute(async (trx) => {
    // An existing quote is read again under a row lock: another revision may have committed since `existing`.
    const quote =
      (existing && (await lockQuoteForVendor(trx, target.vendorOrgId, existing.id))) ||
      (await insertQuote(trx, { rfqId, vendorOrgId: target.vendorOrgId, rfqVersion: target.row.current_version, content, createdBy: actor.userId, at: now }));
    if (mode === "draft") {
      await updateQuoteOfVendor(trx, target.vendorOrgId, quote.id, { content, at: now });
      await writeAudit(trx, {
        actorUserId: actor.userId,
        actorOrgId: target.vendorOrgId,
        action: "quote.saveDraft",
        entityType: "quote",
        entityId: quote.id,
        after: { rfqId },
      });
      return { quoteId: quote.id, status: "draft" as QuoteStatus, version: quote.current_version, tco: null };
    }
    const version = quote.current_version + 1;
    const kind = submissionKind(quote.status);
    await insertQuoteVersion(trx, {
      quoteId: quote.id,
      version,
      rfqVersion: target.row.current_version,
      content,
      normalized,
      tco: normalized!.tco,
      kind,
      createdBy: actor.userId,
      at: now,
    });
    await updateQuoteOfVendor(trx, target.vendorOrgId, quote.id, {
      status: "submitted",
      currentVersion: version,
      rfqVersion: target.row.current_version,
      content,
      tco: normalized!.tco,
      submittedAt: now,
      // Submitted again: the withdrawal stays on the withdrawn version and in the audit log.
      ...(kind === "resubmitted" ? { withdrawnAt: null } : {}),
      at: now,
    });
    await writeAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: target.vendorOrgId,
      action: kind === "revised" ? "quote.revise" : kind === "resubmitted" ? "quote.resubmit" : "quote.submit",
      entityType: "quote",
      entityId: quote.id,
      // The audit row keeps the figures, not the sealed content: the audit log is readable by admins.
      before: { status: quote.status, version: quote.current_version },
      after: { status: "submitted", version, rfqVersion: target.row.current_version },
    });
    await enqueueOutbox(trx, "quote", quote.id);
    return { quoteId: quote.id, status: "submitted" as QuoteStatus, version, tco: normalized!.tco };
  });
  ctx.kickIndexer();
  return { ok: true, ...result, certificationWarnings: await certificationWarningsOf(ctx, target.vendorOrgId, target.rfq, target.row.quote_deadline) };
}

/** The vendor's own quote, its RFQ and whether it may be withdrawn now; null when the caller may not see it. */
async function withdrawalOf(ctx: AppContext, actor: Actor, quoteId: string) {
  const vendor = orgActor(actor, "vendor");
  if (!vendor || !isRowId(quoteId)) return null;
  const quote = await findQuoteForVendor(ctx.db, vendor.org.id, quoteId);
  if (!quote) return null;
  const target = await rfqForVendorQuoting(ctx, actor, quote.rfq_id);
  if (!target) return null;
  const now = ctx.clock.now();
  const check = canWithdraw({ status: quote.status, vendorOrgId: vendor.org.id, rfqVersion: quote.rfq_version }, target.forQuoting, now);
  return { vendor, quote, target, now, check };
}

/**
 * What the withdrawal's confirmation shows before anything is written: which quote, on which RFQ (its
 * published title), until when it could be submitted again, and whether it may be withdrawn now.
 */
export async function withdrawalPreview(ctx: AppContext, actor: Actor, quoteId: string) {
  const found = await withdrawalOf(ctx, actor, quoteId);
  if (!found) return null;
  const { quote, target, check } = found;
  return {
    quoteId: quote.id,
    rfqId: quote.rfq_id,
    rfqTitle: target.rfq.title,
    version: quote.current_version,
    deadline: target.row.quote_deadline,
    refusal: check.ok ? null : check.reasons[0],
  };
}

export async function withdrawQuote(ctx: AppContext, actor: Actor, quoteId: string) {
  const found = await withdrawalOf(ctx, actor, quoteId);
  if (!found) return failure.notFound();
  const { vendor, quote, now, check } = found;
  // Only the first reason is the API's detail here (withdraw and re-confirm have always answered so).
  if (!check.ok) return failure.conflict(check.reasons[0], { reasons: [check.reasons[0]] });
  await ctx.db.transaction().execute(async (trx) => {
    await updateQuoteOfVendor(trx, vendor.org.id, quoteId, { status: "withdrawn", withdrawnAt: now, at: now });
    await markQuoteVersionWithdrawn(trx, quoteId, quote.current_version, now);
    await writeAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: vendor.org.id,
      action: "quote.withdraw",
      entityType: "quote",
      entityId: quoteId,
      before: { status: quote.status, version: quote.current_version },
      after: { status: "withdrawn" },
    });
    await enqueueOutbox(trx, "quote", quoteId);
  });
  ctx.kickIndexer();
  return { ok: true } as const;
}

/** After an addendum: the vendor confirms its quote stands for the new RFQ version (a new version, same figures). */
export async function reconfirmQuote(ctx: AppContext, actor: Actor, quoteId: string) {
  const vendor = orgActor(actor, "vendor");
  if (!vendor || !isRowId(quoteId)) return failure.notFound();
  const quote = await findQuoteForVendor(ctx.db, vendor.org.id, quoteId);
  if (!quote) return failure.notFound();
  const target = await rfqForVendorQuoting(ctx, actor, quote.rfq_id);
  if (!target) return failure.notFound();
  const now = ctx.clock.now();
  const check = canReconfirm({ status: quote.status, vendorOrgId: vendor.org.id, rfqVersion: quote.rfq_version }, target.forQuoting, now);
  // Only the first reason is the API's detail here (withdraw and re-confirm have always answered so).
  if (!check.ok) return failure.conflict(check.reasons[0], { reasons: [check.reasons[0]] });
  // The addendum may have changed lines or KPIs: the quote must still be complete against the new version.
  const parsed = buildQuoteSchema(target.rfq).safeParse(quote.content);
  if (!parsed.success) return failure.invalid({ issues: parsed.error.issues }, "quote.needsReconfirmation");
  const normalized = normalizeFor(target.rfq, parsed.data);
  const version = quote.current_version + 1;
  await ctx.db.transaction().execute(async (trx) => {
    await insertQuoteVersion(trx, {
      quoteId,
      version,
      rfqVersion: target.row.current_version,
      content: parsed.data,
      normalized,
      tco: normalized.tco,
      kind: "reconfirmed",
      createdBy: actor.userId,
      at: now,
    });
    await updateQuoteOfVendor(trx, vendor.org.id, quoteId, { currentVersion: version, rfqVersion: target.row.current_version, tco: normalized.tco, at: now });
    await writeAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: vendor.org.id,
      action: "quote.reconfirm",
      entityType: "quote",
      entityId: quoteId,
      before: { rfqVersion: quote.rfq_version },
      after: { rfqVersion: target.row.current_version, version },
    });
    await enqueueOutbox(trx, "quote", quoteId);
  });
  ctx.kickIndexer();
  return { ok: true, version } as const;
}

/**
 * The mandatory certifications the vendor would fail at the opening with the certificates it holds now
 * (the ranking's own gates): what the quote form and the quote API warn about before and after submitting.
 */
async function certificationWarningsOf(ctx: AppContext, vendorOrgId: string, rfq: Rfq, deadline: Date | null) {
  const certs = (await listCertificationsOfOrg(ctx.db, vendorOrgId)).map((c) => ({
    type: c.type as CertificateRecord["type"],
    verificationStatus: c.status,
    validFrom: c.valid_from,
    validUntil: c.valid_until,
  }));
  return mandatoryCertificationWarnings(rfq, certs, ctx.clock.now(), deadline);
}

/** The vendor's own quote on an RFQ (with what it needs to show: the RFQ, re-confirmation, versions, certification warnings). */
export async function loadOwnQuote(ctx: AppContext, actor: Actor, rfqId: string) {
  const target = await rfqForVendorQuoting(ctx, actor, rfqId);
  if (!target) return null;
  const quote = await findQuoteOfVendorForRfq(ctx.db, target.vendorOrgId, rfqId);
  const versions = quote ? await listQuoteVersions(ctx.db, quote.id) : [];
  const certificationWarnings = await certificationWarningsOf(ctx, target.vendorOrgId, target.rfq, target.row.quote_deadline);
  const reconfirm = quote
    ? needsReconfirmation({ status: quote.status, vendorOrgId: target.vendorOrgId, rfqVersion: quote.rfq_version }, target.forQuoting)
    : false;
  const status = effectiveStatus({ status: target.row.status, quoteDeadline: target.row.quote_deadline?.toISOString() }, ctx.clock.now());
  return { rfq: target.rfq, rfqRow: target.row, rfqStatus: status, quote, versions, needsReconfirmation: reconfirm, certificationWarnings };
}

/**
 * One quote, for whoever may read it: its vendor at any time, the RFQ's buyer once opened. Anyone else —
 * another vendor, another buyer, the buyer before the deadline — gets 404, and the attempt is audited.
 */
export async function readQuote(ctx: AppContext, actor: Actor, quoteId: string, via: "page" | "api" = "page") {
  if (!actor.org || !isRowId(quoteId)) return null;
  const now = ctx.clock.now();
  if (actor.org.kind === "vendor") {
    const own = await findQuoteForVendor(ctx.db, actor.org.id, quoteId);
    if (own) return { as: "vendor" as const, quote: own, versions: await listQuoteVersions(ctx.db, own.id) };
  } else if (actor.org.kind === "buyer") {
    const opened = await findOpenedQuoteForReader(ctx.db, { side: "buyer", orgId: actor.org.id }, quoteId, now);
    if (opened) return { as: "buyer" as const, quote: opened, versions: await listQuoteVersions(ctx.db, opened.id, now) };
  } else if (actor.org.kind === "advisory") {
    // An advisor the buyer assigned to the RFQ reads its opened offers as the buyer does (issue 18 item 6).
    const opened = await findOpenedQuoteForReader(ctx.db, { side: "advisor", orgId: actor.org.id }, quoteId, now);
    if (opened) return { as: "advisor" as const, quote: opened, versions: await listQuoteVersions(ctx.db, opened.id, now) };
  }
  await writeAudit(ctx.db, {
    actorUserId: actor.userId,
    actorOrgId: actor.org.id,
    action: "quote.read.denied",
    entityType: "quote",
    entityId: quoteId,
    after: { via },
  });
  return null;
}

/** The buyer's view of an RFQ's quotes: counts only while sealed, the opened offers afterwards. */
export async function quotesOfRfqForBuyer(ctx: AppContext, actor: Actor, rfqId: string) {
  if (!actor.org || actor.org.kind !== "buyer" || !isRowId(rfqId)) return null;
  const rfq = await findRfqForBuyer(ctx.db, actor.org.id, rfqId);
  if (!rfq) return null;
  const now = ctx.clock.now();
  const counts = await countQuotesForBuyer(ctx.db, actor.org.id, rfqId);
  const opened = areQuotesOpened({ status: rfq.status, sealed: rfq.sealed, deadline: rfq.quote_deadline }, now);
  // A cancelled sealed RFQ never opens: the page says so instead of an opening date.
  if (!opened) return { sealed: true as const, cancelled: rfq.status === "cancelled", opensAt: rfq.quote_deadline, counts, quotes: [] };
  const quotes = await listOpenedQuotesForBuyer(ctx.db, actor.org.id, rfqId, now);
  return { sealed: false as const, opensAt: rfq.quote_deadline, counts, quotes, rfqVersion: rfq.current_version, buyerOrgId: rfq.buyer_org_id };
}

/**
 * The buyer's opened offers for ranking: the same scope and sealed-bid rule as quotesOfRfqForBuyer,
 * without what only the lists show (counts, the latest content — the ranking reads versions).
 */
export async function openedQuotesForRankingByBuyer(ctx: AppContext, actor: Actor, rfqId: string) {
  if (!actor.org || actor.org.kind !== "buyer" || !isRowId(rfqId)) return null;
  const now = ctx.clock.now();
  const { quotes, digest } = await listOffersForRankingWithDigestByBuyer(ctx.db, actor.org.id, rfqId, now);
  // Offers are listed only on this buyer's RFQ once opened, so a listed one answers the state query's
  // questions (exists, is the buyer's, opened, which version): the usual read is one round trip.
  if (quotes.length > 0) return { sealed: false as const, quotes, digest, rfqVersion: quotes[0].rfq_current_version, buyerOrgId: actor.org.id };
  const rfq = await findRfqStateForBuyer(ctx.db, actor.org.id, rfqId);
  if (!rfq) return null;
  if (!areQuotesOpened({ status: rfq.status, sealed: rfq.sealed, deadline: rfq.quote_deadline }, now)) return { sealed: true as const };
  return { sealed: false as const, quotes, digest, rfqVersion: rfq.current_version, buyerOrgId: rfq.buyer_org_id };
}

/**
 * The digest of what openedQuotesForRankingByBuyer would list at `now` (see digestOffersForRankingByBuyer), with
 * the RFQ version it ranks and the category's published TCO quartile; null when it would list nothing (not the
 * buyer's, sealed, no offer yet) — the caller then asks openedQuotesForRankingByBuyer, which tells those apart.
 */
export async function openedOffersDigestForBuyer(ctx: AppContext, actor: Actor, rfqId: string, now: Date) {
  if (!actor.org || actor.org.kind !== "buyer" || !isRowId(rfqId)) return null;
  const row = await digestOffersForRankingByBuyer(ctx.db, actor.org.id, rfqId, now);
  if (row.count === 0 || row.digest === null || row.rfq_current_version === null) return null;
  return { digest: row.digest, rfqVersion: row.rfq_current_version, buyerOrgId: actor.org.id, tcoMonthQ1: row.tco_month_q1 };
}

/**
 * The same opened offers for an advisory organisation the buyer assigned to the RFQ, at the same
 * moment as the buyer (the deadline, for a sealed RFQ) and never earlier. Unlike the buyer it is not
 * told how many sealed quotes arrived (canSeeQuoteCount): before opening it gets only "sealed".
 */
export async function quotesOfRfqForAdvisor(ctx: AppContext, actor: Actor, rfqId: string) {
  if (!actor.org || actor.org.kind !== "advisory" || !isRowId(rfqId)) return null;
  const rfq = await findRfqForAdvisor(ctx.db, actor.org.id, rfqId);
  if (!rfq || !can(actor, "comparison:read", rfqResource(rfq, [], [actor.org.id]))) return null;
  const now = ctx.clock.now();
  const opened = areQuotesOpened({ status: rfq.status, sealed: rfq.sealed, deadline: rfq.quote_deadline }, now);
  if (!opened) return { sealed: true as const, opensAt: rfq.quote_deadline, quotes: [] };
  const quotes = await listOffersForRankingByAdvisor(ctx.db, actor.org.id, rfqId, now);
  return { sealed: false as const, opensAt: rfq.quote_deadline, quotes, rfqVersion: rfq.current_version, buyerOrgId: rfq.buyer_org_id };
}

/**
 * For a quote readQuote let through: its content, its current version's normalized totals and the RFQ
 * version it answered. Both JSON columns were written from parsed values (saveQuote), hence the types.
 */
export async function quoteDetails(ctx: AppContext, quote: { id: string; current_version: number; rfq_id: string; rfq_version: number; content: unknown }) {
  const [version, rfqVersion] = await Promise.all([
    findQuoteVersion(ctx.db, quote.id, quote.current_version),
    findRfqVersion(ctx.db, quote.rfq_id, quote.rfq_version),
  ]);
  const rfq = rfqSchema.safeParse(rfqVersion?.content);
  return { content: quote.content as Quote, normalized: (version?.normalized ?? null) as TcoBreakdown | null, rfq: rfq.success ? rfq.data : null };
}
