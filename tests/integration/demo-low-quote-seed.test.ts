import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_LOW_QUOTE, DEMO_LOW_QUOTE_AUDIT, findDemoLowQuoteRfqId, LOW_QUOTE_DAYS, LOW_QUOTE_REPLY_BUSINESS_DAYS } from "../../db/seed/demo-low-quote";
import { findPublishedTcoMonthQ1 } from "../../db/queries/market-benchmarks";
import { seedMarketHistory } from "../../db/seed/market-history";
import { assessExplanation, listExplanationsForBuyer, listExplanationsForVendor } from "../../db/queries/low-quote-explanations";
import { addBusinessDays, COMPANY_CALENDAR } from "~/domain/calendar/japan-business-days";
import { abnormallyLowQuotes } from "~/domain/insight/abnormally-low";
import { effectiveStatus } from "~/domain/rfq/lifecycle";
import { rfqSchema } from "~/domain/rfq/schema";
import { lowQuoteStandingsOf } from "~/services/low-quotes.server";
import { recomputeBenchmarks } from "~/services/benchmarks.server";
import { openedQuotesForRankingByBuyer } from "~/services/quotes.server";
import { rankListedQuotes } from "~/services/ranking-projection.server";
import { formatYen, tokyoDateString } from "~/utils/format";
import { actorFor, vendorOrgId } from "../factories";
import { createHarness, type Harness } from "./harness";
import { HARNESS_NOW } from "./harness-clock";

// The demo's abnormally low quote (issue 19 "Done means": one closed RFQ has a flagged abnormally low quote with a
// vendor's explanation; db/seed/demo-low-quote.ts), read from the run's seeded demo: the RFQ is opened and neither
// proposed nor awarded, the ranking every surface uses flags exactly the software house's quote, its explanation
// request is answered on every topic and left unassessed for the demo user, and nothing the vendor can read of it
// carries the buyer's figures.

const DAY_MS = 24 * 60 * 60 * 1000;
let h: Harness;

beforeAll(async () => {
  h = await createHarness({ demo: true });
}, 120_000);
afterAll(async () => {
  await h?.close();
});

async function rankedDemo(harness: Harness = h) {
  const buyer = await actorFor(harness.db, DEMO_LOW_QUOTE.buyer);
  const rfqId = await findDemoLowQuoteRfqId(harness.db);
  const listing = await openedQuotesForRankingByBuyer(harness.ctx, buyer, rfqId);
  if (!listing || listing.sealed) throw new Error("the demo's low-quote RFQ is not opened to its buyer");
  const ranked = await rankListedQuotes(harness.db, rfqId, listing.rfqVersion, listing.quotes, harness.clock.now());
  const lowQuoteId = listing.quotes.find((q) => q.vendor_name === DEMO_LOW_QUOTE.lowVendor)!.id;
  return { buyer, rfqId, ranked, lowQuoteId };
}

