import { createCookie } from "@remix-run/node";
import type { AppContext } from "./context.server";

// All cookies: HttpOnly, SameSite=Lax, Secure in production, signed with SESSION_SECRET.
function make(name: string, ctx: Pick<AppContext, "env" | "sessionSecret">, maxAge?: number) {
  return createCookie(name, {
    httpOnly: true,
    sameSite: "lax",
    secure: ctx.env.NODE_ENV === "production",
    path: "/",
    secrets: [ctx.sessionSecret],
    ...(maxAge ? { maxAge } : {}),
  });
}

export const SESSION_DAYS = 14;
export const sessionCookie = (ctx: Pick<AppContext, "env" | "sessionSecret">) => make("__kurabe_session", ctx, SESSION_DAYS * 86400);
export const csrfCookie = (ctx: Pick<AppContext, "env" | "sessionSecret">) => make("__kurabe_csrf", ctx);
export const toastCookie = (ctx: Pick<AppContext, "env" | "sessionSecret">) => make("__kurabe_toast", ctx, 60);
// The language choice is not secret, but signing it keeps every cookie handled one way.
export const langCookie = (ctx: Pick<AppContext, "env" | "sessionSecret">) => make("__kurabe_lang", ctx, 365 * 86400);
