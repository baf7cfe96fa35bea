import path from "node:path";
import { createDatabase } from "../db/client.server";
import { migrateToLatest } from "../db/migrate";
import { loadVendorIndexRows } from "../db/queries/vendors";
import { latestOutboxId, replayOutboxAfter, settleDeadOutbox } from "../db/queries/outbox";
import { rfqIdsWithQuotes } from "../db/queries/quotes";
import { createSearchService } from "../search/client";
import { loadRfqIndexRows } from "../db/queries/rfqs";
import { projectRfqRanking } from "../app/services/ranking-projection.server";
import { toRfqDocument, toVendorDocument, type RfqIndexRow } from "../search/documents";
import { quoteDocumentsOfRfq } from "../search/indexer";
import { tokyoDateString } from "../app/utils/format";
import { startBundledMeilisearch } from "../search/server";
import { INDEX_NAMES, type IndexName } from "../search/settings";
import { readEnv } from "../app/utils/env.server";
import { transactionRecordKeys, transactionRecordRowsByKeys } from "../db/queries/transaction-records";
import { toTransactionRecordDocument } from "../search/documents";
import { toTransactionRecord } from "../app/domain/invoices/transaction-records";

// `npm run reindex [index]`: rebuilds an index from PostgreSQL beside the live one and swaps
// them, so searches keep answering meanwhile. Changes made during the rebuild are replayed
// from the outbox afterwards, so nothing written meanwhile is lost.
// With DATABASE_URL and MEILI_URL it works beside a running server. On the embedded defaults
// (no DATABASE_URL / MEILI_URL) stop `npm start` first: PGlite's folder has one owner at a time.

const env = readEnv();
const wanted = process.argv[2];
if (wanted && !INDEX_NAMES.includes(wanted as IndexName)) {
  console.error(`Unknown index "${wanted}". Known: ${INDEX_NAMES.join(", ")}`);
  process.exit(2);
}

const db = await createDatabase({ url: env.DATABASE_URL, dataDir: path.join(env.DATA_DIR, "pglite") });
await migrateToLatest(db);
const meili = env.MEILI_URL ? null : await startBundledMeilisearch({ dataDir: path.join(env.DATA_DIR, "meilisearch") });
const search = createSearchService({
  url: env.MEILI_URL ?? meili!.url,
  apiKey: env.MEILI_URL ? (env.MEILI_MASTER_KEY ?? "") : meili!.masterKey,
  prefix: env.MEILI_INDEX_PREFIX,
});
const today = tokyoDateString(new Date());

/** Keyset pages of documents straight from PostgreSQL, 1,000 at a time. */
async function* batches<R extends { id: string }>(load: (afterId: string | null) => Promise<R[]>, map: (row: R) => Record<string, unknown>) {
  let afterId: string | null = null;
  for (;;) {
    const rows = await load(afterId);
    if (rows.length === 0) return;
    yield rows.map(map);
    afterId = rows[rows.length - 1].id;
  }
}

/**
 * One batch per RFQ that has quotes: score and rank are relative to the RFQ's other quotes, so the
 * rebuild projects whole RFQs through the indexer's ranking (opened offers only: sealed quotes stay out).
 */
async function* openedQuoteBatches(): AsyncIterable<Record<string, unknown>[]> {
  let afterId: string | null = null;
  const now = new Date();
  for (;;) {
    const rfqIds = await rfqIdsWithQuotes(db, afterId, 100);
    if (rfqIds.length === 0) return;
    for (const rfqId of rfqIds) {
      const projection = await projectRfqRanking(db, rfqId, now);
      if (projection) yield quoteDocumentsOfRfq(projection, today);
    }
    afterId = rfqIds[rfqIds.length - 1];
  }
}

/** The 取引書類, 500 record keys at a time, each as its sides' documents (sealed quotes: the vendor's only until opened). */
async function* transactionRecordBatches(): AsyncIterable<Record<string, unknown>[]> {
  let afterKey: string | null = null;
  const now = new Date();
  for (;;) {
    const keys = await transactionRecordKeys(db, afterKey, 500, now);
    if (keys.length === 0) return;
    const rows = await transactionRecordRowsByKeys(db, keys, now);
    yield rows.map((row) => toTransactionRecordDocument(toTransactionRecord(row)));
    afterKey = keys[keys.length - 1];
  }
}

const sources: Record<IndexName, { topic: string; docs: () => AsyncIterable<Record<string, unknown>[]> }> = {
  vendors: {
    topic: "vendor",
    docs: () =>
      batches(
        (afterId) => loadVendorIndexRows(db, { afterId, limit: 1000 }),
        (r) => toVendorDocument(r, today),
      ),
  },
  rfqs: {
    topic: "rfq",
    docs: () =>
      batches(
        (afterId) => loadRfqIndexRows(db, { afterId, limit: 1000 }) as Promise<RfqIndexRow[]>,
        (r) => toRfqDocument(r, new Date()),
      ),
  },
  quotes: { topic: "quote", docs: openedQuoteBatches },
  transaction_records: { topic: "transaction_record", docs: transactionRecordBatches },
};

for (const index of wanted ? [wanted as IndexName] : INDEX_NAMES) {
  const startedAt = Date.now();
  const mark = await latestOutboxId(db);
  const count = await search.rebuild(index, sources[index].docs());
  // Anything enqueued after the rebuild began may be missing from the new index: replay it.
  const replayed = await replayOutboxAfter(db, sources[index].topic, mark, new Date());
  // Jobs that died (retries exhausted) before the rebuild began are covered by it now.
  const settled = await settleDeadOutbox(db, sources[index].topic, mark);
  console.log(`${index}: ${count} documents in ${Date.now() - startedAt} ms; ${replayed} later changes queued for replay; ${settled} dead jobs settled`);
}
await meili?.stop();
await db.destroy();
