import { sql, type ExpressionBuilder, type Kysely } from "kysely";
import { jsonArrayFrom } from "kysely/helpers/postgres";
import type { Database } from "../schema";

// Vendors' track records: past engagements and the rate KPIs measured on them. A track record is
// public, aggregate data about a vendor (its profile is a shop window readable by any signed-in user),
// so these reads take vendor ids, not the caller's organisation. They never touch quotes, and never
// return an engagement's `rfq_id`: a post-award engagement's RFQ may be another buyer's private one.

type Db = Kysely<Database>;

export interface KpiTotals {
  kpi_key: string;
  successes: number;
  trials: number;
}

/**
 * The evidence the ranking weighs claims against: successes and trials summed over every engagement,
 * per vendor and KPI key (one grouped query). Vendors or keys without observations are absent.
 */
export async function loadKpiEvidence(db: Db, vendorOrgIds: string[], kpiKeys: string[]): Promise<(KpiTotals & { vendor_org_id: string })[]> {
  if (vendorOrgIds.length === 0 || kpiKeys.length === 0) return [];
  return db
    .selectFrom("vendor_kpi_observations")
    .select(["vendor_org_id", "kpi_key", sql<number>`sum(successes)::int`.as("successes"), sql<number>`sum(trials)::int`.as("trials")])
    .where("vendor_org_id", "in", vendorOrgIds)
    .where("kpi_key", "in", kpiKeys)
    .groupBy(["vendor_org_id", "kpi_key"])
    .execute();
}

/** Engagements per vendor in one category ("similar projects delivered"); vendors without any are absent. */
export async function countEngagementsInCategory(db: Db, vendorOrgIds: string[], category: string): Promise<{ vendor_org_id: string; engagements: number }[]> {
  if (vendorOrgIds.length === 0) return [];
  return db
    .selectFrom("vendor_engagements")
    .select(["vendor_org_id", sql<number>`count(*)::int`.as("engagements")])
    .where("vendor_org_id", "in", vendorOrgIds)
    .where("category", "=", category)
    .groupBy("vendor_org_id")
    .execute();
}

// Correlated subqueries for a query over `organizations` (the vendors index rows and the vendor page),
// so the summary comes with the vendor in the same round trip.
type OrgScope = ExpressionBuilder<Database, "organizations">;

/** How many past engagements the organisation has on record. */
export function engagementCountOf(eb: OrgScope) {
  return eb
    .selectFrom("vendor_engagements")
    .select(sql<number>`count(*)::int`.as("n"))
    .whereRef("vendor_engagements.vendor_org_id", "=", "organizations.id");
}

/** The organisation's measured KPIs, summed over all its engagements, by key. */
export function kpiTotalsOf(eb: OrgScope) {
  return jsonArrayFrom(
    eb
      .selectFrom("vendor_kpi_observations")
      .select(["vendor_kpi_observations.kpi_key", sql<number>`sum(successes)::int`.as("successes"), sql<number>`sum(trials)::int`.as("trials")])
      .whereRef("vendor_kpi_observations.vendor_org_id", "=", "organizations.id")
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

export type EngagementRow = Awaited<ReturnType<typeof listEngagementsOfVendor>>[number];

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
