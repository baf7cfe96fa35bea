import type { Kysely } from "kysely";
import { writeAudit } from "../../db/queries/audit";
import { enqueueOutbox } from "../../db/queries/outbox";
import { findContractForBuyer, findContractForVendor, findPartyOrganization, listContractVersions, lockContract } from "../../db/queries/contracts";
import { findStoredDocument } from "../../db/queries/documents";
import {
  applyCredit,
  findAcceptance,
  findInvoiceById,
  findInvoiceForOrg,
  findInvoiceSettings,
  insertCredit,
  insertInvoice,
  insertReceipt,
  listAcceptances,
  listCreditNotesAgainst,
  listAllInvoicesWithParties,
  listCreditsAppliedTo,
  listCreditsFromInvoiceWithTarget,
  listInvoicesForOrg,
  listInvoicesOfContract,
  listReceipts,
  lockInvoice,
  lockOpenCredits,
  markCancelled,
  takeInvoiceSequence,
  updateBankAccount,
  updatePaymentState,
  updateTaxRounding,
} from "../../db/queries/invoices";
import { listRemindersOf } from "../../db/queries/invoice-reminders";
import type { Database } from "../../db/schema";
import { validateInvoiceRegistrationNumber } from "~/domain/certifications/invoice-number";
import type { ContractContent } from "~/domain/contracts/contract-draft";
import type { BuyerKind } from "~/domain/contracts/legal-deadlines";
import { presentMilestones } from "~/domain/contracts/vendor-view";
import { orderTotals } from "~/domain/documents/order-totals";
import { downloadName } from "~/domain/download-name";
import { invoiceDueDate } from "~/domain/invoices/due-date";
import {
  AcceptanceSchema,
  AmendInvoiceSchema,
  BankAccountSchema,
  IssueMilestoneInvoiceSchema,
  milestoneInvoiceLines,
  ReceiptSchema,
  receivedInFuture,
  REGISTRATION_SOURCE_FORMAT_ONLY,
  TaxRoundingSchema,
  type BankAccount,
} from "~/domain/invoices/milestone-invoice";
import {
  buildCorrection,
  buildCreditNote,
  buildQualifiedInvoice,
  INVOICE_KIND_MESSAGE,
  INVOICE_SEQUENCE_DIGITS,
  invoiceTotals,
  nextInvoiceNumber,
  type QualifiedInvoice,
  type TaxRounding,
} from "~/domain/invoices/qualified-invoice";
import { applyPaymentEvent, displayStatus, initialPaymentState, paymentSummary, type PaymentEvent, type PaymentState } from "~/domain/payments/state";
import { can, type Actor } from "~/domain/permissions";
import { t, type Locale } from "~/i18n";
import type { AppContext } from "~/utils/context.server";
import { tokyoDateString } from "~/utils/format";
import { isRowId } from "~/utils/row-id";
import { failure, orgActor, type OrgActor, type ServiceFailure } from "~/utils/service-failure";
import { storeDocumentOnce, type StoredPdf } from "./contracts.server";
import { acceptPendingDelivery } from "./deliveries.server";
import { renderInvoicePdf } from "./documents/invoice.server";

// Milestone acceptance (検収), qualified invoices per milestone, corrections and credit notes, bank-transfer
// receipts (issue 16 foundation; decision 0034, docs/decisions/0034-invoices.md). Every write: policy → one
// transaction with its audit row. The invoice's content is frozen (a DB trigger refuses an UPDATE of it); its
// payment state is the fold of app/domain/payments/state.ts. The buyer and the vendor of the invoice read it; any
// other organisation gets 404.

type Db = Kysely<Database>;
type InvoiceRowT = NonNullable<Awaited<ReturnType<typeof findInvoiceForOrg>>>;

/** Invoice numbers: "INV-000001" onwards, per vendor, without gaps (the counter row is locked while taken). */
export const INVOICE_NUMBER_PREFIX = "INV";
const numberOf = (sequence: number) =>
  nextInvoiceNumber(INVOICE_NUMBER_PREFIX, sequence <= 1 ? null : `${INVOICE_NUMBER_PREFIX}-${String(sequence - 1).padStart(INVOICE_SEQUENCE_DIGITS, "0")}`);

const issue = (path: (string | number)[], message: string) => ({ code: "custom" as const, path, message, input: undefined });
const invalidAt = (path: (string | number)[], key: string) => failure.invalid({ issues: [issue(path, key) as never] });

function parseIndex(index: string | number): number | null {
  const n = typeof index === "number" ? index : /^\d{1,3}$/.test(index) ? Number(index) : NaN;
  return Number.isSafeInteger(n) && n >= 0 ? n : null;
}

