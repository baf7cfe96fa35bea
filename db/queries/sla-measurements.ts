import { sql, type Kysely } from "kysely";
import { listActiveContractsWithContent } from "./contracts";
import type { Database, MeasurementEventKind, MeasurementStatus } from "../schema";
import { lastEndedPeriod } from "../../app/domain/measurements/period";
import { tokyoDateString } from "../../app/utils/format";

// SLA measurements (migration 2026121003_sla_measurements, decision 0040). A query that reads tenant data takes
// the caller's organisation; the writes run inside the service's transaction, under the contract's lock.

type Db = Kysely<Database>;

const measurementColumns = [
  "sla_measurements.id",
  "sla_measurements.contract_id",
  "sla_measurements.buyer_org_id",
  "sla_measurements.vendor_org_id",
  "sla_measurements.period",
  "sla_measurements.kpi_key",
  "sla_measurements.status",
  "sla_measurements.successes",
  "sla_measurements.trials",
  sql<number | null>`sla_measurements.value::float8`.as("value"),
  "sla_measurements.note",
  "sla_measurements.revision",
  "sla_measurements.submitted_at",
  "sla_measurements.decided_at",
] as const;

/** A measurement of a contract the organisation is a party to (either side), or undefined. */
export async function findMeasurementForOrg(db: Db, orgId: string, measurementId: string) {
  return db
    .selectFrom("sla_measurements")
    .select(measurementColumns)
    .where("sla_measurements.id", "=", measurementId)
    .where((eb) => eb.or([eb("buyer_org_id", "=", orgId), eb("vendor_org_id", "=", orgId)]))
    .executeTakeFirst();
}

/** The live measurement of (contract, period, KPI), locked for the rest of the transaction. */
export async function lockLiveMeasurement(db: Db, contractId: string, period: string, kpiKey: string) {
  return db
    .selectFrom("sla_measurements")
    .select(measurementColumns)
    .where("contract_id", "=", contractId)
    .where("period", "=", period)
    .where("kpi_key", "=", kpiKey)
    .forUpdate()
    .executeTakeFirst();
}

export async function lockMeasurement(db: Db, measurementId: string) {
  return db.selectFrom("sla_measurements").select(measurementColumns).where("id", "=", measurementId).forUpdate().executeTakeFirst();
}

export interface FiguresRow {
  successes: number | null;
  trials: number | null;
  value: number | null;
  note: string;
}

export async function insertMeasurement(
  db: Db,
  m: FiguresRow & { contractId: string; buyerOrgId: string; vendorOrgId: string; period: string; kpiKey: string; enteredBy: string; at: Date },
) {
  return db
    .insertInto("sla_measurements")
    .values({
      contract_id: m.contractId,
      buyer_org_id: m.buyerOrgId,
      vendor_org_id: m.vendorOrgId,
      period: m.period,
      kpi_key: m.kpiKey,
      status: "pending",
      successes: m.successes,
      trials: m.trials,
      value: m.value === null ? null : String(m.value),
      note: m.note,
      revision: 1,
      entered_by: m.enteredBy,
      submitted_at: m.at,
      created_at: m.at,
      updated_at: m.at,
    })
    .returning(["id", "revision"])
    .executeTakeFirstOrThrow();
}

/** A correction: new figures, the next revision, back to the buyer (pending, undecided). */
export async function correctMeasurement(db: Db, id: string, m: FiguresRow & { enteredBy: string; at: Date }) {
  return db
    .updateTable("sla_measurements")
    .set((eb) => ({
      status: "pending" as const,
      successes: m.successes,
      trials: m.trials,
      value: m.value === null ? null : String(m.value),
      note: m.note,
      revision: eb("revision", "+", 1),
      entered_by: m.enteredBy,
      submitted_at: m.at,
      decided_by: null,
      decided_at: null,
      updated_at: m.at,
    }))
    .where("id", "=", id)
    .returning(["id", "revision"])
    .executeTakeFirstOrThrow();
}

export async function setMeasurementStatus(db: Db, id: string, status: MeasurementStatus, by: string, at: Date) {
  await db.updateTable("sla_measurements").set({ status, decided_by: by, decided_at: at, updated_at: at }).where("id", "=", id).execute();
}

export async function insertMeasurementEvent(
  db: Db,
  e: {
    measurementId: string;
    kind: MeasurementEventKind;
    revision: number;
    figures?: FiguresRow;
    body?: string;
    actorUserId: string;
    actorOrgId: string;
    at: Date;
  },
) {
  await db
    .insertInto("sla_measurement_events")
    .values({
      measurement_id: e.measurementId,
      kind: e.kind,
      revision: e.revision,
      successes: e.figures?.successes ?? null,
      trials: e.figures?.trials ?? null,
      value: e.figures?.value === undefined || e.figures.value === null ? null : String(e.figures.value),
      note: e.figures?.note ?? null,
      body: e.body ?? null,
      actor_user_id: e.actorUserId,
      actor_org_id: e.actorOrgId,
      at: e.at,
    })
    .execute();
}

