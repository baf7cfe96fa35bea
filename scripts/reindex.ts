import path from "node:path";
import { sql } from "kysely";
import { createDatabase } from "../db/client.server";
import { migrateToLatest } from "../db/migrate";
import { loadVendorIndexRows } from "../db/queries/vendors";
import { settleDeadOutbox } from "../db/queries/outbox";
import { createSearchService } from "../search/client";
import { loadRfqIndexRows } from "../db/queries/rfqs";
import { projectRfqRanking } from "../app/services/ranking-projection.server";
import { toRfqDocument, toVendorDocument, type RfqIndexRow } from "../search/documents";
import { quoteDocumentsOfRfq } from "../search/indexer";
import { tokyoDateString } from "../app/utils/format";
import { startBundledMeilisearch } from "../search/server";
import { INDEX_NAMES, type IndexName } from "../search/settings";
import { readEnv } from "../app/utils/env.server";

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
    const rfqs: { rfq_id: string }[] = await db
      .selectFrom("quotes")
      .select("rfq_id")
      .distinct()
      .$if(afterId !== null, (q) => q.where("rfq_id", ">", afterId!))
      .orderBy("rfq_id")
      .limit(100)
      .execute();
    if (rfqs.length === 0) return;
    for (const { rfq_id } of rfqs) {
      const projection = await projectRfqRanking(db, rfq_id, now);
      if (projection) yield quoteDocumentsOfRfq(projection, today);
    }
    afterId = rfqs[rfqs.length - 1].rfq_id;
  }
}

const sources: Record<IndexName, { topic: string; docs: () => AsyncIterable<Record<string, unknown>[]> }> = {
  vendors: { topic: "vendor", docs: () => batches((afterId) => loadVendorIndexRows(db, { afterId, limit: 1000 }), (r) => toVendorDocument(r, today)) },
  rfqs: {
    topic: "rfq",
    docs: () => batches((afterId) => loadRfqIndexRows(db, { afterId, limit: 1000 }) as Promise<RfqIndexRow[]>, (r) => toRfqDocument(r, new Date())),
  },
  quotes: { topic: "quote", docs: openedQuoteBatches },
};

for (const index of wanted ? [wanted as IndexName] : INDEX_NAMES) {
  const startedAt = Date.now();
  const mark = await db.selectFrom("outbox").select(sql<number>`coalesce(max(id), 0)::int`.as("max")).executeTakeFirstOrThrow();
  const count = await search.rebuild(index, sources[index].docs());
  // Anything enqueued after the rebuild began may be missing from the new index: replay it.
  const replay = await db
    .updateTable("outbox")
    .set({ processed_at: null, dead_at: null, next_attempt_at: new Date() })
    .where("id", ">", mark.max)
    .where("topic", "=", sources[index].topic)
    .executeTakeFirst();
  // Jobs that died (retries exhausted) before the rebuild began are covered by it now.
  const settled = await settleDeadOutbox(db, sources[index].topic, mark.max);
  console.log(`${index}: ${count} documents in ${Date.now() - startedAt} ms; ${Number(replay.numUpdatedRows)} later changes queued for replay; ${settled} dead jobs settled`);
}
await meili?.stop();
await db.destroy();
