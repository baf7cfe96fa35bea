import { z } from "zod";
import { AcceptanceSchema, AmendInvoiceSchema, BankAccountSchema, IssueMilestoneInvoiceSchema, ReceiptSchema } from "~/domain/invoices/milestone-invoice";
import { idParameter, jsonBody as body, methodNotAllowed, ok, problem, unauthorized } from "./openapi-helpers";

// The invoice endpoints of the OpenAPI document (issue 16 foundation; decision 0034), spread into its `paths` by
// openapi.ts: 検収, qualified invoices per milestone, corrections, credit notes, bank receipts, the PDF, settings.

const RateTotal = z.object({ rate: z.union([z.literal(10), z.literal(8), z.literal(0)]), subtotal: z.number().int(), tax: z.number().int() });

export const InvoiceResponse = z
  .object({
    id: z.string(),
    side: z.enum(["buyer", "vendor"]),
    kind: z.enum(["invoice", "correction", "credit_note"]),
    number: z.string().describe("Per vendor, sequential without gaps: INV-000001, INV-000002, …"),
    contractId: z.string(),
    milestoneIndex: z.number().int(),
    invoiceDate: z.string(),
    dueDate: z.string().nullable().describe("From the contract's legal payment rule; null on a credit note"),
    issuer: z.object({ name: z.string(), registrationNumber: z.string() }),
    recipient: z.object({ name: z.string() }),
    registration: z.object({ number: z.string(), asOf: z.string(), source: z.string() }),
    byRate: z.array(RateTotal).describe("Tax computed once per rate with the vendor's rounding; negative on a credit note"),
    rounding: z.enum(["floor", "ceil", "round"]),
    subtotal: z.number().int(),
    tax: z.number().int(),
    total: z.number().int(),
    status: z.enum(["issued", "processing", "partially_paid", "paid", "partially_refunded", "refunded", "cancelled", "overdue"]),
    received: z.number().int(),
    balance: z.number().int(),
    credit: z.number().int().describe("Overpaid money set against the vendor's next invoice to the same buyer"),
    cancelledBy: z.string().nullable(),
    referencesInvoiceId: z.string().nullable(),
  })
  .loose();

const notFound = problem("Not found — unknown invoice, or the caller is neither its vendor nor its buyer organisation");
const fieldErrors = problem("`errors` names each field in the caller's language; nothing was written");
const milestoneParameters = [
  ...idParameter("Contract id"),
  { name: "index", in: "path", required: true, description: "The milestone's position in the plan, from 0", schema: { type: "integer", minimum: 0 } },
];
const Settings = z.object({
  rounding: z.enum(["floor", "ceil", "round"]),
  bankAccount: BankAccountSchema.nullable(),
  registrationNumber: z.string().nullable(),
});

