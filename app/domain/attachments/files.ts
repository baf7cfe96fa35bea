import { z } from "zod";
import { MAGIC_BYTES, TYPE_ALIASES, checkUploadedFile, type EvidenceFileInput } from "~/domain/certifications/evidence-file";
import type { AttachmentMessageKey } from "~/i18n/messages-attachments";

// What may be attached to an RFQ or a quote: the certificate evidence checks (size, declared type, content
// by its first bytes) with the document types procurement uses — PDF, images, and Office Open XML files.
// An Office file is a ZIP archive, so its first bytes only show it is one; it is always downloaded as an
// attachment with nosniff, never shown inline.

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

const ZIP = [0x50, 0x4b, 0x03, 0x04]; // "PK\x03\x04"

export const ATTACHMENT_MAGIC_BYTES = {
  ...MAGIC_BYTES,
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ZIP,
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ZIP,
  "application/vnd.openxmlformats-officedocument.presentationml.presentation": ZIP,
} as const satisfies Record<string, readonly number[]>;

export type AttachmentType = keyof typeof ATTACHMENT_MAGIC_BYTES;
export const ATTACHMENT_TYPES = Object.keys(ATTACHMENT_MAGIC_BYTES) as AttachmentType[];

/** The extensions a download of each type may carry, the first being the one given when the name has none of them. */
export const ATTACHMENT_EXTENSIONS: Record<AttachmentType, readonly [string, ...string[]]> = {
  "application/pdf": ["pdf"],
  "image/png": ["png"],
  "image/jpeg": ["jpg", "jpeg"],
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ["docx"],
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ["xlsx"],
  "application/vnd.openxmlformats-officedocument.presentationml.presentation": ["pptx"],
};

export const isAttachmentType = (mime: string): mime is AttachmentType => Object.hasOwn(ATTACHMENT_MAGIC_BYTES, mime);

export type AttachmentFileCheck = { ok: true; type: AttachmentType } | { ok: false; keys: Extract<AttachmentMessageKey, `attachments.file.${string}`>[] };

export function checkAttachmentFile(file: EvidenceFileInput): AttachmentFileCheck {
  const result = checkUploadedFile<AttachmentType>(file, { maxBytes: MAX_ATTACHMENT_BYTES, magicBytes: ATTACHMENT_MAGIC_BYTES, aliases: TYPE_ALIASES });
  return result.ok ? result : { ok: false, keys: result.problems.map((problem) => `attachments.file.${problem}` as const) };
}

export const RFQ_ATTACHMENT_KINDS = ["specification", "form", "definitions", "other"] as const;
export type RfqAttachmentKind = (typeof RFQ_ATTACHMENT_KINDS)[number];

/** The fields that go with an RFQ attachment's file (form or API): its kind, and the file it replaces. */
export const RfqAttachmentFields = z.object({
  kind: z.enum(RFQ_ATTACHMENT_KINDS, { error: () => "attachments.kind.invalid" }),
  replaces: z.preprocess((v) => (v === "" ? undefined : v), z.string().uuid("attachments.replaces.unknown").optional()),
});
export type RfqAttachmentFieldValues = z.infer<typeof RfqAttachmentFields>;
