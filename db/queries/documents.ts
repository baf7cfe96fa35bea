import type { Kysely } from "kysely";
import type { Database, StoredDocumentKind } from "../schema";

// Printed documents stored once (decision 0028): bytes + SHA-256, unique per (kind, subject, locale).

export interface NewStoredDocument {
  kind: StoredDocumentKind;
  subjectId: string;
  rfqId: string;
  buyerOrgId: string;
  vendorOrgId: string | null;
  locale: "ja" | "en";
  fileName: string;
  sha256: string;
  bytes: Uint8Array;
  at: Date;
}

/**
 * Inserts the document unless one exists for (kind, subject, locale); returns the stored row either way and
 * whether this call inserted it.
 */
export async function insertDocumentOnce(db: Kysely<Database>, d: NewStoredDocument) {
  const inserted = await db
    .insertInto("documents")
    .values({
      kind: d.kind,
      subject_id: d.subjectId,
      rfq_id: d.rfqId,
      buyer_org_id: d.buyerOrgId,
      vendor_org_id: d.vendorOrgId,
      locale: d.locale,
      file_name: d.fileName,
      sha256: d.sha256,
      byte_size: d.bytes.byteLength,
      bytes: Buffer.from(d.bytes),
      created_at: d.at,
    })
    .onConflict((oc) => oc.columns(["kind", "subject_id", "locale"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  const row = await findStoredDocument(db, d.kind, d.subjectId, d.locale);
  return { row: row!, inserted: inserted !== undefined };
}

export async function findStoredDocument(db: Kysely<Database>, kind: StoredDocumentKind, subjectId: string, locale: "ja" | "en") {
  return db.selectFrom("documents").selectAll().where("kind", "=", kind).where("subject_id", "=", subjectId).where("locale", "=", locale).executeTakeFirst();
}

/** Metadata (no bytes) of the documents of an RFQ for its buyer organisation. */
export async function listDocumentsOfRfqForBuyer(db: Kysely<Database>, buyerOrgId: string, rfqId: string) {
  return db
    .selectFrom("documents")
    .select(["id", "kind", "subject_id", "locale", "file_name", "sha256", "byte_size", "created_at"])
    .where("rfq_id", "=", rfqId)
    .where("buyer_org_id", "=", buyerOrgId)
    .orderBy("created_at", "asc")
    .execute();
}

export async function findDocumentById(db: Kysely<Database>, documentId: string) {
  return db.selectFrom("documents").selectAll().where("id", "=", documentId).executeTakeFirst();
}

/** An award proposal with its proposer's and buyer's names, for its 稟議書 (the caller checks who may read it). */
export async function findProposalForPacket(db: Kysely<Database>, proposalId: string) {
  return db
    .selectFrom("award_proposals")
    .innerJoin("users as proposer", "proposer.id", "award_proposals.proposed_by")
    .innerJoin("organizations as buyer", "buyer.id", "award_proposals.buyer_org_id")
    .selectAll("award_proposals")
    .select(["proposer.name as proposer_name", "buyer.name as buyer_name"])
    .where("award_proposals.id", "=", proposalId)
    .executeTakeFirst();
}

/** Display names of users by id (the approvers a route names). */
export async function userNamesByIds(db: Kysely<Database>, ids: readonly string[]): Promise<Record<string, string>> {
  if (ids.length === 0) return {};
  const rows = await db
    .selectFrom("users")
    .select(["id", "name"])
    .where("id", "in", [...ids])
    .execute();
  return Object.fromEntries(rows.map((r) => [r.id, r.name]));
}

/** Whether the advisory organisation is assigned to the RFQ. */
export async function isAdvisorOfRfq(db: Kysely<Database>, advisorOrgId: string, rfqId: string): Promise<boolean> {
  const row = await db.selectFrom("rfq_advisors").select("rfq_id").where("rfq_id", "=", rfqId).where("advisor_org_id", "=", advisorOrgId).executeTakeFirst();
  return row !== undefined;
}
