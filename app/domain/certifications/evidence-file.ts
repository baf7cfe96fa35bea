import type { CertificationMessageKey } from "./messages";

/**
 * Pure check of an uploaded evidence file (certificate scan): the declared type must be PDF, PNG or JPEG,
 * the first bytes must match that type (the browser's declared type is only a claim), and the size must
 * be at most 10 MB (10 × 1024 × 1024 bytes). The caller passes the first bytes it read; 8 are enough.
 */
export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;

export const EVIDENCE_TYPES = ["application/pdf", "image/png", "image/jpeg"] as const;
export type EvidenceType = (typeof EVIDENCE_TYPES)[number];

const MAGIC_BYTES: Record<EvidenceType, readonly number[]> = {
  "application/pdf": [0x25, 0x50, 0x44, 0x46, 0x2d], // "%PDF-"
  "image/png": [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  "image/jpeg": [0xff, 0xd8, 0xff],
};

/** Aliases some browsers and OSes still send. */
const TYPE_ALIASES: Record<string, EvidenceType> = { "image/jpg": "image/jpeg", "image/pjpeg": "image/jpeg" };

export interface EvidenceFileInput {
  declaredType: string;
  size: number;
  head: Uint8Array;
}

export type EvidenceFileCheck =
  | { ok: true; type: EvidenceType }
  | {
      ok: false;
      keys: Extract<
        CertificationMessageKey,
        | "certifications.evidence.empty"
        | "certifications.evidence.tooLarge"
        | "certifications.evidence.typeNotAllowed"
        | "certifications.evidence.contentMismatch"
      >[];
    };

function canonicalType(declaredType: string): EvidenceType | undefined {
  const bare = declaredType.split(";")[0].trim().toLowerCase();
  if ((EVIDENCE_TYPES as readonly string[]).includes(bare)) return bare as EvidenceType;
  return TYPE_ALIASES[bare];
}

function startsWith(head: Uint8Array, magic: readonly number[]): boolean {
  return head.length >= magic.length && magic.every((byte, index) => head[index] === byte);
}

export function checkEvidenceFile(file: EvidenceFileInput): EvidenceFileCheck {
  const keys: Extract<EvidenceFileCheck, { ok: false }>["keys"] = [];
  if (file.size <= 0) keys.push("certifications.evidence.empty");
  if (file.size > MAX_EVIDENCE_BYTES) keys.push("certifications.evidence.tooLarge");
  const type = canonicalType(file.declaredType);
  if (type === undefined) keys.push("certifications.evidence.typeNotAllowed");
  else if (file.size > 0 && !startsWith(file.head, MAGIC_BYTES[type])) keys.push("certifications.evidence.contentMismatch");
  return keys.length === 0 && type !== undefined ? { ok: true, type } : { ok: false, keys };
}
