import { DEFAULT_LOCALE, isLocale, localeFromAcceptLanguage, type Locale } from "~/i18n";
import type { AppContext } from "./context.server";
import { langCookie } from "./cookies.server";

/** The reader's language: the explicit choice (cookie) first, then the browser's Accept-Language, then Japanese. */
export async function getLocale(request: Request, ctx: Pick<AppContext, "env" | "sessionSecret">): Promise<Locale> {
  const chosen = await langCookie(ctx).parse(request.headers.get("Cookie"));
  if (isLocale(chosen)) return chosen;
  return localeFromAcceptLanguage(request.headers.get("Accept-Language")) ?? DEFAULT_LOCALE;
}
