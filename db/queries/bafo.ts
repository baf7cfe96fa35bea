import { insertQuoteVersion } from "./quotes";
import { sql, type Kysely } from "kysely";
import type { Database } from "../schema";

// Shortlist and BAFO rounds (issue 15 item 1, decision 0030). Buyer-side reads here return ids, statuses
// and counts only — never quote content: which version the buyer reads is decided by openedOffers in
// db/queries/quotes.ts. The vendor's reads filter on its own organisation.

/** The RFQ's live (not cancelled) round, if any; the caller has already scoped the RFQ to its buyer. */
export async function findLiveRoundOfRfq(db: Kysely<Database>, rfqId: string) {
  return db.selectFrom("bafo_rounds").selectAll().where("rfq_id", "=", rfqId).where("status", "=", "open").executeTakeFirst();
}

/** One round of the buyer's organisation, locked for the update that follows (move or cancel). */
export async function findRoundOfBuyerForUpdate(db: Kysely<Database>, buyerOrgId: string, roundId: string) {
  return db.selectFrom("bafo_rounds").selectAll().where("id", "=", roundId).where("buyer_org_id", "=", buyerOrgId).forUpdate().executeTakeFirst();
}

export async function findRoundOfBuyer(db: Kysely<Database>, buyerOrgId: string, roundId: string) {
  return db.selectFrom("bafo_rounds").selectAll().where("id", "=", roundId).where("buyer_org_id", "=", buyerOrgId).executeTakeFirst();
}

