import { z } from "zod";
import { isCalendarDate, type CalendarDate } from "~/domain/calendar/japan-business-days";
import { validateInvoiceRegistrationNumber } from "~/domain/certifications/invoice-number";
import { lineAmount, orderTotals, taxOn, type OrderTotals, type RateTotal, type TaxRate, type TaxRounding } from "~/domain/documents/order-totals";
import type { InvoiceMessageKey } from "~/i18n/messages-invoices";
import { isRowId } from "~/utils/row-id";

export type { RateTotal, TaxRate, TaxRounding } from "~/domain/documents/order-totals";
export { TAX_ROUNDINGS } from "~/domain/documents/order-totals";

/**
 * 適格請求書 (qualified invoice, issue 16 item 1) as pure data: the input a vendor gives for a milestone, the
 * money (tax per rate computed ONCE per rate per invoice with the vendor's rounding, via order-totals), the six
 * items the law requires as a checked structure, and the two ways an issued invoice changes without being edited:
 * a correction (修正インボイス) that cancels and replaces it, and a credit note (返還インボイス) with negative
 * amounts per rate. Messages are catalog keys (app/i18n/messages-invoices.ts). Money is integer yen.
 */

export const INVOICE_LINES_MAX = 100;
export const INVOICE_DESCRIPTION_MAX = 200;
export const INVOICE_REASON_MAX = 1000;
/** The largest tax-exclusive subtotal an invoice may have (far above any milestone; keeps every figure integer-safe). */
export const INVOICE_TOTAL_MAX = 999_999_999_999;

/** The mark a reduced-rate (8 %, 軽減税率) line carries on the invoice. */
export const REDUCED_RATE_MARK = "※";
export const isReducedRate = (rate: TaxRate) => rate === 8;

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
/** Form fields arrive as strings typed with the IME on: full-width digits and thousands separators are accepted. */
const normalizeNumber = (value: unknown) => {
  if (typeof value !== "string") return value;
  const text = value.normalize("NFKC").replace(/[,\s]/g, "");
  return text === "" ? undefined : Number(text);
};

export const InvoiceLineSchema = z.object({
  description: z
    .string({ error: "invoices.line.description.required" })
    .trim()
    .min(1, { error: "invoices.line.description.required" })
    .max(INVOICE_DESCRIPTION_MAX, { error: "invoices.line.description.tooLong" }),
  /** Units; may be fractional (1.5 人月), at most 2 decimals. */
  quantity: z.preprocess(
    normalizeNumber,
    z
      .number({ error: "invoices.line.quantity.invalid" })
      .positive({ error: "invoices.line.quantity.invalid" })
      .max(1_000_000, { error: "invoices.line.quantity.invalid" })
      .refine((q) => Math.abs(q * 100 - Math.round(q * 100)) < 1e-6, { error: "invoices.line.quantity.invalid" }),
  ),
  /** Tax-exclusive price per unit, integer yen. */
  unitPrice: z.preprocess(
    normalizeNumber,
    z
      .number({ error: "invoices.line.unitPrice.invalid" })
      .int({ error: "invoices.line.unitPrice.invalid" })
      .min(0, { error: "invoices.line.unitPrice.invalid" })
      .max(INVOICE_TOTAL_MAX, { error: "invoices.line.unitPrice.invalid" }),
  ),
  taxRate: z.preprocess(
    (value) => (typeof value === "string" && value.trim() !== "" ? Number(value.normalize("NFKC")) : value),
    z.union([z.literal(10), z.literal(8), z.literal(0)], { error: "invoices.line.taxRate.invalid" }),
  ),
});
export type InvoiceLineInput = z.infer<typeof InvoiceLineSchema>;

const InvoiceDateSchema = z.preprocess(
  blankToUndefined,
  z.string({ error: "invoices.date.invalid" }).trim().refine(isCalendarDate, { error: "invoices.date.invalid" }),
);

const InvoiceLinesSchema = z
  .array(InvoiceLineSchema, { error: "invoices.lines.required" })
  .min(1, { error: "invoices.lines.required" })
  .max(INVOICE_LINES_MAX, { error: "invoices.lines.tooMany" })
  .superRefine((lines, ctx) => {
    // The sum of the lines (before tax) must stay within INVOICE_TOTAL_MAX, so every figure derived from it is integer-safe.
    const subtotal = lines.reduce((sum, line) => sum + lineAmount(line), 0);
    if (!Number.isSafeInteger(subtotal) || subtotal > INVOICE_TOTAL_MAX) ctx.addIssue({ code: "custom", message: "invoices.total.tooLarge", path: [] });
  });

