import type { core } from "zod";
import { serviceProblem } from "./rfq-responses.server";
import { t, translateOrPassThrough, type Locale } from "~/i18n";
import { localizeZodIssue } from "~/i18n/zod-errors";
import { problem } from "~/utils/api.server";

// Quote input errors as problem+json. The quote service parses without an error map, so generic
// zod issues (a string where a number belongs) would otherwise reach the caller in English; every
// issue is localized here. Unknown keys get one path each, keeping the domain's own message
// ("this line code is not in the RFQ") where the schema gave one.

export function quoteIssuesProblem(issues: readonly core.$ZodIssue[], locale: Locale, titleKey = "common.formHasErrors"): Response {
  const unknownField = t(locale, "http.unknownField");
  const errors = issues.flatMap((issue) => {
    if (issue.code === "unrecognized_keys") {
      const message = issue.message.startsWith("quote.") ? localizeZodIssue(issue, locale) : unknownField;
      return issue.keys.map((key) => ({ path: [...issue.path, key].map(String).join("."), message }));
    }
    return [{ path: issue.path.map(String).join("."), message: localizeZodIssue(issue, locale) }];
  });
  return problem(400, translateOrPassThrough(locale, titleKey), undefined, errors);
}

interface QuoteFailure {
  status: number;
  key: string;
  issues?: readonly core.$ZodIssue[];
  reasons?: readonly string[];
}

/** A refused quote operation: 400 with field paths, 409 with the lifecycle reason, 404 as for any unknown id. */
export function quoteServiceProblem(failure: QuoteFailure, locale: Locale): Response {
  if (failure.issues) return quoteIssuesProblem(failure.issues, locale, failure.key);
  if (failure.status === 409) {
    const reasons = failure.reasons ?? [failure.key];
    return problem(409, translateOrPassThrough(locale, failure.key), reasons.map((key) => translateOrPassThrough(locale, key)).join(" "));
  }
  return serviceProblem(failure, locale);
}
