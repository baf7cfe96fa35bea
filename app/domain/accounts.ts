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

/** Only same-site relative paths: `//evil.example` and absolute URLs fall back to "/". */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (!to || typeof to !== "string") return fallback;
  if (!to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}
