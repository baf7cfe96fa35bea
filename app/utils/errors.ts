import type { core } from "zod";
import { t, type Locale } from "~/i18n";
import { localizeZodIssue } from "~/i18n/zod-errors";
import type { ServiceFailure } from "./service-failure";

// The page side of failures: the bare status responses pages throw (or return) and the one mapping
// from a ServiceFailure to what a form shows. The API side is failureProblem in api.server.ts.

export const notFound = () => new Response("Not Found", { status: 404 });
export const forbidden = () => new Response("Forbidden", { status: 403 });

/** Throws a 404 (or 403) Response when the condition fails (Epic Stack's invariantResponse). */
export function invariantResponse(condition: unknown, status: 403 | 404 = 404): asserts condition {
  if (!condition) throw status === 404 ? notFound() : forbidden();
}

/** A refused action a page cannot show inline, as its bare status (the error boundary renders it). */
export const failureStatus = (failure: ServiceFailure) => new Response(failure.status === 403 ? "Forbidden" : "Not Found", { status: failure.status });

/** A refusal for a plain-text response (a download link): its field messages one per line, or the bare 404/403. */
export function failureText(failure: ServiceFailure, locale: Locale): Response {
  if (failure.status === 404 || failure.status === 403) return failureStatus(failure);
  return new Response(Object.values(pageFailure(failure, locale).fieldErrors).flat().join("\n"), { status: failure.status });
}

/** A zod path as conform names the field: `criteria[2].weight`. */
function fieldName(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, seg) => (typeof seg === "number" ? `${acc}[${seg}]` : acc ? `${acc}.${String(seg)}` : String(seg)), "");
}

/** zod issues whose messages are keys as conform's field errors, in the reader's language. */
export function issueFieldErrors(issues: readonly core.$ZodIssue[], locale: Locale): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of issues) (out[fieldName(issue.path)] ??= []).push(localizeZodIssue(issue, locale));
  return out;
}

/**
 * What a form shows for a refused service call: the message for the whole form and the field errors
 * (conform's `submission.reply({ formErrors, fieldErrors })` shape, which the pages also return as JSON).
 * 404/403 have nothing to show: the page answers them with notFound()/forbidden() before calling this.
 */
export function pageFailure(failure: ServiceFailure, locale: Locale): { status: number; formErrors: string[]; fieldErrors: Record<string, string[]> } {
  const fieldErrors = failure.issues ? issueFieldErrors(failure.issues, locale) : {};
  for (const [field, keys] of Object.entries(failure.fieldErrors ?? {})) (fieldErrors[field] ??= []).push(...keys.map((key) => t(locale, key)));
  return { status: failure.status, formErrors: [t(locale, failure.key)], fieldErrors };
}
