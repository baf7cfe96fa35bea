import { sql, type Kysely } from "kysely";

// 稟議 decisions and 代決 (issue 15, item 3; decision 0027). A proposal walks its frozen route in rounds:
// round 1 starts at proposal time; an edit by the proposer (after a return, or while pending) starts the
// next round and voids every decision of earlier rounds (they stay, as history). The route's state is
// never stored: it is computed by `nextPending` from the frozen `route_steps` and this round's decisions.
// A seat (approver_user_id) decides once per step and round; `decided_by` is who acted — the approver, or
// their delegate (代決, `delegated`). Delegations are per organisation, by date (Japan), revocable.
// The award proposal also gains the reason not-selected vendors read (`debrief_reason`).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("award_proposals")
    .addColumn("debrief_reason", "text")
    .addColumn("round", "integer", (c) =>
      c
        .notNull()
        .defaultTo(1)
        .check(sql`round >= 1`),
    )
    .execute();
  await db.schema
    .createTable("approval_decisions")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // The order decisions were made in (nextPending reads them in order; created_at may tie).
    .addColumn("seq", "bigserial", (c) => c.notNull())
    .addColumn("proposal_id", "uuid", (c) => c.notNull().references("award_proposals.id").onDelete("cascade"))
    .addColumn("round", "integer", (c) => c.notNull().check(sql`round >= 1`))
    .addColumn("step_index", "integer", (c) => c.notNull().check(sql`step_index >= 0`))
    .addColumn("approver_user_id", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("decided_by", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("delegated", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("decision", "text", (c) => c.notNull().check(sql`decision in ('approve', 'reject', 'return')`))
    .addColumn("comment", "text", (c) => c.check(sql`char_length(comment) <= 2000`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("approval_decisions_one_per_seat", ["proposal_id", "round", "step_index", "approver_user_id"])
    .execute();
  await db.schema.createIndex("approval_decisions_decided_by_idx").on("approval_decisions").column("decided_by").execute();
  await db.schema
    .createTable("approval_delegations")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("org_id", "uuid", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
    .addColumn("from_user_id", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("to_user_id", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("starts_on", "date", (c) => c.notNull())
    .addColumn("ends_on", "date", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_by", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("revoked_at", "timestamptz")
    .addCheckConstraint("approval_delegations_not_self", sql`from_user_id <> to_user_id`)
    .addCheckConstraint("approval_delegations_period", sql`ends_on >= starts_on`)
    .execute();
  await db.schema.createIndex("approval_delegations_org_idx").on("approval_delegations").columns(["org_id", "ends_on"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("approval_delegations").ifExists().execute();
  await db.schema.dropTable("approval_decisions").ifExists().execute();
  await db.schema.alterTable("award_proposals").dropColumn("debrief_reason").dropColumn("round").execute();
}
