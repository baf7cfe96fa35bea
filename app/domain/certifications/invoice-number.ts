import type { CertificationMessageKey } from "./messages";

/**
 * 適格請求書発行事業者登録番号: "T" + 13 digits, where the 13 digits are a corporate number (法人番号) whose
 * first digit is a check digit: 9 − (Σ digit × weight mod 9) over the other 12 digits, with weight 1 for
 * the rightmost digit, 2 for the next, alternating.
 *
 * Input is normalized before checking because Japanese users often type with the IME on: NFKC turns
 * full-width "Ｔ７０００…" into "T7000…", a lowercase "t" is accepted, and spaces and hyphens used as
 * separators ("T7000-0120-50002") are removed. The normalized form is what should be stored.
 */
export type InvoiceNumberResult =
  | { ok: true; value: string }
  | { ok: false; key: Extract<CertificationMessageKey, "certifications.invoiceNumber.format" | "certifications.invoiceNumber.checkDigit"> };

export function normalizeInvoiceNumber(input: string): string {
  return input
    .normalize("NFKC")
    .replace(/[\s\-‐‑‒–—―−]/g, "")
    .toUpperCase();
}

/** The check digit for the 12 base digits of a corporate number. */
export function corporateNumberCheckDigit(baseDigits: string): number {
  if (!/^\d{12}$/.test(baseDigits)) throw new RangeError("Expected exactly 12 digits");
  let sum = 0;
  for (let positionFromRight = 1; positionFromRight <= 12; positionFromRight++) {
    const digit = Number(baseDigits[12 - positionFromRight]);
    sum += digit * (positionFromRight % 2 === 1 ? 1 : 2);
  }
  return 9 - (sum % 9);
}

export function validateInvoiceRegistrationNumber(input: string): InvoiceNumberResult {
  const value = normalizeInvoiceNumber(input);
  const match = /^T(\d)(\d{12})$/.exec(value);
  if (!match) return { ok: false, key: "certifications.invoiceNumber.format" };
  const [, checkDigit, baseDigits] = match;
  if (Number(checkDigit) !== corporateNumberCheckDigit(baseDigits)) return { ok: false, key: "certifications.invoiceNumber.checkDigit" };
  return { ok: true, value };
}
