import { sql, type Kysely, type QueryCreator } from "kysely";
import { jsonArrayFrom } from "kysely/helpers/postgres";
import type { Database } from "../schema";

// Vendors' track records: past engagements and the rate KPIs measured on them. A track record is
// public, aggregate data about a vendor (its profile is a shop window readable by any signed-in user),
// so these reads take vendor ids, not the caller's organisation. They never touch quotes, and never
// return an engagement's `rfq_id`: a post-award engagement's RFQ may be another buyer's private one.

type Db = Kysely<Database>;

// Correlated subqueries for a query that has the vendor's id in scope — `organizations.id` for the vendors
// index rows and the vendor page, the joined vendor of each offer for the ranking — so the record comes
// with the vendor in the same round trip.
// Built from the query creator (the outer query's tables are referenced by name), so one helper serves
// outer queries whatever they join or alias.
type Scope = QueryCreator<Database>;

/** How many past engagements the organisation has on record. */
export function engagementCountOf(qc: Scope, vendorId = "organizations.id") {
  return qc
    .selectFrom("vendor_engagements")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("vendor_engagements.vendor_org_id", "=", sql.ref<string>(vendorId));
}

/** Engagements in one category ("similar projects delivered"), 0 when none; `category` is a column in scope. */
export function engagementsInCategoryOf(qc: Scope, vendorId: string, category: string) {
  return qc
    .selectFrom("vendor_engagements")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("vendor_engagements.vendor_org_id", "=", sql.ref<string>(vendorId))
    .where("vendor_engagements.category", "=", sql.ref<string>(category));
}

/**
 * The organisation's measured KPIs, summed over all its engagements, by key: on the vendor page, and
 * the evidence the ranking weighs claims against.
 */
export function kpiTotalsOf(qc: Scope, vendorId = "organizations.id") {
  return jsonArrayFrom(
    qc
      .selectFrom("vendor_kpi_observations")
      .select(["vendor_kpi_observations.kpi_key", sql<number>`sum(successes)::int`.as("successes"), sql<number>`sum(trials)::int`.as("trials")])
      .where("vendor_kpi_observations.vendor_org_id", "=", sql.ref<string>(vendorId))
      .groupBy("vendor_kpi_observations.kpi_key")
      .orderBy("vendor_kpi_observations.kpi_key"),
  );
}

/** One vendor's engagements for its public profile, newest first, each with its measured KPIs. */
export async function listEngagementsOfVendor(db: Db, vendorOrgId: string) {
  return db
    .selectFrom("vendor_engagements")
    .select((eb) => [
      "vendor_engagements.id",
      "vendor_engagements.client_name",
      "vendor_engagements.category",
      "vendor_engagements.title",
      sql<string>`to_char(vendor_engagements.started_on, 'YYYY-MM-DD')`.as("started_on"),
      sql<string | null>`to_char(vendor_engagements.ended_on, 'YYYY-MM-DD')`.as("ended_on"),
      "vendor_engagements.source",
      jsonArrayFrom(
        eb
          .selectFrom("vendor_kpi_observations")
          .select(["vendor_kpi_observations.kpi_key", "vendor_kpi_observations.successes", "vendor_kpi_observations.trials"])
          .whereRef("vendor_kpi_observations.engagement_id", "=", "vendor_engagements.id")
          .orderBy("vendor_kpi_observations.kpi_key"),
      ).as("kpis"),
    ])
    .where("vendor_engagements.vendor_org_id", "=", vendorOrgId)
    .orderBy("vendor_engagements.started_on", "desc")
    .orderBy("vendor_engagements.id")
    .execute();
}

export interface EngagementValues {
  vendorOrgId: string;
  clientName: string;
  category: string;
  title: string;
  startedOn: string;
  endedOn: string | null;
  source: "seeded" | "post_award";
  rfqId?: string | null;
  kpis: { kpiKey: string; successes: number; trials: number }[];
}

/**
 * Records an engagement and its measured KPIs unless the vendor already has one with the same client,
 * title and start date (so an import can run twice). Returns whether it was inserted. Run it in the
 * transaction that also writes the audit and outbox rows.
 */
export async function insertEngagementIfAbsent(db: Db, e: EngagementValues): Promise<boolean> {
  const existing = await db
    .selectFrom("vendor_engagements")
    .select("id")
    .where("vendor_org_id", "=", e.vendorOrgId)
    .where("client_name", "=", e.clientName)
    .where("title", "=", e.title)
    .where("started_on", "=", e.startedOn)
    .executeTakeFirst();
  if (existing) return false;
  const { id } = await db
    .insertInto("vendor_engagements")
    .values({
      vendor_org_id: e.vendorOrgId,
      client_name: e.clientName,
      category: e.category,
      title: e.title,
      started_on: e.startedOn,
      ended_on: e.endedOn,
      source: e.source,
      rfq_id: e.rfqId ?? null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (e.kpis.length > 0) {
    await db
      .insertInto("vendor_kpi_observations")
      .values(e.kpis.map((k) => ({ engagement_id: id, vendor_org_id: e.vendorOrgId, kpi_key: k.kpiKey, successes: k.successes, trials: k.trials })))
      .execute();
  }
  return true;
}
