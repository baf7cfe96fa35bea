import { sql, type Kysely } from "kysely";
import type { Database } from "../schema";
import type { ContractContent } from "~/domain/contracts/contract-draft";
import { endedPeriods, type Cadence } from "~/domain/reviews/periods";
import { ratingYearOn } from "~/domain/reviews/ratings";

// Periodic reviews (定例レビュー) and verified vendor ratings (migration 2026121005_reviews, decision 0042).
// Every read of a review takes its contract: the services have already checked the caller is a party to it.

type Db = Kysely<Database>;
type ReviewStatus = "draft" | "awaiting_vendor" | "finalized";

const reviewColumns = [
  "contract_reviews.id",
  "contract_reviews.contract_id",
  "contract_reviews.buyer_org_id",
  "contract_reviews.vendor_org_id",
  "contract_reviews.cadence",
  sql<string>`to_char(contract_reviews.period_start, 'YYYY-MM-DD')`.as("period_start"),
  sql<string>`to_char(contract_reviews.period_end, 'YYYY-MM-DD')`.as("period_end"),
  "contract_reviews.status",
  "contract_reviews.notes",
  "contract_reviews.proposals",
  "contract_reviews.actions",
  "contract_reviews.snapshot",
  "contract_reviews.created_at",
  "contract_reviews.updated_at",
  "contract_reviews.shared_at",
  "contract_reviews.finalized_at",
  "contract_reviews.finalized_by",
] as const;

// ---------------------------------------------------------------------------------------------
// Cadence

export async function findReviewCadence(db: Db, contractId: string): Promise<Cadence | null> {
  const row = await db.selectFrom("contract_review_settings").select("cadence").where("contract_id", "=", contractId).executeTakeFirst();
  return row?.cadence ?? null;
}

/** Sets the cadence if none is set (the buyer picks it once) and returns the one in force. */
export async function setReviewCadenceOnce(db: Db, o: { contractId: string; cadence: Cadence; userId: string; at: Date }): Promise<Cadence> {
  await db
    .insertInto("contract_review_settings")
    .values({ contract_id: o.contractId, cadence: o.cadence, set_by: o.userId, set_at: o.at })
    .onConflict((oc) => oc.column("contract_id").doNothing())
    .execute();
  return (await findReviewCadence(db, o.contractId))!;
}

// ---------------------------------------------------------------------------------------------
// Reviews

/** Inserts the review of a period; undefined when the period already has one. */
export async function insertReview(
  db: Db,
  r: { contractId: string; buyerOrgId: string; vendorOrgId: string; cadence: Cadence; periodStart: string; periodEnd: string; userId: string; at: Date },
) {
  return db
    .insertInto("contract_reviews")
    .values({
      contract_id: r.contractId,
      buyer_org_id: r.buyerOrgId,
      vendor_org_id: r.vendorOrgId,
      cadence: r.cadence,
      period_start: r.periodStart,
      period_end: r.periodEnd,
      created_by: r.userId,
      created_at: r.at,
      updated_at: r.at,
    })
    .onConflict((oc) => oc.constraint("contract_reviews_once").doNothing())
    .returning("id")
    .executeTakeFirst();
}

export async function listReviewsOfContract(db: Db, contractId: string) {
  return db
    .selectFrom("contract_reviews")
    .select([
      ...reviewColumns,
      (eb) =>
        eb
          .selectFrom("contract_review_comments")
          .select(sql<number>`count(*)::int`.as("n"))
          .whereRef("contract_review_comments.review_id", "=", "contract_reviews.id")
          .where("contract_review_comments.side", "=", "vendor")
          .as("vendor_comments"),
    ])
    .where("contract_id", "=", contractId)
    .orderBy("period_start", "desc")
    .execute();
}

export async function findReviewOfContract(db: Db, contractId: string, reviewId: string) {
  return db.selectFrom("contract_reviews").select(reviewColumns).where("id", "=", reviewId).where("contract_id", "=", contractId).executeTakeFirst();
}

