import { t, type Locale } from "~/i18n";
import { pageFailure } from "~/utils/errors";
import type { ServiceFailure } from "~/utils/service-failure";

/** pageFailure, plus the refusals that name a date (受諾期限, the standstill's end) in words: 「受諾期限 2026年12月14日(月) — この期限を過ぎています。」 */
export function awardPageFailure(failure: ServiceFailure, locale: Locale) {
  const base = pageFailure(failure, locale);
  const dated = (failure.problems ?? []).map((p) => (p.words ? `${p.words[locale]} — ${t(locale, p.key)}` : t(locale, p.key)));
  return { ...base, formErrors: [...base.formErrors, ...dated] };
}
