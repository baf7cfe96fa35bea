import { describe, expect, it } from "vitest";
import { MAX_ATTACHMENT_BYTES, RfqAttachmentFields, checkAttachmentFile } from "./files";

const bytes = (...values: number[]) => new Uint8Array(values);
const PDF = bytes(0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37);
const ZIP = bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00);
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

describe("checkAttachmentFile", () => {
  it("accepts PDF and Office files whose bytes match, up to 10 MB", () => {
    expect(checkAttachmentFile({ declaredType: "application/pdf", size: MAX_ATTACHMENT_BYTES, head: PDF })).toEqual({ ok: true, type: "application/pdf" });
    expect(checkAttachmentFile({ declaredType: XLSX, size: 20_000, head: ZIP })).toEqual({ ok: true, type: XLSX });
  });

  it("refuses with the attachment messages: too large, wrong type, content not matching, empty", () => {
    expect(checkAttachmentFile({ declaredType: "application/pdf", size: MAX_ATTACHMENT_BYTES + 1, head: PDF })).toEqual({
      ok: false,
      keys: ["attachments.file.tooLarge"],
    });
    expect(checkAttachmentFile({ declaredType: "text/html", size: 10, head: PDF })).toEqual({ ok: false, keys: ["attachments.file.typeNotAllowed"] });
    expect(checkAttachmentFile({ declaredType: XLSX, size: 10, head: PDF })).toEqual({ ok: false, keys: ["attachments.file.contentMismatch"] });
    expect(checkAttachmentFile({ declaredType: "application/pdf", size: 0, head: bytes() })).toEqual({ ok: false, keys: ["attachments.file.empty"] });
  });
});

describe("RfqAttachmentFields", () => {
  it("needs a known kind; `replaces` is optional (an empty choice means none)", () => {
    expect(RfqAttachmentFields.parse({ kind: "form", replaces: "" })).toEqual({ kind: "form" });
    expect(RfqAttachmentFields.safeParse({ kind: "invoice" }).error?.issues[0].message).toBe("attachments.kind.invalid");
    expect(RfqAttachmentFields.safeParse({ kind: "form", replaces: "x" }).error?.issues[0].message).toBe("attachments.replaces.unknown");
  });
});
