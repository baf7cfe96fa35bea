import type { Kysely } from "kysely";
import { loadVendorIndexRows } from "../db/queries/vendors";
import { loadRfqIndexRows } from "../db/queries/rfqs";
import { quoteIdsOfRfq, rfqIdsOfQuotes, rfqIdsQuotedBy } from "../db/queries/quotes";
import type { OutboxTopic } from "../db/queries/outbox";
import type { Database } from "../db/schema";
import { isCertificateValidOn } from "../app/domain/certifications/validity";
import { tokyoDateString } from "../app/utils/format";
import type { RfqProjection } from "../app/services/ranking-projection.server";
import type { SearchService } from "./client";
import { toQuoteDocument, toRfqDocument, toTransactionRecordDocument, toVendorDocument, type QuoteDocument, type RfqIndexRow } from "./documents";
import { quoteRecordKeys, RECORD_KEY, transactionRecordRowsByKeys } from "../db/queries/transaction-records";
import type { TransactionRecordKind } from "../app/domain/invoices/retention";
import { recordId, toTransactionRecord } from "../app/domain/invoices/transaction-records";

// Projects changed entities into the search indexes (run by the job runner, app/jobs/search.ts).
// It never trusts a payload: it re-reads the source row, so replaying an entry (after a crash,
// a retry or a reindex) converges on the database. Upserts and deletes are by id, which makes
// indexing idempotent.

export interface SearchIndexerDeps {
  db: Kysely<Database>;
  search: SearchService;
  /** The system-level ranking of one RFQ as of `now`: handed in, so search does not depend on the services. */
  projectRfq(db: Kysely<Database>, rfqId: string, now: Date): Promise<RfqProjection | null>;
}

/** Brings the index of `topic` in line with the database for these entity ids, as of `now` (the business clock). */
export async function indexEntities(d: SearchIndexerDeps, topic: OutboxTopic, ids: string[], now: Date): Promise<void> {
  const entityIds = [...new Set(ids)];
  if (topic === "vendor") {
    const found = await loadVendorIndexRows(d.db, { ids: entityIds });
    const today = tokyoDateString(now);
    await d.search.upsertVendors(found.map((row) => toVendorDocument(row, today)));
    const foundIds = new Set(found.map((f) => f.id));
    await d.search.deleteVendors(entityIds.filter((id) => !foundIds.has(id)));
    // A vendor's certificates gate and score its quotes: re-rank every RFQ it quoted on.
    for (const rfqId of await rfqIdsQuotedBy(d.db, entityIds)) await refreshQuotesOfRfq(d, rfqId, now);
  } else if (topic === "rfq") {
    const found = (await loadRfqIndexRows(d.db, { ids: entityIds })) as RfqIndexRow[];
    await d.search.upsertRfqs(found.map((row) => toRfqDocument(row, now)));
    const foundIds = new Set(found.map((f) => f.id));
    await d.search.deleteRfqs(entityIds.filter((id) => !foundIds.has(id)));
    // An addendum can change criteria and weights: every quote's score and rank may move.
    for (const id of foundIds) await refreshQuotesOfRfq(d, id, now);
  } else if (topic === "transaction_record") {
    await refreshTransactionRecords(d, entityIds, now);
  } else {
    // A quote is also a 取引書類 (its vendor's from submission, its buyer's once opened): the same events move it
    // (refreshQuotesOfRfq below refreshes those of the quote's RFQ; this covers a quote whose row is gone).
    await refreshTransactionRecords(d, quoteRecordKeys(entityIds), now);
    // Score and rank are relative to the other quotes, so one changed quote re-projects its whole RFQ.
    const existing = await rfqIdsOfQuotes(d.db, entityIds);
    for (const rfqId of new Set(existing.map((q) => q.rfq_id))) await refreshQuotesOfRfq(d, rfqId, now);
    // A quote whose row is gone belongs to no RFQ any more: remove it directly.
    const existingIds = new Set(existing.map((q) => q.id));
    await d.search.deleteQuotes(entityIds.filter((id) => !existingIds.has(id)));
  }
}

/**
 * Brings the 取引書類 of these record keys ("<kind>:<id>") in line with the database as of `now`: both sides'
 * documents are written when readable and deleted when not (a sealed quote's buyer document never exists before
 * its opening; a withdrawn quote's go away).
 */
export async function refreshTransactionRecords(d: SearchIndexerDeps, keys: string[], now: Date): Promise<void> {
  const valid = keys.filter((k) => RECORD_KEY.test(k));
  if (valid.length === 0) return;
  const records = (await transactionRecordRowsByKeys(d.db, valid, now)).map((row) => toTransactionRecord(row));
  await d.search.upsertTransactionRecords(records.map(toTransactionRecordDocument));
  const written = new Set(records.map((r) => r.id));
  const possible = valid.flatMap((k) => {
    const [, kind, id] = RECORD_KEY.exec(k)!;
    return (["buyer", "vendor"] as const).map((side) => recordId(kind as TransactionRecordKind, id, side));
  });
  await d.search.deleteTransactionRecords(possible.filter((id) => !written.has(id)));
}

/** Maps an RFQ's ranking to one document per opened offer. `today` decides which certificates count as valid. */
export function quoteDocumentsOfRfq(p: RfqProjection, today: string): QuoteDocument[] {
  const ranked = p.ranked;
  return p.listed.map((row) => {
    const quote = ranked?.quotes.find((q) => q.id === row.id);
    const place = ranked?.result.ranking.find((r) => r.id === row.id);
    const failed = ranked?.result.disqualified.find((d) => d.id === row.id);
    return toQuoteDocument(
      { ...row, rfq_id: p.rfqId, buyer_org_id: p.buyerOrgId },
      {
        score: place?.score ?? null,
        rank: place?.rank ?? null,
        disqualified: failed !== undefined,
        disqualificationReasons: failed?.reasons.map((r) => r.criterion) ?? [],
        roi: quote?.normalized?.roi ?? null,
        certifications: [...new Set((quote?.certifications ?? []).filter((c) => isCertificateValidOn(c, today)).map((c) => c.type))],
        kpis: quote?.content.kpiCommitments ?? {},
        method: ranked?.result.method ?? null,
        rfqVersion: p.rfqVersion,
      },
    );
  });
}

/** Re-ranks one RFQ and writes all of its opened quotes; removes its quotes that are not (or no longer) opened. Returns the ids written. */
async function refreshQuotesOfRfq(d: SearchIndexerDeps, rfqId: string, now: Date): Promise<string[]> {
  const projection = await d.projectRfq(d.db, rfqId, now);
  const docs = projection ? quoteDocumentsOfRfq(projection, tokyoDateString(now)) : [];
  await d.search.upsertQuotes(docs);
  const written = new Set(docs.map((doc) => doc.id));
  const all = await quoteIdsOfRfq(d.db, rfqId);
  await d.search.deleteQuotes(all.filter((id) => !written.has(id)));
  // What opens or closes the buyer's view of the quotes (a deadline passing, a cancellation, a BAFO round) moves
  // their 取引書類 the same way.
  await refreshTransactionRecords(d, quoteRecordKeys(all), now);
  return [...written];
}
