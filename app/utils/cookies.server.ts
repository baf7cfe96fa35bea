import { createCookie } from "@remix-run/node";
import type { AppContext } from "./context.server";

// All cookies: HttpOnly, SameSite=Lax, Path=/, no Domain, signed with SESSION_SECRET. In production
// they are Secure and carry the __Host- prefix, which makes the browser refuse them unless they are
// Secure, Path=/ and without Domain — so no sibling subdomain or plain-http page can plant or
// overwrite one (ASVS V3.4.4). Development and tests run on http://localhost, where a __Host- cookie
// would not be stored, so they keep the plain names.
function make(name: string, ctx: Pick<AppContext, "env" | "sessionSecret">, maxAge?: number) {
  const production = ctx.env.NODE_ENV === "production";
  return createCookie(production ? `__Host-${name}` : `__${name}`, {
    httpOnly: true,
    sameSite: "lax",
    secure: production,
    path: "/",
    secrets: [ctx.sessionSecret],
    ...(maxAge ? { maxAge } : {}),
  });
}

export const SESSION_DAYS = 14;
/** A session also ends after this long without a request (ASVS V3.3.2), besides SESSION_DAYS after log-in. */
export const SESSION_IDLE_HOURS = 12;
export const sessionCookie = (ctx: Pick<AppContext, "env" | "sessionSecret">) => make("kurabe_session", ctx, SESSION_DAYS * 86400);
export const csrfCookie = (ctx: Pick<AppContext, "env" | "sessionSecret">) => make("kurabe_csrf", ctx);
// The step between a correct password and the two-factor code (decision 0052): not a session, only its token.
export const twoFactorCookie = (ctx: Pick<AppContext, "env" | "sessionSecret">) => make("kurabe_2fa", ctx, 10 * 60);
export const toastCookie = (ctx: Pick<AppContext, "env" | "sessionSecret">) => make("kurabe_toast", ctx, 60);
// The language choice is not secret, but signing it keeps every cookie handled one way.
export const langCookie = (ctx: Pick<AppContext, "env" | "sessionSecret">) => make("kurabe_lang", ctx, 365 * 86400);
