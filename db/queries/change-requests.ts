import { sql, type Kysely } from "kysely";
import type { Database } from "../schema";

// Change requests of a contract and their thread (issue 17 item 3; decision 0041). Every read takes the organisation
// of the side that reads (the contract's buyer or its vendor): a change request is tenant data. Their 稟議 decisions
// are rows of approval_decisions with `change_request_id` set.

export type ChangeSide = "buyer" | "vendor";

const sideColumn = (side: ChangeSide) =>
  (side === "buyer" ? "change_requests.buyer_org_id" : "change_requests.vendor_org_id") as "change_requests.buyer_org_id";

const columns = [
  "change_requests.id",
  "change_requests.contract_id",
  "change_requests.buyer_org_id",
  "change_requests.vendor_org_id",
  "change_requests.number",
  "change_requests.proposed_side",
  "change_requests.proposed_by",
  "change_requests.title",
  "change_requests.description",
  "change_requests.price_impact_yen",
  "change_requests.impact",
  "change_requests.base_version",
  "change_requests.status",
  "change_requests.route_steps",
  "change_requests.route_revision",
  "change_requests.round",
  "change_requests.routed_by",
  "change_requests.decided_by",
  "change_requests.decided_at",
  "change_requests.rejection_reason",
  "change_requests.applied_version",
  "change_requests.created_at",
  "change_requests.updated_at",
  "proposer.name as proposer_name",
] as const;

function rows(db: Kysely<Database>, side: ChangeSide, orgId: string) {
  return db
    .selectFrom("change_requests")
    .innerJoin("users as proposer", "proposer.id", "change_requests.proposed_by")
    .select(columns)
    .where(sideColumn(side), "=", orgId);
}

export async function listChangeRequestsOfContract(db: Kysely<Database>, side: ChangeSide, orgId: string, contractId: string) {
  return rows(db, side, orgId).where("change_requests.contract_id", "=", contractId).orderBy("change_requests.number", "desc").execute();
}

export async function findChangeRequest(db: Kysely<Database>, side: ChangeSide, orgId: string, id: string) {
  return rows(db, side, orgId).where("change_requests.id", "=", id).executeTakeFirst();
}
export type ChangeRequestRow = NonNullable<Awaited<ReturnType<typeof findChangeRequest>>>;

/** The request locked for a decision, a withdrawal or a comment (two at once serialise). */
export async function lockChangeRequest(db: Kysely<Database>, side: ChangeSide, orgId: string, id: string) {
  return rows(db, side, orgId).where("change_requests.id", "=", id).forUpdate("change_requests").executeTakeFirst();
}

/** The next number of a request on the contract (the caller holds the contract's lock). */
export async function nextChangeNumber(db: Kysely<Database>, contractId: string): Promise<number> {
  const r = await db
    .selectFrom("change_requests")
    .select((eb) => eb.fn.max("number").as("n"))
    .where("contract_id", "=", contractId)
    .executeTakeFirst();
  return Number(r?.n ?? 0) + 1;
}

export async function insertChangeRequest(
  db: Kysely<Database>,
  c: {
    contractId: string;
    buyerOrgId: string;
    vendorOrgId: string;
    number: number;
    side: ChangeSide;
    proposedBy: string;
    title: string;
    description: string;
    priceImpactYen: number;
    impact: unknown;
    baseVersion: number;
    at: Date;
  },
) {
  return db
    .insertInto("change_requests")
    .values({
      contract_id: c.contractId,
      buyer_org_id: c.buyerOrgId,
      vendor_org_id: c.vendorOrgId,
      number: c.number,
      proposed_side: c.side,
      proposed_by: c.proposedBy,
      title: c.title,
      description: c.description,
      price_impact_yen: c.priceImpactYen,
      impact: JSON.stringify(c.impact),
      base_version: c.baseVersion,
      status: "proposed",
      created_at: c.at,
      updated_at: c.at,
    })
    .returning(["id"])
    .executeTakeFirstOrThrow();
}

type Status = Database["change_requests"]["status"];