async function currentContent(db: Db, contractId: string, version: number): Promise<ContractContent> {
  const versions = await listContractVersions(db, contractId);
  return versions.find((v) => v.version === version)!.content as ContractContent;
}

// ---------------------------------------------------------------------------------------------------------------
// 検収

/**
 * The buyer accepts (検収) milestone `index` of an ACTIVE contract on a day not after today (default today): the
 * delivery awaiting inspection is accepted through the deliveries service (decision 0039), which writes the
 * acceptance row, its audit row and the track record's facts. 404 for anyone but a member of the buyer
 * organisation or for an unknown milestone; 409 on a draft, when already accepted, or when no delivery awaits
 * inspection (a milestone is never accepted without one); 400 for a bad date.
 */
export async function acceptMilestone(
  ctx: AppContext,
  actor: Actor,
  contractId: string,
  index: string | number,
  input: unknown,
): Promise<{ ok: true; acceptedOn: string } | ServiceFailure> {
  const a = orgActor(actor, "buyer");
  const i = parseIndex(index);
  if (!a || !isRowId(contractId) || i === null) return failure.notFound();
  if (!(await findContractForBuyer(ctx.db, a.org.id, contractId))) return failure.notFound();
  const parsed = AcceptanceSchema.safeParse(input ?? {});
  if (!parsed.success) return failure.invalid({ issues: parsed.error.issues });
  const today = tokyoDateString(ctx.clock.now());
  if (parsed.data.acceptedOn && parsed.data.acceptedOn > today) return invalidAt(["acceptedOn"], "invoices.acceptance.date.invalid");
  return acceptPendingDelivery(ctx, actor, contractId, i, parsed.data.acceptedOn);
}

// ---------------------------------------------------------------------------------------------------------------
// Receipts (shared by issuing, corrections, credit notes and the buyer's bank receipts)

/**
 * Adds money to an invoice's payment state inside `trx`: a receipt row, the `bank_receipt` event through the
 * state machine, the new state stored; money beyond the total becomes a credit row for the vendor's next invoice
 * to the same buyer. Returns the new state.
 */
async function receive(
  trx: Db,
  inv: { id: string; vendor_org_id: string; buyer_org_id: string },
  state: PaymentState,
  r: { amount: number; receivedOn: string; source: "bank" | "credit" | "credit_note"; userId: string; at: Date },
): Promise<{ state: PaymentState; receiptId: string; creditAdded: number }> {
  const receipt = await insertReceipt(trx, { invoiceId: inv.id, amount: r.amount, receivedOn: r.receivedOn, source: r.source, recordedBy: r.userId, at: r.at });
  const before = paymentSummary(state).credit;
  const event: PaymentEvent = { type: "bank_receipt", receiptId: receipt.id, amount: r.amount };
  const next = applyPaymentEvent(state, event).state;
  await updatePaymentState(trx, inv.id, next);
  const creditAdded = paymentSummary(next).credit - before;
  if (creditAdded > 0)
    await insertCredit(trx, { vendorOrgId: inv.vendor_org_id, buyerOrgId: inv.buyer_org_id, sourceInvoiceId: inv.id, amount: creditAdded, at: r.at });
  return { state: next, receiptId: receipt.id, creditAdded };
}

// ---------------------------------------------------------------------------------------------------------------
// Issuing

interface Issuer {
  name: string;
  registrationNumber: string;
  rounding: TaxRounding;
  bankAccount: BankAccount;
}

async function issuerOf(db: Db, vendorOrgId: string): Promise<Issuer | ServiceFailure> {
  const s = await findInvoiceSettings(db, vendorOrgId);
  if (!s) return failure.notFound();
  const reg = validateInvoiceRegistrationNumber(s.invoice_registration_number ?? "");
  if (!reg.ok) return failure.conflict("invoices.issuer.registration.missing");
  const bank = BankAccountSchema.safeParse(s.bank_account);
  if (!bank.success) return failure.conflict("invoices.bank.missing");
  return { name: s.name, registrationNumber: reg.value, rounding: s.invoice_tax_rounding, bankAccount: bank.data };
}

/** The live (not cancelled) invoice or correction of a milestone, if any. */
async function liveInvoiceOf(db: Db, contractId: string, index: number) {
  return (await listInvoicesOfContract(db, contractId)).find((r) => r.milestone_index === index && r.kind !== "credit_note" && r.cancelled_by === null);
}

/**
 * The vendor issues the qualified invoice of accepted milestone `index` of an ACTIVE contract: lines from the
 * milestone's amount split per rate as the contract's (or the vendor's own lines), tax once per rate with the
 * vendor's rounding, the next gapless number, the registration number as of the invoice date (format checked, not
 * the registry), the due date from the contract's legal rule, the bank account; earlier overpayments by the same
 * buyer are set against it. 404 for anyone but the contract's vendor; 409 when not active / not accepted / already
 * invoiced / no registration number or bank account; 400 field by field. Writes nothing when refused.
 */
