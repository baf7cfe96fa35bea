import { sql, type Kysely } from "kysely";

// Card refunds as 取引書類 (電子帳簿保存法; decisions 0035 and 0036). Stripe tells a refund through `charge.refunded`
// with the charge's CUMULATIVE `amount_refunded`, and a refund may be made from Stripe's dashboard as well as from
// Kurabe's admin page, so `card_refunds` (what an admin asked for) is not the record of money returned. This table is:
// one row each time a webhook raised an attempt's refunded figure, holding the step (`amount` = the new cumulative
// figure − the previous one) and the day Stripe says it happened. Written in the webhook's transaction under the
// invoice's row lock; (attempt_id, refunded_total) unique, so the same figure can never be booked twice, and the
// steps of an attempt always add up to its refunded figure in invoices.payment_state.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("card_refunds_applied")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("attempt_id", "uuid", (c) => c.notNull().references("card_payment_attempts.id"))
    .addColumn("invoice_id", "uuid", (c) => c.notNull().references("invoices.id"))
    .addColumn("amount", "bigint", (c) => c.notNull().check(sql`amount > 0`))
    .addColumn("refunded_total", "bigint", (c) => c.notNull().check(sql`refunded_total >= amount`))
    .addColumn("event_id", "text", (c) => c.notNull().unique().references("stripe_events.event_id"))
    .addColumn("refunded_at", "timestamptz", (c) => c.notNull())
    .addUniqueConstraint("card_refunds_applied_once", ["attempt_id", "refunded_total"])
    .execute();
  await db.schema.createIndex("card_refunds_applied_invoice").on("card_refunds_applied").column("invoice_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("card_refunds_applied").ifExists().execute();
}