/** Moves a request from `from` to `to` with the fields of the move (compare-and-set); false when it had moved. */
export async function moveChangeRequest(
  db: Kysely<Database>,
  id: string,
  from: Status,
  to: Status,
  set: {
    at: Date;
    decidedBy?: string | null;
    rejectionReason?: string | null;
    appliedVersion?: number | null;
    route?: { steps: unknown; revision: number; by: string };
    nextRound?: boolean;
  },
): Promise<boolean> {
  const r = await db
    .updateTable("change_requests")
    .set((eb) => ({
      status: to,
      updated_at: set.at,
      ...(set.decidedBy !== undefined ? { decided_by: set.decidedBy, decided_at: set.decidedBy ? set.at : null } : {}),
      ...(set.rejectionReason !== undefined ? { rejection_reason: set.rejectionReason } : {}),
      ...(set.appliedVersion !== undefined ? { applied_version: set.appliedVersion } : {}),
      ...(set.route ? { route_steps: JSON.stringify(set.route.steps), route_revision: set.route.revision, routed_by: set.route.by } : {}),
      ...(set.nextRound ? { round: eb("round", "+", 1) } : {}),
    }))
    .where("id", "=", id)
    .where("status", "=", from)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

export async function insertChangeComment(
  db: Kysely<Database>,
  c: { changeRequestId: string; side: ChangeSide; authorUserId: string; body: string; at: Date },
) {
  return db
    .insertInto("change_request_comments")
    .values({ change_request_id: c.changeRequestId, side: c.side, author_user_id: c.authorUserId, body: c.body, created_at: c.at })
    .returning(["id"])
    .executeTakeFirstOrThrow();
}

export async function listChangeComments(db: Kysely<Database>, changeRequestId: string) {
  return db
    .selectFrom("change_request_comments")
    .innerJoin("users", "users.id", "change_request_comments.author_user_id")
    .select([
      "change_request_comments.id",
      "change_request_comments.side",
      "change_request_comments.body",
      "change_request_comments.created_at",
      "change_request_comments.author_user_id",
      "users.name as author_name",
    ])
    .where("change_request_comments.change_request_id", "=", changeRequestId)
    .orderBy("change_request_comments.seq")
    .execute();
}

// ── 稟議 decisions on change requests ─────────────────────────────────────────────────────────────

/** Every decision on the change requests (all rounds), in the order made — the same row shape as a proposal's. */
export async function listChangeDecisions(db: Kysely<Database>, changeRequestIds: readonly string[]) {
  if (changeRequestIds.length === 0) return [];
  return db
    .selectFrom("approval_decisions")
    .innerJoin("users as seat", "seat.id", "approval_decisions.approver_user_id")
    .innerJoin("users as actor", "actor.id", "approval_decisions.decided_by")
    .select([
      "approval_decisions.id",
      "approval_decisions.change_request_id",
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
    ])
    .where("approval_decisions.change_request_id", "in", changeRequestIds)
    .orderBy("approval_decisions.seq")
    .execute();
}
export type ChangeDecisionRow = Awaited<ReturnType<typeof listChangeDecisions>>[number];

/** The change requests of a buyer organisation waiting in their 稟議 route, with what the 承認待ち list shows. */
export async function listChangeRequestsInRoute(db: Kysely<Database>, buyerOrgId: string) {
  return db
    .selectFrom("change_requests")
    .innerJoin("contracts", "contracts.id", "change_requests.contract_id")
    .innerJoin("rfqs", "rfqs.id", "contracts.rfq_id")
    .innerJoin("organizations as vendor", "vendor.id", "change_requests.vendor_org_id")
    .innerJoin("users as router", "router.id", "change_requests.routed_by")
    .select([
      "change_requests.id",
      "change_requests.contract_id",
      "change_requests.number",
      "change_requests.title",
      "change_requests.price_impact_yen",
      "change_requests.route_steps",
      "change_requests.round",
      "change_requests.routed_by",
      "change_requests.updated_at",
      "rfqs.title as contract_title",
      "vendor.name as vendor_name",
      "router.name as router_name",
    ])
    .where("change_requests.buyer_org_id", "=", buyerOrgId)
    .where("change_requests.status", "=", "in_route")
    .orderBy("change_requests.updated_at")
    .execute();
}

/** Names of members of the organisation (the seats of a route), only of its members. */
export async function listMemberNames(db: Kysely<Database>, orgId: string, userIds: readonly string[]) {
  if (userIds.length === 0) return [];
  return db
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select(["users.id", "users.name"])
    .where("memberships.org_id", "=", orgId)
    .where("users.id", "in", [...userIds])
    .execute();
}

/** The buyer organisation's 稟議 threshold for change requests (decision 0041). */
export async function findChangeThreshold(db: Kysely<Database>, orgId: string): Promise<number> {
  const r = await db.selectFrom("organizations").select("change_route_threshold_yen").where("id", "=", orgId).executeTakeFirstOrThrow();
  return Number(r.change_route_threshold_yen);
}

export async function setChangeThreshold(db: Kysely<Database>, orgId: string, thresholdYen: number) {
  await db.updateTable("organizations").set({ change_route_threshold_yen: thresholdYen }).where("id", "=", orgId).execute();
}

/**
 * The open to-dos of change requests for one party, per contract (the contracts list shows them):
 * - buyer `change_pending`: requests waiting for the buyer's decision (proposed, or in its 稟議 route);
 * - vendor `change_pending`: requests the buyer proposed that are still open and the vendor has not answered in
 *   the thread yet.
 */
export async function openItemsFor(db: Kysely<Database>, side: ChangeSide, orgId: string): Promise<{ contractId: string; kind: string; count: number }[]> {
  let q = db
    .selectFrom("change_requests")
    .select(["change_requests.contract_id", (eb) => eb.fn.countAll<string>().as("n")])
    .where(sideColumn(side), "=", orgId)
    .groupBy("change_requests.contract_id");
  if (side === "buyer") q = q.where("change_requests.status", "in", ["proposed", "in_route"]);
  else
    q = q
      .where("change_requests.status", "in", ["proposed", "in_route"])
      .where("change_requests.proposed_side", "=", "buyer")
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom("change_request_comments")
              .select(sql`1`.as("one"))
              .whereRef("change_request_comments.change_request_id", "=", "change_requests.id")
              .where("change_request_comments.side", "=", "vendor"),
          ),
        ),
      );
  const found = await q.orderBy("change_requests.contract_id").execute();
  return found.map((r) => ({ contractId: r.contract_id, kind: "change_pending", count: Number(r.n) }));
}
