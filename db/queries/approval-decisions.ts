import { sql, type Kysely } from "kysely";
import type { AwardProposalStatus, Database } from "../schema";

// 稟議 decisions and 代決 (issue 15 item 3, decision 0027). Every read takes the buyer organisation.

/** The proposal row, locked for the decision or edit transaction (two approvers at once serialise here). */
export async function lockProposal(db: Kysely<Database>, buyerOrgId: string, proposalId: string) {
  return proposalRow(db, buyerOrgId, proposalId).forUpdate("award_proposals").executeTakeFirst();
}

/** The same row for a read (a page, the API): no lock. */
export async function findProposalRow(db: Kysely<Database>, buyerOrgId: string, proposalId: string) {
  return proposalRow(db, buyerOrgId, proposalId).executeTakeFirst();
}

function proposalRow(db: Kysely<Database>, buyerOrgId: string, proposalId: string) {
  return db
    .selectFrom("award_proposals")
    .innerJoin("rfqs", "rfqs.id", "award_proposals.rfq_id")
    .select([
      "award_proposals.id",
      "award_proposals.rfq_id",
      "award_proposals.buyer_org_id",
      "award_proposals.proposed_by",
      "award_proposals.quote_id",
      "award_proposals.amount_yen",
      "award_proposals.rationale",
      "award_proposals.specific_rationale",
      "award_proposals.specific_triggers",
      "award_proposals.debrief_reason",
      "award_proposals.route_steps",
      "award_proposals.round",
      "award_proposals.status",
      "award_proposals.snapshot",
      "award_proposals.red_flags",
      "rfqs.title",
    ])
    .where("award_proposals.id", "=", proposalId)
    .where("award_proposals.buyer_org_id", "=", buyerOrgId);
}
export type LockedProposal = NonNullable<Awaited<ReturnType<typeof lockProposal>>>;

const decisionColumns = [
  "approval_decisions.id",
  "approval_decisions.proposal_id",
  "approval_decisions.round",
  "approval_decisions.step_index",
  "approval_decisions.approver_user_id",
  "approval_decisions.decided_by",
  "approval_decisions.delegated",
  "approval_decisions.decision",
  "approval_decisions.comment",
  "approval_decisions.created_at",
  "seat.name as approver_name",
  "actor.name as decided_by_name",
] as const;

/** Every decision on the proposals (all rounds), in the order they were made. */
export async function listDecisions(db: Kysely<Database>, proposalIds: readonly string[]) {
  if (proposalIds.length === 0) return [];
  return db
    .selectFrom("approval_decisions")
    .innerJoin("users as seat", "seat.id", "approval_decisions.approver_user_id")
    .innerJoin("users as actor", "actor.id", "approval_decisions.decided_by")
    .select(decisionColumns)
    .where("approval_decisions.proposal_id", "in", proposalIds)
    .orderBy("approval_decisions.seq")
    .execute();
}
export type DecisionListRow = Awaited<ReturnType<typeof listDecisions>>[number];

/** One 稟議 decision on its subject: an award proposal or a change request (exactly one; a check constraint holds it). */
export type NewDecision = ({ proposalId: string; changeRequestId?: undefined } | { changeRequestId: string; proposalId?: undefined }) & {
  round: number;
  stepIndex: number;
  approverUserId: string;
  decidedBy: string;
  delegated: boolean;
  decision: "approve" | "reject" | "return";
  comment: string | null;
  at: Date;
};

export async function insertDecision(db: Kysely<Database>, d: NewDecision) {
  return db
    .insertInto("approval_decisions")
    .values({
      proposal_id: d.proposalId ?? null,
      change_request_id: d.changeRequestId ?? null,
      round: d.round,
      step_index: d.stepIndex,
      approver_user_id: d.approverUserId,
      decided_by: d.decidedBy,
      delegated: d.delegated,
      decision: d.decision,
      comment: d.comment,
      created_at: d.at,
    })
    .returning(["id"])
    .executeTakeFirstOrThrow();
}