export async function issueMilestoneInvoice(
  ctx: AppContext,
  actor: Actor,
  contractId: string,
  index: string | number,
  input: unknown,
): Promise<{ ok: true; invoiceId: string; number: string } | ServiceFailure> {
  const a = orgActor(actor, "vendor");
  const i = parseIndex(index);
  if (!a || !isRowId(contractId) || i === null) return failure.notFound();
  const contract = await findContractForVendor(ctx.db, a.org.id, contractId);
  if (!contract) return failure.notFound();
  const parsed = IssueMilestoneInvoiceSchema.safeParse(input ?? {});
  if (!parsed.success) return failure.invalid({ issues: parsed.error.issues });
  const issuer = await issuerOf(ctx.db, a.org.id);
  if (!("registrationNumber" in issuer)) return issuer;
  const now = ctx.clock.now();
  const today = tokyoDateString(now);
  const invoiceDate = parsed.data.invoiceDate ?? today;
  return ctx.db.transaction().execute(async (trx) => {
    const row = (await lockContract(trx, contractId))!;
    if (row.status !== "active") return failure.conflict("invoices.contract.notActive");
    const content = await currentContent(trx, contractId, row.current_version);
    const milestone = presentMilestones(content, row.outside_scope)[i];
    if (!milestone) return failure.notFound();
    const acceptance = await findAcceptance(trx, contractId, i);
    if (!acceptance) return failure.conflict("invoices.milestone.notAccepted");
    if (await liveInvoiceOf(trx, contractId, i)) return failure.conflict("invoices.milestone.alreadyInvoiced");
    const lines = parsed.data.lines ?? milestoneInvoiceLines({ name: milestone.name, amountYen: milestone.amountYen }, orderTotals(content.lines).byRate);
    if (lines.length === 0 || invoiceTotals(lines, issuer.rounding).total <= 0) return invalidAt(["lines"], "invoices.lines.required");
    const buyer = await findPartyOrganization(trx, row.buyer_org_id);
    const sequence = await takeInvoiceSequence(trx, a.org.id);
    const invoice = buildQualifiedInvoice(
      {
        number: numberOf(sequence),
        milestoneId: `${contractId}:${i}`,
        issuer: { name: issuer.name, registrationNumber: issuer.registrationNumber },
        recipient: { name: buyer!.name },
        rounding: issuer.rounding,
      },
      { invoiceDate, lines },
    );
    const dueDate = invoiceDueDate({
      buyerKind: (buyer!.buyer_kind ?? "company") as BuyerKind,
      paymentDueDays: milestone.paymentDueDays,
      invoiceReceivedOn: invoiceDate,
      workReceivedOn: acceptance.accepted_at,
    });
    const inserted = await insertInvoice(trx, {
      vendor_org_id: a.org.id,
      buyer_org_id: row.buyer_org_id,
      contract_id: contractId,
      rfq_id: row.rfq_id,
      milestone_index: i,
      kind: "invoice",
      sequence,
      number: invoice.number,
      invoice_date: invoiceDate,
      due_date: dueDate,
      total: invoice.total,
      registration_number: issuer.registrationNumber,
      registration_checked_on: invoiceDate,
      registration_source: REGISTRATION_SOURCE_FORMAT_ONLY,
      references_invoice_id: null,
      created_by: a.userId,
      document: invoice,
      bankAccount: issuer.bankAccount,
      paymentState: initialPaymentState(invoice.total),
      at: now,
    });
    await writeAudit(trx, {
      actorUserId: a.userId,
      actorOrgId: a.org.id,
      action: "invoice.issue",
      entityType: "invoice",
      entityId: inserted.id,
      after: { number: invoice.number, contractId, milestoneIndex: i, total: invoice.total, byRate: invoice.byRate, rounding: invoice.rounding, dueDate },
    });
    await enqueueOutbox(trx, "transaction_record", `invoice:${inserted.id}`);
    await setCreditsAgainst(trx, inserted, initialPaymentState(invoice.total), invoiceDate, a, now);
    return { ok: true as const, invoiceId: inserted.id, number: invoice.number };
  });
}

