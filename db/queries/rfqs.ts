import { sql, type Kysely } from "kysely";
import type { Database, RfqStatusColumn } from "../schema";

// RFQ reads always carry the reader's organisation: buyers read their own RFQs; vendors read
// published versions of marketplace RFQs and of RFQs they were invited to. Drafts never leave
// the buyer's organisation, whatever id is asked for.

export async function insertRfqDraft(
  db: Kysely<Database>,
  r: { buyerOrgId: string; createdBy: string; title: string; category: string; content: unknown; at: Date },
) {
  return db
    .insertInto("rfqs")
    .values({
      buyer_org_id: r.buyerOrgId,
      created_by: r.createdBy,
      title: r.title,
      category: r.category,
      content: JSON.stringify(r.content),
      created_at: r.at,
      updated_at: r.at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findRfqForBuyer(db: Kysely<Database>, buyerOrgId: string, id: string) {
  return db.selectFrom("rfqs").selectAll().where("id", "=", id).where("buyer_org_id", "=", buyerOrgId).executeTakeFirst();
}

/** The few columns that decide whether the buyer's quotes are opened (no content: the ranking's hot path). */
export async function findRfqStateForBuyer(db: Kysely<Database>, buyerOrgId: string, id: string) {
  return db
    .selectFrom("rfqs")
    .select(["id", "buyer_org_id", "status", "sealed", "quote_deadline", "current_version"])
    .where("id", "=", id)
    .where("buyer_org_id", "=", buyerOrgId)
    .executeTakeFirst();
}

/** The working copy, written only while the RFQ belongs to `buyerOrgId`. */
export async function updateRfqWorkingCopy(
  db: Kysely<Database>,
  buyerOrgId: string,
  id: string,
  w: { title: string; category: string; content: unknown; now: Date },
) {
  // Title and category columns are what vendors' lists and the search index show: on a published
  // RFQ they change only when an addendum is published (markRfqPublished), never with the working copy.
  return db
    .updateTable("rfqs")
    .set({
      title: sql<string>`case when status = 'draft' then ${w.title} else title end`,
      category: sql<string>`case when status = 'draft' then ${w.category} else category end`,
      content: JSON.stringify(w.content),
      updated_at: w.now,
    })
    .where("id", "=", id)
    .where("buyer_org_id", "=", buyerOrgId)
    .returningAll()
    .executeTakeFirst();
}

export async function markRfqPublished(
  db: Kysely<Database>,
  id: string,
  p: {
    version: number;
    deadline: string;
    sealed: boolean;
    visibility: "invited" | "marketplace";
    title: string;
    category: string;
    now: Date;
    firstPublication: boolean;
  },
): Promise<boolean> {
  return (
    db
      .updateTable("rfqs")
      .set({
        status: "published",
        current_version: p.version,
        quote_deadline: p.deadline,
        visibility: p.visibility,
        title: p.title,
        category: p.category,
        updated_at: p.now,
        // Sealed/open is written once, at first publication; addenda never touch it (and a trigger refuses it).
        ...(p.firstPublication ? { published_at: p.now, sealed: p.sealed } : {}),
      })
      .where("id", "=", id)
      // A first publication only ever moves a draft: a concurrent second publish updates nothing.
      .$if(p.firstPublication, (q) => q.where("status", "=", "draft"))
      .executeTakeFirst()
      .then((r) => Number(r.numUpdatedRows) === 1)
  );
}

export async function setRfqStatus(db: Kysely<Database>, id: string, status: RfqStatusColumn, now: Date) {
  await db.updateTable("rfqs").set({ status, updated_at: now }).where("id", "=", id).execute();
}

/** Moves the RFQ from `from` to `to`; false when another request changed its status first (nothing written). */
export async function setRfqStatusFrom(db: Kysely<Database>, id: string, from: RfqStatusColumn, to: RfqStatusColumn, now: Date): Promise<boolean> {
  const r = await db.updateTable("rfqs").set({ status: to, updated_at: now }).where("id", "=", id).where("status", "=", from).executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

export async function insertRfqVersion(
  db: Kysely<Database>,
  v: { rfqId: string; version: number; content: unknown; changeSummary: string; createdBy: string; at: Date },
) {
  await db
    .insertInto("rfq_versions")
    .values({
      rfq_id: v.rfqId,
      version: v.version,
      content: JSON.stringify(v.content),
      change_summary: v.changeSummary,
      created_by: v.createdBy,
      created_at: v.at,
    })
    .execute();
}

export async function listRfqVersions(db: Kysely<Database>, rfqId: string) {
  return db.selectFrom("rfq_versions").select(["version", "change_summary", "created_at"]).where("rfq_id", "=", rfqId).orderBy("version", "desc").execute();
}

/** Every published version with its content, oldest first (the version history compares neighbours). */
export async function listRfqVersionContents(db: Kysely<Database>, rfqId: string) {
  return db
    .selectFrom("rfq_versions")
    .select(["version", "content", "change_summary", "created_at"])
    .where("rfq_id", "=", rfqId)
    .orderBy("version", "asc")
    .execute();
}

export async function findRfqVersion(db: Kysely<Database>, rfqId: string, version: number) {
  return db.selectFrom("rfq_versions").selectAll().where("rfq_id", "=", rfqId).where("version", "=", version).executeTakeFirst();
}

export async function replaceRfqInvitations(db: Kysely<Database>, rfqId: string, vendorOrgIds: string[]) {
  await db.deleteFrom("rfq_invitations").where("rfq_id", "=", rfqId).execute();
  if (vendorOrgIds.length) {
    await db
      .insertInto("rfq_invitations")
      .values(vendorOrgIds.map((v) => ({ rfq_id: rfqId, vendor_org_id: v })))
      .execute();
  }
}

/** Of the given ids, the ones that are vendor organisations (invitations may only name vendors). */
export async function filterVendorOrgIds(db: Kysely<Database>, ids: string[]) {
  const uuids = ids.filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  if (uuids.length === 0) return [];
  const rows = await db.selectFrom("organizations").select("id").where("id", "in", uuids).where("kind", "=", "vendor").execute();
  return rows.map((r) => r.id);
}

/** A vendor's view: a published (or later) RFQ that is on the marketplace or that invites this vendor. */
export async function findRfqForVendor(db: Kysely<Database>, vendorOrgId: string, id: string) {
  return db
    .selectFrom("rfqs")
    .innerJoin("rfq_versions", (j) => j.onRef("rfq_versions.rfq_id", "=", "rfqs.id").onRef("rfq_versions.version", "=", "rfqs.current_version"))
    .select([
      "rfqs.id",
      "rfqs.buyer_org_id",
      "rfqs.status",
      "rfqs.title",
      "rfqs.category",
      "rfqs.quote_deadline",
      "rfqs.sealed",
      "rfqs.visibility",
      "rfqs.current_version",
      "rfqs.published_at",
      "rfq_versions.content as published_content",
      "rfq_versions.created_at as version_created_at",
    ])
    .where("rfqs.id", "=", id)
    .where("rfqs.status", "<>", "draft")
    .where((eb) =>
      eb.or([
        eb("rfqs.visibility", "=", "marketplace"),
        eb.exists(
          eb
            .selectFrom("rfq_invitations")
            .select("rfq_id")
            .whereRef("rfq_invitations.rfq_id", "=", "rfqs.id")
            .where("rfq_invitations.vendor_org_id", "=", vendorOrgId),
        ),
      ]),
    )
    .executeTakeFirst();
}

export async function listRfqsOfBuyer(db: Kysely<Database>, buyerOrgId: string, filter: { status?: RfqStatusColumn | "open" | "closed"; now: Date }) {
  let q = db
    .selectFrom("rfqs")
    .select((eb) => [
      "rfqs.id",
      "rfqs.title",
      "rfqs.category",
      "rfqs.status",
      "rfqs.quote_deadline",
      "rfqs.sealed",
      "rfqs.visibility",
      "rfqs.current_version",
      "rfqs.updated_at",
      eb
        .selectFrom("rfq_questions")
        .select(sql<number>`count(*)::int`.as("n"))
        .whereRef("rfq_questions.rfq_id", "=", "rfqs.id")
        .as("questions"),
      eb
        .selectFrom("rfq_questions")
        .select(sql<number>`count(*)::int`.as("n"))
        .whereRef("rfq_questions.rfq_id", "=", "rfqs.id")
        .where("rfq_questions.answer", "is", null)
        .as("unanswered"),
    ])
    .where("rfqs.buyer_org_id", "=", buyerOrgId);
  // "closed" is lazy: a published RFQ past its deadline reads as closed.
  if (filter.status === "open" || filter.status === "published") q = q.where("rfqs.status", "=", "published").where("rfqs.quote_deadline", ">", filter.now);
  else if (filter.status === "closed")
    q = q.where((eb) => eb.or([eb("rfqs.status", "=", "closed"), eb.and([eb("rfqs.status", "=", "published"), eb("rfqs.quote_deadline", "<=", filter.now)])]));
  else if (filter.status) q = q.where("rfqs.status", "=", filter.status);
  return q.orderBy("rfqs.updated_at", "desc").limit(200).execute();
}

/** Open RFQs a vendor may bid on: marketplace ones and those it is invited to, deadline in the future. */
export async function listOpenRfqsForVendor(db: Kysely<Database>, vendorOrgId: string, filter: { now: Date; categories?: string[] }) {
  let q = db
    .selectFrom("rfqs")
    .innerJoin("organizations", "organizations.id", "rfqs.buyer_org_id")
    .select((eb) => [
      "rfqs.id",
      "rfqs.title",
      "rfqs.category",
      "rfqs.quote_deadline",
      "rfqs.visibility",
      "rfqs.current_version",
      "organizations.name as buyer_name",
      eb
        .exists(
          eb
            .selectFrom("rfq_invitations")
            .select("rfq_id")
            .whereRef("rfq_invitations.rfq_id", "=", "rfqs.id")
            .where("rfq_invitations.vendor_org_id", "=", vendorOrgId),
        )
        .as("invited"),
    ])
    .where("rfqs.status", "=", "published")
    .where("rfqs.quote_deadline", ">", filter.now)
    // The comparison above leaves out RFQs without a deadline.
    .$narrowType<{ quote_deadline: Date }>()
    .where((eb) =>
      eb.or([
        eb("rfqs.visibility", "=", "marketplace"),
        eb.exists(
          eb
            .selectFrom("rfq_invitations")
            .select("rfq_id")
            .whereRef("rfq_invitations.rfq_id", "=", "rfqs.id")
            .where("rfq_invitations.vendor_org_id", "=", vendorOrgId),
        ),
      ]),
    );
  if (filter.categories?.length) q = q.where("rfqs.category", "in", filter.categories);
  return q.orderBy("rfqs.quote_deadline", "asc").limit(200).execute();
}

export async function insertQuestion(db: Kysely<Database>, q: { rfqId: string; orgId: string; userId: string; question: string; at: Date }) {
  return db
    .insertInto("rfq_questions")
    .values({ rfq_id: q.rfqId, asked_by_org_id: q.orgId, asked_by_user_id: q.userId, question: q.question, created_at: q.at })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A question with its RFQ, only when that RFQ belongs to `buyerOrgId`. */
export async function findQuestionForBuyer(db: Kysely<Database>, buyerOrgId: string, questionId: string) {
  return db
    .selectFrom("rfq_questions")
    .innerJoin("rfqs", "rfqs.id", "rfq_questions.rfq_id")
    .select(["rfq_questions.id", "rfq_questions.rfq_id", "rfq_questions.question", "rfq_questions.answer", "rfqs.title", "rfqs.status", "rfqs.quote_deadline"])
    .where("rfq_questions.id", "=", questionId)
    .where("rfqs.buyer_org_id", "=", buyerOrgId)
    .executeTakeFirst();
}

export async function saveAnswer(db: Kysely<Database>, questionId: string, a: { answer: string; userId: string; now: Date }) {
  await db.updateTable("rfq_questions").set({ answer: a.answer, answered_by: a.userId, answered_at: a.now }).where("id", "=", questionId).execute();
}

/** The buyer's Q&A list: with the asking organisation, which only the buyer sees. */
export async function listQuestionsForBuyer(db: Kysely<Database>, buyerOrgId: string, rfqId: string) {
  return db
    .selectFrom("rfq_questions")
    .innerJoin("rfqs", "rfqs.id", "rfq_questions.rfq_id")
    .innerJoin("organizations", "organizations.id", "rfq_questions.asked_by_org_id")
    .select([
      "rfq_questions.id",
      "rfq_questions.question",
      "rfq_questions.answer",
      "rfq_questions.answered_at",
      "rfq_questions.created_at",
      "organizations.name as asked_by",
    ])
    .where("rfq_questions.rfq_id", "=", rfqId)
    .where("rfqs.buyer_org_id", "=", buyerOrgId)
    .orderBy("rfq_questions.created_at")
    .execute();
}

/** What a vendor sees: every answered question (anonymous) and its own unanswered ones. No asker column at all. */
export async function listQuestionsForVendor(db: Kysely<Database>, vendorOrgId: string, rfqId: string) {
  return db
    .selectFrom("rfq_questions")
    .select([
      "rfq_questions.id",
      "rfq_questions.question",
      "rfq_questions.answer",
      "rfq_questions.answered_at",
      "rfq_questions.created_at",
      sql<boolean>`rfq_questions.asked_by_org_id = ${vendorOrgId}`.as("mine"),
    ])
    .where("rfq_questions.rfq_id", "=", rfqId)
    .where((eb) => eb.or([eb("rfq_questions.answer", "is not", null), eb("rfq_questions.asked_by_org_id", "=", vendorOrgId)]))
    .orderBy("rfq_questions.created_at")
    .execute();
}

/** Users to tell about an RFQ's news: members of invited vendors and of vendors that asked questions. */
export async function listBidderUserIds(db: Kysely<Database>, rfqId: string) {
  const rows = await db
    .selectFrom("memberships")
    .select("memberships.user_id")
    .where((eb) =>
      eb.or([
        eb("memberships.org_id", "in", eb.selectFrom("rfq_invitations").select("vendor_org_id").where("rfq_id", "=", rfqId)),
        eb("memberships.org_id", "in", eb.selectFrom("rfq_questions").select("asked_by_org_id").where("rfq_id", "=", rfqId)),
      ]),
    )
    .distinct()
    .execute();
  return rows.map((r) => r.user_id);
}

/**
 * Everyone to tell when the RFQ ends without an award: the members of every vendor organisation that was
 * invited, asked a question or started a quote, with the address and language to write to them in.
 */
export async function listBidderRecipients(db: Kysely<Database>, rfqId: string) {
  return db
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select(["users.id", "users.email", "users.name", "users.locale"])
    .where((eb) =>
      eb.or([
        eb("memberships.org_id", "in", eb.selectFrom("rfq_invitations").select("vendor_org_id").where("rfq_id", "=", rfqId)),
        eb("memberships.org_id", "in", eb.selectFrom("rfq_questions").select("asked_by_org_id").where("rfq_id", "=", rfqId)),
        eb("memberships.org_id", "in", eb.selectFrom("quotes").select("vendor_org_id").where("rfq_id", "=", rfqId)),
      ]),
    )
    .distinct()
    .orderBy("users.id")
    .execute();
}

export async function listOrgUserIds(db: Kysely<Database>, orgId: string) {
  const rows = await db.selectFrom("memberships").select("user_id").where("org_id", "=", orgId).execute();
  return rows.map((r) => r.user_id);
}

/** Rows to project into the RFQs index: the published version's content when there is one, else the draft. */
export async function loadRfqIndexRows(db: Kysely<Database>, by: { ids: string[] } | { afterId: string | null; limit: number }) {
  let q = db
    .selectFrom("rfqs")
    .innerJoin("organizations", "organizations.id", "rfqs.buyer_org_id")
    .leftJoin("rfq_versions", (j) => j.onRef("rfq_versions.rfq_id", "=", "rfqs.id").onRef("rfq_versions.version", "=", "rfqs.current_version"))
    .select((eb) => [
      "rfqs.id",
      "rfqs.buyer_org_id",
      "organizations.name as buyer_name",
      "rfqs.status",
      "rfqs.title",
      "rfqs.category",
      "rfqs.quote_deadline",
      "rfqs.visibility",
      "rfqs.current_version",
      "rfqs.published_at",
      "rfqs.updated_at",
      eb.fn.coalesce("rfq_versions.content", "rfqs.content").as("content"),
      eb
        .selectFrom("rfq_invitations")
        .select(sql<string[]>`coalesce(array_agg(vendor_org_id::text), '{}')`.as("ids"))
        .whereRef("rfq_invitations.rfq_id", "=", "rfqs.id")
        .as("invited_vendor_ids"),
    ]);
  if ("ids" in by) {
    if (by.ids.length === 0) return [];
    q = q.where("rfqs.id", "in", by.ids);
  } else {
    if (by.afterId) q = q.where("rfqs.id", ">", by.afterId);
    q = q.orderBy("rfqs.id").limit(by.limit);
  }
  return q.execute();
}

/**
 * Closing is lazy (no write happens at the deadline), so the indexer's sweep enqueues RFQs whose deadline
 * fell in (from, to]: their documents are re-projected with the status "closed".
 */
export async function enqueueRfqsClosedBetween(db: Kysely<Database>, from: Date, to: Date) {
  const result = await db
    .insertInto("outbox")
    .columns(["topic", "entity_id"])
    .expression((eb) =>
      eb
        .selectFrom("rfqs")
        .select([sql<string>`'rfq'`.as("topic"), sql<string>`rfqs.id::text`.as("entity_id")])
        .where("rfqs.status", "=", "published")
        .where("rfqs.quote_deadline", ">", from)
        .where("rfqs.quote_deadline", "<=", to),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

/** Who is searching RFQs: the scope is part of the query itself, never a later filter. */
export type RfqSearchReader = { kind: "vendor"; vendorOrgId: string } | { kind: "buyer"; buyerOrgId: string };

/**
 * The degraded-mode RFQ search (Meilisearch down): ILIKE over the title and purpose of the version the
 * reader may see, within the same scope as the index filter: a vendor gets published, not yet closed RFQs
 * on the marketplace or inviting it; a buyer its own. No facets beyond category, no relevance.
 */
export async function searchRfqsInDatabase(
  db: Kysely<Database>,
  reader: RfqSearchReader,
  p: { q: string; categories?: string[]; now: Date; sort: "relevance" | "deadline" | "newest"; page: number; perPage: number },
) {
  // Vendors read the published version only, never the buyer's working copy of the next addendum.
  const content = reader.kind === "vendor" ? sql<unknown>`rfq_versions.content` : sql<unknown>`coalesce(rfq_versions.content, rfqs.content)`;
  let q = db
    .selectFrom("rfqs")
    .innerJoin("organizations", "organizations.id", "rfqs.buyer_org_id")
    .leftJoin("rfq_versions", (j) => j.onRef("rfq_versions.rfq_id", "=", "rfqs.id").onRef("rfq_versions.version", "=", "rfqs.current_version"))
    .select([
      "rfqs.id",
      "rfqs.buyer_org_id",
      "organizations.name as buyer_name",
      "rfqs.status",
      "rfqs.title",
      "rfqs.category",
      "rfqs.quote_deadline",
      "rfqs.published_at",
      "rfqs.visibility",
      "rfqs.current_version",
      "rfqs.updated_at",
      content.as("content"),
    ]);
  if (reader.kind === "vendor") {
    q = q
      .where("rfqs.status", "=", "published")
      .where("rfqs.quote_deadline", ">", p.now)
      .where((eb) =>
        eb.or([
          eb("rfqs.visibility", "=", "marketplace"),
          eb.exists(
            eb
              .selectFrom("rfq_invitations")
              .select("rfq_id")
              .whereRef("rfq_invitations.rfq_id", "=", "rfqs.id")
              .where("rfq_invitations.vendor_org_id", "=", reader.vendorOrgId),
          ),
        ]),
      );
  } else {
    q = q.where("rfqs.buyer_org_id", "=", reader.buyerOrgId);
  }
  for (const w of p.q.split(/\s+/).filter(Boolean).slice(0, 8)) {
    const like = `%${w.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    q = q.where((eb) => eb.or([eb("rfqs.title", "ilike", like), eb(sql<string>`(${content})->>'purpose'`, "ilike", like)]));
  }
  if (p.categories?.length) q = q.where("rfqs.category", "in", p.categories);
  q = p.sort === "newest" ? q.orderBy("rfqs.published_at", (ob) => ob.desc().nullsLast()) : q.orderBy("rfqs.quote_deadline", (ob) => ob.asc().nullsLast());
  const rows = await q
    .orderBy("rfqs.id")
    .limit(p.perPage + 1)
    .offset((p.page - 1) * p.perPage)
    .execute();
  return { rows: rows.slice(0, p.perPage), hasMore: rows.length > p.perPage };
}

/** The buyer's RFQs that may still take an invitation: drafts, and published ones before their deadline. */
export async function listInvitableRfqsOfBuyer(db: Kysely<Database>, buyerOrgId: string, now: Date) {
  return db
    .selectFrom("rfqs")
    .select(["id", "title", "status", "visibility", "quote_deadline"])
    .where("buyer_org_id", "=", buyerOrgId)
    .where((eb) => eb.or([eb("status", "=", "draft"), eb.and([eb("status", "=", "published"), eb("quote_deadline", ">", now)])]))
    .orderBy("updated_at", "desc")
    .limit(100)
    .execute();
}

/** Adds one invitation; false when the vendor was already invited (the primary key makes this idempotent). */
export async function insertRfqInvitation(db: Kysely<Database>, rfqId: string, vendorOrgId: string): Promise<boolean> {
  const r = await db
    .insertInto("rfq_invitations")
    .values({ rfq_id: rfqId, vendor_org_id: vendorOrgId })
    .onConflict((oc) => oc.columns(["rfq_id", "vendor_org_id"]).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}
