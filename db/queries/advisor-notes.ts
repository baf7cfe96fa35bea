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
      "advisor_notes.updated_at",
      "advisor_notes.withdrawn_at",
      "advisor_notes.superseded_at",
      "advisor_notes.created_by",
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

/** The earlier states of notes the caller already read (their ids come from listAdvisorNotes), oldest first. */
export async function listAdvisorNoteRevisions(db: Kysely<Database>, noteIds: string[]) {
  if (noteIds.length === 0) return [];
  return db
    .selectFrom("advisor_note_revisions")
    .select(["id", "note_id", "body", "quote_id", "recommends", "change", "created_at"])
    .where("note_id", "in", noteIds)
    .orderBy("id")
    .execute();
}

/**
 * Serializes an advisory organisation's writes on one RFQ (locks its assignment row), so that two
 * recommendations at once cannot both become current; false when it is no longer assigned.
 */
export async function lockAdvisorAssignment(db: Kysely<Database>, rfqId: string, advisorOrgId: string): Promise<boolean> {
  const row = await db
    .selectFrom("rfq_advisors")
    .select("rfq_id")
    .where("rfq_id", "=", rfqId)
    .where("advisor_org_id", "=", advisorOrgId)
    .forUpdate()
    .executeTakeFirst();
  return row !== undefined;
}

/** One note of this advisory organisation on this RFQ, locked for a change. */
export async function findAdvisorNoteForUpdate(db: Kysely<Database>, advisorOrgId: string, rfqId: string, noteId: string) {
  return db
    .selectFrom("advisor_notes")
    .selectAll()
    .where("id", "=", noteId)
    .where("rfq_id", "=", rfqId)
    .where("advisor_org_id", "=", advisorOrgId)
    .forUpdate()
    .executeTakeFirst();
}

/** The organisation's current recommendation on the RFQ, if any. */
export async function findCurrentRecommendation(db: Kysely<Database>, rfqId: string, advisorOrgId: string) {
  return db
    .selectFrom("advisor_notes")
    .selectAll()
    .where("rfq_id", "=", rfqId)
    .where("advisor_org_id", "=", advisorOrgId)
    .where("recommends", "=", true)
    .where("withdrawn_at", "is", null)
    .where("superseded_at", "is", null)
    .executeTakeFirst();
}

type NoteState = { id: string; body: string; quote_id: string | null; recommends: boolean };

/**
 * Keeps the note's state before a change as a revision, then applies the change: a new text (edit),
 * withdrawal, or replacement by a later recommendation.
 */
export async function changeAdvisorNote(
  db: Kysely<Database>,
  note: NoteState,
  change: { kind: "edit"; body: string } | { kind: "withdraw" } | { kind: "supersede" },
  by: string,
  at: Date,
) {
  await db
    .insertInto("advisor_note_revisions")
    .values({ note_id: note.id, body: note.body, quote_id: note.quote_id, recommends: note.recommends, change: change.kind, created_by: by, created_at: at })
    .execute();
  const set = change.kind === "edit" ? { body: change.body, updated_at: at } : change.kind === "withdraw" ? { withdrawn_at: at } : { superseded_at: at };
  return db.updateTable("advisor_notes").set(set).where("id", "=", note.id).returningAll().executeTakeFirstOrThrow();
}
