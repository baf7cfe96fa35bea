import type { ApiCall } from "~/api/route.server";
import { t } from "~/i18n";
import { comparisonForBuyer, parseWhatIf } from "~/services/comparison-export.server";
import { apiNotFound, problem } from "~/utils/api.server";

type Comparison = Extract<Awaited<ReturnType<typeof comparisonForBuyer>>, { ok: true }>;

/** The buyer's comparison for the JSON and workbook endpoints, re-ranked by `weights`/`method`, or the problem to answer. */
export async function comparisonOrProblem({ request, context, caller, id, locale }: ApiCall): Promise<Comparison | Response> {
  const whatIf = parseWhatIf(new URL(request.url).searchParams, locale);
  if (!whatIf.ok) return problem(400, t(locale, "common.formHasErrors"), undefined, whatIf.issues);
  const outcome = await comparisonForBuyer(context, caller.actor, id, whatIf.overrides, locale);
  if (!outcome.ok) return outcome.reason === "invalid" ? problem(400, t(locale, "common.formHasErrors"), undefined, outcome.issues) : apiNotFound(locale);
  return outcome;
}
