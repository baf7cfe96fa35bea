import type { core, z } from "zod";
import type { Locale } from "~/i18n";
import { inputProblem, parseApiInput, problem } from "~/utils/api.server";
import { t } from "~/i18n";
import { BodyTooLargeError, readBodyText } from "~/utils/request-body.server";

/**
 * A JSON body an endpoint has always accepted being absent (POST /rfqs/{id}/publish): no body reads as `{}`;
 * one that is there is read and checked as `withBody` would (size limit, JSON, the schema's field messages).
 */
export async function readOptionalJsonBody<S extends core.$ZodType>(
  request: Request,
  schema: S,
  locale: Locale,
): Promise<{ ok: true; data: z.output<S> } | { ok: false; response: Response }> {
  let text: string;
  try {
    text = await readBodyText(request);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return { ok: false, response: problem(413, t(locale, "http.413.title"), t(locale, "http.413.body")) };
    throw error;
  }
  let data: unknown = {};
  if (text.trim() !== "") {
    try {
      data = JSON.parse(text);
    } catch {
      const detail = t(locale, "http.json.invalid");
      return { ok: false, response: problem(400, t(locale, "common.formHasErrors"), detail, [{ path: "", message: detail }]) };
    }
  }
  const parsed = parseApiInput(schema, data, locale);
  if (!parsed.success) return { ok: false, response: inputProblem(parsed.error.issues, locale) };
  return { ok: true, data: parsed.data as z.output<S> };
}