/** Sets the vendor's open credits with this buyer against a new invoice, oldest first (each one whole, audited). */
async function setCreditsAgainst(trx: Db, inv: InvoiceRowT, state: PaymentState, on: string, a: OrgActor<"vendor">, at: Date) {
  let current = state;
  for (const credit of await lockOpenCredits(trx, inv.vendor_org_id, inv.buyer_org_id)) {
    if (credit.source_invoice_id === inv.id) continue;
    await applyCredit(trx, credit.id, inv.id);
    current = (await receive(trx, inv, current, { amount: Number(credit.amount), receivedOn: on, source: "credit", userId: a.userId, at })).state;
    await writeAudit(trx, {
      actorUserId: a.userId,
      actorOrgId: a.org.id,
      action: "invoice.credit.apply",
      entityType: "invoice",
      entityId: inv.id,
      after: { creditId: credit.id, fromInvoiceId: credit.source_invoice_id, amount: Number(credit.amount) },
    });
  }
}

async function vendorInvoice(ctx: AppContext, actor: Actor, invoiceId: string) {
  const a = orgActor(actor, "vendor");
  if (!a || !isRowId(invoiceId)) return null;
  const row = await findInvoiceForOrg(ctx.db, a.org.id, invoiceId);
  return row && row.vendor_org_id === a.org.id ? { a, row } : null;
}

/**
 * 修正インボイス: a new invoice (own number) restating the whole invoice, referencing and cancelling the original
 * (whose content stays as it was; its state becomes cancelled). Money already received on the original is carried
 * over to the correction. Vendor only (404 otherwise); 409 when the original is a credit note or already cancelled.
 */
export async function correctInvoice(ctx: AppContext, actor: Actor, invoiceId: string, input: unknown) {
  return amend(ctx, actor, invoiceId, input, "correction");
}

/**
 * 返還インボイス: a credit note against an invoice or correction, negative amounts per rate (tax once per rate with
 * the original's rounding). It reduces what the buyer owes on the original; what was already paid beyond the
 * reduced amount becomes a credit for the vendor's next invoice to the same buyer. Vendor only (404 otherwise).
 */
export async function issueCreditNote(ctx: AppContext, actor: Actor, invoiceId: string, input: unknown) {
  return amend(ctx, actor, invoiceId, input, "credit_note");
}

async function amend(
  ctx: AppContext,
  actor: Actor,
  invoiceId: string,
  input: unknown,
  kind: "correction" | "credit_note",
): Promise<{ ok: true; invoiceId: string; number: string } | ServiceFailure> {
  const found = await vendorInvoice(ctx, actor, invoiceId);
  if (!found) return failure.notFound();
  const { a } = found;
  const parsed = AmendInvoiceSchema.safeParse(input ?? {});
  if (!parsed.success) return failure.invalid({ issues: parsed.error.issues });
  const now = ctx.clock.now();
  const invoiceDate = parsed.data.invoiceDate ?? tokyoDateString(now);
  return ctx.db
    .transaction()
    .execute(async (trx) => {
      const original = (await lockInvoice(trx, invoiceId))!;
      if (original.kind === "credit_note") return failure.conflict("invoices.creditNote.notForCreditNote");
      if (original.cancelled_by !== null) return failure.conflict("invoices.original.cancelled");
      const doc = original.document as QualifiedInvoice;
      // Locks in the order issuing takes them (contract, then the vendor's counter), so the two never deadlock.
      const contract = (await lockContract(trx, original.contract_id))!;
      const sequence = await takeInvoiceSequence(trx, a.org.id);
      const number = numberOf(sequence);
      const body = { invoiceDate, lines: parsed.data.lines, reason: parsed.data.reason };
      const earlierNotes = kind === "credit_note" ? (await listCreditNotesAgainst(trx, original.id)).map((n) => n.document as QualifiedInvoice) : [];
      const built = kind === "correction" ? buildCorrection(doc, number, body) : buildCreditNote(doc, number, body, earlierNotes);
      if (!built.ok) {
        // Throwing rolls the taken number back; the refusal is returned below.
        throw new AmendRefused(failure.invalid({ issues: built.problems.map((p) => issue(p.path, p.key) as never) }));
      }
      const next = built.invoice;
      if (next.total === 0) throw new AmendRefused(invalidAt(["lines"], "invoices.lines.required"));
      const buyer = await findPartyOrganization(trx, original.buyer_org_id);
      const content = await currentContent(trx, contract.id, contract.current_version);
      const milestone = presentMilestones(content, contract.outside_scope)[original.milestone_index];
      const acceptance = await findAcceptance(trx, contract.id, original.milestone_index);
      const dueDate =
        kind === "correction" && acceptance
          ? invoiceDueDate({
              buyerKind: (buyer!.buyer_kind ?? "company") as BuyerKind,
              paymentDueDays: milestone?.paymentDueDays ?? null,
              invoiceReceivedOn: invoiceDate,
              workReceivedOn: acceptance.accepted_at,
            })
          : null;
      const inserted = await insertInvoice(trx, {
        vendor_org_id: a.org.id,
        buyer_org_id: original.buyer_org_id,
        contract_id: original.contract_id,
        rfq_id: original.rfq_id,
        milestone_index: original.milestone_index,
        kind,
        sequence,
        number,
        invoice_date: invoiceDate,
        due_date: dueDate,
        total: next.total,
        registration_number: original.registration_number,
        registration_checked_on: invoiceDate,
        registration_source: REGISTRATION_SOURCE_FORMAT_ONLY,
        references_invoice_id: original.id,
        created_by: a.userId,
        document: next,
        bankAccount: kind === "correction" ? original.bank_account : null,
        paymentState: initialPaymentState(Math.abs(next.total)),
        at: now,
      });
      await writeAudit(trx, {
        actorUserId: a.userId,
        actorOrgId: a.org.id,
        action: kind === "correction" ? "invoice.correct" : "invoice.creditNote",
        entityType: "invoice",
        entityId: inserted.id,
        before: { invoiceId: original.id, number: original.number, total: Number(original.total) },
        after: { number, total: next.total, byRate: next.byRate, reason: next.reason },
      });
      await enqueueOutbox(trx, "transaction_record", `invoice:${inserted.id}`);
      const originalState = original.payment_state as PaymentState;
      if (kind === "correction") {
        const cancelled = applyPaymentEvent(originalState, { type: "correction_issued", correctionNumber: number }).state;
        await markCancelled(trx, original.id, inserted.id, cancelled);
        const carried = paymentSummary(originalState).net;
        let state = initialPaymentState(next.total);
        if (carried > 0)
          state = (await receive(trx, inserted, state, { amount: carried, receivedOn: invoiceDate, source: "credit", userId: a.userId, at: now })).state;
        await setCreditsAgainst(trx, inserted, state, invoiceDate, a, now);
      } else {
        await receive(trx, original, originalState, {
          amount: Math.abs(next.total),
          receivedOn: invoiceDate,
          source: "credit_note",
          userId: a.userId,
          at: now,
        });
      }
      return { ok: true as const, invoiceId: inserted.id, number };
    })
    .catch((e: unknown) => {
      if (e instanceof AmendRefused) return e.failure;
      throw e;
    });
}

