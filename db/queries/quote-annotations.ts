import type { ExpressionBuilder, Kysely } from "kysely";
import type { Database } from "../schema";

/**
 * The RFQs a reader on the buyer's side may see annotations of: its own organisation's (buyer), or those its advisory
 * organisation is assigned to (advisor). Every query here joins `rfqs`.
 */
function readerSeesRfq(eb: ExpressionBuilder<Database, "rfqs">, reader: AnnotationReader) {
  if (reader.side === "buyer") return eb("rfqs.buyer_org_id", "=", reader.orgId);
  return eb.exists(
    eb
      .selectFrom("rfq_advisors")
      .select("rfq_advisors.rfq_id")
      .whereRef("rfq_advisors.rfq_id", "=", "rfqs.id")
      .where("rfq_advisors.advisor_org_id", "=", reader.orgId),
  );
}

// Annotations on opened quotes (strength / risk / question) and clarification requests to a quote's vendor.
// Annotations are read by the RFQ's buyer organisation and the advisory organisations assigned to it — the
// reader's scope is a WHERE here, never a check left to the caller. A vendor reads clarifications only through
// the queries that take its organisation (its own quotes), and never an annotation.

export type AnnotationReader = { side: "buyer" | "advisor"; orgId: string };

/** The annotations of one RFQ (optionally one quote), oldest first, with their author and its organisation. */
export async function listAnnotations(db: Kysely<Database>, reader: AnnotationReader, rfqId: string, quoteId?: string) {
  return db
    .selectFrom("quote_annotations as a")
    .innerJoin("rfqs", "rfqs.id", "a.rfq_id")
    .innerJoin("users as author", "author.id", "a.author_user_id")
    .innerJoin("organizations as author_org", "author_org.id", "a.author_org_id")
    .innerJoin("quotes", "quotes.id", "a.quote_id")
    .innerJoin("organizations as vendor", "vendor.id", "quotes.vendor_org_id")
    .leftJoin("clarification_requests as c", "c.annotation_id", "a.id")
    .select([
      "a.id",
      "a.rfq_id",
      "a.quote_id",
      "a.criterion_key",
      "a.kind",
      "a.body",
      "a.author_user_id",
      "a.author_org_id",
      "a.created_at",
      "a.updated_at",
      "a.withdrawn_at",
      "author.name as author_name",
      "author_org.name as author_org_name",
      "author_org.kind as author_org_kind",
      "vendor.name as vendor_name",
      "c.id as clarification_id",
    ])
    .where("a.rfq_id", "=", rfqId)
    .$if(quoteId !== undefined, (q) => q.where("a.quote_id", "=", quoteId!))
    .where((eb) => readerSeesRfq(eb, reader))
    .orderBy("a.created_at")
    .orderBy("a.id")
    .execute();
}

/**
 * The offers of an RFQ a reader may annotate, by vendor name: the statuses of an offer (app/domain/quote/sealed.ts);
 * the caller has checked that the RFQ's quotes are opened (the sealed-bid rule needs its clock).
 */
export async function listAnnotatableQuotes(db: Kysely<Database>, reader: AnnotationReader, rfqId: string) {
  return db
    .selectFrom("quotes")
    .innerJoin("rfqs", "rfqs.id", "quotes.rfq_id")
    .innerJoin("organizations as vendor", "vendor.id", "quotes.vendor_org_id")
    .select(["quotes.id", "vendor.name as vendor_name"])
    .where("quotes.rfq_id", "=", rfqId)
    .where("quotes.status", "in", ["submitted", "shortlisted", "awarded", "not_selected"])
    .where((eb) => readerSeesRfq(eb, reader))
    .orderBy("vendor.name")
    .execute();
}

/** The earlier states of annotations the caller already read (ids from listAnnotations), oldest first. */
export async function listAnnotationRevisions(db: Kysely<Database>, annotationIds: string[]) {
  if (annotationIds.length === 0) return [];
  return db
    .selectFrom("quote_annotation_revisions as r")
    .innerJoin("users", "users.id", "r.replaced_by")
    .select(["r.id", "r.annotation_id", "r.kind", "r.body", "r.replaced_at", "users.name as replaced_by_name"])
    .where("r.annotation_id", "in", annotationIds)
    .orderBy("r.replaced_at")
    .orderBy("r.id")
    .execute();
}

