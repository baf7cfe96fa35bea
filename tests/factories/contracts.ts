import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { QuoteInput } from "~/domain/quote/schema";
import { quoteA } from "~/domain/quote/test-fixtures";
import type { RfqInput } from "~/domain/rfq/schema";
import { actorFor } from "./accounts";
import { acceptAsVendor, awardThroughRoute } from "./awards";
import type { FactoryContext } from "./context";
import { createPublishedRfq, openRfq, rfqInput } from "./rfqs";
import { submitQuote } from "./quotes";

// The state a contract starts from (issue 15, item 5): an RFQ with an opened winning quote, awarded through the
// buyer's approval route and accepted by the winner — all through the real services.

export interface AcceptedAwardSpec {
  /** The buyer organisation's owner (e-mail), who proposes. */
  buyerEmail: string;
  buyerOrgId: string;
  vendorEmail: string;
  vendorOrgId: string;
  buyerKind?: "company" | "municipality";
  quote?: QuoteInput;
  rfq?: Partial<RfqInput>;
  /** The standstill after the award, in business days (default 0: none). */
  standstillBusinessDays?: number;
}

export interface AcceptedAward {
  rfqId: string;
  quoteId: string;
  proposalId: string;
  awardId: string;
}

export async function setBuyerKind(db: Kysely<Database>, orgId: string, kind: "company" | "municipality") {
  await db.updateTable("organizations").set({ buyer_kind: kind }).where("id", "=", orgId).execute();
}

/** An RFQ with one opened quote, awarded through the real route and accepted by the vendor: where a contract starts. */
export async function createAcceptedAward(f: FactoryContext, spec: AcceptedAwardSpec): Promise<AcceptedAward> {
  const db = f.ctx.db;
  if (spec.buyerKind) await setBuyerKind(db, spec.buyerOrgId, spec.buyerKind);
  const buyer = await actorFor(db, spec.buyerEmail);
  const rfqId = await createPublishedRfq(
    f,
    buyer,
    rfqInput(f, { sealed: true, invitedVendorIds: [spec.vendorOrgId], requiredCertifications: [], dataSensitivity: "none", ...spec.rfq }),
  );
  const vendor = await actorFor(db, spec.vendorEmail);
  const quoteId = await submitQuote(f, vendor, rfqId, spec.quote ?? quoteA());
  await openRfq(f, rfqId);
  const { awardId, proposalId } = await awardThroughRoute(f, {
    buyer,
    rfqId,
    quoteId,
    reason: "総合評価で最上位",
    rationale: "総合評価で最上位",
    standstillBusinessDays: spec.standstillBusinessDays ?? 0,
  });
  await acceptAsVendor(f, vendor, awardId);
  return { rfqId, quoteId, proposalId, awardId };
}
