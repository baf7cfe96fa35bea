import { z } from "zod";

// Two-factor sign-in rules (decision 0052), pure: the TOTP step arithmetic and replay rule, the recovery codes'
// alphabet and shape, and the forms. The secret, the HMAC and the clock live in app/services/two-factor*.server.ts.

/** RFC 6238 defaults every authenticator app understands: 30-second steps, 6 digits, SHA-1. */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Codes of the step before and after the current one are accepted too (a phone's clock drifts, people type slowly). */
export const TOTP_WINDOW = 1;
export const RECOVERY_CODE_COUNT = 10;
/** How long the step between password and code lasts, and how many wrong codes it takes before the password is asked again. */
export const CHALLENGE_MINUTES = 10;
export const MAX_CHALLENGE_FAILURES = 5;

/** The TOTP step (counter) at a time in milliseconds. */
export const stepAt = (ms: number) => Math.floor(ms / 1000 / TOTP_PERIOD_SECONDS);

/**
 * The step a code belongs to, if it may be used: within the window of the current step, and later than the last
 * step used (a code once accepted, or any code before it, cannot be replayed while it is still in the window).
 */
export function acceptableStep(currentStep: number, delta: number | null, lastUsedStep: number | null): number | null {
  if (delta === null || Math.abs(delta) > TOTP_WINDOW) return null;
  const step = currentStep + delta;
  return lastUsedStep !== null && step <= lastUsedStep ? null : step;
}

// 32 symbols without 0/O and 1/I, which people misread when they type a code from paper: 5 bits a character,
// 12 characters (60 bits) a code, shown as XXXX-XXXX-XXXX.
export const RECOVERY_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
const RECOVERY_LENGTH = 12;

/** A recovery code from 12 random bytes (each byte's low 5 bits pick a symbol, so every symbol is equally likely). */
export function recoveryCodeFromBytes(bytes: Uint8Array): string {
  if (bytes.length < RECOVERY_LENGTH) throw new Error("recoveryCodeFromBytes: 12 bytes needed");
  const chars = Array.from(bytes.slice(0, RECOVERY_LENGTH), (b) => RECOVERY_ALPHABET[b & 31]).join("");
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}

/** What the user typed, as the canonical form that is hashed: upper case, without spaces and hyphens. */
export const normalizeRecoveryCode = (input: string) => input.toUpperCase().replace(/[\s-]/g, "");

/** Which kind of code was typed into the one field of the sign-in step: six digits, a recovery code, or neither. */
export function classifyCode(input: string): { kind: "totp"; code: string } | { kind: "recovery"; code: string } | null {
  const compact = input.replace(/\s/g, "");
  if (/^\d{6}$/.test(compact)) return { kind: "totp", code: compact };
  const recovery = normalizeRecoveryCode(input);
  if (recovery.length === RECOVERY_LENGTH && [...recovery].every((c) => RECOVERY_ALPHABET.includes(c))) return { kind: "recovery", code: recovery };
  return null;
}

const code = z
  .string()
  .trim()
  .min(1, "twoFactor.code.required")
  .max(40, "twoFactor.code.format")
  .refine((v) => /^\d{6}$/.test(v.replace(/\s/g, "")), "twoFactor.code.format");

/** Setting up, regenerating recovery codes: a current code of the authenticator app. */
export const TwoFactorCodeSchema = z.object({ code });

/** The sign-in step: a code of the app or a recovery code. */
export const TwoFactorLoginSchema = z.object({
  code: z
    .string()
    .trim()
    .min(1, "twoFactor.code.required")
    .max(40, "twoFactor.code.format")
    .refine((v) => classifyCode(v) !== null, "twoFactor.code.loginFormat"),
});

/** Turning it off: a current code, or the password (for a lost phone with the recovery codes used up). */
export const TwoFactorDisableSchema = z
  .object({ code: z.string().trim().max(40).optional(), password: z.string().max(200).optional() })
  .superRefine((v, issue) => {
    if (!v.code && !v.password) issue.addIssue({ code: "custom", path: ["code"], message: "twoFactor.disable.needOne" });
    else if (v.code && !/^\d{6}$/.test(v.code.replace(/\s/g, ""))) issue.addIssue({ code: "custom", path: ["code"], message: "twoFactor.code.format" });
  });
