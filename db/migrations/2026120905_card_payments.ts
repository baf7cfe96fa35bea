import { sql, type Kysely } from "kysely";

// Card payments with Stripe (issue 16 items 3–4; decision 0035).
// - stripe_accounts: a vendor's Connect Express account (one per vendor organisation) and its state, kept by
//   `account.updated`; a destination charge is made only to an `enabled` account.
// - card_payment_attempts: each Checkout Session opened for an invoice, numbered per invoice (the number is in the
//   session's metadata and its idempotency key), with the payment intent once Stripe has said it.
// - card_refunds: refunds a platform admin asked Stripe for (the invoice's state moves only when `charge.refunded`
//   arrives).
// - stripe_events: every verified webhook event id, inserted in the same transaction as its effect. The primary key
//   is what makes a repeated delivery a no-op; a failed effect rolls the row back so Stripe's retry applies it.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("stripe_accounts")
    .addColumn("vendor_org_id", "uuid", (c) => c.primaryKey().references("organizations.id"))
    .addColumn("account_id", "text", (c) => c.notNull().unique())
    .addColumn("state", "text", (c) => c.notNull().check(sql`state in ('onboarding', 'restricted', 'enabled')`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable("card_payment_attempts")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("invoice_id", "uuid", (c) => c.notNull().references("invoices.id"))
    .addColumn("attempt", "integer", (c) => c.notNull().check(sql`attempt >= 1`))
    .addColumn("session_id", "text", (c) => c.notNull().unique())
    .addColumn("session_url", "text", (c) => c.notNull())
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("payment_intent_id", "text", (c) => c.unique())
    // When Stripe said the money was taken (the event's time): the 入金日 both sides' accounting books.
    .addColumn("succeeded_at", "timestamptz")
    .addColumn("destination_account_id", "text", (c) => c.notNull())
    .addColumn("amount", "bigint", (c) => c.notNull().check(sql`amount between 50 and 99999999`))
    .addColumn("application_fee", "bigint", (c) => c.notNull().check(sql`application_fee >= 0 and application_fee <= amount`))
    .addColumn("created_by", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("card_payment_attempts_number_once", ["invoice_id", "attempt"])
    .execute();

  await db.schema
    .createTable("card_refunds")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("attempt_id", "uuid", (c) => c.notNull().references("card_payment_attempts.id"))
    .addColumn("invoice_id", "uuid", (c) => c.notNull().references("invoices.id"))
    .addColumn("sequence", "integer", (c) => c.notNull().check(sql`sequence >= 1`))
    .addColumn("refund_id", "text", (c) => c.notNull().unique())
    .addColumn("amount", "bigint", (c) => c.notNull().check(sql`amount > 0`))
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("requested_by", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("card_refunds_sequence_once", ["attempt_id", "sequence"])
    .execute();

  await db.schema
    .createTable("stripe_events")
    .addColumn("event_id", "text", (c) => c.primaryKey())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("invoice_id", "uuid", (c) => c.references("invoices.id"))
    // applied | unchanged | ignored:<reason> | account
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("received_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("stripe_events").ifExists().execute();
  await db.schema.dropTable("card_refunds").ifExists().execute();
  await db.schema.dropTable("card_payment_attempts").ifExists().execute();
  await db.schema.dropTable("stripe_accounts").ifExists().execute();
}
