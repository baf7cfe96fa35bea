import type { Kysely } from "kysely";
import type { AwardProposalStatus, Database } from "../schema";

// 決裁起案 (award proposals). Every read takes the buyer organisation: a proposal is tenant data.

export interface NewAwardProposal {
  rfqId: string;
  buyerOrgId: string;
  proposedBy: string;
  quoteId: string;
  amountYen: number;
  rationale: string;
  specificRationale: string | null;
  specificTriggers: string[];
  debriefReason: string;
  /** The canonical JSON text of the snapshot (what was hashed). */
  snapshotJson: string;
  snapshotSha256: string;
  routeSteps: unknown;
  routeRevision: number;
  at: Date;
  /** The red flags shown and acknowledged, each with who and when (decision 0051). */
  redFlags?: unknown[];
}

export async function insertAwardProposal(db: Kysely<Database>, p: NewAwardProposal) {
  return db
    .insertInto("award_proposals")
    .values({
      rfq_id: p.rfqId,
      buyer_org_id: p.buyerOrgId,
      proposed_by: p.proposedBy,
      quote_id: p.quoteId,
      amount_yen: p.amountYen,
      rationale: p.rationale,
      specific_rationale: p.specificRationale,
      specific_triggers: JSON.stringify(p.specificTriggers),
      debrief_reason: p.debriefReason,
      snapshot: p.snapshotJson,
      snapshot_sha256: p.snapshotSha256,
      route_steps: JSON.stringify(p.routeSteps),
      route_revision: p.routeRevision,
      red_flags: JSON.stringify(p.redFlags ?? []),
      status: "pending",
      created_at: p.at,
      updated_at: p.at,
    })
    .returning(["id", "status", "created_at"])
    .executeTakeFirstOrThrow();
}

const listed = [
  "award_proposals.id",
  "award_proposals.rfq_id",
  "award_proposals.quote_id",
  "award_proposals.amount_yen",
  "award_proposals.rationale",
  "award_proposals.specific_rationale",
  "award_proposals.specific_triggers",
  "award_proposals.debrief_reason",
  "award_proposals.round",
  "award_proposals.buyer_org_id",
  "award_proposals.snapshot_sha256",
  "award_proposals.route_steps",
  "award_proposals.route_revision",
  "award_proposals.status",
  "award_proposals.created_at",
  "award_proposals.updated_at",
  "award_proposals.decided_at",
  "award_proposals.proposed_by",
  "award_proposals.red_flags",
  "proposer.name as proposer_name",
  "vendor.name as vendor_name",
] as const;

function proposals(db: Kysely<Database>, buyerOrgId: string) {
  return db
    .selectFrom("award_proposals")
    .innerJoin("users as proposer", "proposer.id", "award_proposals.proposed_by")
    .innerJoin("quotes", "quotes.id", "award_proposals.quote_id")
    .innerJoin("organizations as vendor", "vendor.id", "quotes.vendor_org_id")
    .where("award_proposals.buyer_org_id", "=", buyerOrgId);
}

/** The RFQ's proposals, newest first (without the snapshot, which can be large). */
export async function listAwardProposals(db: Kysely<Database>, buyerOrgId: string, rfqId: string) {
  return proposals(db, buyerOrgId)
    .select(listed)
    .where("award_proposals.rfq_id", "=", rfqId)
    .orderBy("award_proposals.created_at", "desc")
    .orderBy("award_proposals.id", "desc")
    .execute();
}

/** One proposal with its snapshot, only for its buyer organisation. */
export async function findAwardProposal(db: Kysely<Database>, buyerOrgId: string, proposalId: string) {
  return proposals(db, buyerOrgId)
    .select([...listed, "award_proposals.snapshot"])
    .where("award_proposals.id", "=", proposalId)
    .executeTakeFirst();
}

/** The RFQ's proposal waiting in the route, if any (locks it, for the writer that checks before inserting). */
export async function findPendingAwardProposal(db: Kysely<Database>, rfqId: string) {
  return db
    .selectFrom("award_proposals")
    .select(["id", "status"])
    .where("rfq_id", "=", rfqId)
    .where("status", "=", "pending" satisfies AwardProposalStatus)
    .executeTakeFirst();
}

/** The red flags stored with a proposal, with who acknowledged each and when (the proposer's edit adds any new ones). */
export async function setProposalRedFlags(db: Kysely<Database>, proposalId: string, redFlags: unknown[]) {
  await db
    .updateTable("award_proposals")
    .set({ red_flags: JSON.stringify(redFlags) })
    .where("id", "=", proposalId)
    .execute();
}