/** Every live measurement of a contract (the caller already proved it is a party). */
export async function listMeasurementsOfContract(db: Db, contractId: string) {
  return db
    .selectFrom("sla_measurements")
    .select(measurementColumns)
    .where("contract_id", "=", contractId)
    .orderBy("period", "desc")
    .orderBy("kpi_key")
    .execute();
}

/** The history of every measurement of a contract, oldest first, with the actor's name. */
export async function listMeasurementEventsOfContract(db: Db, contractId: string) {
  return db
    .selectFrom("sla_measurement_events as e")
    .innerJoin("sla_measurements as m", "m.id", "e.measurement_id")
    .innerJoin("users", "users.id", "e.actor_user_id")
    .select([
      "e.id",
      "e.measurement_id",
      "e.kind",
      "e.revision",
      "e.successes",
      "e.trials",
      sql<number | null>`e.value::float8`.as("value"),
      "e.note",
      "e.body",
      "e.at",
      "e.actor_org_id",
      "users.name as actor_name",
    ])
    .where("m.contract_id", "=", contractId)
    .orderBy("e.id")
    .execute();
}

/** (contract, period, KPI) keys of the live measurements of the given contracts in the given periods. */
export async function listMeasuredKeys(db: Db, wanted: readonly { contractId: string; period: string }[]) {
  if (wanted.length === 0) return [];
  return db
    .selectFrom("sla_measurements")
    .select(["contract_id", "period", "kpi_key", "status", "submitted_at"])
    .where((eb) => eb.or(wanted.map((w) => eb.and([eb("contract_id", "=", w.contractId), eb("period", "=", w.period)]))))
    .execute();
}

/** Pending measurements of active contracts submitted before `before` (the buyer's reminder). */
export async function listPendingSubmittedBefore(db: Db, before: Date) {
  return db
    .selectFrom("sla_measurements")
    .innerJoin("contracts", "contracts.id", "sla_measurements.contract_id")
    .select(["sla_measurements.contract_id", "sla_measurements.period", "sla_measurements.kpi_key", "sla_measurements.submitted_at"])
    .where("contracts.status", "=", "active")
    .where("sla_measurements.status", "=", "pending")
    .where("sla_measurements.submitted_at", "<", before)
    .orderBy("sla_measurements.contract_id")
    .orderBy("sla_measurements.period")
    .execute();
}

/** Claims the reminder of (contract, period, kind); false when it was sent before (by this or another process). */
export async function claimMeasurementReminder(db: Db, r: { contractId: string; period: string; kind: "missing" | "pending"; at: Date }): Promise<boolean> {
  const row = await db
    .insertInto("sla_measurement_reminders")
    .values({ contract_id: r.contractId, period: r.period, kind: r.kind, sent_at: r.at })
    .onConflict((oc) => oc.columns(["contract_id", "period", "kind"]).doNothing())
    .returning("period")
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * The organisation's open measurement to-dos per contract, for the contracts list: a vendor's
 * 'measurement_missing' (KPIs of the last ended period with no measurement) and 'measurement_disputed'; a
 * buyer's 'measurement_pending' (awaiting its confirmation). `today` (Japan) defaults to the wall clock.
 */
export async function openItemsFor(
  db: Db,
  side: "buyer" | "vendor",
  orgId: string,
  today: string = tokyoDateString(new Date()),
): Promise<{ contractId: string; kind: string; count: number }[]> {
  const counts = await db
    .selectFrom("sla_measurements")
    .innerJoin("contracts", "contracts.id", "sla_measurements.contract_id")
    .select(["sla_measurements.contract_id", (eb) => eb.fn.countAll<string>().as("n")])
    .where("contracts.status", "=", "active")
    .where(side === "buyer" ? "sla_measurements.buyer_org_id" : "sla_measurements.vendor_org_id", "=", orgId)
    .where("sla_measurements.status", "=", side === "buyer" ? "pending" : "disputed")
    .groupBy("sla_measurements.contract_id")
    .orderBy("sla_measurements.contract_id")
    .execute();
  const items = counts.map((c) => ({ contractId: c.contract_id, kind: side === "buyer" ? "measurement_pending" : "measurement_disputed", count: Number(c.n) }));
  if (side === "buyer") return items;

  const contracts = await listActiveContractsWithContent(db, { side, orgId });
  const wanted = contracts.flatMap((c) => {
    const period = lastEndedPeriod(c.content.term, today);
    return period && c.content.sla.length > 0 ? [{ contractId: c.id, period, keys: c.content.sla.map((k) => k.key) }] : [];
  });
  const measured = await listMeasuredKeys(db, wanted);
  for (const w of wanted) {
    const done = new Set(measured.filter((m) => m.contract_id === w.contractId && m.period === w.period).map((m) => m.kpi_key));
    const missing = w.keys.filter((k) => !done.has(k)).length;
    if (missing > 0) items.push({ contractId: w.contractId, kind: "measurement_missing", count: missing });
  }
  return items;
}
