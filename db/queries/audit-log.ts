import { sql, type Kysely } from "kysely";
import type { Database } from "../schema";

// Reading the audit log, for the platform admin's page (writing is db/queries/audit.ts). Newest first,
// filtered in SQL, one page at a time; one row more than the page says whether another page follows.

export interface AuditQuery {
  /** Part of the actor's e-mail or name. */
  actor?: string;
  action?: string;
  from?: Date;
  toExclusive?: Date;
  entity?: { type: string; id: string };
  page: number;
}

export async function listAuditEntries(db: Kysely<Database>, filter: AuditQuery, pageSize: number) {
  let q = db
    .selectFrom("audit_log")
    .leftJoin("users", "users.id", "audit_log.actor_user_id")
    .leftJoin("organizations as actor_org", "actor_org.id", "audit_log.actor_org_id")
    .leftJoin("organizations as entity_org", (j) =>
      j.on(sql<boolean>`entity_org.id::text = audit_log.entity_id and audit_log.entity_type in ('organization', 'vendor_profile')`),
    )
    .select([
      "audit_log.id",
      "audit_log.action",
      "audit_log.entity_type",
      "audit_log.entity_id",
      "audit_log.created_at",
      "audit_log.count",
      "audit_log.aggregated_minute",
      "audit_log.ip",
      "audit_log.before",
      "audit_log.after",
      "users.email as actor",
      "actor_org.name as actor_org_name",
      "entity_org.kind as entity_org_kind",
      "entity_org.name as entity_org_name",
    ]);
  if (filter.actor) {
    const like = `%${filter.actor.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb("users.email", "ilike", like), eb("users.name", "ilike", like)]));
  }
  if (filter.action) q = q.where("audit_log.action", "=", filter.action);
  if (filter.from) q = q.where("audit_log.created_at", ">=", filter.from);
  if (filter.toExclusive) q = q.where("audit_log.created_at", "<", filter.toExclusive);
  if (filter.entity) q = q.where("audit_log.entity_type", "=", filter.entity.type).where("audit_log.entity_id", "=", filter.entity.id);
  const rows = await q
    .orderBy("audit_log.id", "desc")
    .limit(pageSize + 1)
    .offset((filter.page - 1) * pageSize)
    .execute();
  return { rows: rows.slice(0, pageSize), hasNext: rows.length > pageSize };
}

/**
 * One RFQ's own audit rows (entity `rfq`), newest first, with their before/after as stored: for the buyer's 変更履歴.
 * The caller has checked that the RFQ is the reader's organisation's and passes every row through the price-rules
 * redaction (`sealPriceRulesInAudit`) before showing it.
 */
export async function listAuditOfRfq(db: Kysely<Database>, rfqId: string, limit: number) {
  return db
    .selectFrom("audit_log")
    .leftJoin("users", "users.id", "audit_log.actor_user_id")
    .select([
      "audit_log.id",
      "audit_log.action",
      "audit_log.created_at",
      "audit_log.before",
      "audit_log.after",
      "users.name as actor_name",
      "users.email as actor_email",
    ])
    .where("audit_log.entity_type", "=", "rfq")
    .where("audit_log.entity_id", "=", rfqId)
    .orderBy("audit_log.id", "desc")
    .limit(limit)
    .execute();
}
