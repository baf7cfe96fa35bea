import { sql, type Kysely } from "kysely";

// RFQs. `content` is the buyer's working copy (the normalized RFQ as JSON, validated by the
// zod schemas in app/domain/rfq); every publication and addendum freezes a copy in
// rfq_versions, which is what vendors read. Status, deadline and visibility are columns so
// lists and access checks filter in SQL.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("rfqs")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("buyer_org_id", "uuid", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("draft")
        .check(sql`status in ('draft','published','closed','awarded','cancelled')`),
    )
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("quote_deadline", "timestamptz")
    .addColumn("sealed", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("visibility", "text", (c) =>
      c
        .notNull()
        .defaultTo("invited")
        .check(sql`visibility in ('invited','marketplace')`),
    )
    .addColumn("current_version", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("content", "jsonb", (c) => c.notNull())
    .addColumn("created_by", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("published_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("rfqs_buyer_idx").on("rfqs").columns(["buyer_org_id", "created_at"]).execute();
  await db.schema.createIndex("rfqs_open_idx").on("rfqs").columns(["status", "visibility", "quote_deadline"]).execute();

  await db.schema
    .createTable("rfq_versions")
    .addColumn("rfq_id", "uuid", (c) => c.notNull().references("rfqs.id").onDelete("cascade"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("content", "jsonb", (c) => c.notNull())
    .addColumn("change_summary", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_by", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("rfq_versions_pkey", ["rfq_id", "version"])
    .execute();

  await db.schema
    .createTable("rfq_invitations")
    .addColumn("rfq_id", "uuid", (c) => c.notNull().references("rfqs.id").onDelete("cascade"))
    .addColumn("vendor_org_id", "uuid", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("rfq_invitations_pkey", ["rfq_id", "vendor_org_id"])
    .execute();
  await db.schema.createIndex("rfq_invitations_vendor_idx").on("rfq_invitations").column("vendor_org_id").execute();

  // The asker is stored for the buyer's moderation and the audit trail, never shown to other vendors.
  await db.schema
    .createTable("rfq_questions")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("rfq_id", "uuid", (c) => c.notNull().references("rfqs.id").onDelete("cascade"))
    .addColumn("asked_by_org_id", "uuid", (c) => c.notNull().references("organizations.id"))
    .addColumn("asked_by_user_id", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("question", "text", (c) => c.notNull())
    .addColumn("answer", "text")
    .addColumn("answered_by", "uuid", (c) => c.references("users.id"))
    .addColumn("answered_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("rfq_questions_rfq_idx").on("rfq_questions").columns(["rfq_id", "created_at"]).execute();

  await db.schema
    .createTable("notifications")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("user_id", "uuid", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("payload", "jsonb", (c) => c.notNull())
    .addColumn("read_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("notifications_user_idx").on("notifications").columns(["user_id", "created_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["notifications", "rfq_questions", "rfq_invitations", "rfq_versions", "rfqs"]) await db.schema.dropTable(t).ifExists().execute();
}
