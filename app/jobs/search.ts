import { enqueueVendorsWithCertificateValidityChangedBetween } from "../../db/queries/certifications";
import { enqueueQuotesOpenedBetween } from "../../db/queries/quotes";
import { enqueueRfqsClosedBetween } from "../../db/queries/rfqs";
import type { OutboxTopic } from "../../db/queries/outbox";
import { indexEntities, type SearchIndexerDeps } from "../../search/indexer";
import { tokyoDateString } from "~/utils/format";
import type { JobDefinition, ScheduleDefinition } from "./runner";
import { dailyAtTokyoMidnight, everySeconds } from "./schedule";

// Search indexing: one handler for the outbox topics the services write (vendor, rfq, quote, and the 取引書類
// transaction_record), and the two sweeps that enqueue what changes with time alone, without any write. A sealed
// quote becomes its buyer's 取引書類 at opening: the opening sweep enqueues the quote topic, whose handler
// refreshes the quote's records too (search/indexer.ts).

const TOPICS: OutboxTopic[] = ["vendor", "rfq", "quote", "transaction_record"];

/**
 * Indexing is idempotent and re-reads the database, so retrying is always safe: rows are kept
 * trying for about an hour (backoff capped at 30 s) to ride out a Meilisearch outage before
 * they are dead; `npm run reindex` rebuilds an index and settles its dead rows.
 */
const SEARCH_MAX_ATTEMPTS = 125;

export function searchIndexJobs(deps: SearchIndexerDeps): JobDefinition[] {
  return TOPICS.map((topic) => ({
    name: topic,
    maxAttempts: SEARCH_MAX_ATTEMPTS,
    handle: (rows, ctx) =>
      indexEntities(
        deps,
        topic,
        rows.map((r) => r.entity_id),
        ctx.now,
      ),
  }));
}

/** On the first run ever, sweeps look this far back (deadlines that passed before the schedule existed). */
const FIRST_SWEEP_LOOKBACK_MS = 7 * 86400_000;
const sinceOr = (since: Date | null, now: Date) => since ?? new Date(now.getTime() - FIRST_SWEEP_LOOKBACK_MS);

/**
 * Sealed quotes open at their RFQ's deadline with no write to trigger the outbox: every 5 s, the quotes
 * of RFQs whose deadline passed since the last sweep are enqueued, and so are those RFQs (their
 * document's status turns "closed"; vendors' searches already hide them by deadline).
 */
export const openingSweep: ScheduleDefinition = {
  name: "search.opening-sweep",
  cadence: everySeconds(5),
  async run({ trx, now, since }) {
    const from = sinceOr(since, now);
    await enqueueQuotesOpenedBetween(trx, from, now);
    await enqueueRfqsClosedBetween(trx, from, now);
  },
};

/**
 * Certificates lapse and begin at midnight in Japan without any write: on each new business day,
 * vendors whose certificates changed validity since the last sweep are re-projected ("has valid X").
 */
export const certificateSweep: ScheduleDefinition = {
  name: "search.certificate-sweep",
  cadence: dailyAtTokyoMidnight(),
  async run({ trx, now, since }) {
    const fromDay = tokyoDateString(sinceOr(since, now));
    const today = tokyoDateString(now);
    if (today > fromDay) await enqueueVendorsWithCertificateValidityChangedBetween(trx, fromDay, today);
  },
};
