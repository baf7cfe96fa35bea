import { expect } from "vitest";
import { createOrg, createUser } from "../factories";
import { Cookies, postForm, type Harness } from "./harness";

// Shared by the account-security tests: a member with a known password, and log-in as a browser would.

export const PASSWORD = "tabi-no-sora-7Qx-2026";
export const CHROME_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

export async function createMember(h: Harness, email: string, opts: { locale?: string; name?: string } = {}) {
  const org = await createOrg(h.db, "buyer", `組織 ${email}`);
  return createUser(h.db, { orgId: org.id, email, password: PASSWORD, name: opts.name ?? "山田 花子", locale: opts.locale ?? "ja" });
}

export async function logIn(h: Harness, email: string, password = PASSWORD, headers: Record<string, string> = {}) {
  const cookies = new Cookies();
  const res = await postForm(h, "/login", { email, password, redirectTo: "/" }, cookies, headers);
  expect(res.status).toBe(302);
  return cookies;
}

/** True when the cookies still belong to a live session (the root loader, on every page, knows the user). */
export async function signedIn(h: Harness, cookies: Cookies, headers: Record<string, string> = {}) {
  const res = await h.request("/?_data=root", { cookies, headers });
  expect(res.status).toBe(200);
  return ((await res.json()) as { user: unknown }).user !== null;
}
