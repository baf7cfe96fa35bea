import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto";
import { generateTOTP, getTOTPAuthUri, verifyTOTP } from "@epic-web/totp";
import QRCode from "qrcode";
import { TOTP_DIGITS, TOTP_PERIOD_SECONDS, TOTP_WINDOW, acceptableStep, recoveryCodeFromBytes, RECOVERY_CODE_COUNT, stepAt } from "~/domain/two-factor";

// The secrets of two-factor sign-in (decision 0052). TOTP through @epic-web/totp (RFC 6238: SHA-1, 6 digits, 30 s);
// the secret is stored encrypted with AES-256-GCM under a key derived from SESSION_SECRET (HKDF), so a copy of the
// database alone does not give anyone the codes; recovery codes are kept as HMAC-SHA-256 under another derived key.

const ALGORITHM = "SHA-1";

function key(sessionSecret: string, purpose: string) {
  return Buffer.from(hkdfSync("sha256", sessionSecret, "kurabe-two-factor", purpose, 32));
}

/** `v1.<iv>.<tag>.<ciphertext>`, base64url. */
export function encryptSecret(sessionSecret: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(sessionSecret, "totp-secret"), iv);
  const data = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), data.toString("base64url")].join(".");
}

export function decryptSecret(sessionSecret: string, stored: string): string {
  const [version, iv, tag, data] = stored.split(".");
  if (version !== "v1" || !iv || !tag || !data) throw new Error("two-factor secret: unknown format");
  const decipher = createDecipheriv("aes-256-gcm", key(sessionSecret, "totp-secret"), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
}

export const hashRecoveryCode = (sessionSecret: string, normalized: string) =>
  createHmac("sha256", key(sessionSecret, "recovery-code")).update(normalized).digest("hex");

export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => recoveryCodeFromBytes(randomBytes(12)));
}

/** A new random secret (base32, 160 bits as RFC 4226 recommends) and the otpauth:// URI an app scans. */
export async function newTotpSecret(accountName: string) {
  const { secret } = await generateTOTP({ period: TOTP_PERIOD_SECONDS, digits: TOTP_DIGITS, algorithm: ALGORITHM, secret: base32(randomBytes(20)) });
  const uri = getTOTPAuthUri({ period: TOTP_PERIOD_SECONDS, digits: TOTP_DIGITS, algorithm: ALGORITHM, secret, accountName, issuer: "Kurabe" });
  return { secret, uri };
}

/** The otpauth:// URI as a QR code, an SVG data URL (the page's CSP allows data: images; nothing leaves the server). */
export async function qrDataUrl(uri: string): Promise<string> {
  const svg = await QRCode.toString(uri, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
}

/** The current code of a secret (tests and the e2e spec type what an authenticator app would show). */
export async function currentTotp(secret: string) {
  return (await generateTOTP({ period: TOTP_PERIOD_SECONDS, digits: TOTP_DIGITS, algorithm: ALGORITHM, secret })).otp;
}

/**
 * The step a code matches within ±1 step of now, or null; `lastUsedStep` refuses a replay. The library reads the
 * wall clock itself (an authenticator app's time is real time, not the app's test clock), so the step is read
 * before and after it: if a step boundary passed in between, the check is simply made again.
 */
export async function verifyTotpStep(secret: string, code: string, lastUsedStep: number | null): Promise<number | null> {
  for (;;) {
    const before = stepAt(Date.now());
    const match = await verifyTOTP({ otp: code, secret, period: TOTP_PERIOD_SECONDS, digits: TOTP_DIGITS, algorithm: ALGORITHM, window: TOTP_WINDOW });
    if (stepAt(Date.now()) === before) return acceptableStep(before, match ? match.delta : null, lastUsedStep);
  }
}

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
function base32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}
