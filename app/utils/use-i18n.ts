import { useRouteLoaderData } from "@remix-run/react";
import { t as translate, translateOrPassThrough, type AnyMessageKey, type Locale } from "~/i18n";
import type { RootData } from "~/root";

/** The reader's locale and a bound `t`, from the root loader (Japanese when it is unavailable, e.g. in a crash page). */
export function useI18n() {
  const data = useRouteLoaderData("root") as RootData | undefined;
  const locale: Locale = data?.locale ?? "ja";
  const t = (key: AnyMessageKey, params?: Record<string, string | number>) => translate(locale, key, params);
  // For keys that arrive as runtime strings (service answers, statuses in loader JSON): no compile-time check.
  const tOrPassThrough = (keyOrText: string, params?: Record<string, string | number>) => translateOrPassThrough(locale, keyOrText, params);
  return { locale, t, translateOrPassThrough: tOrPassThrough };
}

export function useRootData() {
  return useRouteLoaderData("root") as RootData | undefined;
}
