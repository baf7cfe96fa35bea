import type { ApiCall } from "~/api/route.server";
import { comparisonForBuyer, parseWhatIf } from "~/services/comparison-export.server";
import { failureProblem } from "~/utils/api.server";

type Comparison = Extract<Awaited<ReturnType<typeof comparisonForBuyer>>, { ok: true }>;

/** The buyer's comparison for the JSON and workbook endpoints, re-ranked by `weights`/`method`, or the problem to answer. */
export async function comparisonOrProblem({ request, context, caller, id, locale }: ApiCall): Promise<Comparison | Response> {
  const whatIf = parseWhatIf(new URL(request.url).searchParams, locale);
  if (!whatIf.ok) return failureProblem(whatIf, locale);
  const outcome = await comparisonForBuyer(context, caller.actor, id, whatIf.overrides);
  return outcome.ok ? outcome : failureProblem(outcome, locale);
}
