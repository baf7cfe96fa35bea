import type { CertificationMessageKey } from "./messages";

/**
 * Pure check of an uploaded evidence file (certificate scan): the declared type must be PDF, PNG or JPEG,
 * the first bytes must match that type (the browser's declared type is only a claim), and the size must
 * be at most 10 MB (10 × 1024 × 1024 bytes). The caller passes the first bytes it read; 8 are enough.
 */
export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;

export const EVIDENCE_TYPES = ["application/pdf", "image/png", "image/jpeg"] as const;
export type EvidenceType = (typeof EVIDENCE_TYPES)[number];

export const MAGIC_BYTES: Record<EvidenceType, readonly number[]> = {
  "application/pdf": [0x25, 0x50, 0x44, 0x46, 0x2d], // "%PDF-"
  "image/png": [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  "image/jpeg": [0xff, 0xd8, 0xff],
};

/** Aliases some browsers and OSes still send. */
export const TYPE_ALIASES: Record<string, EvidenceType> = { "image/jpg": "image/jpeg", "image/pjpeg": "image/jpeg" };

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

/** What an uploaded file can be refused for, whatever it is for (evidence, attachments). */
export type UploadProblem = "empty" | "tooLarge" | "typeNotAllowed" | "contentMismatch";

/** The rules one kind of upload follows: a size limit and, per allowed type, the bytes its content starts with. */
export interface UploadRules<T extends string> {
  maxBytes: number;
  magicBytes: Record<T, readonly number[]>;
  aliases?: Record<string, T>;
}

function canonicalType<T extends string>(declaredType: string, rules: UploadRules<T>): T | undefined {
  const bare = declaredType.split(";")[0].trim().toLowerCase();
  if (Object.hasOwn(rules.magicBytes, bare)) return bare as T;
  return rules.aliases && Object.hasOwn(rules.aliases, bare) ? rules.aliases[bare] : undefined;
}

function startsWith(head: Uint8Array, magic: readonly number[]): boolean {
  return head.length >= magic.length && magic.every((byte, index) => head[index] === byte);
}

/** The same checks for any kind of upload: size, declared type allowed, content matching that type. */
export function checkUploadedFile<T extends string>(
  file: EvidenceFileInput,
  rules: UploadRules<T>,
): { ok: true; type: T } | { ok: false; problems: UploadProblem[] } {
  const problems: UploadProblem[] = [];
  if (file.size <= 0) problems.push("empty");
  if (file.size > rules.maxBytes) problems.push("tooLarge");
  const type = canonicalType(file.declaredType, rules);
  if (type === undefined) problems.push("typeNotAllowed");
  else if (file.size > 0 && !startsWith(file.head, rules.magicBytes[type])) problems.push("contentMismatch");
  return problems.length === 0 && type !== undefined ? { ok: true, type } : { ok: false, problems };
}

export function checkEvidenceFile(file: EvidenceFileInput): EvidenceFileCheck {
  const result = checkUploadedFile(file, { maxBytes: MAX_EVIDENCE_BYTES, magicBytes: MAGIC_BYTES, aliases: TYPE_ALIASES });
  return result.ok ? result : { ok: false, keys: result.problems.map((problem) => `certifications.evidence.${problem}` as const) };
}
