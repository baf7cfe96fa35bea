import { z } from "zod";
import { CERTIFICATION_TYPES } from "~/domain/rfq/categories";
import { validateInvoiceRegistrationNumber } from "./invoice-number";

/**
 * The schemas behind the certificate forms (vendor page, API) and the admin's review forms. Messages are
 * keys, translated at the edge: `certificationForm.*` keys live in app/i18n/messages-certifications.ts
 * (this folder's messages.ts is the domain's own list, checked by its test).
 */

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date as YYYY-MM-DD (2026-02-30 is not one). */
export function isCalendarDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const [year, month, day] = value.split("-").map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const calendarDate = (requiredKey: string) =>
  z.string({ error: requiredKey }).trim().min(1, { error: requiredKey }).refine(isCalendarDate, { error: "certificationForm.date.invalid" });

const requiredText = (max: number, requiredKey: string) =>
  z.string({ error: requiredKey }).trim().min(1, { error: requiredKey }).max(max, { error: "certificationForm.text.tooLong" });

function bothDatesValid(value: unknown): boolean {
  const { validFrom, validUntil } = (value ?? {}) as Record<string, unknown>;
  return typeof validFrom === "string" && typeof validUntil === "string" && isCalendarDate(validFrom.trim()) && isCalendarDate(validUntil.trim());
}

/** Custom types are `custom:<slug>`; the slug is what an admin types. */
export const CUSTOM_TYPE_PREFIX = "custom:";
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * The certificate fields. `customTypeKeys` are the admin-added types currently on file, so a vendor can pick
 * one but cannot invent one. The evidence file is checked separately (checkEvidenceFile) because it is bytes,
 * not a form value.
 */
export function certificationFormSchema(customTypeKeys: readonly string[]) {
  const allowed = new Set<string>([...CERTIFICATION_TYPES, ...customTypeKeys]);
  return z
    .object({
      type: z.string({ error: "certificationForm.type.required" }).refine((value) => allowed.has(value), { error: "certificationForm.type.required" }),
      number: requiredText(100, "certificationForm.number.required"),
      issuer: requiredText(200, "certificationForm.issuer.required"),
      validFrom: calendarDate("certificationForm.validFrom.required"),
      validUntil: calendarDate("certificationForm.validUntil.required"),
    })
    .refine((value) => value.validFrom <= value.validUntil, {
      path: ["validUntil"],
      error: "certificationForm.validUntil.beforeFrom",
      // Checked whenever both dates are real, even if another field failed, so every problem shows at once.
      // ISO dates compare correctly as strings; the same day is a (short) valid window.
      when: ({ value }) => bothDatesValid(value),
    });
}
export type CertificationInput = z.infer<ReturnType<typeof certificationFormSchema>>;

/**
 * The invoice registration number (適格請求書発行事業者登録番号). An empty field removes it: not every vendor is
 * registered (免税事業者), and saying so is better than a made-up number.
 */
export const InvoiceNumberSchema = z.object({
  invoiceRegistrationNumber: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === "") return null;
      const result = validateInvoiceRegistrationNumber(value);
      if (result.ok) return result.value;
      ctx.addIssue({ code: "custom", message: result.key });
      return z.NEVER;
    }),
});

/** An admin's rejection must say why: the vendor sees the reason and can fix the certificate. */
export const RejectionSchema = z.object({
  reason: requiredText(1000, "certificationForm.reason.required"),
});

export const CertificationTypeSchema = z.object({
  slug: z
    .string({ error: "certificationForm.slug.invalid" })
    .trim()
    .toLowerCase()
    .regex(SLUG, { error: "certificationForm.slug.invalid" })
    .max(40, { error: "certificationForm.slug.invalid" }),
  labelJa: requiredText(100, "certificationForm.label.required"),
  labelEn: requiredText(100, "certificationForm.label.required"),
});

export const EXPIRY_WARNING_DAYS = 90;

function addDays(isoDate: string, days: number): string {
  const [year, month, day] = isoDate.split("-").map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/**
 * What the vendor's list flags beside a certificate on `today` (YYYY-MM-DD in Japan): expired, not yet valid,
 * or expiring within 90 days — time enough to renew before buyers see it lapse.
 */
export function validityFlag(cert: { validFrom: string; validUntil: string }, today: string): "expired" | "notYetValid" | "expiresSoon" | null {
  if (cert.validUntil < today) return "expired";
  if (cert.validFrom > today) return "notYetValid";
  if (cert.validUntil <= addDays(today, EXPIRY_WARNING_DAYS)) return "expiresSoon";
  return null;
}