/** The review, locked for a change that depends on its status. */
export async function lockReview(db: Db, contractId: string, reviewId: string) {
  return db
    .selectFrom("contract_reviews")
    .select(reviewColumns)
    .where("id", "=", reviewId)
    .where("contract_id", "=", contractId)
    .forUpdate()
    .executeTakeFirst();
}

export async function updateReviewRow(
  db: Db,
  reviewId: string,
  patch: {
    notes?: string;
    proposals?: string;
    actions?: unknown;
    status?: ReviewStatus;
    sharedAt?: Date;
    finalized?: { at: Date; by: string; snapshot: unknown };
    at: Date;
  },
) {
  await db
    .updateTable("contract_reviews")
    .set({
      ...(patch.notes !== undefined ? { notes: patch.notes } : {}),
      ...(patch.proposals !== undefined ? { proposals: patch.proposals } : {}),
      ...(patch.actions !== undefined ? { actions: JSON.stringify(patch.actions) } : {}),
      ...(patch.status ? { status: patch.status } : {}),
      ...(patch.sharedAt ? { shared_at: patch.sharedAt } : {}),
      ...(patch.finalized ? { finalized_at: patch.finalized.at, finalized_by: patch.finalized.by, snapshot: JSON.stringify(patch.finalized.snapshot) } : {}),
      updated_at: patch.at,
    })
    .where("id", "=", reviewId)
    .execute();
}

export async function insertReviewComment(db: Db, c: { reviewId: string; side: "buyer" | "vendor"; userId: string; body: string; at: Date }) {
  return db
    .insertInto("contract_review_comments")
    .values({ review_id: c.reviewId, side: c.side, author_user_id: c.userId, body: c.body, created_at: c.at })
    .returning("id")
    .executeTakeFirstOrThrow();
}

export async function listReviewComments(db: Db, reviewId: string) {
  return db
    .selectFrom("contract_review_comments")
    .innerJoin("users", "users.id", "contract_review_comments.author_user_id")
    .select([
      "contract_review_comments.id",
      "contract_review_comments.side",
      "contract_review_comments.body",
      "contract_review_comments.created_at",
      "users.name as author_name",
    ])
    .where("review_id", "=", reviewId)
    .orderBy("contract_review_comments.created_at")
    .orderBy("contract_review_comments.id")
    .execute();
}

/** The members of the two parties (owners of agreed actions), with their side. */
export async function listPartyMembers(db: Db, buyerOrgId: string, vendorOrgId: string) {
  return db
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select(["users.id", "users.name", "users.email", "users.locale", "memberships.org_id"])
    .where("memberships.org_id", "in", [buyerOrgId, vendorOrgId])
    .orderBy("users.name")
    .execute();
}

export async function findReviewDocument(db: Db, reviewId: string, locale: "ja" | "en") {
  return db.selectFrom("contract_review_documents").selectAll().where("review_id", "=", reviewId).where("locale", "=", locale).executeTakeFirst();
}

/** Keeps a finalized review's PDF once per language; the first insert wins and every caller reads it back. */
export async function insertReviewDocumentOnce(
  db: Db,
  d: { reviewId: string; locale: "ja" | "en"; fileName: string; sha256: string; bytes: Uint8Array; at: Date },
) {
  const inserted = await db
    .insertInto("contract_review_documents")
    .values({ review_id: d.reviewId, locale: d.locale, file_name: d.fileName, sha256: d.sha256, bytes: Buffer.from(d.bytes), created_at: d.at })
    .onConflict((oc) => oc.constraint("contract_review_documents_once").doNothing())
    .returning("id")
    .executeTakeFirst();
  return { row: (await findReviewDocument(db, d.reviewId, d.locale))!, inserted: inserted !== undefined };
}

// ---------------------------------------------------------------------------------------------
// Reminders

