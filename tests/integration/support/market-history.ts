import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { recordEvidence } from "../../../db/queries/evidence-events";
import { tokyoDateString } from "~/utils/format";

// A small bulk factory for market history (benchmark tests): organisations, one closed sealed RFQ per offer and its
// opened quote with a version, inserted directly in one transaction. Opening is the RFQ's deadline, `openedDaysAgo`
// days before `now`. Every RFQ asks for the KPI `accuracy` (a rate) and one line "件" per unit, for 12 months.

export interface MarketOffer {
  /** Index into the buyers / vendors made. */
  buyer: number;
  vendor: number;
  /** The committed accuracy, a fraction 0–1. */
  accuracy: number;
  /** Unit price per 件, tax-excluded yen. */
  unitPrice?: number;
  openedDaysAgo: number;
  category?: string;
  phase?: "launch" | "improvement" | "expansion";
}

/**
 * A confirmed delivered fact about the `accuracy` of an offer's contract (the offer is awarded and contracted
 * for it: a proposal, an award and an active contract are inserted). Recorded as a delivery fact observed on its
 * acceptance date, `confirmedDaysAgo` days before `now`.
 */
export interface MarketFact {
  offer: number;
  successes: number;
  trials: number;
  confirmedDaysAgo: number;
}

export interface MarketHistory {
  buyerOrgIds: string[];
  vendorOrgIds: string[];
  quoteIds: string[];
}

export const MARKET_CATEGORY = "accounting";

export async function createMarketHistory(
  db: Kysely<Database>,
  o: { now: Date; buyers: number; vendors: number; offers: readonly MarketOffer[]; facts?: readonly MarketFact[]; label?: string },
): Promise<MarketHistory> {
  const label = o.label ?? Math.random().toString(36).slice(2, 8);
  return db.transaction().execute(async (trx) => {
    const user = await trx
      .insertInto("users")
      .values({ email: `market-${label}@example.test`, name: "Market history", password_hash: "x" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const orgs = async (kind: "buyer" | "vendor", n: number) =>
      n === 0
        ? []
        : (
            await trx
              .insertInto("organizations")
              .values(Array.from({ length: n }, (_, i) => ({ kind, name: `Market ${kind} ${label} ${i}` })))
              .returning("id")
              .execute()
          ).map((r) => r.id);
    const buyerOrgIds = await orgs("buyer", o.buyers);
    const vendorOrgIds = await orgs("vendor", o.vendors);
    const quoteIds: string[] = [];
    for (const [i, offer] of o.offers.entries()) {
      const opened = new Date(o.now.getTime() - offer.openedDaysAgo * 86_400_000);
      const content = {
        title: `Market RFQ ${label} ${i}`,
        category: offer.category ?? MARKET_CATEGORY,
        phase: offer.phase ?? "launch",
        contractTermMonths: 12,
        lineItems: [{ code: "L1", description: "入力", unit: "件", quantity: 1000, recurrence: "per_unit" }],
        criteria: [
          {
            key: "accuracy",
            label: { ja: "正確性", en: "Accuracy" },
            perspective: "customer",
            direction: "benefit",
            weight: 1,
            source: "kpi_commitment",
            unit: "rate",
          },
        ],
      };
      const rfq = await trx
        .insertInto("rfqs")
        .values({
          buyer_org_id: buyerOrgIds[offer.buyer]!,
          status: "closed",
          title: content.title,
          category: content.category,
          quote_deadline: opened,
          sealed: true,
          content: JSON.stringify(content),
          created_by: user.id,
          published_at: new Date(opened.getTime() - 14 * 86_400_000),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const unitPrice = offer.unitPrice ?? 100;
      const tco = unitPrice * 1000 * 12;
      const quoteContent = JSON.stringify({ unitPrices: { L1: unitPrice }, kpiCommitments: { accuracy: offer.accuracy }, taxBasis: "excluded", taxRate: 10 });
      const submitted = new Date(opened.getTime() - 86_400_000);
      const quote = await trx
        .insertInto("quotes")
        .values({
          rfq_id: rfq.id,
          vendor_org_id: vendorOrgIds[offer.vendor]!,
          status: "submitted",
          rfq_version: 1,
          content: quoteContent,
          tco,
          submitted_at: submitted,
          created_by: user.id,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await trx
        .insertInto("quote_versions")
        .values({
          quote_id: quote.id,
          version: 1,
          rfq_version: 1,
          content: quoteContent,
          normalized: "{}",
          tco,
          kind: "submitted",
          created_by: user.id,
          created_at: submitted,
        })
        .execute();
      quoteIds.push(quote.id);
    }
    const contractOf = new Map<number, string>();
    for (const fact of o.facts ?? []) {
      let contractId = contractOf.get(fact.offer);
      const quote = await trx
        .selectFrom("quotes")
        .innerJoin("rfqs", "rfqs.id", "quotes.rfq_id")
        .select(["quotes.id", "quotes.rfq_id", "quotes.vendor_org_id", "quotes.tco", "rfqs.buyer_org_id", "rfqs.category"])
        .where("quotes.id", "=", quoteIds[fact.offer]!)
        .executeTakeFirstOrThrow();
      if (!contractId) {
        const amount = quote.tco ?? 0;
        const proposal = await trx
          .insertInto("award_proposals")
          .values({
            rfq_id: quote.rfq_id,
            buyer_org_id: quote.buyer_org_id,
            proposed_by: user.id,
            quote_id: quote.id,
            amount_yen: amount,
            rationale: "総合評価で最上位",
            snapshot: "{}",
            snapshot_sha256: "0".repeat(64),
            route_steps: "[]",
            route_revision: 1,
            status: "approved",
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        const award = await trx
          .insertInto("awards")
          .values({
            rfq_id: quote.rfq_id,
            buyer_org_id: quote.buyer_org_id,
            proposal_id: proposal.id,
            quote_id: quote.id,
            vendor_org_id: quote.vendor_org_id,
            amount_yen: amount,
            debrief_reason: "総合評価で最上位",
            status: "accepted",
            respond_by: o.now,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        contractId = (
          await trx
            .insertInto("contracts")
            .values({
              rfq_id: quote.rfq_id,
              award_id: award.id,
              quote_id: quote.id,
              buyer_org_id: quote.buyer_org_id,
              vendor_org_id: quote.vendor_org_id,
              status: "active",
              created_by: user.id,
            })
            .returning("id")
            .executeTakeFirstOrThrow()
        ).id;
        contractOf.set(fact.offer, contractId);
      }
      await recordEvidence(trx, [
        {
          vendorOrgId: quote.vendor_org_id,
          buyerOrgId: quote.buyer_org_id,
          contractId,
          category: quote.category,
          kpiKey: "accuracy",
          successes: fact.successes,
          trials: fact.trials,
          observedOn: tokyoDateString(new Date(o.now.getTime() - fact.confirmedDaysAgo * 86_400_000)),
          source: "delivery",
          sourceId: crypto.randomUUID(),
        },
      ]);
    }
    return { buyerOrgIds, vendorOrgIds, quoteIds };
  });
}

/** n offers spread round-robin over `buyers` and `vendors`, accuracy 0.95 + i/1000, all `openedDaysAgo` old. */
export function spreadOffers(n: number, buyers: number, vendors: number, openedDaysAgo = 120, extra: Partial<MarketOffer> = {}): MarketOffer[] {
  return Array.from({ length: n }, (_, i) => ({
    buyer: i % buyers,
    vendor: i % vendors,
    accuracy: 0.95 + i / 1000,
    unitPrice: 100 + i,
    openedDaysAgo,
    ...extra,
  }));
}