/** Moves a proposal from `from` to `to` (compare-and-set); false when its status had changed. */
export async function setProposalStatus(
  db: Kysely<Database>,
  proposalId: string,
  from: AwardProposalStatus,
  to: AwardProposalStatus,
  at: Date,
  decided: boolean,
): Promise<boolean> {
  const r = await db
    .updateTable("award_proposals")
    .set({ status: to, updated_at: at, decided_at: decided ? at : null })
    .where("id", "=", proposalId)
    .where("status", "=", from)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** The proposer's edit: new texts, the next round, back to pending. */
export async function startNextRound(
  db: Kysely<Database>,
  proposalId: string,
  texts: { rationale: string; specificRationale: string | null; debriefReason: string },
  at: Date,
) {
  return db
    .updateTable("award_proposals")
    .set((eb) => ({
      rationale: texts.rationale,
      specific_rationale: texts.specificRationale,
      debrief_reason: texts.debriefReason,
      round: eb("round", "+", 1),
      status: "pending",
      decided_at: null,
      updated_at: at,
    }))
    .where("id", "=", proposalId)
    .returning(["round"])
    .executeTakeFirstOrThrow();
}

/** Proposals of the organisation waiting in their route, with what the 承認待ち list shows. */
export async function listPendingProposalsOfOrg(db: Kysely<Database>, buyerOrgId: string) {
  return proposalRows(db, buyerOrgId).where("award_proposals.status", "=", "pending").orderBy("award_proposals.updated_at").execute();
}

/** The proposals a member made (newest first). */
export async function listProposalsByProposer(db: Kysely<Database>, buyerOrgId: string, userId: string, limit = 50) {
  return proposalRows(db, buyerOrgId).where("award_proposals.proposed_by", "=", userId).orderBy("award_proposals.created_at", "desc").limit(limit).execute();
}

function proposalRows(db: Kysely<Database>, buyerOrgId: string) {
  return db
    .selectFrom("award_proposals")
    .innerJoin("rfqs", "rfqs.id", "award_proposals.rfq_id")
    .innerJoin("users as proposer", "proposer.id", "award_proposals.proposed_by")
    .innerJoin("quotes", "quotes.id", "award_proposals.quote_id")
    .innerJoin("organizations as vendor", "vendor.id", "quotes.vendor_org_id")
    .select([
      "award_proposals.id",
      "award_proposals.rfq_id",
      "award_proposals.amount_yen",
      "award_proposals.route_steps",
      "award_proposals.round",
      "award_proposals.status",
      "award_proposals.proposed_by",
      "award_proposals.created_at",
      "award_proposals.updated_at",
      "award_proposals.decided_at",
      "rfqs.title",
      "proposer.name as proposer_name",
      "vendor.name as vendor_name",
    ])
    .where("award_proposals.buyer_org_id", "=", buyerOrgId);
}

/** Contact details of users (for mail after commit), only of the organisation's members. */
export async function listMemberContacts(db: Kysely<Database>, orgId: string, userIds: readonly string[]) {
  if (userIds.length === 0) return [];
  return db
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select(["users.id", "users.email", "users.name", "users.locale"])
    .where("memberships.org_id", "=", orgId)
    .where("users.id", "in", [...userIds])
    .orderBy("users.id")
    .execute();
}

/** Whether the user is a member of the organisation, and whether an approver. */
export async function findMember(db: Kysely<Database>, orgId: string, userId: string) {
  return db
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select(["users.id", "users.name", "memberships.is_approver"])
    .where("memberships.org_id", "=", orgId)
    .where("memberships.user_id", "=", userId)
    .executeTakeFirst();
}

// ── 代決 ─────────────────────────────────────────────────────────────────────────────────────────

export interface NewDelegation {
  orgId: string;
  fromUserId: string;
  toUserId: string;
  startsOn: string;
  endsOn: string;
  reason: string;
  createdBy: string;
  at: Date;
}

export async function insertDelegation(db: Kysely<Database>, d: NewDelegation) {
  return db
    .insertInto("approval_delegations")
    .values({
      org_id: d.orgId,
      from_user_id: d.fromUserId,
      to_user_id: d.toUserId,
      starts_on: d.startsOn,
      ends_on: d.endsOn,
      reason: d.reason,
      created_by: d.createdBy,
      created_at: d.at,
    })
    .returning(["id"])
    .executeTakeFirstOrThrow();
}

const delegationColumns = [
  "approval_delegations.id",
  "approval_delegations.from_user_id",
  "approval_delegations.to_user_id",
  sql<string>`approval_delegations.starts_on::text`.as("starts_on"),
  sql<string>`approval_delegations.ends_on::text`.as("ends_on"),
  "approval_delegations.reason",
  "approval_delegations.created_by",
  "approval_delegations.created_at",
  "approval_delegations.revoked_at",
  "from_user.name as from_name",
  "to_user.name as to_name",
] as const;

function delegations(db: Kysely<Database>, orgId: string) {
  return db
    .selectFrom("approval_delegations")
    .innerJoin("users as from_user", "from_user.id", "approval_delegations.from_user_id")
    .innerJoin("users as to_user", "to_user.id", "approval_delegations.to_user_id")
    .select(delegationColumns)
    .where("approval_delegations.org_id", "=", orgId);
}

/** Delegations not revoked that have not ended by `today` (current and future), by start day. */
export async function listCurrentDelegations(db: Kysely<Database>, orgId: string, today: string) {
  return delegations(db, orgId)
    .where("approval_delegations.revoked_at", "is", null)
    .where("approval_delegations.ends_on", ">=", today)
    .orderBy("approval_delegations.starts_on")
    .orderBy("approval_delegations.id")
    .execute();
}

export async function findDelegation(db: Kysely<Database>, orgId: string, id: string) {
  return delegations(db, orgId).where("approval_delegations.id", "=", id).executeTakeFirst();
}

export async function revokeDelegation(db: Kysely<Database>, orgId: string, id: string, at: Date): Promise<boolean> {
  const r = await db
    .updateTable("approval_delegations")
    .set({ revoked_at: at })
    .where("id", "=", id)
    .where("org_id", "=", orgId)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}
