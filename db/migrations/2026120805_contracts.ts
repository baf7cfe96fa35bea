import { sql, type Kysely } from "kysely";

// The contract (issue 15, items 5 and 6; decision 0028). A buyer member creates one contract from an
// ACCEPTED award (one per award); its content lives in numbered versions: version 1 drawn from the accepted
// quote and the RFQ, a change request later adds n+1 (`contracts.current_version` points at the one in
// force). A draft's milestone plan is edited in place in its current version; activation (締結) freezes it.
// The buyer organisation's kind for the legal deadlines (municipality: 支払遅延防止法; company: 取適法 /
// フリーランス法) is a column of `organizations`, default company.
// `documents` keeps each printed document (発注書, 稟議書) rendered once: its bytes and SHA-256, one per
// (kind, subject, locale), so a later download serves exactly the same file.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("organizations")
    .addColumn("buyer_kind", "text", (c) =>
      c
        .notNull()
        .defaultTo("company")
        .check(sql`buyer_kind in ('company', 'municipality')`),
    )
    .execute();
  await db.schema
    .createTable("contracts")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("rfq_id", "uuid", (c) => c.notNull().references("rfqs.id").onDelete("cascade"))
    .addColumn("award_id", "uuid", (c) => c.notNull().unique().references("awards.id"))
    .addColumn("quote_id", "uuid", (c) => c.notNull().references("quotes.id"))
    .addColumn("buyer_org_id", "uuid", (c) => c.notNull().references("organizations.id"))
    .addColumn("vendor_org_id", "uuid", (c) => c.notNull().references("organizations.id"))
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("draft")
        .check(sql`status in ('draft', 'active')`),
    )
    .addColumn("current_version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("outside_scope", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("outside_scope_reason", "text")
    .addColumn("created_by", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("activated_at", "timestamptz")
    .addColumn("activated_by", "uuid", (c) => c.references("users.id"))
    .addCheckConstraint("contracts_outside_scope_reason", sql`outside_scope = false or outside_scope_reason is not null`)
    .execute();
  await db.schema.createIndex("contracts_rfq_idx").on("contracts").column("rfq_id").execute();
  await db.schema.createIndex("contracts_vendor_idx").on("contracts").column("vendor_org_id").execute();
  await db.schema
    .createTable("contract_versions")
    .addColumn("contract_id", "uuid", (c) => c.notNull().references("contracts.id").onDelete("cascade"))
    .addColumn("version", "integer", (c) => c.notNull().check(sql`version >= 1`))
    .addColumn("content", "jsonb", (c) => c.notNull())
    .addColumn("change_reason", "text", (c) => c.notNull())
    .addColumn("created_by", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("contract_versions_pk", ["contract_id", "version"])
    .execute();
  await db.schema
    .createTable("documents")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('purchase_order', 'approval_packet')`))
    // A contract version ("<contractId>:v<n>") or an award proposal id.
    .addColumn("subject_id", "text", (c) => c.notNull())
    .addColumn("rfq_id", "uuid", (c) => c.notNull().references("rfqs.id").onDelete("cascade"))
    .addColumn("buyer_org_id", "uuid", (c) => c.notNull().references("organizations.id"))
    .addColumn("vendor_org_id", "uuid", (c) => c.references("organizations.id"))
    .addColumn("locale", "text", (c) => c.notNull().check(sql`locale in ('ja', 'en')`))
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("byte_size", "integer", (c) => c.notNull())
    .addColumn("bytes", "bytea", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("documents_once", ["kind", "subject_id", "locale"])
    .execute();
  await db.schema.createIndex("documents_rfq_idx").on("documents").column("rfq_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("documents").ifExists().execute();
  await db.schema.dropTable("contract_versions").ifExists().execute();
  await db.schema.dropTable("contracts").ifExists().execute();
  await db.schema.alterTable("organizations").dropColumn("buyer_kind").execute();
}
