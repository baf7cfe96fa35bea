import type { Kysely } from "kysely";
import type { Database, MemberRole, OrgKind } from "../schema";
import { PREPARE } from "../prepared";

export async function insertOrganization(db: Kysely<Database>, kind: OrgKind, name: string) {
  return db.insertInto("organizations").values({ kind, name }).returningAll().executeTakeFirstOrThrow();
}

export async function addMembership(db: Kysely<Database>, userId: string, orgId: string, role: MemberRole) {
  await db.insertInto("memberships").values({ user_id: userId, org_id: orgId, role }).execute();
}

/** The organisations a user belongs to, with the role in each. */
export async function listMembershipsOfUser(db: Kysely<Database>, userId: string) {
  return db
    .selectFrom("memberships")
    .innerJoin("organizations", "organizations.id", "memberships.org_id")
    .select(["organizations.id as orgId", "organizations.name as orgName", "organizations.kind as orgKind", "memberships.role"])
    .where("memberships.user_id", "=", userId)
    .orderBy("memberships.created_at")
    .modifyEnd(PREPARE)
    .execute();
}

/** Members of one organisation; the caller's org id is the filter, never a URL parameter alone. */
export async function listMembersOfOrg(db: Kysely<Database>, orgId: string) {
  return db
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select(["users.id", "users.name", "users.email", "memberships.role", "memberships.is_approver", "memberships.created_at"])
    .where("memberships.org_id", "=", orgId)
    .orderBy("memberships.created_at")
    .execute();
}

export async function findMembership(db: Kysely<Database>, userId: string, orgId: string) {
  return db.selectFrom("memberships").selectAll().where("user_id", "=", userId).where("org_id", "=", orgId).executeTakeFirst();
}

export async function findOrganization(db: Kysely<Database>, orgId: string) {
  return db.selectFrom("organizations").select(["id", "name", "kind"]).where("id", "=", orgId).executeTakeFirstOrThrow();
}
