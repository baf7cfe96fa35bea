import type { Kysely } from "kysely";
import { listQuoteVersionsByKey } from "../../db/queries/quotes";
import { findRfqVersion } from "../../db/queries/rfqs";
import type { Database } from "../../db/schema";
import type { TcoBreakdown } from "~/domain/quote/normalize";
import type { Quote } from "~/domain/quote/schema";
import { rfqSchema, type Rfq } from "~/domain/rfq/schema";
import { Lru } from "~/utils/lru";

// RFQ versions and quote versions are immutable once written (a revision is a new version), so the
// parsed content of (id, version) can be kept in memory for as long as we like: the comparison then
// reads only which versions are current — still through the sealed-bid and tenant rules of the
// listing queries — instead of re-reading and re-parsing ~100 kB of JSON on every request.
// Nothing here decides who may read what: callers pass ids they obtained from scoped queries.

const rfqVersions = new Lru<string, Rfq>(2_000);
const quoteVersions = new Lru<string, { content: Quote; normalized: TcoBreakdown }>(20_000);

/** The RFQ as published in `version`, parsed; null when that version does not exist. */
export async function rfqAtVersion(db: Kysely<Database>, rfqId: string, version: number): Promise<Rfq | null> {
  const key = `${rfqId}:${version}`;
  const hit = rfqVersions.get(key);
  if (hit) return hit;
  const row = await findRfqVersion(db, rfqId, version);
  if (!row) return null;
  const rfq = Object.freeze(rfqSchema.parse(row.content));
  rfqVersions.set(key, rfq);
  return rfq;
}

/** The content and normalized totals of each quote at the given version, fetching only the ones not yet cached. */
export async function quotesAtVersions(
  db: Kysely<Database>,
  wanted: { id: string; version: number }[],
): Promise<Map<string, { content: Quote; normalized: TcoBreakdown }>> {
  const out = new Map<string, { content: Quote; normalized: TcoBreakdown }>();
  const missing: { id: string; version: number }[] = [];
  for (const w of wanted) {
    const hit = quoteVersions.get(`${w.id}:${w.version}`);
    if (hit) out.set(w.id, hit);
    else missing.push(w);
  }
  if (missing.length > 0) {
    for (const row of await listQuoteVersionsByKey(db, missing)) {
      const value = Object.freeze({ content: row.content as Quote, normalized: row.normalized as TcoBreakdown });
      quoteVersions.set(`${row.quote_id}:${row.version}`, value);
      out.set(row.quote_id, value);
    }
  }
  return out;
}