/** The active contracts with what the review reminders and to-dos need. */
export async function listActiveContractsForReviews(db: Db, filter?: { side: "buyer" | "vendor"; orgId: string }) {
  let q = db
    .selectFrom("contracts")
    .innerJoin("contract_versions", (j) =>
      j.onRef("contract_versions.contract_id", "=", "contracts.id").onRef("contract_versions.version", "=", "contracts.current_version"),
    )
    .leftJoin("contract_review_settings", "contract_review_settings.contract_id", "contracts.id")
    .select([
      "contracts.id",
      "contracts.rfq_id",
      "contracts.buyer_org_id",
      "contracts.vendor_org_id",
      "contract_versions.content",
      "contract_review_settings.cadence",
      (eb) =>
        eb
          .selectFrom("contract_reviews")
          .select(sql<string[]>`coalesce(array_agg(to_char(period_start, 'YYYY-MM-DD')), '{}')`.as("p"))
          .whereRef("contract_reviews.contract_id", "=", "contracts.id")
          .where("contract_reviews.status", "=", "finalized")
          .as("finalized_starts"),
      (eb) =>
        eb
          .selectFrom("vendor_ratings")
          .select(sql<number[]>`coalesce(array_agg(rating_year), '{}')`.as("y"))
          .whereRef("vendor_ratings.contract_id", "=", "contracts.id")
          .as("rated_years"),
    ])
    .where("contracts.status", "=", "active");
  if (filter) q = q.where(filter.side === "buyer" ? "contracts.buyer_org_id" : "contracts.vendor_org_id", "=", filter.orgId);
  const rows = await q.orderBy("contracts.id").execute();
  return rows.map((r) => ({
    ...r,
    content: r.content as ContractContent,
    cadence: (r.cadence ?? "monthly") as Cadence,
    finalized_starts: r.finalized_starts ?? [],
    rated_years: r.rated_years ?? [],
  }));
}

/** Reviews shared with the vendor that have no vendor comment yet (the vendor's reminder and to-do). */
export async function listReviewsAwaitingVendorComment(db: Db, vendorOrgId?: string) {
  let q = db
    .selectFrom("contract_reviews")
    .select([
      "id",
      "contract_id",
      "buyer_org_id",
      "vendor_org_id",
      sql<string>`to_char(period_start, 'YYYY-MM-DD')`.as("period_start"),
      sql<string>`to_char(period_end, 'YYYY-MM-DD')`.as("period_end"),
    ])
    .where("status", "=", "awaiting_vendor")
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("contract_review_comments")
            .select("contract_review_comments.id")
            .whereRef("contract_review_comments.review_id", "=", "contract_reviews.id")
            .where("contract_review_comments.side", "=", "vendor"),
        ),
      ),
    );
  if (vendorOrgId) q = q.where("vendor_org_id", "=", vendorOrgId);
  return q.orderBy("period_start").execute();
}

/** Claims a reminder: true for the one caller that inserts (kind, subject) first. */
export async function claimReviewReminder(
  db: Db,
  r: { kind: "review_due" | "review_comment"; subject: string; contractId: string; at: Date },
): Promise<boolean> {
  const row = await db
    .insertInto("review_reminders")
    .values({ kind: r.kind, subject: r.subject, contract_id: r.contractId, sent_at: r.at })
    .onConflict((oc) => oc.constraint("review_reminders_once").doNothing())
    .returning("kind")
    .executeTakeFirst();
  return row !== undefined;
}

// ---------------------------------------------------------------------------------------------
// Ratings

export async function insertRating(
  db: Db,
  r: {
    contractId: string;
    vendorOrgId: string;
    buyerOrgId: string;
    buyerKind: "municipality" | "company";
    ratingYear: number;
    quality: number;
    schedule: number;
    cost: number;
    communication: number;
    wouldHireAgain: number;
    comment: string;
    userId: string;
    at: Date;
  },
) {
  return db
    .insertInto("vendor_ratings")
    .values({
      contract_id: r.contractId,
      vendor_org_id: r.vendorOrgId,
      buyer_org_id: r.buyerOrgId,
      buyer_kind: r.buyerKind,
      rating_year: r.ratingYear,
      quality: r.quality,
      schedule: r.schedule,
      cost: r.cost,
      communication: r.communication,
      would_hire_again: r.wouldHireAgain,
      comment: r.comment,
      author_user_id: r.userId,
      created_at: r.at,
    })
    .onConflict((oc) => oc.constraint("vendor_ratings_once").doNothing())
    .returning("id")
    .executeTakeFirst();
}

