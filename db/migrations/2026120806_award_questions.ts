import { sql, type Kysely } from "kysely";

// The standstill question (issue 15, item 4): while an award's standstill runs, each not-selected vendor
// organisation may send the buyer ONE question about the decision; the buyer answers it once. The unique
// key makes "one question" hold even when two members of the vendor press at the same moment.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("award_questions")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("award_id", "uuid", (c) => c.notNull().references("awards.id").onDelete("cascade"))
    .addColumn("quote_id", "uuid", (c) => c.notNull().references("quotes.id"))
    .addColumn("vendor_org_id", "uuid", (c) => c.notNull().references("organizations.id"))
    .addColumn("asked_by", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("body", "text", (c) => c.notNull().check(sql`char_length(body) between 1 and 2000`))
    .addColumn("asked_at", "timestamptz", (c) => c.notNull())
    .addColumn("answer", "text", (c) => c.check(sql`answer is null or char_length(answer) between 1 and 2000`))
    .addColumn("answered_by", "uuid", (c) => c.references("users.id"))
    .addColumn("answered_at", "timestamptz")
    .addUniqueConstraint("award_questions_one_per_vendor", ["award_id", "vendor_org_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("award_questions").ifExists().execute();
}
