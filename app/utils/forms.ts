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

/**
 * The one way a form validates in the browser: with the same schema and words as its action, first when
 * a field is left, then — once a field has been checked — on every keystroke or choice.
 *
 * Why on input: revalidating on blur (conform's default for `shouldRevalidate`) clears a corrected field's
 * error only when focus leaves it, i.e. on the mousedown of the submit button. The error line disappears,
 * the button moves up under the pointer, the mouseup lands beside it and no click happens: the first press
 * after a correction was swallowed (issue 14, item 6). Clearing the error while typing leaves nothing to move.
 */
export function validateInBrowser<S extends core.$ZodType>(schema: S, locale: Locale, options: { decoded?: boolean } = {}) {
  return {
    onValidate: ({ formData }: { formData: FormData }) => parseForm(formData, schema, locale, options),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  } as const;
}
