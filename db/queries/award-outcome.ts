import type { Kysely } from "kysely";
import type { Database, QuoteStatusColumn } from "../schema";

// The award transaction's writes on the RFQ's quotes (issue 15 item 4, app/services/award.server.ts).

const OPENED_OFFERS: QuoteStatusColumn[] = ["submitted", "shortlisted"];

/** The RFQ as the award transaction needs it, locked (its status moves with a compare-and-set anyway). */
export async function lockRfqForAward(db: Kysely<Database>, buyerOrgId: string, rfqId: string) {
  return db
    .selectFrom("rfqs")
    .select(["id", "status", "quote_deadline", "title", "buyer_org_id"])
    .where("id", "=", rfqId)
    .where("buyer_org_id", "=", buyerOrgId)
    .forUpdate()
    .executeTakeFirst();
}

/**
 * The winning quote → awarded (only from an opened offer); every other opened offer → not_selected.
 * Returns the winner's vendor organisation (undefined when the quote was no longer an opened offer) and
 * the not-selected quotes with their vendors.
 */
export async function markQuotesOnAward(db: Kysely<Database>, rfqId: string, winningQuoteId: string, at: Date) {
  const winner = await db
    .updateTable("quotes")
    .set({ status: "awarded", updated_at: at })
    .where("id", "=", winningQuoteId)
    .where("rfq_id", "=", rfqId)
    .where("status", "in", OPENED_OFFERS)
    .returning(["id", "vendor_org_id"])
    .executeTakeFirst();
  if (!winner) return { winner: undefined, notSelected: [] };
  const notSelected = await db
    .updateTable("quotes")
    .set({ status: "not_selected", updated_at: at })
    .where("rfq_id", "=", rfqId)
    .where("id", "<>", winningQuoteId)
    .where("status", "in", OPENED_OFFERS)
    .returning(["id", "vendor_org_id"])
    .execute();
  return { winner, notSelected };
}

/** Members of the organisations, with what a mail needs. */
export async function listMembersOfOrgs(db: Kysely<Database>, orgIds: readonly string[]) {
  if (orgIds.length === 0) return [];
  return db
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select(["memberships.org_id", "users.id", "users.email", "users.name", "users.locale"])
    .where("memberships.org_id", "in", [...orgIds])
    .orderBy("users.id")
    .execute();
}
