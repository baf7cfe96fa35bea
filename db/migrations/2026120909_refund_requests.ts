import { sql, type Kysely } from "kysely";

// A buyer's request that a card payment of an invoice be refunded (issue 16 item 3: "Refunds (buyer request, admin
// action)"; decision 0035). The buyer asks; a platform admin refunds through the existing refund path (which marks the
// request refunded in its own transaction) or declines it with a note. `amount` null means everything still
// refundable. At most one OPEN request per invoice (partial unique index): a second one while the first is undecided
// would only be a duplicate for the admin to sort out.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("refund_requests")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("invoice_id", "uuid", (c) => c.notNull().references("invoices.id"))
    .addColumn("requested_by", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("buyer_org_id", "uuid", (c) => c.notNull().references("organizations.id"))
    .addColumn("amount", "bigint", (c) => c.check(sql`amount is null or amount > 0`))
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("open")
        .check(sql`status in ('open', 'refunded', 'declined')`),
    )
    .addColumn("decided_by", "uuid", (c) => c.references("users.id"))
    .addColumn("decided_at", "timestamptz")
    .addColumn("decision_note", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    // A decided request names who decided and when; an open one has neither.
    .addCheckConstraint("refund_requests_decided", sql`(status = 'open') = (decided_at is null)`)
    .execute();
  await db.schema.createIndex("refund_requests_one_open").on("refund_requests").column("invoice_id").unique().where(sql.ref("status"), "=", "open").execute();
  await db.schema.createIndex("refund_requests_invoice").on("refund_requests").columns(["invoice_id", "created_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("refund_requests").ifExists().execute();
}
