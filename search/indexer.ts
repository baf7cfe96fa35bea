import type { Kysely } from "kysely";
import { claimDueOutbox, markOutboxFailed, markOutboxProcessed } from "../db/queries/outbox";
import { loadVendorIndexRows } from "../db/queries/vendors";
import { enqueueRfqsClosedBetween, loadRfqIndexRows } from "../db/queries/rfqs";
import { enqueueQuotesOpenedBetween } from "../db/queries/quotes";
import { enqueueVendorsWithCertificateValidityChangedBetween } from "../db/queries/certifications";
import type { Database } from "../db/schema";
import { isCertificateValidOn } from "../app/domain/certifications/validity";
import { tokyoDateString } from "../app/utils/format";
import { projectRfqRanking, quoteIdsOfRfq, rfqIdsOfQuotes, rfqIdsQuotedBy, type RfqProjection } from "../app/services/ranking-projection.server";
import type { SearchService } from "./client";
import { toQuoteDocument, toRfqDocument, toVendorDocument, type QuoteDocument, type RfqIndexRow } from "./documents";

// The outbox consumer. It never trusts a payload: it re-reads the source row, so
// replaying an entry (after a crash, a retry or a reindex) converges on the database.
// Upserts and deletes are by id, which makes processing idempotent.

export interface IndexerOptions {
  db: Kysely<Database>;
  search: SearchService;
  now?: () => Date;
  batchSize?: number;
  onError?: (error: unknown) => void;
}

/** Exponential backoff: 0.5 s, 1 s, 2 s … capped at 30 s. */
export function backoffMs(attempts: number): number {
  return Math.min(30_000, 500 * 2 ** Math.max(0, attempts - 1));
}

