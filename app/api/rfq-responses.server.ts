import type { core } from "zod";
import type { PublishProblem } from "~/domain/rfq/schema";
import { t, type Locale } from "~/i18n";
import { apiForbidden, apiLocale, apiNotFound, problem, zodProblem } from "~/utils/api.server";
import { BodyTooLargeError, findUnstorableText, readBodyText } from "~/utils/request-body.server";

// The HTTP edge shared by the /api/v1 routes (method, body, problems); the RFQ views they answer
// with are a service: app/services/rfq-responses.server.ts.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A path id that cannot be a row id answers 404 like any other unknown id (and never reaches a uuid cast). */
export function isRowId(value: string | undefined): value is string {
  return value !== undefined && UUID.test(value);
}

export function methodNotAllowed(request: Request, allow: string[]): Response {
  const locale = apiLocale(request);
  const list = allow.join(", ");
  return problem(
    405,
    locale === "ja" ? "このメソッドは使えません" : "Method not allowed",
    locale === "ja" ? `このURLで使えるメソッド: ${list}` : `This URL accepts: ${list}`,
    undefined,
    { Allow: list },
  );
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
  const unstorable = findUnstorableText(data);
  if (unstorable) return { ok: false, response: problem(400, t(locale, "common.formHasErrors"), undefined, [{ path: unstorable.join("."), message: t(locale, "http.text.unstorable") }]) };
  return { ok: true, data };
}

/** zod issues as problem+json; unknown keys are listed one path each so a typo points at itself. */
export function inputProblem(issues: readonly core.$ZodIssue[], locale: Locale): Response {
  const unknownField = locale === "ja" ? "この項目名は使えません。" : "Unknown field.";
  const expanded = issues.flatMap((issue): core.$ZodIssue[] =>
    issue.code === "unrecognized_keys" ? issue.keys.map((key) => ({ ...issue, path: [...issue.path, key], message: unknownField })) : [issue],
  );
  return zodProblem(expanded, locale);
}

/** Publishing problems, or any other field problem with a message key (e.g. fixed-at-publication.ts). */
type FieldProblem = Pick<PublishProblem, "path"> & { key: string };

export function problemErrors(problems: readonly FieldProblem[], locale: Locale) {
  return problems.map((p) => ({ path: p.path.join("."), message: t(locale, p.key) }));
}

interface ServiceFailure {
  status: number;
  key: string;
  problems?: readonly FieldProblem[];
  issues?: readonly core.$ZodIssue[];
}

export function serviceProblem(failure: ServiceFailure, locale: Locale): Response {
  if (failure.status === 404) return apiNotFound(locale);
  if (failure.status === 403) return apiForbidden(locale);
  if (failure.issues) return inputProblem(failure.issues, locale);
  return problem(failure.status, t(locale, failure.key), undefined, failure.problems ? problemErrors(failure.problems, locale) : undefined);
}
