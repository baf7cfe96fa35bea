import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { corporateNumberCheckDigit, normalizeInvoiceNumber, validateInvoiceRegistrationNumber } from "./invoice-number";

describe("validateInvoiceRegistrationNumber", () => {
  it("accepts T7000012050002 (check digit worked by hand)", () => {
    // Base digits 000012050002 from the right, weights 1,2,1,2…: 2·1 + 0·2 + 0·1 + 0·2 + 5·1 + 0·2 + 2·1 + 1·2 = 11;
    // 11 mod 9 = 2; 9 − 2 = 7 = the first digit.
    expect(corporateNumberCheckDigit("000012050002")).toBe(7);
    expect(validateInvoiceRegistrationNumber("T7000012050002")).toEqual({ ok: true, value: "T7000012050002" });
  });

  it("refuses the same number with one digit off, as a check-digit error", () => {
    expect(validateInvoiceRegistrationNumber("T7000012050003")).toEqual({ ok: false, key: "certifications.invoiceNumber.checkDigit" });
    expect(validateInvoiceRegistrationNumber("T6000012050002")).toEqual({ ok: false, key: "certifications.invoiceNumber.checkDigit" });
  });

  it("normalizes what Japanese users type: full-width, lowercase t, spaces and hyphens", () => {
    expect(normalizeInvoiceNumber("ｔ７０００ ０１２０ ５０００２")).toBe("T7000012050002");
    expect(validateInvoiceRegistrationNumber("ｔ７０００－０１２０－５０００２")).toEqual({ ok: true, value: "T7000012050002" });
    expect(validateInvoiceRegistrationNumber("t7000012050002")).toEqual({ ok: true, value: "T7000012050002" });
  });

  it.each(["7000012050002", "T700001205000", "T70000120500021", "TX000012050002", "", "T 7000 0120 5000 2 extra"])("refuses %j as a format error", (input) => {
    expect(validateInvoiceRegistrationNumber(input)).toEqual({ ok: false, key: "certifications.invoiceNumber.format" });
  });

  it("property: a number built with its check digit is valid and changing any one digit makes it invalid", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{12}$/), fc.integer({ min: 0, max: 12 }), fc.integer({ min: 1, max: 9 }), (base, position, shift) => {
        const digits = `${corporateNumberCheckDigit(base)}${base}`;
        expect(validateInvoiceRegistrationNumber(`T${digits}`).ok).toBe(true);
        const changed = digits.slice(0, position) + ((Number(digits[position]) + shift) % 10) + digits.slice(position + 1);
        const result = validateInvoiceRegistrationNumber(`T${changed}`);
        // Mod 9 cannot see a 0↔9 change in the base digits (9 ≡ 0 for weight 1 and 2 alike); everything else is caught.
        const undetectable =
          position > 0 &&
          new Set([digits[position], changed[position]]).size === 2 &&
          [digits[position], changed[position]].every((d) => d === "0" || d === "9");
        if (!undetectable) expect(result.ok).toBe(false);
      }),
    );
  });
});