/** Processes one batch of due outbox rows. Returns how many rows were handled and how many failed. */
export async function processOutboxOnce(o: IndexerOptions): Promise<{ processed: number; failed: number }> {
  // Retry timing runs on the wall clock; `o.now` is the business clock ("today" for certificate validity).
  const now = (o.now ?? (() => new Date()))();
  const rows = await claimDueOutbox(o.db, o.batchSize ?? 200, new Date());
  if (rows.length === 0) return { processed: 0, failed: 0 };
  const byTopic = new Map<string, typeof rows>();
  for (const r of rows) byTopic.set(r.topic, [...(byTopic.get(r.topic) ?? []), r]);

  let processed = 0;
  let failed = 0;
  for (const [topic, topicRows] of byTopic) {
    const ids = topicRows.map((r) => r.id);
    try {
      if (topic === "vendor") {
        const entityIds = [...new Set(topicRows.map((r) => r.entity_id))];
        const found = await loadVendorIndexRows(o.db, { ids: entityIds });
        const today = tokyoDateString(now);
        await o.search.upsertVendors(found.map((row) => toVendorDocument(row, today)));
        const foundIds = new Set(found.map((f) => f.id));
        await o.search.deleteVendors(entityIds.filter((id) => !foundIds.has(id)));
        // A vendor's certificates gate and score its quotes: re-rank every RFQ it quoted on.
        for (const rfqId of await rfqIdsQuotedBy(o.db, entityIds)) await refreshQuotesOfRfq(o, rfqId, now);
      } else if (topic === "rfq") {
        const entityIds = [...new Set(topicRows.map((r) => r.entity_id))];
        const found = (await loadRfqIndexRows(o.db, { ids: entityIds })) as RfqIndexRow[];
        await o.search.upsertRfqs(found.map((row) => toRfqDocument(row, now)));
        const foundIds = new Set(found.map((f) => f.id));
        await o.search.deleteRfqs(entityIds.filter((id) => !foundIds.has(id)));
        // An addendum can change criteria and weights: every quote's score and rank may move.
        for (const id of foundIds) await refreshQuotesOfRfq(o, id, now);
      } else if (topic === "quote") {
        // Score and rank are relative to the other quotes, so one changed quote re-projects its whole RFQ.
        const entityIds = [...new Set(topicRows.map((r) => r.entity_id))];
        const existing = await rfqIdsOfQuotes(o.db, entityIds);
        for (const rfqId of new Set(existing.map((q) => q.rfq_id))) await refreshQuotesOfRfq(o, rfqId, now);
        // A quote whose row is gone belongs to no RFQ any more: remove it directly.
        const existingIds = new Set(existing.map((q) => q.id));
        await o.search.deleteQuotes(entityIds.filter((id) => !existingIds.has(id)));
      } else {
        throw new Error(`Unknown outbox topic ${topic}`);
      }
      await markOutboxProcessed(o.db, ids, new Date());
      processed += ids.length;
    } catch (e) {
      failed += ids.length;
      o.onError?.(e);
      await markOutboxFailed(o.db, ids, e instanceof Error ? e.message : String(e), (attempts) => new Date(Date.now() + backoffMs(attempts)));
    }
  }
  return { processed, failed };
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
async function refreshQuotesOfRfq(o: IndexerOptions, rfqId: string, now: Date): Promise<string[]> {
  const projection = await projectRfqRanking(o.db, rfqId, now);
  const docs = projection ? quoteDocumentsOfRfq(projection, tokyoDateString(now)) : [];
  await o.search.upsertQuotes(docs);
  const written = new Set(docs.map((d) => d.id));
  await o.search.deleteQuotes((await quoteIdsOfRfq(o.db, rfqId)).filter((id) => !written.has(id)));
  return [...written];
}

export interface RunningIndexer {
  /** Process now instead of at the next tick (called after a write for low lag). */
  kick(): void;
  stop(): Promise<void>;
  /** Resolves when no due rows are left (tests and the reindex command use it). */
  drain(timeoutMs?: number): Promise<void>;
}

/** How often the indexer looks for RFQs whose deadline just opened their sealed quotes. */
const OPENING_SWEEP_MS = 5_000;

export function startIndexer(o: IndexerOptions & { intervalMs?: number }): RunningIndexer {
  let stopped = false;
  // A week back on start-up, so deadlines that passed while the server was down are caught too.
  let sweptUntil = new Date(Date.now() - 7 * 86400_000);
  let lastSweepAt = 0;
  // Certificates lapse at midnight in Japan without any write: on each new business day, vendors
  // whose certificates changed validity since the last one are re-projected ("has valid X" filter).
  let certificatesSweptDay = tokyoDateString(new Date((o.now ?? (() => new Date()))().getTime() - 7 * 86400_000));
  let running: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | null = null;
  let again = false;

  const tick = () => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = null;
    running = running
      .then(async () => {
        if (Date.now() - lastSweepAt >= OPENING_SWEEP_MS) {
          const until = new Date();
          await enqueueQuotesOpenedBetween(o.db, sweptUntil, until);
          // The RFQ document's status turns "closed" too (vendors' searches already hide it by deadline).
          await enqueueRfqsClosedBetween(o.db, sweptUntil, until);
          sweptUntil = until;
          lastSweepAt = Date.now();
        }
        const today = tokyoDateString((o.now ?? (() => new Date()))());
        if (today > certificatesSweptDay) {
          await enqueueVendorsWithCertificateValidityChangedBetween(o.db, certificatesSweptDay, today);
          certificatesSweptDay = today;
        }
        do {
          again = false;
          const r = await processOutboxOnce(o);
          if (r.processed > 0 && r.failed === 0) again = true;
        } while (again && !stopped);
      })
      .catch((e) => o.onError?.(e))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, o.intervalMs ?? 250);
      });
  };
  tick();

  return {
    kick: () => {
      again = true;
      if (timer) tick();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
    async drain(timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const due = await claimDueOutbox(o.db, 1, new Date());
        if (due.length === 0) {
          await running;
          return;
        }
        if (Date.now() > deadline) throw new Error("Indexer did not drain in time");
        await new Promise((r) => setTimeout(r, 25));
      }
    },
  };
}
