import { sql, type Kysely } from "kysely";
import type { Database } from "../schema";

// The home page's lists, one organisation's work each. Every query takes the reader's organisation and
// filters by it in SQL. The vendor's lists select only what a vendor may read of an RFQ (title,
// deadline, the buyer's name — as on the marketplace list) and of its own quotes (status, dates).

const LIMIT = 10;
const DAY_MS = 24 * 60 * 60 * 1000;
/** How long after its deadline an RFQ's comparison counts as "newly opened" on the buyer's home. */
export const NEWLY_OPENED_DAYS = 14;

export async function buyerDashboardRows(db: Kysely<Database>, buyerOrgId: string, now: Date) {
  const [drafts, open, questions, opened] = await Promise.all([
    db
      .selectFrom("rfqs")
      .select(["id", "title", "updated_at"])
      .where("buyer_org_id", "=", buyerOrgId)
      .where("status", "=", "draft")
      .orderBy("updated_at", "desc")
      .limit(LIMIT)
      .execute(),
    db
      .selectFrom("rfqs")
      .select(["id", "title", "quote_deadline"])
      .where("buyer_org_id", "=", buyerOrgId)
      .where("status", "=", "published")
      .where("quote_deadline", ">", now)
      .$narrowType<{ quote_deadline: Date }>()
      .orderBy("quote_deadline", "asc")
      .limit(LIMIT)
      .execute(),
    db
      .selectFrom("rfq_questions")
      .innerJoin("rfqs", "rfqs.id", "rfq_questions.rfq_id")
      .select(["rfq_questions.id", "rfq_questions.question", "rfq_questions.created_at", "rfqs.id as rfq_id", "rfqs.title as rfq_title"])
      .where("rfqs.buyer_org_id", "=", buyerOrgId)
      .where("rfqs.status", "=", "published")
      .where("rfq_questions.answer", "is", null)
      .orderBy("rfq_questions.created_at", "asc")
      .limit(LIMIT)
      .execute(),
    // Sealed quotes open at the deadline; an open (unsealed) RFQ's comparison is readable at once, so
    // "newly opened" is the deadline passing for both. Cancelled RFQs never open.
    db
      .selectFrom("rfqs")
      .select((eb) => [
        "rfqs.id",
        "rfqs.title",
        "rfqs.quote_deadline",
        eb
          .selectFrom("quotes")
          .select(sql<number>`count(*)::int`.as("n"))
          .whereRef("quotes.rfq_id", "=", "rfqs.id")
          .where("quotes.status", "in", ["submitted", "shortlisted", "awarded", "not_selected"])
          .as("quotes"),
      ])
      .where("rfqs.buyer_org_id", "=", buyerOrgId)
      .where("rfqs.status", "in", ["published", "closed"])
      .where("rfqs.quote_deadline", "<=", now)
      .where("rfqs.quote_deadline", ">", new Date(now.getTime() - NEWLY_OPENED_DAYS * DAY_MS))
      .$narrowType<{ quote_deadline: Date }>()
      .orderBy("rfqs.quote_deadline", "desc")
      .limit(LIMIT)
      .execute(),
  ]);
  return { drafts, open, questions, opened };
}

/** Invitations to published RFQs still open, which the vendor has not yet answered with a quote. */
export async function vendorDashboardRows(db: Kysely<Database>, vendorOrgId: string, now: Date) {
  const openRfqs = db
    .selectFrom("rfqs")
    .innerJoin("organizations as buyer", "buyer.id", "rfqs.buyer_org_id")
    .where("rfqs.status", "=", "published")
    .where("rfqs.quote_deadline", ">", now);
  const ownQuotes = openRfqs
    .innerJoin("quotes", "quotes.rfq_id", "rfqs.id")
    .where("quotes.vendor_org_id", "=", vendorOrgId)
    .select(["quotes.id as quote_id", "quotes.status", "quotes.updated_at", "rfqs.id", "rfqs.title", "rfqs.quote_deadline", "buyer.name as buyer_name"])
    .$narrowType<{ quote_deadline: Date }>();
  const [invitations, deadlines, reconfirm, withdrawn] = await Promise.all([
    openRfqs
      .innerJoin("rfq_invitations", (j) => j.onRef("rfq_invitations.rfq_id", "=", "rfqs.id").on("rfq_invitations.vendor_org_id", "=", vendorOrgId))
      .select(["rfqs.id", "rfqs.title", "rfqs.quote_deadline", "buyer.name as buyer_name", "rfq_invitations.created_at as invited_at"])
      .$narrowType<{ quote_deadline: Date }>()
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom("quotes")
              .select("quotes.id")
              .whereRef("quotes.rfq_id", "=", "rfqs.id")
              .where("quotes.vendor_org_id", "=", vendorOrgId)
              .where("quotes.status", "<>", "draft"),
          ),
        ),
      )
      .orderBy("rfqs.quote_deadline", "asc")
      .limit(LIMIT)
      .execute(),
    ownQuotes.where("quotes.status", "in", ["draft", "submitted"]).orderBy("rfqs.quote_deadline", "asc").limit(LIMIT).execute(),
    ownQuotes
      .where("quotes.status", "=", "submitted")
      .whereRef("quotes.rfq_version", "<", "rfqs.current_version")
      .orderBy("rfqs.quote_deadline", "asc")
      .limit(LIMIT)
      .execute(),
    ownQuotes.where("quotes.status", "=", "withdrawn").orderBy("rfqs.quote_deadline", "asc").limit(LIMIT).execute(),
  ]);
  return { invitations, deadlines, reconfirm, withdrawn };
}

/** Certificates waiting for a platform admin's review, the longest waiting first, and how many there are. */
export async function adminDashboardRows(db: Kysely<Database>) {
  const [rows, total] = await Promise.all([
    db
      .selectFrom("certifications")
      .innerJoin("organizations", "organizations.id", "certifications.org_id")
      .select(["certifications.id", "certifications.type", "certifications.created_at", "organizations.name as org_name", "organizations.id as org_id"])
      .where("certifications.status", "=", "unverified")
      .orderBy("certifications.created_at", "asc")
      .limit(LIMIT)
      .execute(),
    db
      .selectFrom("certifications")
      .select(sql<number>`count(*)::int`.as("n"))
      .where("status", "=", "unverified")
      .executeTakeFirstOrThrow(),
  ]);
  return { certificates: rows, waiting: total.n };
}
