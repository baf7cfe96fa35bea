import { sql, type Kysely } from "kysely";

// Periodic reviews (定例レビュー) and verified vendor ratings (issue 17 items 4 and 6; decision 0042).
//
// `contract_review_settings`: the cadence the buyer picked for a contract (monthly / quarterly), once — the row is
// inserted with the first review and never changed, so every review of a contract covers periods of one length.
// `contract_reviews`: one per contract and period (unique), draft → awaiting_vendor (shared with the vendor, who
// adds improvement proposals and comments) → finalized. A finalized review is frozen by a trigger: no update and no
// delete, and `snapshot` keeps the KPI table (targets, actuals, RAG) as it was finalized, so a later fact never
// rewrites what both parties agreed on. `contract_review_comments` refuses rows on a finalized review (trigger).
// `contract_review_documents`: the PDF of a finalized review, rendered once per language and kept with its SHA-256
// (the way `documents` keeps the 発注書), so every download of an agreed review is the same bytes.
// `review_reminders`: the claim rows of the daily reminder job — (kind, subject) is the key, so a reminder goes
// out once however often the job runs.
// `vendor_ratings`: a buyer member's rating of the vendor under one contract, one per contract and contract year
// (unique), scores 1–5 and "would hire again" 0–10; the vendor's reply is written once (trigger), and the scores
// never change.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("contract_review_settings")
    .addColumn("contract_id", "uuid", (c) => c.primaryKey().references("contracts.id"))
    .addColumn("cadence", "text", (c) => c.notNull().check(sql`cadence in ('monthly', 'quarterly')`))
    .addColumn("set_by", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("set_at", "timestamptz", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("contract_reviews")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("contract_id", "uuid", (c) => c.notNull().references("contracts.id"))
    .addColumn("buyer_org_id", "uuid", (c) => c.notNull().references("organizations.id"))
    .addColumn("vendor_org_id", "uuid", (c) => c.notNull().references("organizations.id"))
    .addColumn("cadence", "text", (c) => c.notNull().check(sql`cadence in ('monthly', 'quarterly')`))
    .addColumn("period_start", "date", (c) => c.notNull())
    .addColumn("period_end", "date", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("draft")
        .check(sql`status in ('draft', 'awaiting_vendor', 'finalized')`),
    )
    .addColumn("notes", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("proposals", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("actions", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn("snapshot", "jsonb")
    .addColumn("created_by", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addColumn("updated_at", "timestamptz", (c) => c.notNull())
    .addColumn("shared_at", "timestamptz")
    .addColumn("finalized_at", "timestamptz")
    .addColumn("finalized_by", "uuid", (c) => c.references("users.id"))
    .addUniqueConstraint("contract_reviews_once", ["contract_id", "period_start"])
    .addCheckConstraint("contract_reviews_period", sql`period_end >= period_start`)
    .addCheckConstraint(
      "contract_reviews_finalized",
      sql`(status = 'finalized') = (finalized_at is not null and finalized_by is not null and snapshot is not null)`,
    )
    .execute();
  await db.schema.createIndex("contract_reviews_vendor_idx").on("contract_reviews").columns(["vendor_org_id", "status"]).execute();
  await db.schema.createIndex("contract_reviews_buyer_idx").on("contract_reviews").columns(["buyer_org_id", "status"]).execute();

  await db.schema
    .createTable("contract_review_comments")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("review_id", "uuid", (c) => c.notNull().references("contract_reviews.id"))
    .addColumn("side", "text", (c) => c.notNull().check(sql`side in ('buyer', 'vendor')`))
    .addColumn("author_user_id", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("contract_review_comments_review_idx").on("contract_review_comments").column("review_id").execute();

  await db.schema
    .createTable("contract_review_documents")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("review_id", "uuid", (c) => c.notNull().references("contract_reviews.id"))
    .addColumn("locale", "text", (c) => c.notNull().check(sql`locale in ('ja', 'en')`))
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("bytes", "bytea", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addUniqueConstraint("contract_review_documents_once", ["review_id", "locale"])
    .execute();

  await db.schema
    .createTable("review_reminders")
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('review_due', 'review_comment')`))
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("contract_id", "uuid", (c) => c.notNull().references("contracts.id"))
    .addColumn("sent_at", "timestamptz", (c) => c.notNull())
    .addPrimaryKeyConstraint("review_reminders_once", ["kind", "subject"])
    .execute();

  await db.schema
    .createTable("vendor_ratings")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("contract_id", "uuid", (c) => c.notNull().references("contracts.id"))
    .addColumn("vendor_org_id", "uuid", (c) => c.notNull().references("organizations.id"))
    .addColumn("buyer_org_id", "uuid", (c) => c.notNull().references("organizations.id"))
    .addColumn("buyer_kind", "text", (c) => c.notNull().check(sql`buyer_kind in ('municipality', 'company')`))
    .addColumn("rating_year", "integer", (c) => c.notNull().check(sql`rating_year >= 1`))
    .addColumn("quality", "smallint", (c) => c.notNull().check(sql`quality between 1 and 5`))
    .addColumn("schedule", "smallint", (c) => c.notNull().check(sql`schedule between 1 and 5`))
    .addColumn("cost", "smallint", (c) => c.notNull().check(sql`cost between 1 and 5`))
    .addColumn("communication", "smallint", (c) => c.notNull().check(sql`communication between 1 and 5`))
    .addColumn("would_hire_again", "smallint", (c) => c.notNull().check(sql`would_hire_again between 0 and 10`))
    .addColumn("comment", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("author_user_id", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addColumn("vendor_reply", "text")
    .addColumn("replied_by", "uuid", (c) => c.references("users.id"))
    .addColumn("replied_at", "timestamptz")
    .addUniqueConstraint("vendor_ratings_once", ["contract_id", "rating_year"])
    .execute();
  await db.schema.createIndex("vendor_ratings_vendor_idx").on("vendor_ratings").columns(["vendor_org_id", "created_at"]).execute();

  // One statement per call: PGlite (the embedded database) refuses several commands in one prepared statement.
  await sql`
    create function contract_reviews_frozen() returns trigger language plpgsql as $$
    begin
      if old.status = 'finalized' then
        raise exception 'a finalized review is never changed or deleted';
      end if;
      if tg_op = 'DELETE' then return old; end if;
      return new;
    end $$
  `.execute(db);
  await sql`
    create trigger contract_reviews_frozen before update or delete on contract_reviews
      for each row execute function contract_reviews_frozen()
  `.execute(db);
  await sql`
    create function contract_review_comments_open() returns trigger language plpgsql as $$
    begin
      if tg_op <> 'INSERT' then
        raise exception 'review comments are never changed or deleted';
      end if;
      if (select status from contract_reviews where id = new.review_id) = 'finalized' then
        raise exception 'a finalized review takes no more comments';
      end if;
      return new;
    end $$
  `.execute(db);
  await sql`
    create trigger contract_review_comments_open before insert or update or delete on contract_review_comments
      for each row execute function contract_review_comments_open()
  `.execute(db);
  await sql`
    create function vendor_ratings_kept() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        raise exception 'ratings are never deleted';
      end if;
      if (new.quality, new.schedule, new.cost, new.communication, new.would_hire_again, new.comment, new.contract_id,
          new.vendor_org_id, new.buyer_org_id, new.buyer_kind, new.rating_year, new.author_user_id, new.created_at)
         is distinct from
         (old.quality, old.schedule, old.cost, old.communication, old.would_hire_again, old.comment, old.contract_id,
          old.vendor_org_id, old.buyer_org_id, old.buyer_kind, old.rating_year, old.author_user_id, old.created_at) then
        raise exception 'a rating is never changed';
      end if;
      if old.vendor_reply is not null then
        raise exception 'the vendor replies once';
      end if;
      return new;
    end $$
  `.execute(db);
  await sql`
    create trigger vendor_ratings_kept before update or delete on vendor_ratings
      for each row execute function vendor_ratings_kept()
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("vendor_ratings").ifExists().execute();
  await db.schema.dropTable("review_reminders").ifExists().execute();
  await db.schema.dropTable("contract_review_documents").ifExists().execute();
  await db.schema.dropTable("contract_review_comments").ifExists().execute();
  await db.schema.dropTable("contract_reviews").ifExists().execute();
  await db.schema.dropTable("contract_review_settings").ifExists().execute();
  await sql`drop function if exists vendor_ratings_kept()`.execute(db);
  await sql`drop function if exists contract_review_comments_open()`.execute(db);
  await sql`drop function if exists contract_reviews_frozen()`.execute(db);
}
