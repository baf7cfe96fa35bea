import { parseWithZod } from "@conform-to/zod/v4";
import { useState } from "react";
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

/**
 * The form id to give conform's useForm on a page whose save answers with a redirect back to itself.
 *
 * conform keeps the errors of the last answer until it is given another one. A successful save answers
 * with a redirect — no answer for the form — so the errors of an earlier, refused attempt stayed beside
 * the corrected values (issue 14, item 5). This id changes when an answer is replaced by none (the save
 * went through and the page was loaded again): conform then starts the form afresh from the saved
 * values, with no errors. Before that, and without JavaScript, it is `base`.
 */
export function useFormIdAfterSave(base: string, lastResult: unknown): string {
  const [generation, setGeneration] = useState(0);
  const [seen, setSeen] = useState(lastResult);
  if (seen !== lastResult) {
    setSeen(lastResult);
    if (seen && !lastResult) setGeneration(generation + 1);
  }
  return generation === 0 ? base : `${base}-${generation}`;
}