/** What a vendor submits to invoice an accepted milestone. The rounding is the vendor's setting, not input. */
export const IssueInvoiceSchema = z.object({
  milestoneId: z.string({ error: "invoices.milestone.invalid" }).refine((id) => isRowId(id), { error: "invoices.milestone.invalid" }),
  invoiceDate: InvoiceDateSchema,
  lines: InvoiceLinesSchema,
});
export type IssueInvoiceInput = z.infer<typeof IssueInvoiceSchema>;

const ReasonSchema = z
  .string({ error: "invoices.reason.required" })
  .trim()
  .min(1, { error: "invoices.reason.required" })
  .max(INVOICE_REASON_MAX, { error: "invoices.reason.tooLong" });

/** A correction restates the whole invoice (every line as it should have been) with a reason. */
export const CorrectInvoiceSchema = z.object({ invoiceDate: InvoiceDateSchema, lines: InvoiceLinesSchema, reason: ReasonSchema });
export type CorrectInvoiceInput = z.infer<typeof CorrectInvoiceSchema>;

/** A credit note lists what is returned or discounted, as positive quantities and prices; its amounts become negative. */
export const CreditNoteSchema = z.object({ invoiceDate: InvoiceDateSchema, lines: InvoiceLinesSchema, reason: ReasonSchema });
export type CreditNoteInput = z.infer<typeof CreditNoteSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Money

export interface InvoiceTotals extends OrderTotals {
  rounding: TaxRounding;
}

/**
 * The invoice's money: each line's amount (quantity × unit price to the yen), the subtotal per rate, the tax on each
 * rate's subtotal computed once with the vendor's rounding (never line by line), and the totals. Highest rate first.
 */
export function invoiceTotals(lines: readonly Pick<InvoiceLineInput, "quantity" | "unitPrice" | "taxRate">[], rounding: TaxRounding = "floor"): InvoiceTotals {
  return { ...orderTotals(lines, rounding), rounding };
}

// ---------------------------------------------------------------------------------------------------------------
// The document

export type InvoiceKind = "invoice" | "correction" | "credit_note";

/** What each kind is called on pages, lists and file names (適格請求書 / 修正インボイス / 返還インボイス). */
export const INVOICE_KIND_MESSAGE: Record<InvoiceKind, InvoiceMessageKey> = {
  invoice: "invoices.kind.invoice",
  correction: "invoices.kind.correction",
  credit_note: "invoices.kind.creditNote",
};

export interface InvoiceParty {
  name: string;
}

export interface InvoiceIssuer extends InvoiceParty {
  /** 登録番号 "T" + 13 digits, normalized. */
  registrationNumber: string;
}

export interface QualifiedInvoiceLine {
  description: string;
  quantity: number;
  unitPrice: number;
  taxRate: TaxRate;
  /** Quantity × unit price to the yen; negative on a credit note. */
  amount: number;
  /** Marked ※ on the document: a reduced-rate (8 %) item. */
  reducedRate: boolean;
}

/** The invoice an earlier document is about: what a correction cancels or a credit note credits. */
export interface InvoiceReference {
  number: string;
  invoiceDate: CalendarDate;
  byRate: RateTotal[];
  total: number;
}

export interface QualifiedInvoice {
  kind: InvoiceKind;
  number: string;
  milestoneId: string;
  issuer: InvoiceIssuer;
  recipient: InvoiceParty;
  /** The date of issue; for an invoice for a milestone, also the transaction date the law asks for. */
  invoiceDate: CalendarDate;
  lines: QualifiedInvoiceLine[];
  rounding: TaxRounding;
  /** Highest rate first; negative amounts on a credit note. */
  byRate: RateTotal[];
  subtotal: number;
  tax: number;
  total: number;
  /** A correction: the invoice it cancels and replaces. A credit note: the invoice it credits. */
  references: InvoiceReference | null;
  /** Why a correction or credit note was issued. */
  reason: string | null;
}

export interface InvoiceHeader {
  number: string;
  milestoneId: string;
  issuer: InvoiceIssuer;
  recipient: InvoiceParty;
  rounding: TaxRounding;
}

function documentLines(lines: readonly InvoiceLineInput[], amounts: readonly number[], sign: 1 | -1): QualifiedInvoiceLine[] {
  return lines.map((line, i) => ({
    description: line.description,
    quantity: line.quantity,
    unitPrice: line.unitPrice,
    taxRate: line.taxRate,
    amount: sign * amounts[i],
    reducedRate: isReducedRate(line.taxRate),
  }));
}

