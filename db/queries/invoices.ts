import { sql, type Insertable, type Kysely } from "kysely";
import type { Database, InvoicesTable } from "../schema";

// Milestone acceptances, invoices, receipts and credits (issue 16 foundation; decision 0034). Every read of an
// invoice takes the organisation of the side that reads (the vendor that issued it or the buyer it is addressed to).

export async function findAcceptance(db: Kysely<Database>, contractId: string, milestoneIndex: number) {
  return db
    .selectFrom("milestone_acceptances")
    .selectAll()
    .where("contract_id", "=", contractId)
    .where("milestone_index", "=", milestoneIndex)
    .executeTakeFirst();
}

export async function listAcceptances(db: Kysely<Database>, contractId: string) {
  return db
    .selectFrom("milestone_acceptances")
    .leftJoin("users", "users.id", "milestone_acceptances.accepted_by")
    .select([
      "milestone_acceptances.milestone_index",
      "milestone_acceptances.accepted_at",
      "milestone_acceptances.contract_version",
      "users.name as accepted_by_name",
    ])
    .where("contract_id", "=", contractId)
    .orderBy("milestone_index")
    .execute();
}

export async function insertAcceptance(
  db: Kysely<Database>,
  a: { contractId: string; contractVersion: number; milestoneIndex: number; acceptedOn: string; acceptedBy: string | null; at: Date },
) {
  return db
    .insertInto("milestone_acceptances")
    .values({
      contract_id: a.contractId,
      contract_version: a.contractVersion,
      milestone_index: a.milestoneIndex,
      accepted_at: a.acceptedOn,
      accepted_by: a.acceptedBy,
      created_at: a.at,
    })
    .onConflict((oc) => oc.columns(["contract_id", "milestone_index"]).doNothing())
    .returningAll()
    .executeTakeFirst();
}

/** The vendor's next invoice sequence: the counter row is created when missing, then locked and advanced. */
export async function takeInvoiceSequence(db: Kysely<Database>, vendorOrgId: string): Promise<number> {
  await db
    .insertInto("invoice_counters")
    .values({ vendor_org_id: vendorOrgId })
    .onConflict((oc) => oc.column("vendor_org_id").doNothing())
    .execute();
  const row = await db
    .updateTable("invoice_counters")
    .set({ last_sequence: sql`last_sequence + 1` })
    .where("vendor_org_id", "=", vendorOrgId)
    .returning("last_sequence")
    .executeTakeFirstOrThrow();
  return row.last_sequence;
}

export type InvoiceRow = Awaited<ReturnType<typeof findInvoiceById>> & object;

