import { z } from "zod";
import { isCalendarDate, type CalendarDate } from "~/domain/calendar/japan-business-days";
import type { TaxRate } from "~/domain/documents/order-totals";
import { InvoiceLineSchema, INVOICE_LINES_MAX, INVOICE_REASON_MAX, type InvoiceLineInput } from "./qualified-invoice";

/**
 * The invoice of one milestone (issue 16 foundation; decision 0034), pure: the default lines drawn from the
 * milestone's amount split per tax rate as the contract's lines are, the API/form inputs (issue, correction,
 * credit note, receipt, acceptance, bank account) whose messages are catalog keys, and the registration check the
 * invoice records.
 */

/** What the default registration verifier records: the tax office's service is not reachable from here. */
export const REGISTRATION_SOURCE_FORMAT_ONLY = "format valid, not checked against the registry";

/**
 * The words for a recorded registration source in the reader's language. The source is stored as the verifier wrote
 * it (a stable code for the default verifier); a source without words of its own is shown as stored.
 */
export function registrationSourceText(source: string, t: (key: "invoices.registration.source.formatOnly") => string): string {
  return source === REGISTRATION_SOURCE_FORMAT_ONLY ? t("invoices.registration.source.formatOnly") : source;
}

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

const DateField = (key: string) => z.preprocess(blankToUndefined, z.string({ error: key }).trim().refine(isCalendarDate, { error: key }));

const LinesField = z
  .array(InvoiceLineSchema, { error: "invoices.lines.required" })
  .min(1, { error: "invoices.lines.required" })
  .max(INVOICE_LINES_MAX, { error: "invoices.lines.tooMany" });

/** Issue an invoice for an accepted milestone: the date (default today) and the lines (default: the milestone's). */
export const IssueMilestoneInvoiceSchema = z.object({
  invoiceDate: DateField("invoices.date.invalid").optional(),
  lines: LinesField.optional(),
});
export type IssueMilestoneInvoiceInput = z.infer<typeof IssueMilestoneInvoiceSchema>;

const ReasonField = z
  .string({ error: "invoices.reason.required" })
  .trim()
  .min(1, { error: "invoices.reason.required" })
  .max(INVOICE_REASON_MAX, { error: "invoices.reason.tooLong" });

/** A correction or a credit note: lines, a reason, and the date (default today). */
export const AmendInvoiceSchema = z.object({ invoiceDate: DateField("invoices.date.invalid").optional(), lines: LinesField, reason: ReasonField });
export type AmendInvoiceInput = z.infer<typeof AmendInvoiceSchema>;

const normalizeYen = (value: unknown) => {
  if (typeof value !== "string") return value;
  const text = value.normalize("NFKC").replace(/[,\s¥円]/g, "");
  return text === "" ? undefined : Number(text);
};

/** A bank transfer received: integer yen > 0, on a day not in the future (checked against today by the service). */
export const ReceiptSchema = z.object({
  amount: z.preprocess(
    normalizeYen,
    z
      .number({ error: "payments.receipt.amount.invalid" })
      .int({ error: "payments.receipt.amount.invalid" })
      .min(1, { error: "payments.receipt.amount.invalid" })
      .max(999_999_999_999, { error: "payments.receipt.amount.invalid" }),
  ),
  receivedOn: DateField("payments.receipt.date.invalid"),
});
export type ReceiptInput = z.infer<typeof ReceiptSchema>;

/** 検収: the day the buyer accepted the milestone's work (default today; never in the future). */
export const AcceptanceSchema = z.object({ acceptedOn: DateField("invoices.acceptance.date.invalid").optional() });
export type AcceptanceInput = z.infer<typeof AcceptanceSchema>;

export const ACCOUNT_TYPES = ["普通", "当座"] as const;

/** Full-width katakana, long vowel mark, space and the marks banks allow in a holder's name (口座名義カナ). */
const HOLDER_KANA = /^[ァ-ヴー0-9A-Z（）()．.，,\-/ \u3000]+$/;

/** The vendor's bank account for transfers, shown on its invoices. */
export const BankAccountSchema = z.object({
  bank: z.string({ error: "invoices.bank.bank.required" }).trim().min(1, { error: "invoices.bank.bank.required" }).max(60, { error: "invoices.bank.tooLong" }),
  branch: z
    .string({ error: "invoices.bank.branch.required" })
    .trim()
    .min(1, { error: "invoices.bank.branch.required" })
    .max(60, { error: "invoices.bank.tooLong" }),
  type: z.enum(ACCOUNT_TYPES, { error: "invoices.bank.type.invalid" }),
  number: z.preprocess(
    (v) => (typeof v === "string" ? v.normalize("NFKC").trim() : v),
    z.string({ error: "invoices.bank.number.invalid" }).regex(/^\d{7}$/, { error: "invoices.bank.number.invalid" }),
  ),
  holderKana: z.preprocess(
    (v) => (typeof v === "string" ? v.trim() : v),
    z
      .string({ error: "invoices.bank.holderKana.invalid" })
      .min(1, { error: "invoices.bank.holderKana.invalid" })
      .max(100, { error: "invoices.bank.holderKana.invalid" })
      .regex(HOLDER_KANA, { error: "invoices.bank.holderKana.invalid" }),
  ),
});
export type BankAccount = z.infer<typeof BankAccountSchema>;

export const TaxRoundingSchema = z.object({ rounding: z.enum(["floor", "ceil", "round"], { error: "invoices.rounding.invalid" }) });

/**
 * A milestone's amount (tax included) split per tax rate in the proportions of the contract's totals per rate
 * (tax included), each share turned into a tax-exclusive line: share × 100 / (100 + rate), rounded down, so the
 * vendor's tax once per rate brings it back to the share or a yen under it. The last rate takes the remainder of
 * the split. Highest rate first, as the contract's totals are.
 */
export function milestoneInvoiceLines(
  milestone: { name: string; amountYen: number },
  contractByRate: readonly { rate: TaxRate; subtotal: number; tax: number }[],
  reducedSuffix = "",
): InvoiceLineInput[] {
  if (!Number.isSafeInteger(milestone.amountYen) || milestone.amountYen <= 0) return [];
  const rates = contractByRate.filter((r) => r.subtotal + r.tax > 0);
  if (rates.length === 0) return [{ description: milestone.name, quantity: 1, unitPrice: milestone.amountYen, taxRate: 0 }];
  const whole = rates.reduce((sum, r) => sum + r.subtotal + r.tax, 0);
  let left = milestone.amountYen;
  return rates.map((r, i) => {
    const share = i === rates.length - 1 ? left : Math.floor((milestone.amountYen * (r.subtotal + r.tax)) / whole);
    left -= share;
    const exclusive = Math.floor((share * 100) / (100 + r.rate));
    const description = rates.length > 1 ? `${milestone.name}（${r.rate}%${r.rate === 8 ? reducedSuffix : ""}）` : milestone.name;
    return { description, quantity: 1, unitPrice: exclusive, taxRate: r.rate };
  });
}

/** A receipt's date may not be after today (Japan). */
export const receivedInFuture = (receivedOn: CalendarDate, today: CalendarDate) => receivedOn > today;
