import type { Kysely } from "kysely";
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

/** Who did what, when, before → after. Call inside the transaction that makes the change. */
export async function writeAudit(db: Kysely<Database>, e: AuditEntry): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
      actor_user_id: e.actorUserId,
      actor_org_id: e.actorOrgId,
      action: e.action,
      entity_type: e.entityType,
      entity_id: e.entityId,
      before: e.before === undefined ? null : JSON.stringify(e.before),
      after: e.after === undefined ? null : JSON.stringify(e.after),
      ip: e.ip ?? null,
    })
    .execute();
}

export async function listAuditForEntity(db: Kysely<Database>, entityType: string, entityId: string) {
  return db
    .selectFrom("audit_log")
    .selectAll()
    .where("entity_type", "=", entityType)
    .where("entity_id", "=", entityId)
    .orderBy("id")
    .execute();
}
