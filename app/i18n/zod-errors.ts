import type { core } from "zod";
import { isMessageKey, t, type Locale } from "./index";

// Turns any zod issue into a message in the reader's language. Domain schemas put a
// message key in `error`; generic issues (too short, not an e-mail…) are worded here.
export function localizeZodIssue(issue: core.$ZodIssue | core.$ZodRawIssue, locale: Locale): string {
  const message = "message" in issue ? issue.message : undefined;
  if (message && isMessageKey(message)) return t(locale, message, issueParams(issue));
  switch (issue.code) {
    case "too_small": {
      const min = Number(issue.minimum);
      if (issue.origin === "string") return min <= 1 ? t(locale, "validation.required") : t(locale, "validation.tooShort", { min });
      if (issue.origin === "array" || issue.origin === "set") return t(locale, "validation.tooFewItems", { min });
      return t(locale, "validation.tooSmall", { min });
    }
    case "too_big": {
      const max = Number(issue.maximum);
      if (issue.origin === "string") return t(locale, "validation.tooLong", { max });
      if (issue.origin === "array" || issue.origin === "set") return t(locale, "validation.tooManyItems", { max });
      return t(locale, "validation.tooBig", { max });
    }
    case "invalid_format":
      if (issue.format === "email") return t(locale, "validation.email");
      if (issue.format === "url") return t(locale, "validation.url");
      if (issue.format === "date" || issue.format === "datetime") return t(locale, "validation.date");
      return t(locale, "validation.invalid");
    case "invalid_type":
      if (issue.input === undefined || issue.input === null || issue.input === "") return t(locale, "validation.required");
      if (issue.expected === "number" || issue.expected === "int") return t(locale, "validation.number");
      if (issue.expected === "date") return t(locale, "validation.date");
      return t(locale, "validation.invalid");
    case "invalid_value":
      return t(locale, "validation.choice");
    case "not_multiple_of":
      return t(locale, "validation.integer");
    default:
      return message && !message.startsWith("Invalid") ? message : t(locale, "validation.invalid");
  }
}

function issueParams(issue: core.$ZodIssue | core.$ZodRawIssue): Record<string, string | number> {
  const p: Record<string, string | number> = {};
  if ("minimum" in issue && issue.minimum !== undefined) p.min = Number(issue.minimum);
  if ("maximum" in issue && issue.maximum !== undefined) p.max = Number(issue.maximum);
  const params = (issue as { params?: Record<string, unknown> }).params;
  if (params) for (const [k, v] of Object.entries(params)) if (typeof v === "string" || typeof v === "number") p[k] = v;
  return p;
}

/** A zod error map for one locale: pass it to safeParse / parseWithZod. */
export const zodErrorMap = (locale: Locale) => (issue: core.$ZodRawIssue) => localizeZodIssue(issue, locale);
