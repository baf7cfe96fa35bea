import type { Kysely } from "kysely";
import { listActiveContractsWithContent } from "./contracts";
import type { Database, DeliveryStatus } from "../schema";
import type { ContractContent } from "~/domain/contracts/contract-draft";
import { addCalendarDays } from "~/domain/calendar/japan-business-days";
import { DUE_WITHIN_DAYS, milestoneDeliveryState, owesDelivery, type DeliveryRound } from "~/domain/deliveries/deliveries";
import { tokyoDateString } from "~/utils/format";

// Deliveries and 検収 (migration 2026121002_deliveries, decision 0039). Every read that serves a party takes the
// contract id the service has already found for that party (contractForParty); the jobs read across contracts.

type Db = Kysely<Database>;

const DELIVERY_COLUMNS = [
  "deliveries.id",
  "deliveries.contract_id",
  "deliveries.buyer_org_id",
  "deliveries.vendor_org_id",
  "deliveries.milestone_index",
  "deliveries.round",
  "deliveries.note",
  "deliveries.links",
  "deliveries.status",
  "deliveries.window_ends_on",
  "deliveries.submitted_on",
  "deliveries.submitted_at",
  "deliveries.decided_on",
  "deliveries.decided_at",
  "deliveries.deemed",
  "deliveries.rejection_reason",
] as const;

export type DeliveryRow = Awaited<ReturnType<typeof listDeliveriesOfContract>>[number];

/** Every round of every milestone of a contract, with who submitted and decided, oldest first. */
export async function listDeliveriesOfContract(db: Db, contractId: string) {
  return db
    .selectFrom("deliveries")
    .leftJoin("users as submitter", "submitter.id", "deliveries.submitted_by")
    .leftJoin("users as decider", "decider.id", "deliveries.decided_by")
    .select([...DELIVERY_COLUMNS, "submitter.name as submitted_by_name", "decider.name as decided_by_name"])
    .where("deliveries.contract_id", "=", contractId)
    .orderBy("deliveries.milestone_index")
    .orderBy("deliveries.round")
    .execute();
}

export async function findDeliveryById(db: Db, deliveryId: string) {
  return db.selectFrom("deliveries").select(DELIVERY_COLUMNS).where("deliveries.id", "=", deliveryId).executeTakeFirst();
}

/** The rounds of one milestone, oldest first (read under the contract's lock by the writes). */
export async function listRoundsOfMilestone(db: Db, contractId: string, milestoneIndex: number) {
  return db
    .selectFrom("deliveries")
    .select(DELIVERY_COLUMNS)
    .where("deliveries.contract_id", "=", contractId)
    .where("deliveries.milestone_index", "=", milestoneIndex)
    .orderBy("deliveries.round")
    .execute();
}

export async function insertDelivery(
  db: Db,
  d: {
    contractId: string;
    buyerOrgId: string;
    vendorOrgId: string;
    milestoneIndex: number;
    round: number;
    note: string;
    links: string[];
    submittedOn: string;
    windowEndsOn: string;
    submittedBy: string;
    at: Date;
  },
) {
  return db
    .insertInto("deliveries")
    .values({
      contract_id: d.contractId,
      buyer_org_id: d.buyerOrgId,
      vendor_org_id: d.vendorOrgId,
      milestone_index: d.milestoneIndex,
      round: d.round,
      note: d.note,
      links: JSON.stringify(d.links),
      status: "pending",
      submitted_on: d.submittedOn,
      window_ends_on: d.windowEndsOn,
      submitted_by: d.submittedBy,
      submitted_at: d.at,
    })
    .returning(["id", "round", "submitted_on", "window_ends_on"])
    .executeTakeFirstOrThrow();
}

export async function insertDeliveryFile(
  db: Db,
  f: { deliveryId: string; vendorOrgId: string; name: string; mime: string; size: number; path: string; at: Date },
) {
  return db
    .insertInto("delivery_files")
    .values({ delivery_id: f.deliveryId, vendor_org_id: f.vendorOrgId, name: f.name, mime: f.mime, size: f.size, path: f.path, created_at: f.at })
    .returning(["id", "name", "mime", "size"])
    .executeTakeFirstOrThrow();
}