const ratingColumns = [
  "vendor_ratings.id",
  "vendor_ratings.contract_id",
  "vendor_ratings.buyer_kind",
  "vendor_ratings.rating_year",
  "vendor_ratings.quality",
  "vendor_ratings.schedule",
  "vendor_ratings.cost",
  "vendor_ratings.communication",
  "vendor_ratings.would_hire_again",
  "vendor_ratings.comment",
  "vendor_ratings.created_at",
  "vendor_ratings.vendor_reply",
  "vendor_ratings.replied_at",
] as const;

export async function listRatingsOfContract(db: Db, contractId: string) {
  return db.selectFrom("vendor_ratings").select(ratingColumns).where("contract_id", "=", contractId).orderBy("rating_year").execute();
}

export async function findRatingOfContract(db: Db, contractId: string, ratingId: string) {
  return db.selectFrom("vendor_ratings").select(ratingColumns).where("contract_id", "=", contractId).where("id", "=", ratingId).executeTakeFirst();
}

/**
 * A vendor's ratings for its public profile, newest first: scores, comment, reply and the buyer's KIND only —
 * never the buyer organisation, its author or the contract (decision 0042).
 */
export async function listRatingsOfVendor(db: Db, vendorOrgId: string) {
  return db
    .selectFrom("vendor_ratings")
    .select(["id", "buyer_kind", "quality", "schedule", "cost", "communication", "would_hire_again", "comment", "created_at", "vendor_reply", "replied_at"])
    .where("vendor_org_id", "=", vendorOrgId)
    .orderBy("created_at", "desc")
    .orderBy("id")
    .execute();
}

/** Writes the vendor's one reply; false when the rating already has one. */
export async function setRatingReply(db: Db, ratingId: string, r: { reply: string; userId: string; at: Date }): Promise<boolean> {
  const res = await db
    .updateTable("vendor_ratings")
    .set({ vendor_reply: r.reply, replied_by: r.userId, replied_at: r.at })
    .where("id", "=", ratingId)
    .where("vendor_reply", "is", null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

// ---------------------------------------------------------------------------------------------
// To-dos on the contracts list

/**
 * The open to-dos of periodic reviews and ratings per contract, for the contracts list: the buyer's
 * 'review_due' (ended periods of an active contract without a finalized review) and 'rating_due' (a contract
 * that can be rated now — ended, or a whole contract year completed — and is not rated for that year); the
 * vendor's 'review_comment' (reviews shared with it that await its comment). `today` is the Japanese date
 * (the service passes its clock's; default: now).
 */
export async function openItemsFor(
  db: Db,
  side: "buyer" | "vendor",
  orgId: string,
  today: string = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tokyo" }).format(new Date()),
): Promise<{ contractId: string; kind: string; count: number }[]> {
  if (side === "vendor") {
    const counts = new Map<string, number>();
    for (const r of await listReviewsAwaitingVendorComment(db, orgId)) counts.set(r.contract_id, (counts.get(r.contract_id) ?? 0) + 1);
    return [...counts].map(([contractId, count]) => ({ contractId, kind: "review_comment", count }));
  }
  const items: { contractId: string; kind: string; count: number }[] = [];
  for (const c of await listActiveContractsForReviews(db, { side, orgId })) {
    const due = endedPeriods(c.content.term, c.cadence, today).filter((p) => !c.finalized_starts.includes(p.start)).length;
    if (due > 0) items.push({ contractId: c.id, kind: "review_due", count: due });
    const year = ratingYearOn(c.content.term, today);
    if (year !== null && !c.rated_years.includes(year)) items.push({ contractId: c.id, kind: "rating_due", count: 1 });
  }
  return items;
}
