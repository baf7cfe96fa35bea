import { findLiveApiToken, TOKEN_TOUCH_INTERVAL_MS, touchApiToken } from "../../db/queries/api-tokens";
import type { Actor } from "~/domain/permissions";
import { isLocale, isMessageKey, localeFromAcceptLanguage, t, type AnyMessageKey, type Locale, type MessageKey } from "~/i18n";
import { localizeZodIssue, zodErrorMap } from "~/i18n/zod-errors";
import { hashApiToken } from "~/services/api-tokens.server";
import type { AppContext } from "./context.server";
import { BodyTooLargeError, findUnstorableText, nestsDeeperThan, readBodyText } from "./request-body.server";
import type { FieldProblem, ServiceFailure } from "./service-failure";
import { z, type core } from "zod";

export interface ApiCaller {
  actor: Actor;
  user: { id: string; email: string; name: string; locale: Locale };
  locale: Locale;
}

/** RFC 9457 problem details. `errors` lists field paths with messages in the caller's language. */
export function problem(status: number, title: string, detail?: string, errors?: { path: string; message: string }[], headers: HeadersInit = {}): Response {
  return new Response(JSON.stringify({ type: "about:blank", title, status, ...(detail ? { detail } : {}), ...(errors ? { errors } : {}) }), {
    status,
    headers: { "Content-Type": "application/problem+json; charset=utf-8", ...headers },
  });
}

export function apiLocale(request: Request, fallback?: string): Locale {
  if (request.headers.get("Accept-Language")) return localeFromAcceptLanguage(request.headers.get("Accept-Language"));
  return isLocale(fallback) ? fallback : "ja";
}

/** Authenticates a Bearer API token; throws a 401 problem otherwise. */
export async function requireApiCaller(request: Request, ctx: AppContext): Promise<ApiCaller> {
  const header = request.headers.get("Authorization") ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  const locale = apiLocale(request);
  const unauthorized = () =>
    problem(401, t(locale, "http.401.title"), t(locale, "http.401.detail"), undefined, {
      "WWW-Authenticate": 'Bearer realm="kurabe"',
    });
  if (!match) throw unauthorized();
  const found = await findLiveApiToken(ctx.db, hashApiToken(match[1]));
  if (!found) throw unauthorized();
  const now = ctx.clock.now();
  // Skip the UPDATE (and its round trip) while "last used" is still fresh; the query re-checks anyway.
  if (!found.lastUsedAt || now.getTime() - found.lastUsedAt.getTime() >= TOKEN_TOUCH_INTERVAL_MS) await touchApiToken(ctx.db, found.tokenId, now);
  const userLocale: Locale = isLocale(found.locale) ? found.locale : "ja";
  return {
    actor: { userId: found.userId, isPlatformAdmin: found.isPlatformAdmin, org: { id: found.orgId, kind: found.orgKind, role: found.role } },
    user: { id: found.userId, email: found.email, name: found.name, locale: userLocale },
    locale: request.headers.get("Accept-Language") ? locale : userLocale,
  };
}

/** Parses API input with messages in the caller's language (the error map sees the raw input). */
export function parseApiInput<S extends core.$ZodType>(schema: S, data: unknown, locale: Locale) {
  return z.safeParse(schema, data, { error: zodErrorMap(locale) });
}

export function zodProblem(issues: core.$ZodIssue[], locale: Locale): Response {
  return problem(
    400,
    t(locale, "common.formHasErrors"),
    undefined,
    issues.map((i) => ({ path: i.path.map(String).join("."), message: isMessageKey(i.message) ? localizeZodIssue(i, locale) : i.message })),
  );
}

/** Parse issues (worded by the error map already) as problem+json; unknown keys are listed one path each so a typo points at itself. */
export function inputProblem(issues: readonly core.$ZodIssue[], locale: Locale): Response {
  const unknownField = t(locale, "http.unknownField");
  const expanded = issues.flatMap((issue): core.$ZodIssue[] =>
    issue.code === "unrecognized_keys" ? issue.keys.map((key) => ({ ...issue, path: [...issue.path, key], message: unknownField })) : [issue],
  );
  return zodProblem(expanded, locale);
}

/**
 * Issues whose messages are keys (a service parses without an error map) as problem+json: every issue is
 * localized here, so generic zod issues never reach the caller in English. Unknown keys get one path each,
 * keeping the domain's own message ("this line code is not in the RFQ") where the schema gave one.
 */
export function keyedIssuesProblem(issues: readonly core.$ZodIssue[], locale: Locale, titleKey: AnyMessageKey = "common.formHasErrors"): Response {
  const unknownField = t(locale, "http.unknownField");
  const errors = issues.flatMap((issue) => {
    if (issue.code === "unrecognized_keys") {
      const message = isMessageKey(issue.message) ? localizeZodIssue(issue, locale) : unknownField;
      return issue.keys.map((key) => ({ path: [...issue.path, key].map(String).join("."), message }));
    }
    return [{ path: issue.path.map(String).join("."), message: localizeZodIssue(issue, locale) }];
  });
  return problem(400, t(locale, titleKey), undefined, errors);
}

/**
 * The one mapping from a service failure to problem+json: 404/403 as for any unknown or refused id,
 * zod issues and field problems listed by path, a conflict's reasons as its detail.
 */