/** A qualified invoice for a milestone, from validated input and the header the service knows (number, parties, rounding). */
export function buildQualifiedInvoice(header: InvoiceHeader, input: Pick<IssueInvoiceInput, "invoiceDate" | "lines">): QualifiedInvoice {
  const totals = invoiceTotals(input.lines, header.rounding);
  return {
    kind: "invoice",
    number: header.number,
    milestoneId: header.milestoneId,
    issuer: { ...header.issuer },
    recipient: { ...header.recipient },
    invoiceDate: input.invoiceDate,
    lines: documentLines(input.lines, totals.lineAmounts, 1),
    rounding: header.rounding,
    byRate: totals.byRate,
    subtotal: totals.subtotal,
    tax: totals.tax,
    total: totals.total,
    references: null,
    reason: null,
  };
}

const referenceTo = (original: QualifiedInvoice): InvoiceReference => ({
  number: original.number,
  invoiceDate: original.invoiceDate,
  byRate: original.byRate.map((r) => ({ ...r })),
  total: original.total,
});

export type BuildResult = { ok: true; invoice: QualifiedInvoice } | { ok: false; problems: { path: (string | number)[]; key: InvoiceMessageKey }[] };

/**
 * 修正インボイス: a new invoice with its own number that states the corrected totals in full and names the invoice
 * it cancels (the original is never edited; its payment state becomes cancelled). Issuer, recipient, milestone and
 * rounding come from the original. A credit note cannot be corrected this way (issue another credit note instead).
 */
export function buildCorrection(original: QualifiedInvoice, number: string, input: CorrectInvoiceInput): BuildResult {
  if (original.kind === "credit_note") return { ok: false, problems: [{ path: [], key: "invoices.creditNote.notForCreditNote" }] };
  const corrected = buildQualifiedInvoice({ ...original, number }, input);
  return { ok: true, invoice: { ...corrected, kind: "correction", references: referenceTo(original), reason: input.reason } };
}

/**
 * 返還インボイス: what is returned or discounted against an issued invoice. The lines are given as positive amounts;
 * the document's amounts and its tax per rate are negative, the tax computed once per rate on the credited
 * subtotal with the original's rounding. Each rate credited must exist on the original and may not exceed it.
 */
