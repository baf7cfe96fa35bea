import { parseWithZod } from "@conform-to/zod/v4";
import type { core } from "zod";
import { isMessageKey, type Locale } from "~/i18n";
import { localizeZodIssue, zodErrorMap } from "~/i18n/zod-errors";

/**
 * Parses a form with a zod schema and words every field error in the reader's language.
 * Used by actions (server validation is the truth) and by conform's onValidate in the browser.
 */
export function parseForm<S extends core.$ZodType>(payload: FormData | URLSearchParams, schema: S, locale: Locale, options: { decoded?: boolean } = {}) {
  return parseWithZod(payload, {
    schema,
    // Schemas that decode the raw form payload themselves (app/domain/rfq/form-steps.ts) opt out of conform's coercion.
    disableAutoCoercion: options.decoded ?? false,
    error: zodErrorMap(locale),
    formatError: (issues: core.$ZodIssue[]) => issues.map((issue) => (isMessageKey(issue.message) ? localizeZodIssue(issue, locale) : issue.message)),
  });
}
