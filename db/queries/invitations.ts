import type { Kysely } from "kysely";
import type { Database, MemberRole } from "../schema";

export async function insertInvitation(
  db: Kysely<Database>,
  i: { orgId: string; email: string; role: MemberRole; tokenHash: string; invitedBy: string; expiresAt: Date },
) {
  return db
    .insertInto("invitations")
    .values({
      org_id: i.orgId,
      email: i.email,
      role: i.role,
      token_hash: i.tokenHash,
      invited_by: i.invitedBy,
      expires_at: i.expiresAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findOpenInvitation(db: Kysely<Database>, tokenHash: string, now: Date) {
  return db
    .selectFrom("invitations")
    .innerJoin("organizations", "organizations.id", "invitations.org_id")
    .select([
      "invitations.id",
      "invitations.org_id as orgId",
      "invitations.email",
      "invitations.role",
      "organizations.name as orgName",
      "organizations.kind as orgKind",
    ])
    .where("invitations.token_hash", "=", tokenHash)
    .where("invitations.accepted_at", "is", null)
    .where("invitations.expires_at", ">", now)
    .executeTakeFirst();
}

export async function markInvitationAccepted(db: Kysely<Database>, id: string, now: Date) {
  await db.updateTable("invitations").set({ accepted_at: now }).where("id", "=", id).execute();
}

export async function listPendingInvitations(db: Kysely<Database>, orgId: string, now: Date) {
  return db
    .selectFrom("invitations")
    .select(["id", "email", "role", "expires_at", "created_at"])
    .where("org_id", "=", orgId)
    .where("accepted_at", "is", null)
    .where("expires_at", ">", now)
    .orderBy("created_at", "desc")
    .execute();
}
