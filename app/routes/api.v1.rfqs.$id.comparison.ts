import type { LoaderFunctionArgs } from "@remix-run/node";
import { isRowId } from "~/api/rfq-responses.server";
import { comparisonForBuyer, comparisonResponseBody, parseWhatIf } from "~/services/comparison-export.server";
import { apiNotFound, bytesResponse, problem, requireApiCaller } from "~/utils/api.server";
import { t } from "~/i18n";

// GET /api/v1/rfqs/{id}/comparison: the buyer's ranking once quotes are opened; sealed, foreign or
// vendor callers get the 404 of an unknown id. `weights` and `method` re-rank without saving anything.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const caller = await requireApiCaller(request, context);
  if (!isRowId(params.id)) return apiNotFound(caller.locale);
  const whatIf = parseWhatIf(new URL(request.url).searchParams, caller.locale);
  if (!whatIf.ok) return problem(400, t(caller.locale, "common.formHasErrors"), undefined, whatIf.issues);
  const outcome = await comparisonForBuyer(context, caller.actor, params.id, whatIf.overrides, caller.locale);
  if (!outcome.ok) return outcome.reason === "invalid" ? problem(400, t(caller.locale, "common.formHasErrors"), undefined, outcome.issues) : apiNotFound(caller.locale);
  return bytesResponse(comparisonResponseBody(outcome), { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "private, no-store" });
}
