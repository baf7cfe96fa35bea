import { sql, type Kysely } from "kysely";
import type { Database } from "../schema";
import { enqueueOutbox } from "./outbox";

// The track record's facts (migration 2026121001_evidence_events, decision 0038). Written only by the services
// that confirm a fact — an accepted delivery, a confirmed measurement — inside the confirming transaction.

type Db = Kysely<Database>;

export interface EvidenceFact {
  vendorOrgId: string;
  buyerOrgId: string;
  contractId: string;
  category: string;
  kpiKey: string;
  /** A rate's counts (both or neither). */
  successes?: number;
  trials?: number;
  /** A non-rate KPI's value (revision rounds, hours, yen). */
  value?: number;
  /** The day the fact belongs to: the period's last day, the acceptance date ("YYYY-MM-DD"). */
  observedOn: string;
  source: "delivery" | "measurement";
  sourceId: string;
}

/**
 * Records facts once each ((source, source_id, kpi_key) unique: a repeat is ignored) and, when any was new,
 * enqueues a `vendor` outbox row for each vendor so the vendors index and the rankings of the RFQs it quoted on
 * follow. Run it in the transaction that confirms the facts (with its audit row). Returns how many were new.
 */
export async function recordEvidence(db: Db, facts: readonly EvidenceFact[]): Promise<number> {
  if (facts.length === 0) return 0;
  const rows = await db
    .insertInto("evidence_events")
    .values(
      facts.map((f) => ({
        vendor_org_id: f.vendorOrgId,
        buyer_org_id: f.buyerOrgId,
        contract_id: f.contractId,
        category: f.category,
        kpi_key: f.kpiKey,
        successes: f.value === undefined ? (f.successes ?? null) : null,
        trials: f.value === undefined ? (f.trials ?? null) : null,
        value: f.value === undefined ? null : String(f.value),
        observed_on: f.observedOn,
        source: f.source,
        source_id: f.sourceId,
      })),
    )
    .onConflict((oc) => oc.constraint("evidence_events_once").doNothing())
    .returning("vendor_org_id")
    .execute();
  for (const vendor of new Set(rows.map((r) => r.vendor_org_id))) await enqueueOutbox(db, "vendor", vendor);
  return rows.length;
}

/** One contract's facts, oldest first (periodic reviews, the contract's own record). */
export async function listEvidenceOfContract(db: Db, contractId: string) {
  return db
    .selectFrom("evidence_events")
    .select([
      "id",
      "kpi_key",
      "successes",
      "trials",
      sql<number | null>`value::float8`.as("value"),
      sql<string>`to_char(observed_on, 'YYYY-MM-DD')`.as("observed_on"),
      "source",
      "source_id",
    ])
    .where("contract_id", "=", contractId)
    .orderBy("observed_on")
    .orderBy("kpi_key")
    .execute();
}