/** The files of some deliveries (never their stored path: that stays with findDeliveryFile). */
export async function listDeliveryFiles(db: Db, deliveryIds: readonly string[]) {
  if (deliveryIds.length === 0) return [];
  return db
    .selectFrom("delivery_files")
    .select(["id", "delivery_id", "name", "mime", "size", "created_at"])
    .where("delivery_id", "in", deliveryIds)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

/** One file of a delivery of this contract (the caller found the contract for its party). */
export async function findDeliveryFile(db: Db, contractId: string, fileId: string) {
  return db
    .selectFrom("delivery_files")
    .innerJoin("deliveries", "deliveries.id", "delivery_files.delivery_id")
    .select(["delivery_files.id", "delivery_files.delivery_id", "delivery_files.name", "delivery_files.mime", "delivery_files.size", "delivery_files.path"])
    .where("deliveries.contract_id", "=", contractId)
    .where("delivery_files.id", "=", fileId)
    .executeTakeFirst();
}

/** Records the decision on a pending delivery; undefined when it is no longer pending. */
export async function decideDelivery(
  db: Db,
  d: {
    deliveryId: string;
    status: Exclude<DeliveryStatus, "pending">;
    decidedOn: string;
    decidedBy: string | null;
    deemed: boolean;
    reason: string | null;
    at: Date;
  },
) {
  return db
    .updateTable("deliveries")
    .set({ status: d.status, decided_on: d.decidedOn, decided_by: d.decidedBy, deemed: d.deemed, rejection_reason: d.reason, decided_at: d.at })
    .where("id", "=", d.deliveryId)
    .where("status", "=", "pending")
    .returning(["id"])
    .executeTakeFirst();
}

/** The inspection terms of a draft contract of this buyer (the service checked it is a draft under the lock). */
export async function updateInspectionTerms(db: Db, contractId: string, terms: { inspectionDays: number; deemedAcceptance: boolean; at: Date }) {
  await db
    .updateTable("contracts")
    .set({ inspection_days: terms.inspectionDays, deemed_acceptance: terms.deemedAcceptance, updated_at: terms.at })
    .where("id", "=", contractId)
    .execute();
}

/** Deliveries still pending after their window, on contracts with the deemed-acceptance clause (the daily job). */
export async function listDeemedCandidates(db: Db, today: string) {
  return db
    .selectFrom("deliveries")
    .innerJoin("contracts", "contracts.id", "deliveries.contract_id")
    .select(["deliveries.id", "deliveries.contract_id"])
    .where("deliveries.status", "=", "pending")
    .where("deliveries.window_ends_on", "<", today)
    .where("contracts.deemed_acceptance", "=", true)
    .where("contracts.status", "=", "active")
    .orderBy("deliveries.window_ends_on")
    .orderBy("deliveries.id")
    .execute();
}

/** Pending deliveries whose window's last day is between `from` and `to` (the buyer's "window closing" reminder). */
export async function listWindowClosing(db: Db, from: string, to: string) {
  return db
    .selectFrom("deliveries")
    .innerJoin("contracts", "contracts.id", "deliveries.contract_id")
    .select([
      "deliveries.id",
      "deliveries.contract_id",
      "deliveries.milestone_index",
      "deliveries.window_ends_on",
      "deliveries.buyer_org_id",
      "contracts.rfq_id",
    ])
    .where("deliveries.status", "=", "pending")
    .where("deliveries.window_ends_on", ">=", from)
    .where("deliveries.window_ends_on", "<=", to)
    .where("contracts.status", "=", "active")
    .execute();
}

/** The rounds of several contracts as the domain reads them, per contract and milestone. */
export async function roundsByMilestone(db: Db, contractIds: readonly string[]): Promise<Map<string, DeliveryRound[]>> {
  const out = new Map<string, DeliveryRound[]>();
  if (contractIds.length === 0) return out;
  const rows = await db
    .selectFrom("deliveries")
    .select(["id", "contract_id", "milestone_index", "round", "status", "submitted_on", "window_ends_on", "decided_on", "deemed", "rejection_reason"])
    .where("contract_id", "in", contractIds)
    .execute();
  for (const r of rows) {
    const key = `${r.contract_id}:${r.milestone_index}`;
    const list = out.get(key) ?? [];
    list.push(asRound(r));
    out.set(key, list);
  }
  return out;
}

export const asRound = (r: {
  id: string;
  round: number;
  status: DeliveryStatus;
  submitted_on: string;
  window_ends_on: string;
  decided_on: string | null;
  deemed: boolean;
  rejection_reason: string | null;
}): DeliveryRound => ({
  id: r.id,
  round: r.round,
  status: r.status,
  submittedOn: r.submitted_on,
  windowEndsOn: r.window_ends_on,
  decidedOn: r.decided_on,
  deemed: r.deemed,
  rejectionReason: r.rejection_reason,
});

/** Claims one reminder; false when it was sent before (by this or another process). */
export async function claimDeliveryReminder(
  db: Db,
  r: { contractId: string; milestoneIndex: number; kind: "due_soon" | "overdue" | "window_closing"; subject: string; at: Date },
): Promise<boolean> {
  const row = await db
    .insertInto("delivery_reminders")
    .values({ contract_id: r.contractId, milestone_index: r.milestoneIndex, kind: r.kind, subject: r.subject, sent_at: r.at })
    .onConflict((oc) => oc.columns(["contract_id", "milestone_index", "kind", "subject"]).doNothing())
    .returning("kind")
    .executeTakeFirst();
  return row !== undefined;
}

export type DeliveryTodoKind = "delivery_due" | "delivery_rejected" | "inspection_pending";

/**
 * A party's open to-dos on its active contracts (the contracts list): for the vendor, milestones due within
 * DUE_WITHIN_DAYS days or overdue with no delivery pending or accepted ('delivery_due'), and milestones whose last
 * round was rejected ('delivery_rejected'); for the buyer, deliveries awaiting its inspection ('inspection_pending').
 */
export async function openItemsFor(
  db: Db,
  side: "buyer" | "vendor",
  orgId: string,
  today: string = tokyoDateString(new Date()),
): Promise<{ contractId: string; kind: string; count: number }[]> {
  const contracts = await listActiveContractsWithContent(db, { side, orgId });
  const rounds = await roundsByMilestone(
    db,
    contracts.map((c) => c.id),
  );
  const horizon = addCalendarDays(today, DUE_WITHIN_DAYS);
  const out: { contractId: string; kind: DeliveryTodoKind; count: number }[] = [];
  for (const c of contracts) {
    const counts: Record<DeliveryTodoKind, number> = { delivery_due: 0, delivery_rejected: 0, inspection_pending: 0 };
    (c.content as ContractContent).milestonePlan.milestones.forEach((m, i) => {
      const state = milestoneDeliveryState(rounds.get(`${c.id}:${i}`) ?? [], m.dueDate, today);
      if (side === "vendor") {
        if (state.kind === "rejected") counts.delivery_rejected++;
        else if (owesDelivery(state) && m.dueDate <= horizon) counts.delivery_due++;
      } else if (state.kind === "awaiting_inspection") counts.inspection_pending++;
    });
    for (const kind of Object.keys(counts) as DeliveryTodoKind[]) if (counts[kind] > 0) out.push({ contractId: c.id, kind, count: counts[kind] });
  }
  return out;
}
