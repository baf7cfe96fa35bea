import { sql, type Kysely } from "kysely";
import type { Database } from "../schema";

export interface AuditEntry {
  actorUserId: string | null;
  actorOrgId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
}

function auditRow(e: AuditEntry) {
  return {
    actor_user_id: e.actorUserId,
    actor_org_id: e.actorOrgId,
    action: e.action,
    entity_type: e.entityType,
    entity_id: e.entityId,
    before: e.before === undefined ? null : JSON.stringify(e.before),
    after: e.after === undefined ? null : JSON.stringify(e.after),
    ip: e.ip ?? null,
  };
}

/** Refused reads (`quote.read.denied` …): counted per action, actor, resource and minute rather than one row each. */
const isAggregated = (action: string) => action.endsWith(".denied");

/** Who did what, when, before → after. Call inside the transaction that makes the change. */
export async function writeAudit(db: Kysely<Database>, e: AuditEntry): Promise<void> {
  if (isAggregated(e.action)) return writeAggregatedAudit(db, e);
  await db.insertInto("audit_log").values(auditRow(e)).execute();
}

/** One row per action, actor, resource and minute; a repeat within the minute only adds to its count. */
async function writeAggregatedAudit(db: Kysely<Database>, e: AuditEntry): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({ ...auditRow(e), aggregated_minute: sql<Date>`date_trunc('minute', now())` })
    .onConflict((oc) =>
      oc
        .columns(["action", "actor_user_id", "entity_type", "entity_id", "aggregated_minute"])
        .where("aggregated_minute", "is not", null)
        .doUpdateSet({ count: sql<number>`audit_log.count + 1` }),
    )
    .execute();
}
