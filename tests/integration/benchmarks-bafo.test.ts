import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recomputeBenchmarks } from "~/services/benchmarks.server";
import { createHarness, type Harness } from "./harness";
import { createMarketHistory, spreadOffers } from "./support/market-history";

// The benchmarks read the version that was finally ranked (decision 0048, revisited): a vendor whose best and final
// offer lowered its unit price counts with the BAFO figure once that round opened at least 90 days ago; a BAFO round
// that opened more recently (or was cancelled) leaves the first-round figure in place.

const NOW = new Date("2026-12-07T03:00:00Z");
const DAY = 86_400_000;
let h: Harness;

/** A BAFO round on the quote's RFQ with its deadline `deadlineDaysAgo`, and the quote's BAFO version at `price` per 件. */
async function bafo(quoteId: string, price: number, deadlineDaysAgo: number, status: "open" | "cancelled" = "open") {
  const quote = await h.db
    .selectFrom("quotes")
    .innerJoin("rfqs", "rfqs.id", "quotes.rfq_id")
    .select(["quotes.rfq_id", "rfqs.buyer_org_id", "quotes.created_by"])
    .where("quotes.id", "=", quoteId)
    .executeTakeFirstOrThrow();
  const deadline = new Date(NOW.getTime() - deadlineDaysAgo * DAY);
  const round = await h.db
    .insertInto("bafo_rounds")
    .values({ rfq_id: quote.rfq_id, buyer_org_id: quote.buyer_org_id, deadline, created_by: quote.created_by, status })
    .returning("id")
    .executeTakeFirstOrThrow();
  const content = JSON.stringify({ unitPrices: { L1: price }, kpiCommitments: { accuracy: 0.95 }, taxBasis: "excluded", taxRate: 10 });
  await h.db
    .insertInto("quote_versions")
    .values({
      quote_id: quoteId,
      version: 2,
      rfq_version: 1,
      content,
      normalized: "{}",
      tco: price * 1000 * 12,
      kind: "bafo",
      created_by: quote.created_by,
      created_at: new Date(deadline.getTime() - DAY),
      bafo_round_id: round.id,
    })
    .execute();
}

async function cell(category: string, kind: "unit_price" | "tco_month", key: string) {
  return h.db
    .selectFrom("market_benchmarks")
    .select(["published", "median", "q1", "q3", "n"])
    .where("category", "=", category)
    .where("kind", "=", kind)
    .where("key", "=", key)
    .where("phase", "=", "")
    .executeTakeFirstOrThrow();
}

beforeAll(async () => {
  h = await createHarness();
  h.clock.set(NOW);
  // Two categories of 20 offers each from 5 buyers and 5 vendors, opened 120 days ago, at 100 … 119 yen per 件.
  const accounting = await createMarketHistory(h.db, { now: NOW, buyers: 5, vendors: 5, offers: spreadOffers(20, 5, 5, 120, { category: "accounting" }) });
  const helpdesk = await createMarketHistory(h.db, { now: NOW, buyers: 5, vendors: 5, offers: spreadOffers(20, 5, 5, 120, { category: "it_helpdesk" }) });
  // accounting: the ¥119 vendor's BAFO (round closed 100 days ago) is ¥50.
  await bafo(accounting.quoteIds[19]!, 50, 100);
  // it_helpdesk: the same BAFO, but its round closed 89 days ago (too young to publish); another quote's round was cancelled.
  await bafo(helpdesk.quoteIds[19]!, 50, 89);
  await bafo(helpdesk.quoteIds[18]!, 40, 100, "cancelled");
  await recomputeBenchmarks(h.db, NOW);
});
afterAll(() => h?.close());

describe("BAFO final versions in the benchmarks", () => {
  it("count a vendor whose BAFO lowered its unit price with the BAFO figure", async () => {
    // 50, 100 … 118 (type 7 of 20): median 108.5 → ¥109, q1 103.75 → ¥104 (100 … 119 would give ¥110 and ¥105).
    expect(await cell("accounting", "unit_price", "件|per_unit")).toMatchObject({ published: true, median: 109, q1: 104, n: 20 });
    // Its TCO too: ¥50 × 1000 × 12 months = ¥50,000 a month; median of 50,000, 100,000 … 118,000 is 108,500.
    expect(await cell("accounting", "tco_month", "")).toMatchObject({ published: true, median: 108_500, n: 20 });
  });

  it("keep the first-round figure while the BAFO figure is younger than 90 days, and for a cancelled round", async () => {
    expect(await cell("it_helpdesk", "unit_price", "件|per_unit")).toMatchObject({ published: true, median: 110, q1: 105, n: 20 });
    expect(await cell("it_helpdesk", "tco_month", "")).toMatchObject({ median: 109_500 });
  });

  it("switch to the BAFO figure on the day it turns 90 days old", async () => {
    try {
      await recomputeBenchmarks(h.db, new Date(NOW.getTime() + DAY));
      expect(await cell("it_helpdesk", "unit_price", "件|per_unit")).toMatchObject({ median: 109, q1: 104, n: 20 });
    } finally {
      await recomputeBenchmarks(h.db, NOW);
    }
  });
});
