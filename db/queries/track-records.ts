import { sql, type Kysely, type QueryCreator } from "kysely";
import { jsonArrayFrom } from "kysely/helpers/postgres";
import type { Database } from "../schema";

// Vendors' track records, read from the confirmed facts of their Kurabe contracts (`evidence_events`,
// decision 0038). A track record is public, aggregate data about a vendor (its profile is a shop window
// readable by any signed-in user), so these reads take vendor ids, not the caller's organisation. They never
// return a buyer's name, an RFQ's title or id: another buyer's RFQ may be private.
//
// The queries return sums per (KPI, day) — the day a fact belongs to — and leave the recency weighting to
// TypeScript (app/domain/vendor/track-record.ts `weighTrackRecord`), so the weights use the app's clock, not
// the database's `now()`, and tests can move it.

type Db = Kysely<Database>;

// Correlated subqueries for a query that has the vendor's id in scope — `organizations.id` for the vendors
// index rows and the vendor page, the joined vendor of each offer for the ranking — so the record comes
// with the vendor in the same round trip.
// Built from the query creator (the outer query's tables are referenced by name), so one helper serves
// outer queries whatever they join or alias.
type Scope = QueryCreator<Database>;

/** An engagement is a Kurabe contract with at least one confirmed fact: how many the vendor has. */
export function engagementCountOf(qc: Scope, vendorId = "organizations.id") {
  return qc
    .selectFrom("evidence_events")
    .select(sql<number>`count(distinct evidence_events.contract_id)::int`.as("n"))
    .where("evidence_events.vendor_org_id", "=", sql.ref<string>(vendorId));
}

/** Contracts with facts in one category ("similar projects delivered"), 0 when none; `category` is a column in scope. */
export function engagementsInCategoryOf(qc: Scope, vendorId: string, category: string) {
  return qc
    .selectFrom("evidence_events")
    .select(sql<number>`count(distinct evidence_events.contract_id)::int`.as("n"))
    .where("evidence_events.vendor_org_id", "=", sql.ref<string>(vendorId))
    .where("evidence_events.category", "=", sql.ref<string>(category));
}

/**
 * The vendor's rate facts, summed per KPI and day (every category: a rate such as accuracy is comparable across
 * categories — decision 0038), oldest first: weighed by `weighTrackRecord` into the evidence the ranking weighs
 * claims against and the rates of the vendors index.
 */
export function rateFactsOf(qc: Scope, vendorId = "organizations.id") {
  return jsonArrayFrom(
    qc
      .selectFrom("evidence_events")
      .select([
        "evidence_events.kpi_key",
        sql<string>`to_char(evidence_events.observed_on, 'YYYY-MM-DD')`.as("observed_on"),
        sql<number>`sum(evidence_events.successes)::float8`.as("successes"),
        sql<number>`sum(evidence_events.trials)::float8`.as("trials"),
      ])
      .where("evidence_events.vendor_org_id", "=", sql.ref<string>(vendorId))
      .where("evidence_events.trials", "is not", null)
      .groupBy(["evidence_events.kpi_key", "evidence_events.observed_on"])
      .orderBy("evidence_events.kpi_key")
      .orderBy("evidence_events.observed_on"),
  );
}

/**
 * One vendor's facts for its public profile, summed per contract, KPI and day, with what may be shown of the
 * contract: its category, the buyer's kind (自治体 / 企業) — never the buyer's name or the RFQ's title. Rate facts
 * carry successes/trials, non-rate facts (revision rounds, hours) their summed value and how many there were.
 */
export async function listFactsOfVendor(db: Db, vendorOrgId: string) {
  return db
    .selectFrom("evidence_events")
    .innerJoin("organizations as buyer", "buyer.id", "evidence_events.buyer_org_id")
    .select([
      "evidence_events.contract_id",
      "evidence_events.category",
      "buyer.buyer_kind",
      "evidence_events.kpi_key",
      sql<string>`to_char(evidence_events.observed_on, 'YYYY-MM-DD')`.as("observed_on"),
      sql<number | null>`sum(evidence_events.successes)::float8`.as("successes"),
      sql<number | null>`sum(evidence_events.trials)::float8`.as("trials"),
      sql<number | null>`sum(evidence_events.value)::float8`.as("value_sum"),
      sql<number>`count(evidence_events.value)::int`.as("value_count"),
    ])
    .where("evidence_events.vendor_org_id", "=", vendorOrgId)
    .groupBy(["evidence_events.contract_id", "evidence_events.category", "buyer.buyer_kind", "evidence_events.kpi_key", "evidence_events.observed_on"])
    .orderBy("evidence_events.observed_on")
    .orderBy("evidence_events.kpi_key")
    .execute();
}

/**
 * Queues a `vendor` refresh for every vendor with at least one fact, in one statement (the daily schedule,
 * app/jobs/track-record-refresh.ts): the weights decay with the calendar, so the index's weighted record and the
 * rankings of the RFQs those vendors quoted on are brought up to the day. Returns how many were queued.
 */
export async function enqueueVendorsWithFacts(db: Db): Promise<number> {
  const result = await db
    .insertInto("outbox")
    .columns(["topic", "entity_id"])
    .expression((eb) =>
      eb
        .selectFrom("evidence_events")
        .select([sql<string>`'vendor'`.as("topic"), sql<string>`vendor_org_id::text`.as("entity_id")])
        .distinct(),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}
