import { t } from "~/i18n";
import { apiLocale, problem } from "./api.server";

// While the database cannot be reached (restarted, failed over, out of connections) every request fails: that is
// the service being unavailable, not a bug, and callers should be told to retry — 503 with Retry-After, for the
// API as problem+json, for pages a short page in both languages; never a 500 or a stack trace (decision 0056).
//
// The error surfaces in whichever loader or action touched the database first. Remix reports it to
// `handleError` (app/entry.server.tsx) together with the request's load context, which marks the context; the
// server (scripts/serve.ts) then answers the request's 5xx as 503. The mark is a `Symbol.for` property so the
// built app and the server (two copies of this module) agree on it.

/** Seconds a client should wait before retrying: a restart of PostgreSQL takes a few. */
export const RETRY_AFTER_SECONDS = 5;

const MARK = Symbol.for("kurabe.databaseUnavailable");

// node-postgres and Node's socket errors when the server is down, going down or starting up.
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN"]);
// SQLSTATE: 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up / shutting down),
// 53300 too_many_connections; class 08 is "connection exception".
const SQLSTATES = new Set(["57P01", "57P02", "57P03", "53300"]);
const MESSAGES = [
  /^Connection terminated/,
  /^Client has encountered a connection error and is not queryable/,
  /^timeout exceeded when trying to connect/,
  /^Client was closed and is not queryable/,
];

/** Whether an error means "the database cannot be reached" (rather than a query or a program being wrong). */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (depth > 4 || typeof error !== "object" || error === null) return false;
  const { code, message, cause, errors } = error as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === "string" && (SOCKET_CODES.has(code) || SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
  if (typeof message === "string" && MESSAGES.some((m) => m.test(message))) return true;
  // Node's happy-eyeballs connect gives an AggregateError of each address's refusal.
  if (Array.isArray(errors) && errors.length > 0 && errors.every((e) => isDatabaseUnavailable(e, depth + 1))) return true;
  return cause !== undefined && isDatabaseUnavailable(cause, depth + 1);
}

/** Called by handleError: this request failed because the database is unreachable. */
export function noteDatabaseUnavailable(context: unknown): void {
  if (typeof context === "object" && context !== null) (context as Record<symbol, boolean>)[MARK] = true;
}

export function wasDatabaseUnavailable(context: unknown): boolean {
  return typeof context === "object" && context !== null && (context as Record<symbol, boolean>)[MARK] === true;
}

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

/** The 503 answer: problem+json for /api/, otherwise a self-contained page in Japanese and English. */
export function unavailableResponse(request: Request): Response {
  const headers = { "Retry-After": String(RETRY_AFTER_SECONDS), "Cache-Control": "no-store" };
  if (new URL(request.url).pathname.startsWith("/api/")) {
    const locale = apiLocale(request);
    return problem(503, t(locale, "unavailable.title"), t(locale, "unavailable.detail"), undefined, headers);
  }
  const html = `<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>503 — Kurabe</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; padding: 0 1rem; line-height: 1.6">
<h1>${escape(t("ja", "unavailable.title"))}</h1><p>${escape(t("ja", "unavailable.detail"))}</p>
<h2 lang="en">${escape(t("en", "unavailable.title"))}</h2><p lang="en">${escape(t("en", "unavailable.detail"))}</p>
</body></html>
`;
  return new Response(html, { status: 503, headers: { ...headers, "Content-Type": "text/html; charset=utf-8" } });
}

/** The server's last step for every Remix answer: a 5xx of a request marked by handleError becomes the 503. */
export function unavailableIfMarked(request: Request, response: Response, context: unknown): Response {
  return response.status >= 500 && wasDatabaseUnavailable(context) ? unavailableResponse(request) : response;
}
