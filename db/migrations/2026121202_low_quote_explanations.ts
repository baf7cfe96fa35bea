import { sql, type Kysely } from "kysely";

// Abnormally low quotes and red flags (issue 19 items 2–4; decision 0051).
// `low_quote_explanations`: the buyer's explanation request to the vendor of a quote whose price is abnormally low
// (or below a public buyer's 低入札価格調査基準価格): which topics the vendor must explain (costs, assumptions,
// staffing), the buyer's message and a reply-by date; the vendor's answer per topic, written once; then the
// buyer's assessment (satisfactory or not, with its note), written once — for a low-bid investigation that is the
// decision recorded before award. One request per quote version: a revised quote (BAFO) may be asked again.
// The row holds no threshold, median or benchmark figure: what it says is readable by the vendor.
// `award_proposals.red_flags`: the red flags shown when the award was proposed and that the proposer acknowledged.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("low_quote_explanations")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("rfq_id", "uuid", (c) => c.notNull().references("rfqs.id"))
    .addColumn("quote_id", "uuid", (c) => c.notNull().references("quotes.id"))
    .addColumn("quote_version", "integer", (c) => c.notNull())
    .addColumn("buyer_org_id", "uuid", (c) => c.notNull().references("organizations.id"))
    .addColumn("vendor_org_id", "uuid", (c) => c.notNull().references("organizations.id"))
    .addColumn("trigger", "text", (c) => c.notNull().check(sql`trigger in ('abnormally_low', 'low_bid_investigation')`))
    .addColumn("topics", "jsonb", (c) => c.notNull())
    .addColumn("message", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("reply_by", "date", (c) => c.notNull())
    .addColumn("requested_by", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("requested_at", "timestamptz", (c) => c.notNull())
    .addColumn("answer", "jsonb")
    .addColumn("answered_by", "uuid", (c) => c.references("users.id"))
    .addColumn("answered_at", "timestamptz")
    .addColumn("assessment", "text", (c) => c.check(sql`assessment in ('satisfactory', 'unsatisfactory')`))
    .addColumn("assessment_note", "text")
    .addColumn("assessed_by", "uuid", (c) => c.references("users.id"))
    .addColumn("assessed_at", "timestamptz")
    .addCheckConstraint("low_quote_explanations_answered", sql`(answer is null) = (answered_at is null) and (answer is null) = (answered_by is null)`)
    .addCheckConstraint(
      "low_quote_explanations_assessed",
      sql`(assessment is null) = (assessed_at is null) and (assessment is null) = (assessed_by is null)
          and (assessment is null) = (assessment_note is null) and (assessment is null or answer is not null)`,
    )
    .execute();
  await db.schema.createIndex("low_quote_explanations_once").on("low_quote_explanations").columns(["quote_id", "quote_version"]).unique().execute();
  await db.schema.createIndex("low_quote_explanations_rfq_idx").on("low_quote_explanations").column("rfq_id").execute();
  await db.schema.createIndex("low_quote_explanations_vendor_idx").on("low_quote_explanations").columns(["vendor_org_id", "answered_at"]).execute();
  // The request cannot change once sent; the answer and the assessment are each written once.
  await sql`
    create function low_quote_explanation_write_once() returns trigger language plpgsql as $$
    begin
      if new.quote_id <> old.quote_id or new.quote_version <> old.quote_version or new.topics <> old.topics
         or new.message <> old.message or new.reply_by <> old.reply_by or new.trigger <> old.trigger then
        raise exception 'explanation request % cannot change once sent', old.id;
      end if;
      if old.answered_at is not null and (new.answer is distinct from old.answer or new.answered_at is distinct from old.answered_at) then
        raise exception 'explanation request % is answered and the answer cannot change', old.id;
      end if;
      if old.assessed_at is not null and (new.assessment is distinct from old.assessment or new.assessment_note is distinct from old.assessment_note) then
        raise exception 'explanation request % is assessed and the assessment cannot change', old.id;
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger low_quote_explanation_write_once before update on low_quote_explanations for each row execute function low_quote_explanation_write_once()`.execute(
    db,
  );
  await db.schema
    .alterTable("award_proposals")
    .addColumn("red_flags", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("award_proposals").dropColumn("red_flags").execute();
  await db.schema.dropTable("low_quote_explanations").execute();
  await sql`drop function low_quote_explanation_write_once()`.execute(db);
}
