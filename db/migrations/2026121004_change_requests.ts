import { sql, type Kysely } from "kysely";

// 変更管理: change requests of an active contract (issue 17 item 3; decision 0041). Either party proposes a change
// with its price impact (integer yen, tax excluded, may be negative or 0), schedule impact (a new term end, new due
// dates of milestones not yet accepted) and KPI/SLA impact (new targets), kept as one jsonb `impact` checked by
// app/domain/contracts/change-request.ts. The buyer decides; when the absolute price impact reaches the buyer
// organisation's `change_route_threshold_yen` (default 1 = any price impact; 0 = never) the approval goes through
// the 稟議 route: the request freezes the route's steps like an award proposal does, and its decisions are rows of
// the same `approval_decisions` table (now with exactly one subject: a proposal or a change request).
// Approval writes contract version n+1 (`applied_version`). A short thread of comments from either side.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("organizations")
    .addColumn("change_route_threshold_yen", "bigint", (c) =>
      c
        .notNull()
        .defaultTo(1)
        .check(sql`change_route_threshold_yen >= 0`),
    )
    .execute();
  await db.schema
    .createTable("change_requests")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("contract_id", "uuid", (c) => c.notNull().references("contracts.id").onDelete("cascade"))
    .addColumn("buyer_org_id", "uuid", (c) => c.notNull().references("organizations.id"))
    .addColumn("vendor_org_id", "uuid", (c) => c.notNull().references("organizations.id"))
    // The contract's own number for the request (1, 2, …): the change line's code CHG-<number>.
    .addColumn("number", "integer", (c) => c.notNull().check(sql`number >= 1`))
    .addColumn("proposed_side", "text", (c) => c.notNull().check(sql`proposed_side in ('buyer', 'vendor')`))
    .addColumn("proposed_by", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("title", "text", (c) => c.notNull().check(sql`char_length(title) between 1 and 200`))
    .addColumn("description", "text", (c) => c.notNull().check(sql`char_length(description) between 1 and 4000`))
    .addColumn("price_impact_yen", "bigint", (c) => c.notNull())
    .addColumn("impact", "jsonb", (c) => c.notNull())
    // The contract version the request was made against (the diff and the milestones' state are read from it).
    .addColumn("base_version", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('proposed', 'in_route', 'approved', 'rejected', 'withdrawn')`))
    // The 稟議: the frozen steps, the rules' revision, the round (a 差戻し starts the next), who started it.
    .addColumn("route_steps", "jsonb")
    .addColumn("route_revision", "integer")
    .addColumn("round", "integer", (c) =>
      c
        .notNull()
        .defaultTo(1)
        .check(sql`round >= 1`),
    )
    .addColumn("routed_by", "uuid", (c) => c.references("users.id"))
    .addColumn("decided_by", "uuid", (c) => c.references("users.id"))
    .addColumn("decided_at", "timestamptz")
    // The reason the vendor reads when the buyer rejects directly (a route rejection's comment stays internal).
    .addColumn("rejection_reason", "text")
    .addColumn("applied_version", "integer")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("change_requests_number", ["contract_id", "number"])
    .addCheckConstraint("change_requests_applied", sql`(status = 'approved') = (applied_version is not null)`)
    .addCheckConstraint("change_requests_route", sql`status <> 'in_route' or route_steps is not null`)
    .execute();
  await db.schema.createIndex("change_requests_contract_idx").on("change_requests").columns(["contract_id", "created_at"]).execute();
  await db.schema.createIndex("change_requests_buyer_status_idx").on("change_requests").columns(["buyer_org_id", "status"]).execute();
  await db.schema.createIndex("change_requests_vendor_status_idx").on("change_requests").columns(["vendor_org_id", "status"]).execute();
  await db.schema
    .createTable("change_request_comments")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("seq", "bigserial", (c) => c.notNull())
    .addColumn("change_request_id", "uuid", (c) => c.notNull().references("change_requests.id").onDelete("cascade"))
    .addColumn("side", "text", (c) => c.notNull().check(sql`side in ('buyer', 'vendor')`))
    .addColumn("author_user_id", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("body", "text", (c) => c.notNull().check(sql`char_length(body) between 1 and 2000`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("change_request_comments_request_idx").on("change_request_comments").columns(["change_request_id", "seq"]).execute();
  // approval_decisions serve award proposals and change requests: exactly one subject per row.
  await db.schema
    .alterTable("approval_decisions")
    .alterColumn("proposal_id", (c) => c.dropNotNull())
    .execute();
  await db.schema
    .alterTable("approval_decisions")
    .addColumn("change_request_id", "uuid", (c) => c.references("change_requests.id").onDelete("cascade"))
    .execute();
  await db.schema
    .alterTable("approval_decisions")
    .addCheckConstraint("approval_decisions_one_subject", sql`num_nonnulls(proposal_id, change_request_id) = 1`)
    .execute();
  await db.schema
    .alterTable("approval_decisions")
    .addUniqueConstraint("approval_decisions_one_per_change_seat", ["change_request_id", "round", "step_index", "approver_user_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom("approval_decisions").where("change_request_id", "is not", null).execute();
  await db.schema.alterTable("approval_decisions").dropConstraint("approval_decisions_one_per_change_seat").execute();
  await db.schema.alterTable("approval_decisions").dropConstraint("approval_decisions_one_subject").execute();
  await db.schema.alterTable("approval_decisions").dropColumn("change_request_id").execute();
  await db.schema
    .alterTable("approval_decisions")
    .alterColumn("proposal_id", (c) => c.setNotNull())
    .execute();
  await db.schema.dropTable("change_request_comments").ifExists().execute();
  await db.schema.dropTable("change_requests").ifExists().execute();
  await db.schema.alterTable("organizations").dropColumn("change_route_threshold_yen").execute();
}
