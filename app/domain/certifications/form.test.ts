import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { isMessageKey, t, translateOrPassThrough } from "~/i18n";
import { zodErrorMap } from "~/i18n/zod-errors";
import { CertificationTypeSchema, InvoiceNumberSchema, RejectionSchema, certificationFormSchema, isCalendarDate, validityFlag } from "./form";

const valid = { type: "isms_iso27001", number: "IS 712345", issuer: "BSIグループジャパン", validFrom: "2024-04-01", validUntil: "2027-03-31" };

/** Field path → messages, as the form shows them in `locale`. */
function errorsOf(schema: z.ZodType, input: unknown, locale: "ja" | "en" = "ja") {
  const result = z.safeParse(schema, input, { error: zodErrorMap(locale) });
  if (result.success) return {};
  const out: Record<string, string[]> = {};
  for (const issue of result.error.issues) (out[issue.path.join(".")] ??= []).push(isMessageKey(issue.message) ? t(locale, issue.message) : issue.message);
  return out;
}

describe("certificationFormSchema", () => {
  const schema = certificationFormSchema(["custom:tisi-level2"]);

  it("accepts a built-in type and an admin-added type, trimming text", () => {
    expect(schema.parse({ ...valid, number: "  IS 712345 " })).toEqual(valid);
    expect(schema.parse({ ...valid, type: "custom:tisi-level2" }).type).toBe("custom:tisi-level2");
  });

  it("refuses a type nobody added, with a message in ja and en", () => {
    expect(errorsOf(schema, { ...valid, type: "custom:made-up" }, "ja")).toEqual({ type: ["認証の種類を選択してください。"] });
    expect(errorsOf(schema, { ...valid, type: "isms" }, "en")).toEqual({ type: ["Choose the type of certification."] });
  });

  it("says which field is missing", () => {
    expect(Object.keys(errorsOf(schema, { type: "iso9001" })).sort()).toEqual(["issuer", "number", "validFrom", "validUntil"]);
    expect(errorsOf(schema, { ...valid, number: "   " })).toEqual({ number: ["認証番号（登録番号）を入力してください。"] });
  });

  it("refuses dates that do not exist and a validity that ends before it starts", () => {
    expect(errorsOf(schema, { ...valid, validFrom: "2026-02-30" }, "en")).toEqual({ validFrom: ["Enter a real date as YYYY-MM-DD."] });
    expect(errorsOf(schema, { ...valid, validFrom: "2027-04-01", validUntil: "2027-03-31" }, "ja")).toEqual({
      validUntil: ["有効期限は開始日と同じか、それより後の日付にしてください。"],
    });
    expect(schema.safeParse({ ...valid, validFrom: "2027-03-31", validUntil: "2027-03-31" }).success).toBe(true);
  });

  it("reports the date order together with other fields' errors, not after they are fixed", () => {
    expect(errorsOf(schema, { ...valid, number: "", validFrom: "2027-04-01", validUntil: "2027-03-31" }, "en")).toEqual({
      number: ["Enter the certificate number."],
      validUntil: ["The last day of validity cannot be before the first day."],
    });
  });
});

describe("InvoiceNumberSchema", () => {
  it("stores the normalized number and accepts an empty field as 'none'", () => {
    expect(InvoiceNumberSchema.parse({ invoiceRegistrationNumber: "ｔ７０００－０１２０－５０００２" })).toEqual({
      invoiceRegistrationNumber: "T7000012050002",
    });
    expect(InvoiceNumberSchema.parse({ invoiceRegistrationNumber: "" })).toEqual({ invoiceRegistrationNumber: null });
    expect(InvoiceNumberSchema.parse({})).toEqual({ invoiceRegistrationNumber: null });
  });

  it("explains a wrong check digit and a wrong format differently", () => {
    expect(errorsOf(InvoiceNumberSchema, { invoiceRegistrationNumber: "T7000012050003" }, "ja")).toEqual({
      invoiceRegistrationNumber: ["登録番号のチェックデジットが一致しません。番号に誤りがないかご確認ください。"],
    });
    expect(errorsOf(InvoiceNumberSchema, { invoiceRegistrationNumber: "7000012050002" }, "en")).toEqual({
      invoiceRegistrationNumber: ["A registration number is “T” followed by 13 digits (e.g. T1234567890123)."],
    });
  });
});

describe("review forms", () => {
  it("a rejection needs a reason", () => {
    expect(errorsOf(RejectionSchema, { reason: "  " }, "en")).toEqual({ reason: ["Give the reason for rejecting (the vendor sees it)."] });
    expect(RejectionSchema.parse({ reason: "有効期限が証憑と一致しません" }).reason).toBe("有効期限が証憑と一致しません");
  });

  it("a custom type key is a lowercase slug", () => {
    expect(CertificationTypeSchema.parse({ slug: "TISI-Level2", labelJa: "TISI レベル2", labelEn: "TISI level 2" }).slug).toBe("tisi-level2");
    expect(Object.keys(errorsOf(CertificationTypeSchema, { slug: "custom:x y", labelJa: "", labelEn: "x" }))).toEqual(["slug", "labelJa"]);
  });
});

describe("validityFlag", () => {
  const today = "2026-11-20";
  it("flags expired, not yet valid, and expiring within 90 days (inclusive)", () => {
    expect(validityFlag({ validFrom: "2024-01-01", validUntil: "2026-11-19" }, today)).toBe("expired");
    expect(validityFlag({ validFrom: "2026-11-21", validUntil: "2029-01-01" }, today)).toBe("notYetValid");
    expect(validityFlag({ validFrom: "2024-01-01", validUntil: "2026-11-20" }, today)).toBe("expiresSoon");
    expect(validityFlag({ validFrom: "2024-01-01", validUntil: "2027-02-18" }, today)).toBe("expiresSoon"); // today + 90
    expect(validityFlag({ validFrom: "2024-01-01", validUntil: "2027-02-19" }, today)).toBeNull();
  });
});

describe("isCalendarDate", () => {
  it.each([
    ["2024-02-29", true],
    ["2025-02-29", false],
    ["2026-13-01", false],
    ["2026-1-01", false],
    ["2026-04-31", false],
  ])("%s → %s", (value, expected) => {
    expect(isCalendarDate(value)).toBe(expected);
  });
});

describe("messages", () => {
  it("every certificationForm.* key used by form.ts exists in ja and en", () => {
    const source = readFileSync(new URL("./form.ts", import.meta.url), "utf8");
    const keys = [...new Set([...source.matchAll(/"(certificationForm\.[A-Za-z0-9_.]+)"/g)].map((m) => m[1]))];
    expect(keys.length).toBeGreaterThan(5);
    for (const key of keys) {
      expect(isMessageKey(key), key).toBe(true);
      expect(translateOrPassThrough("ja", key), key).not.toBe(translateOrPassThrough("en", key));
    }
  });
});
