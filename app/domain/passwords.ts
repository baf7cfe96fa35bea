import { z } from "zod";

// Password rules (ASVS V2.1) and the account-security forms. Pure: the common-password list is
// handed in by the server (app/services/passwords.server.ts loads the one shipped in an npm package).

/**
 * True when a password is on the list or trivially derived from it. The list holds lower-case
 * entries; "Password2026!" is "password" with a year and a symbol, so trailing digits and
 * punctuation are stripped before a second look. Repeats of a short unit ("abcabcabcabc") and the
 * service's own name are refused too (NIST SP 800-63B 5.1.1.2: repetitive, context-specific words).
 */
export function isCommonPassword(password: string, list: ReadonlySet<string>): boolean {
  const lower = password.normalize("NFKC").toLowerCase();
  if (list.has(lower)) return true;
  const stem = lower.replace(/[0-9\s!-/:-@[-`{-~]+$/, "");
  if (stem.length >= 6 && list.has(stem)) return true;
  if (/^(.{1,4})\1+$/su.test(lower)) return true;
  return /kurabe|くらべ|比べ/.test(lower);
}

// The list is ~50,000 entries (hundreds of kB): the server installs it once at start-up, and the
// browser bundle, which imports these schemas for inline validation, checks the length only and
// leaves this rule to the server's answer. A function, not a hidden import, so the domain stays I/O-free.
let commonList: ReadonlySet<string> = new Set();
export function installCommonPasswordList(list: ReadonlySet<string>): void {
  commonList = list;
}

// argon2 hashes any length, but an unbounded password is a cheap DoS on the hasher.
export const newPassword = z
  .string()
  .min(12)
  .max(200)
  // Only once the length is right, so a short password gets one message, not two.
  .refine((p) => p.length < 12 || !isCommonPassword(p, commonList), { message: "password.common" });

export const ChangePasswordSchema = z
  .object({
    currentPassword: z.string().min(1).max(200),
    newPassword,
    confirmPassword: z.string().min(1).max(200),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "password.mismatch" })
  .refine((v) => v.newPassword !== v.currentPassword, { path: ["newPassword"], message: "password.sameAsCurrent" });

export const ForgotPasswordSchema = z.object({
  email: z.string().trim().min(1).max(254).email(),
});

export const ResetPasswordSchema = z
  .object({ newPassword, confirmPassword: z.string().min(1).max(200) })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "password.mismatch" });

/** "Chrome 131 · Windows" from a user-agent header, for the list of sessions; unknown parts are left out. */
export function describeUserAgent(ua: string | null | undefined): string {
  if (!ua) return "";
  const browser =
    match(ua, /Edg(?:e|A|iOS)?\/(\d+)/, "Edge") ??
    match(ua, /OPR\/(\d+)/, "Opera") ??
    match(ua, /Firefox\/(\d+)/, "Firefox") ??
    match(ua, /(?:Chrome|CriOS)\/(\d+)/, "Chrome") ??
    (/Safari\//.test(ua) ? (match(ua, /Version\/(\d+)/, "Safari") ?? "Safari") : null) ??
    match(ua, /^curl\/(\d+)/, "curl");
  const os = /Windows/.test(ua)
    ? "Windows"
    : /iPhone|iPad|iPod/.test(ua)
      ? "iOS"
      : /Android/.test(ua)
        ? "Android"
        : /Mac OS X|Macintosh/.test(ua)
          ? "macOS"
          : /CrOS/.test(ua)
            ? "ChromeOS"
            : /Linux/.test(ua)
              ? "Linux"
              : null;
  const text = [browser, os].filter(Boolean).join(" · ");
  // An unrecognised agent is shown cut short rather than in full: it is attacker-controlled text.
  return text || (ua.length > 40 ? `${ua.slice(0, 40)}…` : ua);
}

function match(ua: string, re: RegExp, name: string): string | null {
  const m = re.exec(ua);
  return m ? `${name} ${m[1]}` : null;
}
