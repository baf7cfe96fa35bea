import { sql, type Kysely } from "kysely";

// Files attached to RFQs (specifications, forms, item definitions) and to quotes (proposal documents).
// The bytes live under DATA_DIR/attachments like certificate evidence; a row names its stored file.
//
// RFQ attachments are versioned with the RFQ: `rfq_version` is the RFQ version a file first belongs to
// and `superseded_in_version` the version from which it no longer does (replaced or removed). A file
// whose `rfq_version` is above the RFQ's current version is a pending change that the next publication
// (or addendum) brings out; a replaced file stays, as the old version, downloadable. Replacements share
// `document_id`, so a file's history is one document's rows in version order.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("rfq_attachments")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("rfq_id", "uuid", (c) => c.notNull().references("rfqs.id").onDelete("cascade"))
    .addColumn("document_id", "uuid", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('specification', 'form', 'definitions', 'other')`))
    .addColumn("rfq_version", "integer", (c) => c.notNull().check(sql`rfq_version >= 1`))
    .addColumn("superseded_in_version", "integer", (c) => c.check(sql`superseded_in_version > rfq_version`))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("mime", "text", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("path", "text", (c) => c.notNull())
    .addColumn("uploaded_by", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("rfq_attachments_rfq_idx").on("rfq_attachments").columns(["rfq_id", "rfq_version"]).execute();

  await db.schema
    .createTable("quote_attachments")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("quote_id", "uuid", (c) => c.notNull().references("quotes.id").onDelete("cascade"))
    .addColumn("vendor_org_id", "uuid", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("mime", "text", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("path", "text", (c) => c.notNull())
    .addColumn("uploaded_by", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("quote_attachments_quote_idx").on("quote_attachments").column("quote_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("quote_attachments").ifExists().execute();
  await db.schema.dropTable("rfq_attachments").ifExists().execute();
}
