import { sql, type Kysely } from "kysely";

// Advisors and the buyer's committee as evaluators (issue 18; decisions 0044–0047).
//
// `rfq_design_comments` (+ `_replies`): an assigned advisor's comment on a draft RFQ's evaluation design, anchored to
// one criterion's field (or to the design as a whole: a missing KPI, the scoring method), optionally carrying a
// concrete suggestion the buyer applies in one click. open → applied | declined (with a reason); replies discuss it.
// `quote_annotations` (+ `_revisions`): strength / risk / question on an opened quote, or on one cell (quote ×
// criterion); edits keep the earlier text, withdrawal keeps the row. Never shown to vendors.
// `clarification_requests`: a question sent to the quote's vendor; the vendor's answer is written once.
// `rfq_evaluation_panels`: who chairs the evaluation (the buyer's lead, who records consensus) and the
// price-later (two envelopes) option; `rfq_evaluators`: the named evaluators (buyer members and assigned
// advisors' users), each with the moment it submitted all its ratings (blind until then).
// `evaluator_ratings`: one rating per evaluator, quote and evaluator-rated criterion, with its reason.
// `rating_consensus`: the chair's consensus score and comment per quote and criterion.
// `recommendation_memos`: an advisory organisation's memo per RFQ, in versions: one draft or published current
// version; publishing a new version supersedes the previous one (kept).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("rfq_design_comments")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("rfq_id", "uuid", (c) => c.notNull().references("rfqs.id"))
    .addColumn("author_user_id", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("author_org_id", "uuid", (c) => c.notNull().references("organizations.id"))
    .addColumn("criterion_key", "text")
    .addColumn("field", "text", (c) =>
      c.notNull().check(sql`field in ('criterion', 'weight', 'scale', 'target', 'gate', 'rating', 'missing_kpi', 'scoring_method')`),
    )
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("suggestion", "jsonb")
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("open")
        .check(sql`status in ('open', 'applied', 'declined')`),
    )
    .addColumn("resolution_reason", "text")
    .addColumn("resolved_by", "uuid", (c) => c.references("users.id"))
    .addColumn("resolved_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addColumn("updated_at", "timestamptz", (c) => c.notNull())
    .addCheckConstraint("rfq_design_comments_resolved", sql`(status = 'open') = (resolved_at is null)`)
    .execute();
  await db.schema.createIndex("rfq_design_comments_rfq_idx").on("rfq_design_comments").columns(["rfq_id", "status"]).execute();
  await db.schema
    .createTable("rfq_design_comment_replies")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("comment_id", "uuid", (c) => c.notNull().references("rfq_design_comments.id"))
    .addColumn("author_user_id", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("author_org_id", "uuid", (c) => c.notNull().references("organizations.id"))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("rfq_design_comment_replies_comment_idx").on("rfq_design_comment_replies").column("comment_id").execute();

  await db.schema
    .createTable("quote_annotations")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("rfq_id", "uuid", (c) => c.notNull().references("rfqs.id"))
    .addColumn("quote_id", "uuid", (c) => c.notNull().references("quotes.id"))
    .addColumn("criterion_key", "text")
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('strength', 'risk', 'question')`))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("author_user_id", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("author_org_id", "uuid", (c) => c.notNull().references("organizations.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addColumn("updated_at", "timestamptz", (c) => c.notNull())
    .addColumn("withdrawn_at", "timestamptz")
    .execute();
  await db.schema.createIndex("quote_annotations_rfq_idx").on("quote_annotations").columns(["rfq_id", "quote_id"]).execute();
  await db.schema
    .createTable("quote_annotation_revisions")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("annotation_id", "uuid", (c) => c.notNull().references("quote_annotations.id"))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('strength', 'risk', 'question')`))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("replaced_by", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("replaced_at", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("quote_annotation_revisions_idx").on("quote_annotation_revisions").column("annotation_id").execute();
  await db.schema
    .createTable("clarification_requests")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("rfq_id", "uuid", (c) => c.notNull().references("rfqs.id"))
    .addColumn("quote_id", "uuid", (c) => c.notNull().references("quotes.id"))
    .addColumn("vendor_org_id", "uuid", (c) => c.notNull().references("organizations.id"))
    .addColumn("annotation_id", "uuid", (c) => c.references("quote_annotations.id"))
    .addColumn("question", "text", (c) => c.notNull())
    .addColumn("asked_by", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("asker_org_id", "uuid", (c) => c.notNull().references("organizations.id"))
    .addColumn("asked_at", "timestamptz", (c) => c.notNull())
    .addColumn("answer", "text")
    .addColumn("answered_by", "uuid", (c) => c.references("users.id"))
    .addColumn("answered_at", "timestamptz")
    .addCheckConstraint("clarification_requests_answered", sql`(answer is null) = (answered_at is null) and (answer is null) = (answered_by is null)`)
    .execute();
  await db.schema.createIndex("clarification_requests_quote_idx").on("clarification_requests").column("quote_id").execute();
  await db.schema.createIndex("clarification_requests_vendor_idx").on("clarification_requests").columns(["vendor_org_id", "answered_at"]).execute();
  // A question is sent once; the answer is written once (what the buyer read cannot change afterwards).
  await db.schema.createIndex("clarification_requests_annotation_once").on("clarification_requests").column("annotation_id").unique().execute();
  await sql`
    create function clarification_answer_once() returns trigger language plpgsql as $$
    begin
      if old.answered_at is not null then
        raise exception 'clarification % is answered and cannot change', old.id;
      end if;
      if new.question <> old.question or new.quote_id <> old.quote_id then
        raise exception 'clarification % question cannot change', old.id;
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger clarification_answer_once before update on clarification_requests for each row execute function clarification_answer_once()`.execute(
    db,
  );

  await db.schema
    .createTable("rfq_evaluation_panels")
    .addColumn("rfq_id", "uuid", (c) => c.primaryKey().references("rfqs.id"))
    .addColumn("chair_user_id", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("price_later", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("set_by", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("set_at", "timestamptz", (c) => c.notNull())
    .addColumn("updated_at", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("rfq_evaluators")
    .addColumn("rfq_id", "uuid", (c) => c.notNull().references("rfqs.id"))
    .addColumn("user_id", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("org_id", "uuid", (c) => c.notNull().references("organizations.id"))
    .addColumn("side", "text", (c) => c.notNull().check(sql`side in ('buyer', 'advisor')`))
    .addColumn("added_by", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("added_at", "timestamptz", (c) => c.notNull())
    .addColumn("submitted_at", "timestamptz")
    .addPrimaryKeyConstraint("rfq_evaluators_pk", ["rfq_id", "user_id"])
    .execute();
  await db.schema.createIndex("rfq_evaluators_user_idx").on("rfq_evaluators").column("user_id").execute();
  await db.schema
    .createTable("evaluator_ratings")
    .addColumn("rfq_id", "uuid", (c) => c.notNull().references("rfqs.id"))
    .addColumn("quote_id", "uuid", (c) => c.notNull().references("quotes.id"))
    .addColumn("criterion_key", "text", (c) => c.notNull())
    .addColumn("evaluator_user_id", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("score", "integer", (c) => c.notNull().check(sql`score between 0 and 100`))
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("updated_at", "timestamptz", (c) => c.notNull())
    .addPrimaryKeyConstraint("evaluator_ratings_pk", ["rfq_id", "evaluator_user_id", "quote_id", "criterion_key"])
    .execute();
  await db.schema.createIndex("evaluator_ratings_quote_idx").on("evaluator_ratings").columns(["quote_id", "criterion_key"]).execute();
  await db.schema
    .createTable("rating_consensus")
    .addColumn("rfq_id", "uuid", (c) => c.notNull().references("rfqs.id"))
    .addColumn("quote_id", "uuid", (c) => c.notNull().references("quotes.id"))
    .addColumn("criterion_key", "text", (c) => c.notNull())
    .addColumn("score", "double precision", (c) => c.notNull())
    .addColumn("comment", "text", (c) => c.notNull())
    .addColumn("chair_user_id", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("recorded_at", "timestamptz", (c) => c.notNull())
    .addPrimaryKeyConstraint("rating_consensus_pk", ["quote_id", "criterion_key"])
    .execute();
  await db.schema.createIndex("rating_consensus_rfq_idx").on("rating_consensus").column("rfq_id").execute();

  await db.schema
    .createTable("recommendation_memos")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("rfq_id", "uuid", (c) => c.notNull().references("rfqs.id"))
    .addColumn("advisor_org_id", "uuid", (c) => c.notNull().references("organizations.id"))
    .addColumn("version", "integer", (c) => c.notNull().check(sql`version >= 1`))
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('draft', 'published', 'superseded')`))
    .addColumn("quote_id", "uuid", (c) => c.references("quotes.id"))
    .addColumn("rationale", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("conditions", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("risks", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("author_user_id", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addColumn("updated_at", "timestamptz", (c) => c.notNull())
    .addColumn("published_at", "timestamptz")
    .addUniqueConstraint("recommendation_memos_version", ["rfq_id", "advisor_org_id", "version"])
    .addCheckConstraint("recommendation_memos_published", sql`(status = 'draft') = (published_at is null)`)
    .execute();
  // One draft and one published (current) memo per advisory organisation and RFQ; superseded versions are kept.
  await sql`create unique index recommendation_memos_one_draft on recommendation_memos (rfq_id, advisor_org_id) where status = 'draft'`.execute(db);
  await sql`create unique index recommendation_memos_one_current on recommendation_memos (rfq_id, advisor_org_id) where status = 'published'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "recommendation_memos",
    "rating_consensus",
    "evaluator_ratings",
    "rfq_evaluators",
    "rfq_evaluation_panels",
    "clarification_requests",
    "quote_annotation_revisions",
    "quote_annotations",
    "rfq_design_comment_replies",
    "rfq_design_comments",
  ])
    await db.schema.dropTable(table).execute();
  await sql`drop function if exists clarification_answer_once()`.execute(db);
}
