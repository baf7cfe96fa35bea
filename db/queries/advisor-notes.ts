import type { Kysely } from "kysely";
import type { Database } from "../schema";

// Advisors' notes on an RFQ's comparison. Readable by the RFQ's buyer organisation and by the advisory
// organisations currently assigned to it — the reader's scope is a WHERE/JOIN here, never a check
// left to the caller. Vendors have no query at all.

export type NoteReader = { kind: "buyer" | "advisory"; orgId: string };

export async function insertAdvisorNote(
  db: Kysely<Database>,
  n: { rfqId: string; advisorOrgId: string; quoteId: string | null; recommends: boolean; body: string; createdBy: string; at: Date },
) {
  return db
    .insertInto("advisor_notes")
    .values({
      rfq_id: n.rfqId,
      advisor_org_id: n.advisorOrgId,
      quote_id: n.quoteId,
      recommends: n.recommends,
      body: n.body,
      created_by: n.createdBy,
      created_at: n.at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The notes of one RFQ, oldest first, with the advisor's organisation, the author and the quote's vendor. */
export async function listAdvisorNotes(db: Kysely<Database>, reader: NoteReader, rfqId: string) {
  let q = db
    .selectFrom("advisor_notes")
    .innerJoin("rfqs", "rfqs.id", "advisor_notes.rfq_id")
    .innerJoin("organizations as advisor", "advisor.id", "advisor_notes.advisor_org_id")
    .innerJoin("users as author", "author.id", "advisor_notes.created_by")
    .leftJoin("quotes", "quotes.id", "advisor_notes.quote_id")
    .leftJoin("organizations as vendor", "vendor.id", "quotes.vendor_org_id")
    .select([
      "advisor_notes.id",
      "advisor_notes.rfq_id",
      "advisor_notes.quote_id",
      "advisor_notes.recommends",
      "advisor_notes.body",
      "advisor_notes.created_at",
      "advisor.id as advisor_org_id",
      "advisor.name as advisor_name",
      "author.name as author_name",
      "vendor.name as vendor_name",
    ])
    .where("advisor_notes.rfq_id", "=", rfqId);
  q =
    reader.kind === "buyer"
      ? q.where("rfqs.buyer_org_id", "=", reader.orgId)
      : q.where((eb) =>
          eb.exists(
            eb
              .selectFrom("rfq_advisors")
              .select("rfq_advisors.rfq_id")
              .whereRef("rfq_advisors.rfq_id", "=", "advisor_notes.rfq_id")
              .where("rfq_advisors.advisor_org_id", "=", reader.orgId),
          ),
        );
  return q.orderBy("advisor_notes.created_at").orderBy("advisor_notes.id").execute();
}
