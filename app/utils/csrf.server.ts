import type { AppContext } from "./context.server";
import { csrfCookie } from "./cookies.server";
import { randomToken, safeEqual } from "./crypto.server";

// Double-submit token: a random value in a signed HttpOnly cookie, repeated in a hidden
// field of every form. A cross-site form post cannot read the cookie to repeat it.
export const CSRF_FIELD = "csrf";

export async function ensureCsrfToken(request: Request, ctx: Pick<AppContext, "env" | "sessionSecret">) {
  const cookie = csrfCookie(ctx);
  const existing = await cookie.parse(request.headers.get("Cookie"));
  if (typeof existing === "string" && existing.length >= 32) return { token: existing, setCookie: null };
  const token = randomToken();
  return { token, setCookie: await cookie.serialize(token) };
}

/** Throws 403 when the form's token does not match the cookie. Call before reading anything else. */
export async function assertCsrf(request: Request, formData: FormData, ctx: Pick<AppContext, "env" | "sessionSecret">) {
  const expected = await csrfCookie(ctx).parse(request.headers.get("Cookie"));
  const given = formData.get(CSRF_FIELD);
  if (typeof expected !== "string" || typeof given !== "string" || !safeEqual(expected, given)) {
    throw new Response("CSRF token missing or invalid", { status: 403, statusText: "csrf" });
  }
}