export function failureProblem(failure: ServiceFailure, locale: Locale): Response {
  if (failure.status === 404) return apiNotFound(locale);
  // A refusal with its own words (e.g. 「起案者は自分の起案を承認できません」) says them; the default is error.403.body.
  if (failure.status === 403) return problem(403, t(locale, "error.403.title"), t(locale, failure.key));
  if (failure.issues) return keyedIssuesProblem(failure.issues, locale, failure.key);
  if (failure.reasons) return problem(failure.status, t(locale, failure.key), failure.reasons.map((key) => t(locale, key)).join(" "));
  const errors = [
    ...problemErrors(failure.problems ?? [], locale),
    ...Object.entries(failure.fieldErrors ?? {}).flatMap(([path, keys]) => keys.map((key) => ({ path, message: t(locale, key) }))),
  ];
  return problem(failure.status, t(locale, failure.key), undefined, failure.problems || failure.fieldErrors ? errors : undefined);
}

/** Field problems with a message key (publish checks, warnings) as problem+json `errors`. */
export function problemErrors(problems: readonly FieldProblem[], locale: Locale) {
  return problems.map((p) => ({ path: p.path.join("."), ...(p.words ? { field: p.words[locale] } : {}), message: t(locale, p.key) }));
}

export function methodNotAllowed(request: Request, allow: readonly string[]): Response {
  const locale = apiLocale(request);
  const list = allow.join(", ");
  return problem(405, t(locale, "http.405.title"), t(locale, "http.405.allowed", { list }), undefined, { Allow: list });
}

/**
 * The request body as JSON: at most 1 MB (413 past it, reading stops there), valid JSON (400), and no text
 * PostgreSQL cannot store (400 naming the field) — all answered as problems before anything else happens.
 */
export async function readJsonBody(request: Request, locale: Locale): Promise<{ ok: true; data: unknown } | { ok: false; response: Response }> {
  let data: unknown;
  try {
    data = JSON.parse(await readBodyText(request));
  } catch (error) {
    if (error instanceof BodyTooLargeError) return { ok: false, response: problem(413, t(locale, "http.413.title"), t(locale, "http.413.body")) };
    const detail = t(locale, "http.json.invalid");
    return { ok: false, response: problem(400, t(locale, "common.formHasErrors"), detail, [{ path: "", message: detail }]) };
  }
  if (nestsDeeperThan(data)) {
    const detail = t(locale, "request.json.tooDeep");
    return { ok: false, response: problem(400, t(locale, "common.formHasErrors"), detail, [{ path: "", message: detail }]) };
  }
  const unstorable = findUnstorableText(data);
  if (unstorable)
    return {
      ok: false,
      response: problem(400, t(locale, "common.formHasErrors"), undefined, [{ path: unstorable.join("."), message: t(locale, "http.text.unstorable") }]),
    };
  return { ok: true, data };
}

export function apiForbidden(locale: Locale, key: MessageKey = "error.403.body") {
  return problem(403, t(locale, "error.403.title"), t(locale, key));
}

export function apiNotFound(locale: Locale) {
  return problem(404, t(locale, "error.404.title"), t(locale, "error.404.body"));
}

/** A JSON answer with its length, so Node sends it as it is rather than chunked (no terminating chunk to wait for). */
export const json = (data: unknown, init: ResponseInit = {}) => {
  const body = JSON.stringify(data);
  return new Response(body, {
    ...init,
    headers: { "Content-Type": "application/json; charset=utf-8", "Content-Length": String(Buffer.byteLength(body)), ...(init.headers ?? {}) },
  });
};

/**
 * A response whose body is already-encoded parts, written in order without being joined first; the
 * parts are only read, so shared (cached) buffers are safe to pass.
 */
export function bytesResponse(parts: Uint8Array[], headers: Record<string, string>): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const part of parts) controller.enqueue(part);
      controller.close();
    },
  });
  const length = parts.reduce((n, part) => n + part.byteLength, 0);
  return new Response(body, { headers: { ...headers, "Content-Length": String(length) } });
}

const STATUS_MESSAGES: Partial<Record<number, { title: AnyMessageKey; detail: AnyMessageKey }>> = {
  400: { title: "http.400.title", detail: "http.400.body" },
  403: { title: "error.403.title", detail: "error.403.body" },
  404: { title: "error.404.title", detail: "error.404.body" },
  405: { title: "http.405.title", detail: "http.405.body" },
  413: { title: "http.413.title", detail: "http.413.body" },
  415: { title: "http.415.title", detail: "http.415.body" },
};

/** A bare status (a Response thrown by a shared reader, or an unexpected error) as problem+json; never a stack trace. */
export function statusProblem(status: number, locale: Locale): Response {
  const known = STATUS_MESSAGES[status];
  if (known) return problem(status, t(locale, known.title), t(locale, known.detail));
  return problem(status >= 500 ? 500 : status, t(locale, "error.500.title"), t(locale, "http.500.detail"));
}

/** Runs `read`, turning a thrown status Response into problem+json for API callers. */
export async function asProblemOnThrow<T>(locale: Locale, read: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; response: Response }> {
  try {
    return { ok: true, value: await read() };
  } catch (thrown) {
    if (thrown instanceof Response) return { ok: false, response: statusProblem(thrown.status, locale) };
    throw thrown;
  }
}