export function invoicePaths() {
  const amend = (operationId: string, summary: string) => ({
    operationId,
    summary,
    requestBody: body(AmendInvoiceSchema),
    responses: {
      "201": ok("Issued", InvoiceResponse),
      "400": fieldErrors,
      "401": unauthorized,
      "404": problem("Not found — unknown invoice, or the caller is not its vendor"),
      "405": methodNotAllowed,
      "409": problem("The invoice is a credit note or has already been cancelled by a correction"),
    },
  });
  return {
    "/api/v1/contracts/{id}/milestones/{index}/acceptance": {
      parameters: milestoneParameters,
      post: {
        operationId: "acceptMilestone",
        summary: "検収: the buyer accepts the delivery of a milestone awaiting inspection (audited; see POST /api/v1/deliveries/{id}/inspection)",
        requestBody: body(AcceptanceSchema),
        responses: {
          "201": ok("Accepted", z.object({ milestoneIndex: z.number().int(), acceptedOn: z.string() })),
          "400": fieldErrors,
          "401": unauthorized,
          "404": problem("Not found — unknown contract or milestone, or the caller is not a member of its buyer organisation"),
          "405": methodNotAllowed,
          "409": problem("The contract is not active, the milestone is already accepted, or no delivery of it awaits inspection"),
        },
      },
    },
    "/api/v1/contracts/{id}/milestones/{index}/invoice": {
      parameters: milestoneParameters,
      post: {
        operationId: "issueMilestoneInvoice",
        summary: "The vendor issues the qualified invoice (適格請求書) of an accepted milestone",
        description:
          "Lines default to the milestone's amount (tax included) split per tax rate as the contract's lines are. Tax once per rate with the vendor's rounding; the next number without gaps; the registration number as of the invoice date (format checked, not against the registry); the due date from the contract's legal payment rule; the vendor's bank account. Earlier overpayments by the same buyer are set against it.",
        requestBody: body(IssueMilestoneInvoiceSchema),
        responses: {
          "201": ok("Issued", InvoiceResponse),
          "400": fieldErrors,
          "401": unauthorized,
          "404": problem("Not found — unknown contract or milestone, or the caller is not the contract's vendor"),
          "405": methodNotAllowed,
          "409": problem("Not active, not accepted, already invoiced (issue a correction), or no registration number / bank account"),
        },
      },
    },
    "/api/v1/invoices": {
      get: {
        operationId: "listInvoices",
        summary: "The caller's own invoices: issued by its vendor organisation, or addressed to its buyer organisation",
        responses: { "200": ok("OK", z.object({ invoices: z.array(InvoiceResponse) })), "401": unauthorized, "405": methodNotAllowed },
      },
    },
    "/api/v1/invoices/{id}": {
      parameters: idParameter("Invoice id"),
      get: {
        operationId: "getInvoice",
        summary: "One invoice with its receipts (never edited: corrections and credit notes are new invoices)",
        responses: { "200": ok("OK", InvoiceResponse), "401": unauthorized, "404": notFound, "405": methodNotAllowed },
      },
    },
    "/api/v1/invoices/{id}/corrections": {
      parameters: idParameter("Invoice id"),
      post: amend("correctInvoice", "修正インボイス: a new invoice restating this one in full, referencing and cancelling it"),
    },
    "/api/v1/invoices/{id}/credit-notes": {
      parameters: idParameter("Invoice id"),
      post: amend("issueCreditNote", "返還インボイス: a credit note against this invoice (positive lines; the document's amounts are negative)"),
    },
    "/api/v1/invoices/{id}/receipts": {
      parameters: idParameter("Invoice id"),
      post: {
        operationId: "recordInvoiceReceipt",
        summary: "The buyer (or a platform admin, on its behalf) records a bank transfer received",
        requestBody: body(ReceiptSchema),
        responses: {
          "201": ok(
            "Recorded",
            z.object({ ok: z.literal(true), receiptId: z.string(), status: z.string(), balance: z.number().int(), credit: z.number().int() }),
          ),
          "400": fieldErrors,
          "401": unauthorized,
          "404": problem("Not found — unknown invoice, or the caller is not a member of its buyer organisation"),
          "405": methodNotAllowed,
          "409": problem("The invoice was cancelled by a correction, or it is a credit note"),
        },
      },
    },
    "/api/v1/invoices/{id}/pdf": {
      parameters: [...idParameter("Invoice id"), { name: "lang", in: "query", required: false, schema: { type: "string", enum: ["ja", "en"] } }],
      get: {
        operationId: "getInvoicePdf",
        summary: "The invoice as a PDF (A4), stored once per language with its SHA-256 (X-Content-SHA256)",
        responses: {
          "200": { description: "The PDF", content: { "application/pdf": { schema: { type: "string", format: "binary" } } } },
          "401": unauthorized,
          "404": notFound,
          "405": methodNotAllowed,
        },
      },
    },
    "/api/v1/invoice-settings": {
      get: {
        operationId: "getInvoiceSettings",
        summary: "A vendor's invoice settings: tax rounding and bank account",
        responses: { "200": ok("OK", Settings), "401": unauthorized, "404": problem("Not a vendor"), "405": methodNotAllowed },
      },
      put: {
        operationId: "putInvoiceSettings",
        summary: "Set the vendor's tax rounding and/or bank account (audited)",
        requestBody: body(z.object({ rounding: z.enum(["floor", "ceil", "round"]).optional(), bankAccount: BankAccountSchema.optional() })),
        responses: { "200": ok("Saved", Settings), "400": fieldErrors, "401": unauthorized, "404": problem("Not a vendor"), "405": methodNotAllowed },
      },
    },
  };
}
