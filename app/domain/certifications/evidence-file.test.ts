import { describe, expect, it } from "vitest";
import { MAX_EVIDENCE_BYTES, checkEvidenceFile } from "./evidence-file";

const bytes = (...values: number[]) => new Uint8Array(values);
const PDF = bytes(0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37); // %PDF-1.7
const PNG = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
const JPEG = bytes(0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46);

describe("checkEvidenceFile", () => {
  it("accepts PDF, PNG and JPEG whose bytes match the declared type", () => {
    expect(checkEvidenceFile({ declaredType: "application/pdf", size: 120_000, head: PDF })).toEqual({ ok: true, type: "application/pdf" });
    expect(checkEvidenceFile({ declaredType: "image/png", size: 5, head: PNG })).toEqual({ ok: true, type: "image/png" });
    expect(checkEvidenceFile({ declaredType: "IMAGE/JPEG; charset=binary", size: 5, head: JPEG })).toEqual({ ok: true, type: "image/jpeg" });
    expect(checkEvidenceFile({ declaredType: "image/jpg", size: 5, head: JPEG })).toEqual({ ok: true, type: "image/jpeg" });
  });

  it("accepts exactly 10 MB and refuses one byte more", () => {
    expect(checkEvidenceFile({ declaredType: "application/pdf", size: MAX_EVIDENCE_BYTES, head: PDF }).ok).toBe(true);
    expect(checkEvidenceFile({ declaredType: "application/pdf", size: MAX_EVIDENCE_BYTES + 1, head: PDF })).toEqual({
      ok: false,
      keys: ["certifications.evidence.tooLarge"],
    });
  });

  it("refuses a file whose content is not what it claims (an executable named .pdf)", () => {
    expect(checkEvidenceFile({ declaredType: "application/pdf", size: 5_000, head: bytes(0x4d, 0x5a, 0x90, 0x00) })).toEqual({
      ok: false,
      keys: ["certifications.evidence.contentMismatch"],
    });
    expect(checkEvidenceFile({ declaredType: "image/png", size: 5_000, head: JPEG }).ok).toBe(false);
  });

  it("refuses other types, empty files, and reports every problem", () => {
    expect(checkEvidenceFile({ declaredType: "image/svg+xml", size: 100, head: bytes(0x3c) })).toEqual({
      ok: false,
      keys: ["certifications.evidence.typeNotAllowed"],
    });
    expect(checkEvidenceFile({ declaredType: "application/pdf", size: 0, head: bytes() })).toEqual({ ok: false, keys: ["certifications.evidence.empty"] });
    expect(checkEvidenceFile({ declaredType: "text/html", size: MAX_EVIDENCE_BYTES * 2, head: bytes() })).toEqual({
      ok: false,
      keys: ["certifications.evidence.tooLarge", "certifications.evidence.typeNotAllowed"],
    });
  });

  it("refuses a header too short to carry the signature", () => {
    expect(checkEvidenceFile({ declaredType: "application/pdf", size: 3, head: bytes(0x25, 0x50, 0x44) }).ok).toBe(false);
  });
});