class AmendRefused extends Error {
  constructor(readonly failure: ServiceFailure) {
    super("refused");
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Bank receipts

/**
 * The buyer records a bank transfer received on an invoice: amount (integer yen > 0), date (not in the future).
 * The state moves through `applyPaymentEvent`; overpayment becomes a credit for the vendor's next invoice to this
 * buyer. 404 for anyone but a member of the buyer organisation; 409 on a cancelled invoice or a credit note.
 */
export async function recordReceipt(ctx: AppContext, actor: Actor, invoiceId: string, input: unknown): Promise<ReceiptResult> {
  const a = orgActor(actor, "buyer");
  if (!a || !isRowId(invoiceId)) return failure.notFound();
  const found = await findInvoiceForOrg(ctx.db, a.org.id, invoiceId);
  if (!found || found.buyer_org_id !== a.org.id) return failure.notFound();
  return recordBankReceipt(ctx, invoiceId, input, { userId: a.userId, orgId: a.org.id, action: "invoice.receipt" });
}

type ReceiptResult = { ok: true; receiptId: string; status: string; balance: number; credit: number } | ServiceFailure;

/**
 * The one way a bank transfer is recorded, for the buyer and for a platform admin on its behalf (the caller has
 * checked who may): amount and date checked, then one transaction — the invoice locked, the receipt applied through
 * the payment state (overpayment → credit), the audit row naming who recorded it, the 取引書類 outbox row.
 */
async function recordBankReceipt(
  ctx: AppContext,
  invoiceId: string,
  input: unknown,
  by: { userId: string; orgId: string | null; action: "invoice.receipt" | "invoice.receipt.admin" },
): Promise<ReceiptResult> {
  const parsed = ReceiptSchema.safeParse(input ?? {});
  if (!parsed.success) return failure.invalid({ issues: parsed.error.issues });
  const now = ctx.clock.now();
  if (receivedInFuture(parsed.data.receivedOn, tokyoDateString(now))) return invalidAt(["receivedOn"], "payments.receipt.date.future");
  return ctx.db.transaction().execute(async (trx) => {
    const inv = (await lockInvoice(trx, invoiceId))!;
    if (inv.kind === "credit_note" || inv.cancelled_by !== null) return failure.conflict("payments.receipt.notPayable");
    const before = paymentSummary(inv.payment_state as PaymentState);
    const done = await receive(trx, inv, inv.payment_state as PaymentState, {
      amount: parsed.data.amount,
      receivedOn: parsed.data.receivedOn,
      source: "bank",
      userId: by.userId,
      at: now,
    });
    const after = paymentSummary(done.state);
    await writeAudit(trx, {
      actorUserId: by.userId,
      actorOrgId: by.orgId,
      action: by.action,
      entityType: "invoice",
      entityId: inv.id,
      before: { status: before.status, balance: before.balance },
      after: {
        receiptId: done.receiptId,
        amount: parsed.data.amount,
        receivedOn: parsed.data.receivedOn,
        status: after.status,
        balance: after.balance,
        creditAdded: done.creditAdded,
        ...(by.action === "invoice.receipt.admin" ? { onBehalfOfOrgId: inv.buyer_org_id } : {}),
      },
    });
    await enqueueOutbox(trx, "transaction_record", `receipt:${done.receiptId}`);
    return { ok: true as const, receiptId: done.receiptId, status: after.status, balance: after.balance, credit: after.credit };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Reads

function invoiceView(row: InvoiceRowT, side: "buyer" | "vendor", today: string) {
  const state = row.payment_state as PaymentState;
  const summary = paymentSummary(state);
  const doc = row.document as QualifiedInvoice;
  return {
    id: row.id,
    side,
    kind: row.kind,
    number: row.number,
    contractId: row.contract_id,
    milestoneIndex: row.milestone_index,
    invoiceDate: row.invoice_date,
    dueDate: row.due_date,
    issuer: doc.issuer,
    recipient: doc.recipient,
    registration: { number: row.registration_number, asOf: row.registration_checked_on, source: row.registration_source },
    lines: doc.lines,
    byRate: doc.byRate,
    rounding: doc.rounding,
    subtotal: doc.subtotal,
    tax: doc.tax,
    total: doc.total,
    references: doc.references,
    referencesInvoiceId: row.references_invoice_id,
    reason: doc.reason,
    cancelledBy: row.cancelled_by,
    bankAccount: (row.bank_account as BankAccount | null) ?? null,
    status: row.kind === "credit_note" ? ("issued" as const) : displayStatus(state, row.due_date ?? "9999-12-31", today),
    received: summary.received,
    balance: row.kind === "credit_note" ? 0 : summary.balance,
    credit: summary.credit,
    createdAt: new Date(row.created_at).toISOString(),
  };
}
export type InvoiceView = ReturnType<typeof invoiceView> & { receipts: { id: string; amount: number; receivedOn: string; source: string }[] };

/** One invoice for its vendor or its buyer (with receipts); 404 for anyone else. */
export async function readInvoice(ctx: AppContext, actor: Actor, invoiceId: string): Promise<{ ok: true; invoice: InvoiceView } | ServiceFailure> {
  if (!actor.org || !isRowId(invoiceId) || (actor.org.kind !== "buyer" && actor.org.kind !== "vendor")) return failure.notFound();
  const row = await findInvoiceForOrg(ctx.db, actor.org.id, invoiceId);
  if (!row) return failure.notFound();
  const side = row.vendor_org_id === actor.org.id ? "vendor" : "buyer";
  const receipts = await listReceipts(ctx.db, row.id);
  return {
    ok: true,
    invoice: {
      ...invoiceView(row, side, tokyoDateString(ctx.clock.now())),
      receipts: receipts.map((r) => ({ id: r.id, amount: Number(r.amount), receivedOn: r.received_on, source: r.source })),
    },
  };
}

/** The caller's own side: invoices its vendor organisation issued, or those addressed to its buyer organisation. */
export async function listInvoices(ctx: AppContext, actor: Actor) {
  if (!actor.org || (actor.org.kind !== "buyer" && actor.org.kind !== "vendor")) return { ok: true as const, invoices: [] };
  const side = actor.org.kind;
  const today = tokyoDateString(ctx.clock.now());
  const rows = await listInvoicesForOrg(ctx.db, side, actor.org.id);
  return { ok: true as const, invoices: rows.map((r) => invoiceView(r, side, today)) };
}

/** The milestones of a contract with their acceptance and invoices, for the contract pages; 404 for others. */
export async function contractMilestoneBilling(ctx: AppContext, actor: Actor, contractId: string) {
  if (!actor.org || !isRowId(contractId)) return failure.notFound();
  const side: "buyer" | "vendor" | null = actor.org.kind === "buyer" ? "buyer" : actor.org.kind === "vendor" ? "vendor" : null;
  if (!side) return failure.notFound();
  const row = side === "buyer" ? await findContractForBuyer(ctx.db, actor.org.id, contractId) : await findContractForVendor(ctx.db, actor.org.id, contractId);
  if (!row) return failure.notFound();
  const content = await currentContent(ctx.db, contractId, row.current_version);
  const [acceptances, invoices] = await Promise.all([listAcceptances(ctx.db, contractId), listInvoicesOfContract(ctx.db, contractId)]);
  const today = tokyoDateString(ctx.clock.now());
  return {
    ok: true as const,
    side,
    contractId,
    rfqId: row.rfq_id,
    quoteId: row.quote_id,
    today,
    active: row.status === "active",
    milestones: presentMilestones(content, row.outside_scope).map((m, i) => {
      const acc = acceptances.find((x) => x.milestone_index === i);
      return {
        index: i,
        name: m.name,
        amountYen: m.amountYen,
        dueDate: m.dueDate,
        acceptance: acc ? { acceptedOn: acc.accepted_at, byName: acc.accepted_by_name } : null,
        invoices: invoices.filter((inv) => inv.milestone_index === i).map((inv) => invoiceView(inv, side, today)),
      };
    }),
  };
}

/** The invoice's PDF in `locale`, rendered once and kept with its SHA-256; for its vendor and buyer, 404 otherwise. */
export async function invoicePdf(ctx: AppContext, actor: Actor, invoiceId: string, locale: Locale): Promise<StoredPdf | ServiceFailure> {
  if (!actor.org || !isRowId(invoiceId)) return failure.notFound();
  const row = await findInvoiceForOrg(ctx.db, actor.org.id, invoiceId);
  if (!row) return failure.notFound();
  const existing = await findStoredDocument(ctx.db, "invoice", row.id, locale);
  if (existing) return { ok: true, id: existing.id, bytes: new Uint8Array(existing.bytes), sha256: existing.sha256, fileName: existing.file_name };
  const receipts = await listReceipts(ctx.db, row.id);
  // 'credit' receipts are made only when the invoice is issued: earlier overpayments or a cancelled invoice's money.
  const creditApplied = receipts.filter((r) => r.source === "credit").reduce((sum, r) => sum + Number(r.amount), 0);
  const kindWord = t(locale, INVOICE_KIND_MESSAGE[row.kind]);
  return storeDocumentOnce(
    ctx,
    {
      kind: "invoice",
      subjectId: row.id,
      rfqId: row.rfq_id,
      buyerOrgId: row.buyer_org_id,
      vendorOrgId: row.vendor_org_id,
      locale,
      fileName: downloadName(`${kindWord.replace(/[\s（）()]/g, "")}_${row.number}_${locale}.pdf`, ["pdf"]),
    },
    () =>
      renderInvoicePdf(
        {
          invoice: row.document as QualifiedInvoice,
          dueDate: row.due_date,
          bankAccount: (row.bank_account as BankAccount | null) ?? null,
          registrationSource: row.registration_source,
          creditApplied,
        },
        locale,
      ),
    { actorUserId: actor.userId, actorOrgId: actor.org.id },
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Vendor settings

export async function invoiceSettings(ctx: AppContext, actor: Actor) {
  const a = orgActor(actor, "vendor");
  if (!a) return failure.notFound();
  const s = await findInvoiceSettings(ctx.db, a.org.id);
  if (!s) return failure.notFound();
  const bank = BankAccountSchema.safeParse(s.bank_account);
  return {
    ok: true as const,
    rounding: s.invoice_tax_rounding,
    bankAccount: bank.success ? bank.data : null,
    registrationNumber: s.invoice_registration_number,
  };
}

/** The vendor's invoice settings: the tax rounding and/or the bank account; owners only (403), field-level 400, audited. */
export async function saveInvoiceSettings(ctx: AppContext, actor: Actor, input: unknown): Promise<{ ok: true } | ServiceFailure> {
  const a = orgActor(actor, "vendor");
  if (!a) return failure.notFound();
  // Where the buyer's money goes: only an owner of the vendor organisation changes it (the one policy).
  if (!can(a, "invoiceSettings:manage", { type: "organization", id: a.org.id })) return failure.forbidden();
  const body = (typeof input === "object" && input !== null ? input : {}) as { rounding?: unknown; bankAccount?: unknown };
  const issues = [];
  const rounding = body.rounding === undefined ? null : TaxRoundingSchema.safeParse({ rounding: body.rounding });
  if (rounding && !rounding.success) issues.push(...rounding.error.issues);
  const bank = body.bankAccount === undefined ? null : BankAccountSchema.safeParse(body.bankAccount);
  if (bank && !bank.success) issues.push(...bank.error.issues.map((i) => ({ ...i, path: ["bankAccount", ...i.path] })));
  if (issues.length > 0) return failure.invalid({ issues });
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const before = await findInvoiceSettings(trx, a.org.id);
    if (rounding?.success) await updateTaxRounding(trx, a.org.id, rounding.data.rounding);
    if (bank?.success && !(await updateBankAccount(trx, a.org.id, bank.data, now))) return failure.notFound();
    await writeAudit(trx, {
      actorUserId: a.userId,
      actorOrgId: a.org.id,
      action: "invoice.settings",
      entityType: "organization",
      entityId: a.org.id,
      before: { rounding: before?.invoice_tax_rounding, bankAccount: before?.bank_account ?? null },
      after: {
        rounding: rounding?.success ? rounding.data.rounding : before?.invoice_tax_rounding,
        bankAccount: bank?.success ? bank.data : (before?.bank_account ?? null),
      },
    });
    return { ok: true as const };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The invoice's history (credits, reminders) and the platform admin (issue 16 item 2)

const mayAdminister = (actor: Actor) => can(actor, "invoices:administer", { type: "allInvoices" });

/**
 * What happened around an invoice beyond its receipts: overpayments set against it (from which invoice), its own
 * overpayment and the invoice it went to, and the overdue reminders sent. Its vendor, its buyer or a platform admin;
 * 404 for anyone else.
 */
export async function invoiceHistory(ctx: AppContext, actor: Actor, invoiceId: string) {
  if (!isRowId(invoiceId)) return failure.notFound();
  const row = mayAdminister(actor)
    ? await findInvoiceById(ctx.db, invoiceId)
    : actor.org && (actor.org.kind === "buyer" || actor.org.kind === "vendor")
      ? await findInvoiceForOrg(ctx.db, actor.org.id, invoiceId)
      : undefined;
  if (!row) return failure.notFound();
  const [applied, made, reminders] = await Promise.all([
    listCreditsAppliedTo(ctx.db, row.id),
    listCreditsFromInvoiceWithTarget(ctx.db, row.id),
    listRemindersOf(ctx.db, row.id),
  ]);
  return {
    ok: true as const,
    creditsApplied: applied.map((c) => ({ id: c.id, amount: Number(c.amount), fromInvoiceId: c.source_invoice_id, fromNumber: c.source_number })),
    creditsMade: made.map((c) => ({ id: c.id, amount: Number(c.amount), toInvoiceId: c.applied_to_invoice_id, toNumber: c.target_number })),
    reminders: reminders.map((r) => ({ step: r.step, daysOverdue: r.days_overdue, balance: Number(r.balance), sentAt: new Date(r.sent_at).toISOString() })),
  };
}

/** Every organisation's invoices for a platform admin (number, parties, total, status, balance); 403 for others. */
export async function adminInvoiceList(ctx: AppContext, actor: Actor, filter: { overdueOnly?: boolean } = {}) {
  if (!mayAdminister(actor)) return failure.forbidden();
  const today = tokyoDateString(ctx.clock.now());
  const rows = await listAllInvoicesWithParties(ctx.db);
  const invoices = rows.map((r) => ({ ...invoiceView(r, "buyer", today), vendorName: r.vendor_name, buyerName: r.buyer_name }));
  return { ok: true as const, invoices: filter.overdueOnly ? invoices.filter((i) => i.status === "overdue") : invoices };
}

/** One invoice with its receipts for a platform admin; 403 for others, 404 for an unknown id. */
export async function adminReadInvoice(ctx: AppContext, actor: Actor, invoiceId: string) {
  if (!mayAdminister(actor)) return failure.forbidden();
  if (!isRowId(invoiceId)) return failure.notFound();
  const row = await findInvoiceById(ctx.db, invoiceId);
  if (!row) return failure.notFound();
  const receipts = await listReceipts(ctx.db, row.id);
  return {
    ok: true as const,
    invoice: {
      ...invoiceView(row, "buyer", tokyoDateString(ctx.clock.now())),
      payable: row.kind !== "credit_note" && row.cancelled_by === null,
      receipts: receipts.map((r) => ({ id: r.id, amount: Number(r.amount), receivedOn: r.received_on, source: r.source })),
    },
  };
}

/**
 * A platform admin records a bank transfer on the buyer's behalf (the buyer told support, or the admin reconciles a
 * statement): the same rules as the buyer's `recordReceipt` — amount in integer yen > 0, date not in the future,
 * overpayment becomes a credit for the vendor's next invoice to this buyer — audited as `invoice.receipt.admin` with
 * the admin as actor. 403 for anyone but a platform admin; 409 on a cancelled invoice or a credit note.
 */
export async function recordReceiptAsAdmin(ctx: AppContext, actor: Actor, invoiceId: string, input: unknown): Promise<ReceiptResult> {
  if (!mayAdminister(actor)) return failure.forbidden();
  if (!isRowId(invoiceId) || !(await findInvoiceById(ctx.db, invoiceId))) return failure.notFound();
  return recordBankReceipt(ctx, invoiceId, input, { userId: actor.userId, orgId: actor.org?.id ?? null, action: "invoice.receipt.admin" });
}
