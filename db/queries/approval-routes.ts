import { sql, type Kysely } from "kysely";
import type { Database } from "../schema";

// 稟議ルート: the organisation's rules document and its approvers. Every read takes the caller's
// organisation; nothing here is looked up by a URL parameter alone.

/** The organisation's rules (parsed jsonb), their revision and who saved them last; undefined before the first save. */
export async function findApprovalRouteRules(db: Kysely<Database>, orgId: string) {
  return db
    .selectFrom("approval_route_rules")
    .leftJoin("users", "users.id", "approval_route_rules.updated_by")
    .select(["approval_route_rules.rules", "approval_route_rules.revision", "approval_route_rules.updated_at", "users.name as updatedByName"])
    .where("approval_route_rules.org_id", "=", orgId)
    .executeTakeFirst();
}

/** Locks the organisation's rules row (if any) for a save that compares and raises the revision. */
export async function lockApprovalRouteRules(db: Kysely<Database>, orgId: string) {
  return db.selectFrom("approval_route_rules").select(["rules", "revision"]).where("org_id", "=", orgId).forUpdate().executeTakeFirst();
}

/** Inserts or replaces the rules; the revision rises by one on each save. Returns the new revision. */
export async function saveApprovalRouteRules(db: Kysely<Database>, orgId: string, rules: unknown, userId: string, at: Date) {
  const row = await db
    .insertInto("approval_route_rules")
    .values({ org_id: orgId, rules: JSON.stringify(rules), updated_by: userId, updated_at: at })
    .onConflict((oc) =>
      oc.column("org_id").doUpdateSet({
        rules: (eb) => eb.ref("excluded.rules"),
        updated_by: (eb) => eb.ref("excluded.updated_by"),
        updated_at: (eb) => eb.ref("excluded.updated_at"),
        revision: sql<number>`approval_route_rules.revision + 1`,
      }),
    )
    .returning(["revision"])
    .executeTakeFirstOrThrow();
  return row.revision;
}

/** Members of the organisation who carry the approver flag, by name. */
export async function listApprovers(db: Kysely<Database>, orgId: string) {
  return db
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select(["users.id", "users.name", "users.email"])
    .where("memberships.org_id", "=", orgId)
    .where("memberships.is_approver", "=", true)
    .orderBy("users.name")
    .orderBy("users.id")
    .execute();
}

/** Sets a member's approver flag; returns the flag before, or undefined when the user is not a member. */
export async function setMemberApprover(db: Kysely<Database>, orgId: string, userId: string, isApprover: boolean) {
  const before = await db
    .selectFrom("memberships")
    .select("is_approver")
    .where("org_id", "=", orgId)
    .where("user_id", "=", userId)
    .forUpdate()
    .executeTakeFirst();
  if (!before) return undefined;
  await db.updateTable("memberships").set({ is_approver: isApprover }).where("org_id", "=", orgId).where("user_id", "=", userId).execute();
  return before.is_approver;
}
