import { createHmac } from "node:crypto";
import type { AppContext } from "./context.server";
import { csrfCookie, sessionCookie } from "./cookies.server";
import { randomToken, safeEqual, sha256 } from "./crypto.server";
import { formBodyFailure, readFormBody } from "./request-body.server";

// The token in the hidden field of every form.
// - Signed in: HMAC(secret, hash of the session token). It is bound to the session, so a token seen
//   before log-in (or in another session) is worthless after it, and it changes whenever the session does.
// - Not signed in: a random value in a signed HttpOnly cookie, repeated in the form (double submit). It is
//   dropped once a session exists, so the next anonymous visitor after log-out gets a fresh one.
// A cross-site form post can read neither the cookie nor the page, so it cannot repeat the token.
export const CSRF_FIELD = "csrf";

type CsrfContext = Pick<AppContext, "env" | "sessionSecret">;

async function sessionToken(request: Request, ctx: CsrfContext): Promise<string | null> {
  const token = await sessionCookie(ctx).parse(request.headers.get("Cookie"));
  return typeof token === "string" && token !== "" ? token : null;
}

function sessionBoundToken(ctx: CsrfContext, session: string): string {
  return createHmac("sha256", ctx.sessionSecret)
    .update(`csrf\0${sha256(session)}`)
    .digest("base64url");
}

/** The token the forms of this response carry, and the cookie to set or clear alongside it. */
export async function ensureCsrfToken(request: Request, ctx: CsrfContext) {
  const cookie = csrfCookie(ctx);
  const existing = await cookie.parse(request.headers.get("Cookie"));
  const session = await sessionToken(request, ctx);
  if (session) {
    const setCookie = existing === null || existing === undefined ? null : await cookie.serialize("", { maxAge: 0 });
    return { token: sessionBoundToken(ctx, session), setCookie };
  }
  if (typeof existing === "string" && existing.length >= 32) return { token: existing, setCookie: null };
  const token = randomToken();
  return { token, setCookie: await cookie.serialize(token) };
}

/** The token a form of this request must carry, or null when the request holds no cookie to compare with. */
async function expectedToken(request: Request, ctx: CsrfContext): Promise<string | null> {
  const session = await sessionToken(request, ctx);
  if (session) return sessionBoundToken(ctx, session);
  const existing = await csrfCookie(ctx).parse(request.headers.get("Cookie"));
  return typeof existing === "string" && existing.length >= 32 ? existing : null;
}

const csrfRefused = () => new Response("CSRF token missing or invalid", { status: 403, statusText: "csrf" });

/** Throws 403 when the form's token does not match this request's session or cookie. */
export async function assertCsrf(request: Request, formData: FormData, ctx: CsrfContext) {
  const expected = await expectedToken(request, ctx);
  const given = formData.get(CSRF_FIELD);
  if (expected === null || typeof given !== "string" || !safeEqual(expected, given)) throw csrfRefused();
}

/**
 * The one way a page action reads its form: a request without any token to compare against is refused
 * before its body is read; the body is read up to the size limit (413 past it), must be a form (415
 * otherwise, 400 when it does not parse), and its CSRF token must match. The thrown responses render as
 * the error page in the reader's language, never as a 500.
 */
export async function readForm(request: Request, ctx: CsrfContext): Promise<FormData> {
  if ((await expectedToken(request, ctx)) === null) throw csrfRefused();
  const body = await readFormBody(request);
  if (!body.ok) throw formBodyFailure(body.reason);
  await assertCsrf(request, body.formData, ctx);
  return body.formData;
}
