import path from "node:path";
import { sql } from "kysely";
import { createDatabase } from "../db/client.server";
import { migrateToLatest } from "../db/migrate";
import { loadVendorIndexRows } from "../db/queries/vendors";
import { createSearchService } from "../search/client";
import { loadRfqIndexRows } from "../db/queries/rfqs";
import { loadOpenedQuoteIndexRows } from "../db/queries/quotes";
import { toQuoteDocument, toRfqDocument, toVendorDocument, type RfqIndexRow } from "../search/documents";
import { tokyoToday } from "../search/indexer";
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
const today = tokyoToday(new Date());

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

/** Pages of quote ids, each projected through the indexer's opened-offers-only query: sealed quotes stay out. */
async function* openedQuoteBatches(): AsyncIterable<Record<string, unknown>[]> {
  let afterId: string | null = null;
  for (;;) {
    const ids: { id: string }[] = await db
      .selectFrom("quotes")
      .select("id")
      .$if(afterId !== null, (q) => q.where("id", ">", afterId!))
      .orderBy("id")
      .limit(1000)
      .execute();
    if (ids.length === 0) return;
    const rows = await loadOpenedQuoteIndexRows(db, ids.map((r) => r.id), new Date());
    yield rows.map(toQuoteDocument);
    afterId = ids[ids.length - 1].id;
  }
}

const sources: Record<IndexName, { topic: string; docs: () => AsyncIterable<Record<string, unknown>[]> }> = {
  vendors: { topic: "vendor", docs: () => batches((afterId) => loadVendorIndexRows(db, { afterId, limit: 1000 }), (r) => toVendorDocument(r, today)) },
  rfqs: {
    topic: "rfq",
    docs: () => batches((afterId) => loadRfqIndexRows(db, { afterId, limit: 1000 }) as Promise<RfqIndexRow[]>, toRfqDocument),
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
    .set({ processed_at: null, next_attempt_at: new Date() })
    .where("id", ">", mark.max)
    .where("topic", "=", sources[index].topic)
    .executeTakeFirst();
  console.log(`${index}: ${count} documents in ${Date.now() - startedAt} ms; ${Number(replay.numUpdatedRows)} later changes queued for replay`);
}
await meili?.stop();
await db.destroy();
