import type { Kysely } from "kysely";
import type { Database } from "../schema";

// A buyer's refund requests on card-paid invoices (decision 0035; migration 2026120909).

type Db = Kysely<Database>;
export type RefundRequestStatus = "open" | "refunded" | "declined";

/** Stores an open request; null when the invoice already has one open (the partial unique index decides, not a read). */
export async function insertRefundRequest(
  db: Db,
  r: { invoiceId: string; requestedBy: string; buyerOrgId: string; amount: number | null; reason: string; at: Date },
) {
  return db
    .insertInto("refund_requests")
    .values({
      invoice_id: r.invoiceId,
      requested_by: r.requestedBy,
      buyer_org_id: r.buyerOrgId,
      amount: r.amount,
      reason: r.reason,
      status: "open",
      created_at: r.at,
    })
    .onConflict((oc) => oc.column("invoice_id").where("status", "=", "open").doNothing())
    .returningAll()
    .executeTakeFirst();
}

/** The newest request of an invoice (any status), for its page. */
export async function findLatestRefundRequest(db: Db, invoiceId: string) {
  return db
    .selectFrom("refund_requests")
    .selectAll()
    .where("invoice_id", "=", invoiceId)
    .orderBy("created_at", "desc")
    .orderBy("id")
    .limit(1)
    .executeTakeFirst();
}

export async function lockRefundRequest(db: Db, id: string) {
  return db.selectFrom("refund_requests").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();
}

/** Closes the invoice's open request as `status`; the closed row, or undefined when none was open. */
export async function closeOpenRefundRequest(
  db: Db,
  where: { invoiceId: string } | { id: string },
  d: { status: Exclude<RefundRequestStatus, "open">; decidedBy: string; note: string | null; at: Date },
) {
  return db
    .updateTable("refund_requests")
    .set({ status: d.status, decided_by: d.decidedBy, decided_at: d.at, decision_note: d.note })
    .$if("id" in where, (q) => q.where("id", "=", (where as { id: string }).id))
    .$if("invoiceId" in where, (q) => q.where("invoice_id", "=", (where as { invoiceId: string }).invoiceId))
    .where("status", "=", "open")
    .returningAll()
    .executeTakeFirst();
}

/** Open requests across the platform, oldest first (the platform admin's refund page). */
export async function listOpenRefundRequests(db: Db, limit = 100) {
  return db
    .selectFrom("refund_requests as r")
    .innerJoin("invoices as i", "i.id", "r.invoice_id")
    .innerJoin("organizations as b", "b.id", "r.buyer_org_id")
    .innerJoin("organizations as v", "v.id", "i.vendor_org_id")
    .select(["r.id", "r.invoice_id", "r.amount", "r.reason", "r.created_at", "i.number", "b.name as buyer_name", "v.name as vendor_name"])
    .where("r.status", "=", "open")
    .orderBy("r.created_at")
    .limit(limit)
    .execute();
}

/** The platform admins, to be told of a new request. */
export async function platformAdminIds(db: Db): Promise<string[]> {
  const rows = await db.selectFrom("users").select("id").where("is_platform_admin", "=", true).execute();
  return rows.map((r) => r.id);
}

/** The members of one organisation. */
export async function orgMemberIds(db: Db, orgId: string): Promise<string[]> {
  const rows = await db.selectFrom("memberships").select("user_id").where("org_id", "=", orgId).execute();
  return rows.map((r) => r.user_id);
}