describe("the demo's abnormally low quote", () => {
  it("is on a closed RFQ of さくら食品 whose quotes are opened, neither cancelled, proposed nor awarded", async () => {
    const rfqId = await findDemoLowQuoteRfqId(h.db);
    const rfq = await h.db.selectFrom("rfqs").select(["status", "quote_deadline", "sealed"]).where("id", "=", rfqId).executeTakeFirstOrThrow();
    const now = new Date(HARNESS_NOW);
    expect(effectiveStatus({ status: rfq.status, quoteDeadline: rfq.quote_deadline?.toISOString() }, now)).toBe("closed");
    expect(rfq.status).not.toBe("cancelled");
    expect(rfq.status).not.toBe("awarded");
    expect(rfq.sealed).toBe(true);
    expect(rfq.quote_deadline!.getTime()).toBeLessThan(now.getTime() + (LOW_QUOTE_DAYS.deadline + 1) * DAY_MS);
    expect(await h.db.selectFrom("award_proposals").select("id").where("rfq_id", "=", rfqId).execute()).toEqual([]);
    expect(await h.db.selectFrom("awards").select("id").where("rfq_id", "=", rfqId).execute()).toEqual([]);
    // Written through the services like the other demo RFQs: a complete published version, its audit and outbox
    // rows, and each quote submitted with its own audit row.
    const versions = await h.db.selectFrom("rfq_versions").select(["version", "content"]).where("rfq_id", "=", rfqId).execute();
    expect(versions.map((v) => v.version)).toEqual([1]);
    expect(rfqSchema.safeParse(versions[0]!.content).success).toBe(true);
    const actions = (await h.db.selectFrom("audit_log").select("action").where("entity_id", "=", rfqId).execute()).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["rfq.create", "rfq.publish"]));
    expect(await h.db.selectFrom("outbox").select("id").where("topic", "=", "rfq").where("entity_id", "=", rfqId).execute()).not.toEqual([]);
    const quoteIds = (await h.db.selectFrom("quotes").select("id").where("rfq_id", "=", rfqId).execute()).map((q) => q.id);
    expect(quoteIds).toHaveLength(4);
    const submitted = await h.db.selectFrom("audit_log").select("entity_id").where("action", "=", "quote.submit").where("entity_id", "in", quoteIds).execute();
    expect(submitted).toHaveLength(4);
  });

  it("has four opened quotes that all pass the gates, and only the software house's is flagged (under 75 % of the others' median)", async () => {
    const { ranked, lowQuoteId } = await rankedDemo();
    expect(ranked.quotes.map((q) => q.vendorName).sort()).toEqual([DEMO_LOW_QUOTE.lowVendor, ...DEMO_LOW_QUOTE.normalVendors].sort());
    expect(ranked.result.disqualified).toEqual([]);
    expect(ranked.result.ranking).toHaveLength(4);

    // The pure rule on the ranking's TCOs, and the standings service every surface asks (no published benchmark in
    // the tests' demo, so the peers' median alone decides).
    const candidates = ranked.quotes.map((q) => ({ id: q.id, tcoYen: q.normalized.tco }));
    const flags = abnormallyLowQuotes(candidates, { benchmarkQ1PerMonthYen: null, contractTermMonths: ranked.rfq.contractTermMonths });
    expect(flags.map((f) => f.quoteId)).toEqual([lowQuoteId]);
    const standings = await lowQuoteStandingsOf(h.ctx, ranked);
    expect([...standings].filter(([, s]) => s.abnormallyLow).map(([id]) => id)).toEqual([lowQuoteId]);
    expect([...standings.values()].some((s) => s.lowBidInvestigation)).toBe(false);
    const [reason] = standings.get(lowQuoteId)!.abnormallyLow!.reasons;
    expect(reason).toMatchObject({ kind: "belowPeerMedian", peers: 3 });

    // Clearly under, not at the edge: about 60 % of the others' median; the others sit close together, well above.
    const low = candidates.find((c) => c.id === lowQuoteId)!.tcoYen;
    const others = candidates.filter((c) => c.id !== lowQuoteId).map((c) => c.tcoYen);
    const median = [...others].sort((a, b) => a - b)[1]!;
    expect(reason).toMatchObject({ peerMedianYen: median });
    expect(low / median).toBeGreaterThan(0.55);
    expect(low / median).toBeLessThan(0.65);
    expect(Math.max(...others) / Math.min(...others)).toBeLessThan(1.1);
  });

  it("has the buyer's explanation request on it, answered on every topic and not yet assessed", async () => {
    const { buyer, rfqId, lowQuoteId } = await rankedDemo();
    const requests = await listExplanationsForBuyer(h.db, buyer.org!.id, rfqId);
    expect(requests).toHaveLength(1);
    const [request] = requests;
    const quote = await h.db.selectFrom("quotes").select(["current_version", "vendor_org_id"]).where("id", "=", lowQuoteId).executeTakeFirstOrThrow();
    const requestedDay = tokyoDateString(new Date(new Date(HARNESS_NOW).getTime() + LOW_QUOTE_DAYS.requested * DAY_MS));
    expect(request).toMatchObject({
      quote_id: lowQuoteId,
      quote_version: quote.current_version,
      vendor_org_id: await vendorOrgId(h.db, DEMO_LOW_QUOTE.lowVendor),
      trigger: "abnormally_low",
      topics: ["costs", "assumptions", "staffing"],
      requester_name: "佐藤 健一",
      reply_by: addBusinessDays(requestedDay, LOW_QUOTE_REPLY_BUSINESS_DAYS, COMPANY_CALENDAR),
      assessment: null,
      assessed_at: null,
      assessment_note: null,
    });
    expect(request!.message.length).toBeGreaterThan(20);
    const answer = request!.answer as Record<string, string>;
    for (const topic of ["costs", "assumptions", "staffing"]) expect(answer[topic]?.length, topic).toBeGreaterThan(40);
    // Answered before the reply-by date, after the request.
    expect(request!.answered_at!.getTime()).toBeGreaterThan(request!.requested_at.getTime());
    expect(tokyoDateString(request!.answered_at!) <= String(request!.reply_by)).toBe(true);

    // Each step left its audit row, as the other seeded actions do.
    const actions = await h.db
      .selectFrom("audit_log")
      .select(["action", "actor_org_id"])
      .where("entity_type", "=", "quote")
      .where("entity_id", "=", lowQuoteId)
      .execute();
    expect(actions).toEqual(
      expect.arrayContaining([
        { action: DEMO_LOW_QUOTE_AUDIT.request, actor_org_id: buyer.org!.id },
        { action: DEMO_LOW_QUOTE_AUDIT.answer, actor_org_id: quote.vendor_org_id },
      ]),
    );

    // The assessment is the demo user's to record: the buyer can write it once (this copy is the test's own).
    expect(await assessExplanation(h.db, buyer.org!.id, request!.id, "satisfactory", "初年度の価格であることを確認した。", buyer.userId, h.clock.now())).toBe(
      true,
    );
  });

  it("shows the vendor its request and answer without any of the buyer's figures, and seeds it no notification with one", async () => {
    const { ranked, lowQuoteId } = await rankedDemo();
    const standing = (await lowQuoteStandingsOf(h.ctx, ranked)).get(lowQuoteId)!;
    const [reason] = standing.abnormallyLow!.reasons;
    if (reason?.kind !== "belowPeerMedian") throw new Error("expected the peers' median reason");
    // The buyer's figures: the peers' median, the 75 % line and each competitor's TCO, raw and formatted.
    const figures = [reason.peerMedianYen, reason.thresholdYen, ...ranked.quotes.filter((q) => q.id !== lowQuoteId).map((q) => q.normalized.tco)];
    const sentinels = figures.flatMap((n) => [String(n), n.toLocaleString("en-US"), formatYen(n, "ja"), formatYen(n, "en")]);

    const vendorOrg = await vendorOrgId(h.db, DEMO_LOW_QUOTE.lowVendor);
    const vendorView = await listExplanationsForVendor(h.db, vendorOrg, lowQuoteId);
    expect(vendorView).toHaveLength(1);
    expect(vendorView[0]).not.toHaveProperty("assessment");
    const members = await h.db.selectFrom("memberships").select("user_id").where("org_id", "=", vendorOrg).execute();
    const notifications = await h.db
      .selectFrom("notifications")
      .select(["kind", "payload"])
      .where(
        "user_id",
        "in",
        members.map((m) => m.user_id),
      )
      .execute();
    const readable = JSON.stringify({ vendorView, notifications });
    // What the vendor reads is the request and its own answer (so the sentinels are checked against real text).
    expect(readable).toContain("ご提出いただいた見積金額");
    expect(readable).toContain("AI-OCR");
    for (const sentinel of sentinels) expect(readable, sentinel).not.toContain(sentinel);
  });
});

describe("the demo's abnormally low quote, with the market history `npm start` loads", () => {
  let withHistory: Harness;
  beforeAll(async () => {
    withHistory = await createHarness({ demo: true });
    await seedMarketHistory(withHistory.db, new Date(HARNESS_NOW));
    await recomputeBenchmarks(withHistory.db, new Date(HARNESS_NOW));
  }, 120_000);
  afterAll(async () => {
    await withHistory?.close();
  });

  it("is still the one flagged quote once the data-entry market quartile is published: the normal range sits above it", async () => {
    const q1 = await findPublishedTcoMonthQ1(withHistory.db, "data_entry");
    expect(q1).not.toBeNull();
    const { ranked, lowQuoteId } = await rankedDemo(withHistory);
    const standings = await lowQuoteStandingsOf(withHistory.ctx, ranked);
    expect([...standings].filter(([, s]) => s.abnormallyLow).map(([id]) => id)).toEqual([lowQuoteId]);
    for (const q of ranked.quotes.filter((x) => x.id !== lowQuoteId)) expect(q.normalized.tco).toBeGreaterThan(q1! * ranked.rfq.contractTermMonths);
  });
});
