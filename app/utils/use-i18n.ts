import { useRouteLoaderData } from "@remix-run/react";
import { t as translate, type Locale, type MessageKey } from "~/i18n";
import type { RootData } from "~/root";

/** The reader's locale and a bound `t`, from the root loader (Japanese when it is unavailable, e.g. in a crash page). */
export function useI18n() {
  const data = useRouteLoaderData("root") as RootData | undefined;
  const locale: Locale = data?.locale ?? "ja";
  const t = (key: MessageKey | (string & {}), params?: Record<string, string | number>) => translate(locale, key, params);
  return { locale, t };
}

export function useRootData() {
  return useRouteLoaderData("root") as RootData | undefined;
}
