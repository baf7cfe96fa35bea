import type { Kysely } from "kysely";
import type { Database } from "../schema";

// Advisors assigned to RFQs by their buyers. An advisory organisation reads an RFQ only through the
// rfq_advisors row that names it: every advisor read below joins on it, so an unassigned advisor gets
// nothing whatever id it asks for. The buyer's reads and writes carry the buyer organisation.

/** The RFQ (the buyer's working copy) for an advisory organisation the buyer assigned to it. */
export async function findRfqForAdvisor(db: Kysely<Database>, advisorOrgId: string, rfqId: string) {
  return db
    .selectFrom("rfqs")
    .innerJoin("rfq_advisors", (j) => j.onRef("rfq_advisors.rfq_id", "=", "rfqs.id").on("rfq_advisors.advisor_org_id", "=", advisorOrgId))
    .innerJoin("organizations as buyer", "buyer.id", "rfqs.buyer_org_id")
    .selectAll("rfqs")
    .select("buyer.name as buyer_name")
    .where("rfqs.id", "=", rfqId)
    .executeTakeFirst();
}

/** The RFQs an advisory organisation is assigned to, newest assignment first. */
export async function listRfqsAssignedToAdvisor(db: Kysely<Database>, advisorOrgId: string) {
  return db
    .selectFrom("rfq_advisors")
    .innerJoin("rfqs", "rfqs.id", "rfq_advisors.rfq_id")
    .innerJoin("organizations as buyer", "buyer.id", "rfqs.buyer_org_id")
    .select([
      "rfqs.id",
      "rfqs.title",
      "rfqs.category",
      "rfqs.status",
      "rfqs.quote_deadline",
      "rfqs.sealed",
      "rfqs.current_version",
      "buyer.name as buyer_name",
      "rfq_advisors.created_at as assigned_at",
    ])
    .where("rfq_advisors.advisor_org_id", "=", advisorOrgId)
    .orderBy("rfq_advisors.created_at", "desc")
    .limit(200)
    .execute();
}

/** The advisors of the buyer's own RFQ, with who assigned them. */
export async function listAdvisorsOfRfqForBuyer(db: Kysely<Database>, buyerOrgId: string, rfqId: string) {
  return db
    .selectFrom("rfq_advisors")
    .innerJoin("rfqs", "rfqs.id", "rfq_advisors.rfq_id")
    .innerJoin("organizations as advisor", "advisor.id", "rfq_advisors.advisor_org_id")
    .innerJoin("users as assigner", "assigner.id", "rfq_advisors.assigned_by")
    .select(["advisor.id as advisor_org_id", "advisor.name as advisor_name", "assigner.name as assigned_by_name", "rfq_advisors.created_at"])
    .where("rfq_advisors.rfq_id", "=", rfqId)
    .where("rfqs.buyer_org_id", "=", buyerOrgId)
    .orderBy("rfq_advisors.created_at")
    .execute();
}

/** The ids of the advisory organisations assigned to an RFQ the caller was already allowed to read. */
export async function listAdvisorOrgIdsOfRfq(db: Kysely<Database>, rfqId: string) {
  const rows = await db.selectFrom("rfq_advisors").select("advisor_org_id").where("rfq_id", "=", rfqId).execute();
  return rows.map((r) => r.advisor_org_id);
}

/** Advisory organisations on the platform: what a buyer picks from (names only, like the vendor directory). */
export async function listAdvisoryOrganizations(db: Kysely<Database>) {
  return db.selectFrom("organizations").select(["id", "name"]).where("kind", "=", "advisory").orderBy("name").limit(500).execute();
}

export async function findAdvisoryOrganization(db: Kysely<Database>, orgId: string) {
  return db.selectFrom("organizations").select(["id", "name"]).where("id", "=", orgId).where("kind", "=", "advisory").executeTakeFirst();
}

/** Assigns; false when the advisor was already assigned (the primary key keeps one row per pair). */
export async function insertRfqAdvisor(db: Kysely<Database>, a: { rfqId: string; advisorOrgId: string; assignedBy: string; at: Date }): Promise<boolean> {
  const inserted = await db
    .insertInto("rfq_advisors")
    .values({ rfq_id: a.rfqId, advisor_org_id: a.advisorOrgId, assigned_by: a.assignedBy, created_at: a.at })
    .onConflict((oc) => oc.columns(["rfq_id", "advisor_org_id"]).doNothing())
    .returning("rfq_id")
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Removes an advisor from the buyer's own RFQ; false when there was nothing to remove. */
export async function deleteRfqAdvisor(db: Kysely<Database>, buyerOrgId: string, rfqId: string, advisorOrgId: string): Promise<boolean> {
  const result = await db
    .deleteFrom("rfq_advisors")
    .where("rfq_id", "=", rfqId)
    .where("advisor_org_id", "=", advisorOrgId)
    .where("rfq_id", "in", (eb) => eb.selectFrom("rfqs").select("id").where("buyer_org_id", "=", buyerOrgId))
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** The published Q&A as an assigned advisor reads it: answered questions, without who asked. */
export async function listAnsweredQuestionsForAdvisor(db: Kysely<Database>, advisorOrgId: string, rfqId: string) {
  return db
    .selectFrom("rfq_questions")
    .innerJoin("rfq_advisors", (j) => j.onRef("rfq_advisors.rfq_id", "=", "rfq_questions.rfq_id").on("rfq_advisors.advisor_org_id", "=", advisorOrgId))
    .select(["rfq_questions.id", "rfq_questions.question", "rfq_questions.answer", "rfq_questions.answered_at", "rfq_questions.created_at"])
    .where("rfq_questions.rfq_id", "=", rfqId)
    .where("rfq_questions.answer", "is not", null)
    .orderBy("rfq_questions.created_at")
    .execute();
}