export async function insertAnnotation(
  db: Kysely<Database>,
  a: {
    rfqId: string;
    quoteId: string;
    criterionKey: string | null;
    kind: "strength" | "risk" | "question";
    body: string;
    authorUserId: string;
    authorOrgId: string;
    at: Date;
  },
) {
  return db
    .insertInto("quote_annotations")
    .values({
      rfq_id: a.rfqId,
      quote_id: a.quoteId,
      criterion_key: a.criterionKey,
      kind: a.kind,
      body: a.body,
      author_user_id: a.authorUserId,
      author_org_id: a.authorOrgId,
      created_at: a.at,
      updated_at: a.at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** One annotation the reader may see, locked for a change. */
export async function findAnnotationForUpdate(db: Kysely<Database>, reader: AnnotationReader, annotationId: string) {
  return db
    .selectFrom("quote_annotations as a")
    .innerJoin("rfqs", "rfqs.id", "a.rfq_id")
    .selectAll("a")
    .select(["rfqs.buyer_org_id", "rfqs.title as rfq_title"])
    .where("a.id", "=", annotationId)
    .where((eb) => readerSeesRfq(eb, reader))
    .forUpdate("a")
    .executeTakeFirst();
}

type AnnotationState = { id: string; kind: "strength" | "risk" | "question"; body: string };

/** Keeps the annotation's text and kind before the edit as a revision, then applies the new ones. */
export async function editAnnotation(
  db: Kysely<Database>,
  before: AnnotationState,
  next: { kind: AnnotationState["kind"]; body: string },
  by: string,
  at: Date,
) {
  await db
    .insertInto("quote_annotation_revisions")
    .values({ annotation_id: before.id, kind: before.kind, body: before.body, replaced_by: by, replaced_at: at })
    .execute();
  return db
    .updateTable("quote_annotations")
    .set({ kind: next.kind, body: next.body, updated_at: at })
    .where("id", "=", before.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Withdrawal keeps the row (and its text) for the record; it only stops counting. */
export async function withdrawAnnotation(db: Kysely<Database>, annotationId: string, at: Date) {
  return db.updateTable("quote_annotations").set({ withdrawn_at: at, updated_at: at }).where("id", "=", annotationId).returningAll().executeTakeFirstOrThrow();
}

/** A clarification request; undefined when this annotation was already sent (one request per annotation). */
export async function insertClarification(
  db: Kysely<Database>,
  c: { rfqId: string; quoteId: string; vendorOrgId: string; annotationId: string | null; question: string; askedBy: string; askerOrgId: string; at: Date },
) {
  return db
    .insertInto("clarification_requests")
    .values({
      rfq_id: c.rfqId,
      quote_id: c.quoteId,
      vendor_org_id: c.vendorOrgId,
      annotation_id: c.annotationId,
      question: c.question,
      asked_by: c.askedBy,
      asker_org_id: c.askerOrgId,
      asked_at: c.at,
    })
    .onConflict((oc) => oc.column("annotation_id").doNothing())
    .returningAll()
    .executeTakeFirst();
}

/** Whether a clarification request was sent from this annotation. */
export async function isAnnotationSent(db: Kysely<Database>, annotationId: string): Promise<boolean> {
  const row = await db.selectFrom("clarification_requests").select("id").where("annotation_id", "=", annotationId).executeTakeFirst();
  return row !== undefined;
}

/** The clarifications on quotes of an RFQ (optionally one quote) for its buyer or an assigned advisor. */
export async function listClarificationsForReader(db: Kysely<Database>, reader: AnnotationReader, rfqId: string, quoteId?: string) {
  return db
    .selectFrom("clarification_requests as c")
    .innerJoin("rfqs", "rfqs.id", "c.rfq_id")
    .innerJoin("users as asker", "asker.id", "c.asked_by")
    .innerJoin("organizations as asker_org", "asker_org.id", "c.asker_org_id")
    .innerJoin("organizations as vendor", "vendor.id", "c.vendor_org_id")
    .leftJoin("users as answerer", "answerer.id", "c.answered_by")
    .select([
      "c.id",
      "c.rfq_id",
      "c.quote_id",
      "c.annotation_id",
      "c.question",
      "c.asked_at",
      "c.answer",
      "c.answered_at",
      "c.asked_by",
      "asker.name as asker_name",
      "asker_org.name as asker_org_name",
      "vendor.name as vendor_name",
      "answerer.name as answerer_name",
    ])
    .where("c.rfq_id", "=", rfqId)
    .$if(quoteId !== undefined, (q) => q.where("c.quote_id", "=", quoteId!))
    .where((eb) => readerSeesRfq(eb, reader))
    .orderBy("c.asked_at")
    .orderBy("c.id")
    .execute();
}

/** One clarification on a quote of this vendor: the columns the vendor view projects from. */
export async function findClarificationOfVendor(db: Kysely<Database>, vendorOrgId: string, clarificationId: string) {
  return db
    .selectFrom("clarification_requests")
    .select(["id", "rfq_id", "quote_id", "question", "asked_at", "answer", "answered_at"])
    .where("id", "=", clarificationId)
    .where("vendor_org_id", "=", vendorOrgId)
    .executeTakeFirst();
}

/** The clarifications on the vendor's own quote: only the columns the vendor view projects from. */
export async function listClarificationsForVendor(db: Kysely<Database>, vendorOrgId: string, quoteId: string) {
  return db
    .selectFrom("clarification_requests")
    .select(["id", "quote_id", "question", "asked_at", "answer", "answered_at"])
    .where("quote_id", "=", quoteId)
    .where("vendor_org_id", "=", vendorOrgId)
    .orderBy("asked_at")
    .orderBy("id")
    .execute();
}

/** One clarification on a quote of this vendor, locked for its answer, with the RFQ's title for the notice. */
export async function findClarificationForVendorUpdate(db: Kysely<Database>, vendorOrgId: string, clarificationId: string) {
  return db
    .selectFrom("clarification_requests as c")
    .innerJoin("quotes", "quotes.id", "c.quote_id")
    .innerJoin("rfqs", "rfqs.id", "c.rfq_id")
    .selectAll("c")
    .select(["rfqs.title as rfq_title"])
    .where("c.id", "=", clarificationId)
    .where("c.vendor_org_id", "=", vendorOrgId)
    .where("quotes.vendor_org_id", "=", vendorOrgId)
    .forUpdate("c")
    .executeTakeFirst();
}

/** Writes the answer once; undefined when it was already answered (the trigger refuses any later change too). */
export async function answerClarification(db: Kysely<Database>, clarificationId: string, answer: string, by: string, at: Date) {
  return db
    .updateTable("clarification_requests")
    .set({ answer, answered_by: by, answered_at: at })
    .where("id", "=", clarificationId)
    .where("answered_at", "is", null)
    .returningAll()
    .executeTakeFirst();
}

/**
 * For the award packet (稟議, helper D's part): the RFQ's current annotations — withdrawn ones left out — with
 * the quote's vendor, the author and its organisation, and the clarification sent from it with its answer.
 * The caller has already checked that the reader is the RFQ's buyer (the packet is the buyer's document).
 */
export async function listAnnotationsForPacket(db: Kysely<Database>, rfqId: string) {
  return db
    .selectFrom("quote_annotations as a")
    .innerJoin("users as author", "author.id", "a.author_user_id")
    .innerJoin("organizations as author_org", "author_org.id", "a.author_org_id")
    .innerJoin("quotes", "quotes.id", "a.quote_id")
    .innerJoin("organizations as vendor", "vendor.id", "quotes.vendor_org_id")
    .leftJoin("clarification_requests as c", "c.annotation_id", "a.id")
    .select([
      "a.id",
      "a.quote_id",
      "a.criterion_key",
      "a.kind",
      "a.body",
      "a.created_at",
      "a.updated_at",
      "author.name as author_name",
      "author_org.name as author_org_name",
      "author_org.kind as author_org_kind",
      "vendor.name as vendor_name",
      "c.question",
      "c.asked_at",
      "c.answer",
      "c.answered_at",
    ])
    .where("a.rfq_id", "=", rfqId)
    .where("a.withdrawn_at", "is", null)
    .orderBy("vendor.name")
    .orderBy("a.created_at")
    .orderBy("a.id")
    .execute();
}

/** For the award packet too: the questions asked directly (without an annotation), with their answers, by vendor. */
export async function listDirectClarificationsForPacket(db: Kysely<Database>, rfqId: string) {
  return db
    .selectFrom("clarification_requests as c")
    .innerJoin("organizations as vendor", "vendor.id", "c.vendor_org_id")
    .innerJoin("organizations as asker_org", "asker_org.id", "c.asker_org_id")
    .select(["c.id", "c.quote_id", "c.question", "c.asked_at", "c.answer", "c.answered_at", "vendor.name as vendor_name", "asker_org.name as asker_org_name"])
    .where("c.rfq_id", "=", rfqId)
    .where("c.annotation_id", "is", null)
    .orderBy("vendor.name")
    .orderBy("c.asked_at")
    .orderBy("c.id")
    .execute();
}
