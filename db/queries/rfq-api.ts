import { sql, type Kysely } from "kysely";
import type { Database } from "../schema";

// Reads and locks the RFQ API needs beyond db/queries/rfqs.ts. Like those, every read of
// tenant data carries the reader's organisation or runs only after the service checked it.

/** Question and invitation counts of one RFQ (the caller has already been allowed to read it). */
export async function countRfqActivity(db: Kysely<Database>, rfqId: string) {
  const row = await db
    .selectNoFrom((eb) => [
      eb
        .selectFrom("rfq_questions")
        .select(sql<number>`count(*)::int`.as("n"))
        .where("rfq_id", "=", rfqId)
        .as("questions"),
      eb
        .selectFrom("rfq_questions")
        .select(sql<number>`count(*)::int`.as("n"))
        .where("rfq_id", "=", rfqId)
        .where("answer", "is", null)
        .as("unanswered"),
      eb
        .selectFrom("rfq_invitations")
        .select(sql<number>`count(*)::int`.as("n"))
        .where("rfq_id", "=", rfqId)
        .as("invited"),
    ])
    .executeTakeFirstOrThrow();
  return { questions: row.questions ?? 0, unansweredQuestions: row.unanswered ?? 0, invitedVendors: row.invited ?? 0 };
}

/**
 * The buyer's RFQ row, locked until the transaction ends: an addendum validates and writes the
 * working copy it read, so a concurrent PATCH or addendum waits instead of being overwritten.
 */
export async function lockRfqForBuyer(trx: Kysely<Database>, buyerOrgId: string, id: string) {
  return trx.selectFrom("rfqs").selectAll().where("id", "=", id).where("buyer_org_id", "=", buyerOrgId).forUpdate().executeTakeFirst();
}

export async function listInvitedVendorOrgIds(db: Kysely<Database>, rfqId: string) {
  const rows = await db.selectFrom("rfq_invitations").select("vendor_org_id").where("rfq_id", "=", rfqId).execute();
  return rows.map((r) => r.vendor_org_id);
}