export function buildCreditNote(
  original: QualifiedInvoice,
  number: string,
  input: CreditNoteInput,
  /** The credit notes already issued against `original`: together they may never return more than it charged per rate. */
  earlier: readonly Pick<QualifiedInvoice, "byRate">[] = [],
): BuildResult {
  if (original.kind === "credit_note") return { ok: false, problems: [{ path: [], key: "invoices.creditNote.notForCreditNote" }] };
  const positive = invoiceTotals(input.lines, original.rounding);
  const problems: { path: (string | number)[]; key: InvoiceMessageKey }[] = [];
  // Earlier credit notes carry negative subtotals per rate.
  const creditedBefore = (rate: number) => -earlier.flatMap((note) => note.byRate).reduce((sum, r) => (r.rate === rate ? sum + r.subtotal : sum), 0);
  for (const credited of positive.byRate) {
    const originalRate = original.byRate.find((r) => r.rate === credited.rate);
    const key: InvoiceMessageKey | null = !originalRate
      ? "invoices.creditNote.rateNotInOriginal"
      : credited.subtotal > originalRate.subtotal - creditedBefore(credited.rate)
        ? "invoices.creditNote.exceedsOriginal"
        : null;
    if (!key) continue;
    input.lines.forEach((line, i) => {
      if (line.taxRate === credited.rate) problems.push({ path: ["lines", i, "taxRate"], key });
    });
  }
  if (problems.length > 0) return { ok: false, problems };
  const byRate = positive.byRate.map((r) => ({ rate: r.rate, subtotal: -r.subtotal, tax: -r.tax }));
  return {
    ok: true,
    invoice: {
      kind: "credit_note",
      number,
      milestoneId: original.milestoneId,
      issuer: { ...original.issuer },
      recipient: { ...original.recipient },
      invoiceDate: input.invoiceDate,
      lines: documentLines(input.lines, positive.lineAmounts, -1),
      rounding: original.rounding,
      byRate,
      subtotal: -positive.subtotal,
      tax: -positive.tax,
      total: -positive.total,
      references: referenceTo(original),
      reason: input.reason,
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The six required items (インボイス制度 記載事項, 消費税法 第57条の4)

/**
 * 1 issuer: 適格請求書発行事業者の氏名又は名称及び登録番号; 2 transactionDate: 取引年月日; 3 description: 取引内容
 * (軽減税率の対象品目である旨); 4 totalsByRate: 税率ごとに区分した対価の額の合計額及び適用税率; 5 taxByRate: 税率ごとに
 * 区分した消費税額等; 6 recipient: 書類の交付を受ける事業者の氏名又は名称.
 */
export const QUALIFIED_ITEMS = ["issuer", "transactionDate", "description", "totalsByRate", "taxByRate", "recipient"] as const;
export type QualifiedItem = (typeof QUALIFIED_ITEMS)[number];

export const QUALIFIED_ITEM_MESSAGE: Record<QualifiedItem, InvoiceMessageKey> = {
  issuer: "invoices.qualified.missing.issuer",
  transactionDate: "invoices.qualified.missing.transactionDate",
  description: "invoices.qualified.missing.description",
  totalsByRate: "invoices.qualified.missing.totalsByRate",
  taxByRate: "invoices.qualified.missing.taxByRate",
  recipient: "invoices.qualified.missing.recipient",
};

const filled = (text: string | null | undefined) => typeof text === "string" && text.trim() !== "";

/**
 * Which of the six required items are missing or wrong, in the order of QUALIFIED_ITEMS; empty means the document
 * is a qualified invoice. "Wrong" is checked where it can be from the document alone: the registration number's
 * check digit, every reduced-rate line marked, each rate's total equal to its lines, and each rate's tax equal to
 * the once-per-rate tax with the stated rounding (so a tax summed line by line is caught).
 */
export function missingQualifiedItems(invoice: QualifiedInvoice): QualifiedItem[] {
  const missing = new Set<QualifiedItem>();
  if (!filled(invoice.issuer?.name) || !validateInvoiceRegistrationNumber(invoice.issuer?.registrationNumber ?? "").ok) missing.add("issuer");
  if (!isCalendarDate(invoice.invoiceDate)) missing.add("transactionDate");
  if (invoice.lines.length === 0 || invoice.lines.some((line) => !filled(line.description) || line.reducedRate !== isReducedRate(line.taxRate))) {
    missing.add("description");
  }
  const sums = new Map<TaxRate, number>();
  for (const line of invoice.lines) sums.set(line.taxRate, (sums.get(line.taxRate) ?? 0) + line.amount);
  const statedRates = invoice.byRate.map((r) => r.rate);
  const totalsRight =
    new Set(statedRates).size === statedRates.length && statedRates.length === sums.size && invoice.byRate.every((r) => sums.get(r.rate) === r.subtotal);
  if (!totalsRight) missing.add("totalsByRate");
  if (invoice.byRate.length === 0 || invoice.byRate.some((r) => !Number.isSafeInteger(r.subtotal) || r.tax !== taxOn(r.subtotal, r.rate, invoice.rounding))) {
    missing.add("taxByRate");
  }
  if (!filled(invoice.recipient?.name)) missing.add("recipient");
  return QUALIFIED_ITEMS.filter((item) => missing.has(item));
}

// ---------------------------------------------------------------------------------------------------------------
// Numbers

/** A vendor's invoice number prefix: letters, digits and hyphens ("INV-2026"). */
export const INVOICE_PREFIX_PATTERN = /^[A-Z0-9]+(?:-[A-Z0-9]+)*$/;
export const INVOICE_SEQUENCE_DIGITS = 6;

/** The sequence number in `number` under `prefix` ("INV-2026-000123" → 123), or null when it is not one of them. */
export function invoiceSequence(prefix: string, number: string): number | null {
  if (!number.startsWith(`${prefix}-`)) return null;
  const digits = number.slice(prefix.length + 1);
  if (!/^\d+$/.test(digits) || digits.length < INVOICE_SEQUENCE_DIGITS) return null;
  const sequence = Number(digits);
  return Number.isSafeInteger(sequence) && sequence >= 1 ? sequence : null;
}

/**
 * The number after `last` under `prefix`, with no gap: null → "INV-2026-000001", "INV-2026-000123" → "INV-2026-000124"
 * (past 999999 it simply grows a digit). The caller reads `last` and inserts the new number in one transaction, with a
 * unique constraint, so two issuers cannot take the same number. `last` must be under the same prefix.
 */
export function nextInvoiceNumber(prefix: string, last: string | null): string {
  if (!INVOICE_PREFIX_PATTERN.test(prefix)) throw new RangeError(`invalid invoice number prefix: ${prefix}`);
  const previous = last === null ? 0 : invoiceSequence(prefix, last);
  if (previous === null) throw new RangeError(`${last} is not an invoice number under ${prefix}`);
  return `${prefix}-${String(previous + 1).padStart(INVOICE_SEQUENCE_DIGITS, "0")}`;
}