export async function insertRound(db: Kysely<Database>, r: { rfqId: string; buyerOrgId: string; deadline: Date; createdBy: string; at: Date }) {
  return db
    .insertInto("bafo_rounds")
    .values({ rfq_id: r.rfqId, buyer_org_id: r.buyerOrgId, deadline: r.deadline, created_by: r.createdBy, created_at: r.at, updated_at: r.at })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateRound(db: Kysely<Database>, roundId: string, u: { deadline?: Date; status?: "cancelled"; at: Date }) {
  return db
    .updateTable("bafo_rounds")
    .set({
      ...(u.deadline ? { deadline: u.deadline } : {}),
      ...(u.status ? { status: u.status, cancelled_at: u.at } : {}),
      updated_at: u.at,
    })
    .where("id", "=", roundId)
    .where("status", "=", "open")
    .returningAll()
    .executeTakeFirst();
}

/** The offers of an RFQ with their status (no content): what the shortlist is chosen from. */
export async function listOfferStatusesOfRfq(db: Kysely<Database>, rfqId: string) {
  return db
    .selectFrom("quotes")
    .innerJoin("organizations as vendor", "vendor.id", "quotes.vendor_org_id")
    .select(["quotes.id", "quotes.vendor_org_id", "vendor.name as vendor_name", "quotes.status"])
    .where("quotes.rfq_id", "=", rfqId)
    .where("quotes.status", "in", ["submitted", "shortlisted"])
    .orderBy("vendor.name")
    .execute();
}

/** Sets the shortlist: the given offers become `shortlisted`, the other offers of the RFQ `submitted` again. */
export async function setShortlist(db: Kysely<Database>, rfqId: string, quoteIds: string[], at: Date) {
  await db
    .updateTable("quotes")
    .set({ status: sql`case when id = any(${sql.val(quoteIds)}::uuid[]) then 'shortlisted' else 'submitted' end`, updated_at: at })
    .where("rfq_id", "=", rfqId)
    .where("status", "in", ["submitted", "shortlisted"])
    .execute();
}

export async function insertParticipants(db: Kysely<Database>, roundId: string, quotes: { id: string; vendor_org_id: string }[], at: Date) {
  if (quotes.length === 0) return;
  await db
    .insertInto("bafo_participants")
    .values(quotes.map((q) => ({ round_id: roundId, quote_id: q.id, vendor_org_id: q.vendor_org_id, updated_at: at })))
    .execute();
}

/** How many were invited and how many submitted: what the buyer may know while the round is sealed. */
export async function countParticipants(db: Kysely<Database>, roundId: string) {
  return db
    .selectFrom("bafo_participants")
    .select([sql<number>`count(*)::int`.as("invited"), sql<number>`count(submitted_at)::int`.as("submitted")])
    .where("round_id", "=", roundId)
    .executeTakeFirstOrThrow();
}

/** A cancelled round's drafts are discarded; its submitted versions stay in the history, never opened. */
export async function discardDrafts(db: Kysely<Database>, roundId: string) {
  await db.updateTable("bafo_participants").set({ draft: null }).where("round_id", "=", roundId).execute();
}

/**
 * The vendor's own standing in its RFQ's latest round (cancelled or not): the round, and its participation
 * if it was shortlisted. The vendor filter is part of the join, so no other vendor's row is ever read.
 */
export async function findRoundForVendorQuote(db: Kysely<Database>, vendorOrgId: string, quoteId: string) {
  return db
    .selectFrom("quotes")
    .innerJoin("bafo_rounds", "bafo_rounds.rfq_id", "quotes.rfq_id")
    .leftJoin("bafo_participants", (j) =>
      j
        .onRef("bafo_participants.round_id", "=", "bafo_rounds.id")
        .onRef("bafo_participants.quote_id", "=", "quotes.id")
        .on("bafo_participants.vendor_org_id", "=", vendorOrgId),
    )
    .select([
      "bafo_rounds.id as round_id",
      "bafo_rounds.status as round_status",
      "bafo_rounds.deadline",
      "bafo_participants.quote_id as participant_quote_id",
      "bafo_participants.draft",
      "bafo_participants.submitted_version",
      "bafo_participants.submitted_at",
    ])
    .where("quotes.id", "=", quoteId)
    .where("quotes.vendor_org_id", "=", vendorOrgId)
    .orderBy("bafo_rounds.created_at", "desc")
    .limit(1)
    .executeTakeFirst();
}

/** Locks the vendor's participation row for a draft save or the submission (one submission wins). */
export async function lockParticipant(db: Kysely<Database>, vendorOrgId: string, roundId: string, quoteId: string) {
  return db
    .selectFrom("bafo_participants")
    .selectAll()
    .where("round_id", "=", roundId)
    .where("quote_id", "=", quoteId)
    .where("vendor_org_id", "=", vendorOrgId)
    .forUpdate()
    .executeTakeFirst();
}

export async function updateParticipant(
  db: Kysely<Database>,
  vendorOrgId: string,
  roundId: string,
  quoteId: string,
  u: { draft?: unknown; submittedVersion?: number; at: Date },
) {
  await db
    .updateTable("bafo_participants")
    .set({
      ...(u.draft !== undefined ? { draft: JSON.stringify(u.draft) } : {}),
      ...(u.submittedVersion !== undefined ? { submitted_version: u.submittedVersion, submitted_at: u.at } : {}),
      updated_at: u.at,
    })
    .where("round_id", "=", roundId)
    .where("quote_id", "=", quoteId)
    .where("vendor_org_id", "=", vendorOrgId)
    .where("submitted_at", "is", null)
    .execute();
}

/** The highest version number of a quote (a BAFO version is the next one). */
export async function latestVersionNumber(db: Kysely<Database>, quoteId: string) {
  const row = await db
    .selectFrom("quote_versions")
    .select(sql<number>`coalesce(max(version), 0)::int`.as("v"))
    .where("quote_id", "=", quoteId)
    .executeTakeFirstOrThrow();
  return row.v;
}

export async function insertBafoVersion(
  db: Kysely<Database>,
  v: { quoteId: string; version: number; rfqVersion: number; roundId: string; content: unknown; normalized: unknown; tco: number; createdBy: string; at: Date },
) {
  const { roundId, ...rest } = v;
  await insertQuoteVersion(db, { ...rest, kind: "bafo", bafoRoundId: roundId });
}

/** Members of the given vendor organisations, with what a mail needs. */
export async function listMembersOfOrgs(db: Kysely<Database>, orgIds: string[]) {
  if (orgIds.length === 0) return [];
  return db
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select(["users.id", "users.email", "users.name", "users.locale", "memberships.org_id"])
    .where("memberships.org_id", "in", orgIds)
    .orderBy("users.id")
    .execute();
}

/** Serialises the buyer's shortlist and round writes on one RFQ (two opens at once: one round). */
export async function lockRfqForBafo(db: Kysely<Database>, rfqId: string) {
  await db.selectFrom("rfqs").select("id").where("id", "=", rfqId).forUpdate().executeTakeFirst();
}

/** The vendor organisations invited to a round. */
export async function participantOrgIds(db: Kysely<Database>, roundId: string) {
  const rows = await db.selectFrom("bafo_participants").select("vendor_org_id").where("round_id", "=", roundId).execute();
  return rows.map((r) => r.vendor_org_id);
}
