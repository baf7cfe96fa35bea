/**
 * The sealed-bid rule, as one pure function that queries, pages, API, exports and the search indexer all
 * call (PRODUCT.md "Sealed bids"; issue 5 item 5). A service that gets `false` answers 404, so existence
 * is not revealed, and writes the attempt to the audit log.
 *
 *  - the quoting vendor: always (its own quote, drafts included);
 *  - another vendor: never, at any time;
 *  - the RFQ's buyer: once the quotes are opened — at the deadline for a sealed RFQ, at any time for an open one;
 *  - an advisor assigned to the RFQ: only once the quotes are opened, like the buyer;
 *  - anyone else (other buyers, unassigned advisors, admins, anonymous): never.
 * Drafts and withdrawn quotes are never shown to the buyer side: they were not (or are no longer) offers.
 * Unreadable deadlines fail closed: nothing opens early.
 */

export type ViewerKind = "buyer" | "vendor" | "advisor" | "admin" | "anonymous";

export interface QuoteContentAccess {
  viewer: { orgId: string | null; kind: ViewerKind };
  /** `status` is optional for callers that only know the owner; without it the quote is treated as submitted. */
  quote: { vendorOrgId: string; status?: string };
  rfq: { buyerOrgId: string; status: string; sealed: boolean; deadline: Date | string; assignedAdvisorOrgIds: readonly string[] };
  now: Date;
}

const OFFER_STATUSES: readonly string[] = ["submitted", "shortlisted", "awarded", "not_selected"];

/**
 * True once the buyer side may read quote contents: open RFQs at once, sealed ones from the deadline
 * on (a sealed RFQ without a deadline yet — a draft — never). A cancelled sealed RFQ never opens: its
 * bids are returned unopened, as in a public tender, whenever the deadline falls. `sealed` and the
 * deadline are the values fixed at first publication (the rfqs columns, guarded by a trigger), never a
 * version's JSON. The same rule is the SQL of db/queries/quotes.ts (openedOffers).
 */
export function areQuotesOpened(rfq: { status: string; sealed: boolean; deadline: Date | string | null }, now: Date): boolean {
  if (!rfq.sealed) return true;
  if (rfq.status === "cancelled") return false;
  if (rfq.deadline === null) return false;
  const deadline = rfq.deadline instanceof Date ? rfq.deadline.getTime() : Date.parse(rfq.deadline);
  if (Number.isNaN(deadline)) return false;
  return now.getTime() >= deadline;
}

export function canReadQuoteContent({ viewer, quote, rfq, now }: QuoteContentAccess): boolean {
  if (viewer.orgId === null || viewer.orgId === "") return false;
  if (viewer.kind === "vendor") return viewer.orgId === quote.vendorOrgId;

  const isOffer = OFFER_STATUSES.includes(quote.status ?? "submitted");
  if (!isOffer || !areQuotesOpened(rfq, now)) return false;
  if (viewer.kind === "buyer") return viewer.orgId === rfq.buyerOrgId;
  if (viewer.kind === "advisor") return rfq.assignedAdvisorOrgIds.includes(viewer.orgId);
  return false;
}

/** While sealed, the buyer still sees how many quotes arrived (PRODUCT.md); nobody else sees even that. */
export function canSeeQuoteCount(viewer: { orgId: string | null; kind: ViewerKind }, rfq: { buyerOrgId: string }): boolean {
  return viewer.kind === "buyer" && viewer.orgId !== null && viewer.orgId === rfq.buyerOrgId;
}

/**
 * A best-and-final-offer round (issue 15 item 1, decision 0030) is sealed exactly like the first round:
 * its BAFO versions open to the buyer side at the round's deadline, and a round cancelled before then
 * never opens (its versions are discarded unread). Until then the buyer and the assigned advisors read —
 * and rank — the first-round version; afterwards the final one. Unreadable deadlines fail closed. The
 * same rule is the SQL of db/queries/quotes.ts (openedOffers / finalVersionOf).
 */
export interface BafoRoundSeal {
  status: string;
  deadline: Date | string | null;
}

export function isBafoRoundOpened(round: BafoRoundSeal, now: Date): boolean {
  if (round.status !== "open" || round.deadline === null) return false;
  const deadline = round.deadline instanceof Date ? round.deadline.getTime() : Date.parse(round.deadline);
  if (Number.isNaN(deadline)) return false;
  return now.getTime() >= deadline;
}

/**
 * The version of an opened offer the buyer side reads and ranks: the submitted BAFO version once its
 * round has opened, otherwise the first-round version. (The vendor itself reads both at any time.)
 */
export function finalVersionOf(
  quote: { currentVersion: number; bafo: { version: number; round: BafoRoundSeal } | null },
  now: Date,
): { version: number; round: "bafo" | "first" } {
  if (quote.bafo && isBafoRoundOpened(quote.bafo.round, now)) return { version: quote.bafo.version, round: "bafo" };
  return { version: quote.currentVersion, round: "first" };
}
