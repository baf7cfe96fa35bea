import { sql, type Kysely } from "kysely";

// Quotes (sealed until the RFQ's deadline: readable by their vendor only, enforced in the
// queries), their versions (every revision is kept), and what certificates need beyond
// foundation: evidence files stored outside the web root, rejection reasons, admin-added
// types, and the vendor's invoice registration number (適格請求書発行事業者登録番号).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("quotes")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("rfq_id", "uuid", (c) => c.notNull().references("rfqs.id").onDelete("cascade"))
    .addColumn("vendor_org_id", "uuid", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("draft")
        .check(sql`status in ('draft','submitted','withdrawn','shortlisted','awarded','not_selected')`),
    )
    .addColumn("current_version", "integer", (c) => c.notNull().defaultTo(0))
    // The RFQ version the latest submission answered: older than the RFQ's → needs re-confirmation.
    .addColumn("rfq_version", "integer", (c) => c.notNull())
    .addColumn("content", "jsonb", (c) => c.notNull())
    .addColumn("tco", "bigint")
    .addColumn("submitted_at", "timestamptz")
    .addColumn("withdrawn_at", "timestamptz")
    .addColumn("created_by", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    // One quote per vendor per RFQ: revisions are versions of it; withdrawal is final, as in a public tender.
    .addUniqueConstraint("quotes_rfq_vendor_key", ["rfq_id", "vendor_org_id"])
    .execute();
  await db.schema.createIndex("quotes_vendor_idx").on("quotes").columns(["vendor_org_id", "updated_at"]).execute();

  await db.schema
    .createTable("quote_versions")
    .addColumn("quote_id", "uuid", (c) => c.notNull().references("quotes.id").onDelete("cascade"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("rfq_version", "integer", (c) => c.notNull())
    .addColumn("content", "jsonb", (c) => c.notNull())
    .addColumn("normalized", "jsonb", (c) => c.notNull())
    .addColumn("tco", "bigint", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('submitted','revised','reconfirmed')`))
    .addColumn("created_by", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("quote_versions_pkey", ["quote_id", "version"])
    .execute();

  await db.schema.alterTable("organizations").addColumn("invoice_registration_number", "text").execute();

  await db.schema
    .alterTable("certifications")
    .addColumn("evidence_path", "text")
    .addColumn("evidence_name", "text")
    .addColumn("evidence_mime", "text")
    .addColumn("evidence_size", "integer")
    .addColumn("rejected_reason", "text")
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // Types beyond the built-in five, added by platform admins (keys look like `custom:<slug>`).
  await db.schema
    .createTable("certification_types")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("label_ja", "text", (c) => c.notNull())
    .addColumn("label_en", "text", (c) => c.notNull())
    .addColumn("created_by", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("certification_types").ifExists().execute();
  await db.schema
    .alterTable("certifications")
    .dropColumn("evidence_path")
    .dropColumn("evidence_name")
    .dropColumn("evidence_mime")
    .dropColumn("evidence_size")
    .dropColumn("rejected_reason")
    .dropColumn("updated_at")
    .execute();
  await db.schema.alterTable("organizations").dropColumn("invoice_registration_number").execute();
  await db.schema.dropTable("quote_versions").ifExists().execute();
  await db.schema.dropTable("quotes").ifExists().execute();
}
