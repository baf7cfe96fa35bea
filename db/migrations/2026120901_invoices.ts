import { sql, type Kysely } from "kysely";

// Invoices and bank-transfer receipts (issue 16, foundation; decision 0034). A buyer accepts (検収) a milestone of
// an ACTIVE contract; the vendor issues a qualified invoice (適格請求書) for it, numbered per vendor without gaps
// (a counter row per vendor, locked in the issuing transaction). The invoice's content is frozen: a trigger refuses
// any UPDATE of the frozen columns and any DELETE (corrections and credit notes are new rows). What changes is the
// payment state (a fold of payment events, app/domain/payments/state.ts) and `cancelled_by` (set by a correction).
// Overpayment becomes a credit row, applied to the vendor's next invoice to the same buyer.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("organizations")
    .addColumn("invoice_tax_rounding", "text", (c) =>
      c
        .notNull()
        .defaultTo("floor")
        .check(sql`invoice_tax_rounding in ('floor', 'ceil', 'round')`),
    )
    .execute();
  await db.schema.alterTable("vendor_profiles").addColumn("bank_account", "jsonb").execute();

  await db.schema
    .createTable("milestone_acceptances")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("contract_id", "uuid", (c) => c.notNull().references("contracts.id").onDelete("cascade"))
    .addColumn("contract_version", "integer", (c) => c.notNull())
    .addColumn("milestone_index", "integer", (c) => c.notNull().check(sql`milestone_index >= 0`))
    .addColumn("accepted_at", "date", (c) => c.notNull())
    .addColumn("accepted_by", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("milestone_acceptances_once", ["contract_id", "milestone_index"])
    .execute();

  await db.schema
    .createTable("invoice_counters")
    .addColumn("vendor_org_id", "uuid", (c) => c.primaryKey().references("organizations.id"))
    .addColumn("last_sequence", "integer", (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable("invoices")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("vendor_org_id", "uuid", (c) => c.notNull().references("organizations.id"))
    .addColumn("buyer_org_id", "uuid", (c) => c.notNull().references("organizations.id"))
    .addColumn("contract_id", "uuid", (c) => c.notNull().references("contracts.id"))
    .addColumn("rfq_id", "uuid", (c) => c.notNull().references("rfqs.id"))
    .addColumn("milestone_index", "integer", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('invoice', 'correction', 'credit_note')`))
    .addColumn("sequence", "integer", (c) => c.notNull())
    .addColumn("number", "text", (c) => c.notNull())
    .addColumn("invoice_date", "date", (c) => c.notNull())
    .addColumn("due_date", "date")
    .addColumn("total", "bigint", (c) => c.notNull())
    .addColumn("document", "jsonb", (c) => c.notNull())
    .addColumn("bank_account", "jsonb")
    .addColumn("registration_number", "text", (c) => c.notNull())
    .addColumn("registration_checked_on", "date", (c) => c.notNull())
    .addColumn("registration_source", "text", (c) => c.notNull())
    .addColumn("references_invoice_id", "uuid", (c) => c.references("invoices.id"))
    .addColumn("created_by", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    // Mutable: the payment facts and the correction that cancelled it.
    .addColumn("payment_state", "jsonb", (c) => c.notNull())
    .addColumn("cancelled_by", "uuid", (c) => c.references("invoices.id"))
    .addUniqueConstraint("invoices_number_once", ["vendor_org_id", "number"])
    .addUniqueConstraint("invoices_sequence_once", ["vendor_org_id", "sequence"])
    .execute();
  await db.schema.createIndex("invoices_buyer_idx").on("invoices").column("buyer_org_id").execute();
  await db.schema.createIndex("invoices_contract_idx").on("invoices").columns(["contract_id", "milestone_index"]).execute();
  await sql`
    create function invoices_frozen() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        raise exception 'invoices are never deleted (issue 16; decision 0034)' using errcode = 'P0001';
      end if;
      if (new.vendor_org_id, new.buyer_org_id, new.contract_id, new.rfq_id, new.milestone_index, new.kind, new.sequence, new.number,
          new.invoice_date, new.due_date, new.total, new.document, new.bank_account, new.registration_number,
          new.registration_checked_on, new.registration_source, new.references_invoice_id, new.created_by, new.created_at)
         is distinct from
         (old.vendor_org_id, old.buyer_org_id, old.contract_id, old.rfq_id, old.milestone_index, old.kind, old.sequence, old.number,
          old.invoice_date, old.due_date, old.total, old.document, old.bank_account, old.registration_number,
          old.registration_checked_on, old.registration_source, old.references_invoice_id, old.created_by, old.created_at) then
        raise exception 'an issued invoice is never edited: issue a correction or a credit note (decision 0034)' using errcode = 'P0001';
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger invoices_frozen before update or delete on invoices for each row execute function invoices_frozen()`.execute(db);

  await db.schema
    .createTable("invoice_receipts")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("invoice_id", "uuid", (c) => c.notNull().references("invoices.id"))
    .addColumn("amount", "bigint", (c) => c.notNull().check(sql`amount > 0`))
    .addColumn("received_on", "date", (c) => c.notNull())
    // 'bank': a recorded transfer; 'credit': an earlier overpayment (or a cancelled invoice's receipts) set against it; 'credit_note': a 返還インボイス.
    .addColumn("source", "text", (c) => c.notNull().check(sql`source in ('bank', 'credit', 'credit_note')`))
    .addColumn("recorded_by", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("invoice_receipts_invoice_idx").on("invoice_receipts").column("invoice_id").execute();

  await db.schema
    .createTable("invoice_credits")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("vendor_org_id", "uuid", (c) => c.notNull().references("organizations.id"))
    .addColumn("buyer_org_id", "uuid", (c) => c.notNull().references("organizations.id"))
    .addColumn("source_invoice_id", "uuid", (c) => c.notNull().references("invoices.id"))
    .addColumn("amount", "bigint", (c) => c.notNull().check(sql`amount > 0`))
    .addColumn("applied_to_invoice_id", "uuid", (c) => c.references("invoices.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("invoice_credits_parties_idx").on("invoice_credits").columns(["vendor_org_id", "buyer_org_id"]).execute();

  await sql`alter table documents drop constraint documents_kind_check`.execute(db);
  await sql`alter table documents add constraint documents_kind_check check (kind in ('purchase_order', 'approval_packet', 'invoice'))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table documents drop constraint documents_kind_check`.execute(db);
  await sql`alter table documents add constraint documents_kind_check check (kind in ('purchase_order', 'approval_packet'))`.execute(db);
  await db.schema.dropTable("invoice_credits").ifExists().execute();
  await db.schema.dropTable("invoice_receipts").ifExists().execute();
  await sql`drop trigger if exists invoices_frozen on invoices`.execute(db);
  await db.schema.dropTable("invoices").ifExists().execute();
  await sql`drop function if exists invoices_frozen()`.execute(db);
  await db.schema.dropTable("invoice_counters").ifExists().execute();
  await db.schema.dropTable("milestone_acceptances").ifExists().execute();
  await db.schema.alterTable("vendor_profiles").dropColumn("bank_account").execute();
  await db.schema.alterTable("organizations").dropColumn("invoice_tax_rounding").execute();
}
