import { sql, type Kysely } from "kysely";

// 稟議ルート (issue 15, item 3). Members of a buyer organisation may carry an approver flag; the
// organisation's approval rules are one jsonb document per organisation (`rules.version` is the shape,
// app/domain/approvals/route-rules.ts), with a revision counter that each save raises. Proposals will
// freeze the route they use, so editing the rules never changes a running route.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("memberships")
    .addColumn("is_approver", "boolean", (c) => c.notNull().defaultTo(false))
    .execute();
  await db.schema
    .createTable("approval_route_rules")
    .addColumn("org_id", "uuid", (c) => c.primaryKey().references("organizations.id").onDelete("cascade"))
    .addColumn("rules", "jsonb", (c) => c.notNull())
    .addColumn("revision", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("updated_by", "uuid", (c) => c.references("users.id"))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("approval_route_rules").ifExists().execute();
  await db.schema.alterTable("memberships").dropColumn("is_approver").execute();
}
