import { z } from "zod";
import { newPassword } from "./passwords";

// Account forms. Limits are generous but finite: a 10,000-character name is an attack, not a name.
const email = z.string().trim().min(1).max(254).email();
// 12–200 characters and not a common password (./passwords).
const password = newPassword;

export const SignupSchema = z.object({
  kind: z.enum(["buyer", "vendor"]),
  orgName: z.string().trim().min(1).max(120),
  name: z.string().trim().min(1).max(80),
  email,
  password,
});
export type SignupInput = z.infer<typeof SignupSchema>;

export const LoginSchema = z.object({
  email,
  password: z.string().min(1).max(200),
  redirectTo: z.string().optional(),
});

export const InviteSchema = z.object({
  email,
  role: z.enum(["owner", "member"]),
});

export const AcceptInvitationSchema = z.object({
  name: z.string().trim().min(1).max(80),
  password,
});

export const ApiTokenCreateSchema = z.object({
  name: z.string().trim().min(1).max(80),
});

const REDIRECT_BASE = "http://kurabe.invalid";

/**
 * Only same-origin paths. Browsers drop tabs and newlines inside URLs and read `\\` as `/`, so `/\t/evil`
 * and `/\\evil` become `//evil` — another host. Anything with a control character, a backslash or a
 * scheme is refused outright; what remains is resolved the way a browser would (WHATWG URL) and must
 * stay on our origin and not start with `//` after dot segments are removed (`/.//evil`). The result is
 * re-serialised, so non-ASCII is percent-encoded and always fits in a Location header.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (!to || typeof to !== "string" || to.length > 2048) return fallback;
  // C0 and C1 controls, DEL, backslash, and Unicode line/paragraph separators and bidi controls.
  // eslint-disable-next-line no-control-regex
  if (!to.startsWith("/") || /[\u0000-\u001f\u007f-\u009f\\\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/.test(to)) return fallback;
  let url: URL;
  try {
    url = new URL(to, REDIRECT_BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== REDIRECT_BASE) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return fallback;
  return path;
}
