import { sql, type Kysely } from "kysely";

// Deliveries and 検収 (issue 17 item 1; decision 0039). Per milestone of an ACTIVE contract the vendor submits
// numbered rounds (1, 2, …): a note, links, files. The buyer inspects within the inspection window and accepts or
// rejects with a reason (one revision round each); silence past the window is recorded as deemed acceptance
// (みなし検収) when the contract says so. The window's last day is computed once, when the delivery is submitted
// (the completion notice), and kept on the row: a later change of the contract's terms does not move it.
//
// At most one delivery per milestone awaits inspection and at most one is accepted (partial unique indexes); the
// acceptance itself is still the milestone_acceptances row invoicing reads, written in the same transaction.
// A deemed acceptance has no accepting user (the system records it), so milestone_acceptances.accepted_by may be
// null from here on. Files live in the attachment store (file-store.server.ts, area "attachments").
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("contracts")
    .addColumn("inspection_days", "integer", (c) =>
      c
        .notNull()
        .defaultTo(10)
        .check(sql`inspection_days between 1 and 60`),
    )
    .addColumn("deemed_acceptance", "boolean", (c) => c.notNull().defaultTo(false))
    .execute();
  await db.schema
    .alterTable("milestone_acceptances")
    .alterColumn("accepted_by", (c) => c.dropNotNull())
    .execute();

  await db.schema
    .createTable("deliveries")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("contract_id", "uuid", (c) => c.notNull().references("contracts.id"))
    .addColumn("buyer_org_id", "uuid", (c) => c.notNull().references("organizations.id"))
    .addColumn("vendor_org_id", "uuid", (c) => c.notNull().references("organizations.id"))
    .addColumn("milestone_index", "integer", (c) => c.notNull().check(sql`milestone_index >= 0`))
    .addColumn("round", "integer", (c) => c.notNull().check(sql`round >= 1`))
    .addColumn("note", "text", (c) => c.notNull())
    .addColumn("links", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('pending', 'accepted', 'rejected')`))
    .addColumn("submitted_on", "date", (c) => c.notNull())
    .addColumn("window_ends_on", "date", (c) => c.notNull())
    .addColumn("submitted_by", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("submitted_at", "timestamptz", (c) => c.notNull())
    .addColumn("decided_on", "date")
    .addColumn("decided_by", "uuid", (c) => c.references("users.id"))
    .addColumn("decided_at", "timestamptz")
    .addColumn("deemed", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("rejection_reason", "text")
    .addUniqueConstraint("deliveries_round_once", ["contract_id", "milestone_index", "round"])
    .addCheckConstraint(
      "deliveries_decision_shape",
      sql`(status = 'pending' and decided_on is null and rejection_reason is null and not deemed)
          or (status = 'accepted' and decided_on is not null and rejection_reason is null)
          or (status = 'rejected' and decided_on is not null and rejection_reason is not null and decided_by is not null and not deemed)`,
    )
    .execute();
  await sql`create unique index deliveries_one_pending on deliveries (contract_id, milestone_index) where status = 'pending'`.execute(db);
  await sql`create unique index deliveries_one_accepted on deliveries (contract_id, milestone_index) where status = 'accepted'`.execute(db);
  await db.schema.createIndex("deliveries_pending_window_idx").on("deliveries").columns(["status", "window_ends_on"]).execute();

  await db.schema
    .createTable("delivery_files")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("delivery_id", "uuid", (c) => c.notNull().references("deliveries.id"))
    .addColumn("vendor_org_id", "uuid", (c) => c.notNull().references("organizations.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("mime", "text", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("path", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("delivery_files_delivery_idx").on("delivery_files").column("delivery_id").execute();

  // One row per reminder sent: (contract, milestone, kind, subject) — the subject is the delivery for the buyer's
  // "window closing" and '' for the vendor's "due soon" / "overdue" (once per milestone). One insert wins.
  await db.schema
    .createTable("delivery_reminders")
    .addColumn("contract_id", "uuid", (c) => c.notNull().references("contracts.id"))
    .addColumn("milestone_index", "integer", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('due_soon', 'overdue', 'window_closing')`))
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("sent_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("delivery_reminders_once", ["contract_id", "milestone_index", "kind", "subject"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("delivery_reminders").ifExists().execute();
  await db.schema.dropTable("delivery_files").ifExists().execute();
  await db.schema.dropTable("deliveries").ifExists().execute();
  await db.schema.alterTable("contracts").dropColumn("deemed_acceptance").dropColumn("inspection_days").execute();
}