export async function insertInvoice(
  db: Kysely<Database>,
  i: Pick<
    Insertable<InvoicesTable>,
    | "vendor_org_id"
    | "buyer_org_id"
    | "contract_id"
    | "rfq_id"
    | "milestone_index"
    | "kind"
    | "sequence"
    | "number"
    | "invoice_date"
    | "due_date"
    | "total"
    | "registration_number"
    | "registration_checked_on"
    | "registration_source"
    | "references_invoice_id"
    | "created_by"
  > & { document: unknown; bankAccount: unknown; paymentState: unknown; at: Date },
) {
  const { document, bankAccount, paymentState, at, ...rest } = i;
  return db
    .insertInto("invoices")
    .values({
      ...rest,
      document: JSON.stringify(document),
      bank_account: bankAccount === null ? null : JSON.stringify(bankAccount),
      payment_state: JSON.stringify(paymentState),
      created_at: at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findInvoiceById(db: Kysely<Database>, invoiceId: string) {
  return db.selectFrom("invoices").selectAll().where("id", "=", invoiceId).executeTakeFirst();
}

/** The invoice for the vendor that issued it or the buyer it is addressed to; undefined for anyone else. */
export async function findInvoiceForOrg(db: Kysely<Database>, orgId: string, invoiceId: string) {
  return db
    .selectFrom("invoices")
    .selectAll()
    .where("id", "=", invoiceId)
    .where((eb) => eb.or([eb("vendor_org_id", "=", orgId), eb("buyer_org_id", "=", orgId)]))
    .executeTakeFirst();
}

export async function lockInvoice(db: Kysely<Database>, invoiceId: string) {
  return db.selectFrom("invoices").selectAll().where("id", "=", invoiceId).forUpdate().executeTakeFirst();
}

/** The invoices of one side: issued by the vendor, or addressed to the buyer; newest first. */
export async function listInvoicesForOrg(db: Kysely<Database>, side: "vendor" | "buyer", orgId: string) {
  return db
    .selectFrom("invoices")
    .selectAll()
    .where(side === "vendor" ? "vendor_org_id" : "buyer_org_id", "=", orgId)
    .orderBy("created_at", "desc")
    .orderBy("sequence", "desc")
    .limit(500)
    .execute();
}

export async function listInvoicesOfContract(db: Kysely<Database>, contractId: string) {
  return db.selectFrom("invoices").selectAll().where("contract_id", "=", contractId).orderBy("sequence").execute();
}

export async function updatePaymentState(db: Kysely<Database>, invoiceId: string, state: unknown) {
  await db
    .updateTable("invoices")
    .set({ payment_state: JSON.stringify(state) })
    .where("id", "=", invoiceId)
    .execute();
}

export async function markCancelled(db: Kysely<Database>, invoiceId: string, byInvoiceId: string, state: unknown) {
  await db
    .updateTable("invoices")
    .set({ cancelled_by: byInvoiceId, payment_state: JSON.stringify(state) })
    .where("id", "=", invoiceId)
    .execute();
}

export async function insertReceipt(
  db: Kysely<Database>,
  r: { invoiceId: string; amount: number; receivedOn: string; source: "bank" | "credit" | "credit_note"; recordedBy: string; at: Date },
) {
  return db
    .insertInto("invoice_receipts")
    .values({ invoice_id: r.invoiceId, amount: r.amount, received_on: r.receivedOn, source: r.source, recorded_by: r.recordedBy, created_at: r.at })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listReceipts(db: Kysely<Database>, invoiceId: string) {
  return db
    .selectFrom("invoice_receipts")
    .select(["id", "amount", "received_on", "source", "created_at"])
    .where("invoice_id", "=", invoiceId)
    .orderBy("created_at")
    .execute();
}

export async function insertCredit(db: Kysely<Database>, c: { vendorOrgId: string; buyerOrgId: string; sourceInvoiceId: string; amount: number; at: Date }) {
  return db
    .insertInto("invoice_credits")
    .values({ vendor_org_id: c.vendorOrgId, buyer_org_id: c.buyerOrgId, source_invoice_id: c.sourceInvoiceId, amount: c.amount, created_at: c.at })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Credits not yet set against an invoice, oldest first, locked so two issues cannot spend one credit. */
export async function lockOpenCredits(db: Kysely<Database>, vendorOrgId: string, buyerOrgId: string) {
  return db
    .selectFrom("invoice_credits")
    .selectAll()
    .where("vendor_org_id", "=", vendorOrgId)
    .where("buyer_org_id", "=", buyerOrgId)
    .where("applied_to_invoice_id", "is", null)
    .orderBy("created_at")
    .forUpdate()
    .execute();
}

export async function applyCredit(db: Kysely<Database>, creditId: string, invoiceId: string) {
  await db.updateTable("invoice_credits").set({ applied_to_invoice_id: invoiceId }).where("id", "=", creditId).execute();
}

export async function listCreditsFromInvoice(db: Kysely<Database>, invoiceId: string) {
  return db.selectFrom("invoice_credits").select(["id", "amount", "applied_to_invoice_id"]).where("source_invoice_id", "=", invoiceId).execute();
}

/** The credit notes (返還インボイス) issued against an invoice, oldest first. */
export async function listCreditNotesAgainst(db: Kysely<Database>, invoiceId: string) {
  return db
    .selectFrom("invoices")
    .select(["id", "number", "document"])
    .where("references_invoice_id", "=", invoiceId)
    .where("kind", "=", "credit_note")
    .orderBy("sequence")
    .execute();
}

export async function findInvoiceSettings(db: Kysely<Database>, orgId: string) {
  return db
    .selectFrom("organizations")
    .leftJoin("vendor_profiles", "vendor_profiles.org_id", "organizations.id")
    .select([
      "organizations.id",
      "organizations.name",
      "organizations.kind",
      "organizations.invoice_registration_number",
      "organizations.invoice_tax_rounding",
      "vendor_profiles.bank_account",
    ])
    .where("organizations.id", "=", orgId)
    .executeTakeFirst();
}

export async function updateTaxRounding(db: Kysely<Database>, orgId: string, rounding: "floor" | "ceil" | "round") {
  await db.updateTable("organizations").set({ invoice_tax_rounding: rounding }).where("id", "=", orgId).execute();
}

/** Sets the vendor's bank account; false when the vendor has no profile row. */
export async function updateBankAccount(db: Kysely<Database>, orgId: string, account: unknown, at: Date): Promise<boolean> {
  const r = await db
    .updateTable("vendor_profiles")
    .set({ bank_account: JSON.stringify(account), updated_at: at })
    .where("org_id", "=", orgId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

// ---------------------------------------------------------------------------------------------------------------
// Platform admin and credit links (issue 16 item 2)

/** Every organisation's invoices with both parties' names, newest first (platform admins only: the service checks). */
export async function listAllInvoicesWithParties(db: Kysely<Database>, limit = 500) {
  return db
    .selectFrom("invoices")
    .innerJoin("organizations as vendor", "vendor.id", "invoices.vendor_org_id")
    .innerJoin("organizations as buyer", "buyer.id", "invoices.buyer_org_id")
    .selectAll("invoices")
    .select(["vendor.name as vendor_name", "buyer.name as buyer_name"])
    .orderBy("invoices.created_at", "desc")
    .orderBy("invoices.sequence", "desc")
    .limit(limit)
    .execute();
}

/** Credits set against `invoiceId`, with the number of the invoice the overpayment came from. */
export async function listCreditsAppliedTo(db: Kysely<Database>, invoiceId: string) {
  return db
    .selectFrom("invoice_credits")
    .innerJoin("invoices as source", "source.id", "invoice_credits.source_invoice_id")
    .select(["invoice_credits.id", "invoice_credits.amount", "invoice_credits.source_invoice_id", "source.number as source_number"])
    .where("invoice_credits.applied_to_invoice_id", "=", invoiceId)
    .orderBy("invoice_credits.created_at")
    .execute();
}

/** Credits made by overpaying `invoiceId`, with the number of the invoice each was set against (null: not yet). */
export async function listCreditsFromInvoiceWithTarget(db: Kysely<Database>, invoiceId: string) {
  return db
    .selectFrom("invoice_credits")
    .leftJoin("invoices as target", "target.id", "invoice_credits.applied_to_invoice_id")
    .select(["invoice_credits.id", "invoice_credits.amount", "invoice_credits.applied_to_invoice_id", "target.number as target_number"])
    .where("invoice_credits.source_invoice_id", "=", invoiceId)
    .orderBy("invoice_credits.created_at")
    .execute();
}
