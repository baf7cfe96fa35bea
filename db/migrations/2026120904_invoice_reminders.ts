import { sql, type Kysely } from "kysely";

// Overdue reminders (issue 16 item 2): one row per invoice and reminder step. The primary key is what makes a
// reminder go out once: the job, a second process or a re-run of the same day all try to insert the same
// (invoice_id, step) and only one insert wins; only the winner notifies and mails. `sent_at` is when the step was
// claimed (the business clock), `days_overdue` what the reminder said.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("invoice_reminders")
    .addColumn("invoice_id", "uuid", (c) => c.notNull().references("invoices.id"))
    .addColumn("step", "integer", (c) => c.notNull().check(sql`step >= 1`))
    .addColumn("days_overdue", "integer", (c) => c.notNull().check(sql`days_overdue >= 1`))
    .addColumn("balance", "bigint", (c) => c.notNull().check(sql`balance > 0`))
    .addColumn("sent_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("invoice_reminders_once", ["invoice_id", "step"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("invoice_reminders").ifExists().execute();
}
