import type { Kysely } from "kysely";
import type { Database, RfqAttachmentKind } from "../schema";

// Attachments of RFQs and quotes. Who may read which rows is decided before these run (the RFQ reader
// rule, the sealed-bid rule for quotes); every function still takes the parent id, so a row is never
// found through another RFQ or quote. The stored file path never leaves the server.

const RFQ_COLUMNS = ["id", "rfq_id", "document_id", "kind", "rfq_version", "superseded_in_version", "name", "mime", "size", "path", "created_at"] as const;

export type RfqAttachmentRow = Awaited<ReturnType<typeof listRfqAttachments>>[number];

/** Every file of an RFQ, in every version, oldest first. */
export async function listRfqAttachments(db: Kysely<Database>, rfqId: string) {
  return db.selectFrom("rfq_attachments").select(RFQ_COLUMNS).where("rfq_id", "=", rfqId).orderBy("created_at").orderBy("id").execute();
}

export async function findRfqAttachment(db: Kysely<Database>, rfqId: string, id: string, opts: { forUpdate?: boolean } = {}) {
  return db
    .selectFrom("rfq_attachments")
    .select(RFQ_COLUMNS)
    .where("rfq_id", "=", rfqId)
    .where("id", "=", id)
    .$if(Boolean(opts.forUpdate), (q) => q.forUpdate())
    .executeTakeFirst();
}

export async function insertRfqAttachment(
  db: Kysely<Database>,
  a: {
    rfqId: string;
    documentId: string;
    kind: RfqAttachmentKind;
    rfqVersion: number;
    name: string;
    mime: string;
    size: number;
    path: string;
    uploadedBy: string;
    at: Date;
  },
) {
  return db
    .insertInto("rfq_attachments")
    .values({
      rfq_id: a.rfqId,
      document_id: a.documentId,
      kind: a.kind,
      rfq_version: a.rfqVersion,
      name: a.name,
      mime: a.mime,
      size: a.size,
      path: a.path,
      uploaded_by: a.uploadedBy,
      created_at: a.at,
    })
    .returning(RFQ_COLUMNS)
    .executeTakeFirstOrThrow();
}

/** Marks a file as no longer part of the RFQ from `version` on (null: part of it again). */
export async function setRfqAttachmentSuperseded(db: Kysely<Database>, rfqId: string, id: string, version: number | null) {
  await db.updateTable("rfq_attachments").set({ superseded_in_version: version }).where("rfq_id", "=", rfqId).where("id", "=", id).execute();
}

/** The file of this document that `version` superseded (what a pending replacement replaced). */
export async function findSupersededByVersion(db: Kysely<Database>, rfqId: string, documentId: string, version: number) {
  return db
    .selectFrom("rfq_attachments")
    .select(RFQ_COLUMNS)
    .where("rfq_id", "=", rfqId)
    .where("document_id", "=", documentId)
    .where("superseded_in_version", "=", version)
    .executeTakeFirst();
}

export async function deleteRfqAttachment(db: Kysely<Database>, rfqId: string, id: string) {
  await db.deleteFrom("rfq_attachments").where("rfq_id", "=", rfqId).where("id", "=", id).execute();
}

const QUOTE_COLUMNS = ["id", "quote_id", "vendor_org_id", "name", "mime", "size", "path", "created_at"] as const;

/** The files of one quote whose reading the caller was already allowed (its vendor, or an opened offer). */
export async function listQuoteAttachments(db: Kysely<Database>, quoteId: string) {
  return db.selectFrom("quote_attachments").select(QUOTE_COLUMNS).where("quote_id", "=", quoteId).orderBy("created_at").orderBy("id").execute();
}

export async function findQuoteAttachment(db: Kysely<Database>, quoteId: string, id: string) {
  return db.selectFrom("quote_attachments").select(QUOTE_COLUMNS).where("quote_id", "=", quoteId).where("id", "=", id).executeTakeFirst();
}

export async function insertQuoteAttachment(
  db: Kysely<Database>,
  a: { quoteId: string; vendorOrgId: string; name: string; mime: string; size: number; path: string; uploadedBy: string; at: Date },
) {
  return db
    .insertInto("quote_attachments")
    .values({
      quote_id: a.quoteId,
      vendor_org_id: a.vendorOrgId,
      name: a.name,
      mime: a.mime,
      size: a.size,
      path: a.path,
      uploaded_by: a.uploadedBy,
      created_at: a.at,
    })
    .returning(QUOTE_COLUMNS)
    .executeTakeFirstOrThrow();
}

/** Deletes a file of the vendor's own quote only (the vendor is part of the filter). */
export async function deleteQuoteAttachmentOfVendor(db: Kysely<Database>, vendorOrgId: string, quoteId: string, id: string) {
  return db
    .deleteFrom("quote_attachments")
    .where("vendor_org_id", "=", vendorOrgId)
    .where("quote_id", "=", quoteId)
    .where("id", "=", id)
    .returning(QUOTE_COLUMNS)
    .executeTakeFirst();
}
