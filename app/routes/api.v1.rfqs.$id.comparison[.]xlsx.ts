import type { LoaderFunctionArgs } from "@remix-run/node";
import { isRowId } from "~/api/rfq-responses.server";
import { comparisonForBuyer, comparisonXlsx, contentDisposition, exportFilename, parseWhatIf, XLSX_TYPE } from "~/services/comparison-export.server";
import { apiNotFound, problem, requireApiCaller } from "~/utils/api.server";
import { t } from "~/i18n";

// GET /api/v1/rfqs/{id}/comparison.xlsx: the same comparison as a workbook, in the caller's language.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const caller = await requireApiCaller(request, context);
  if (!isRowId(params.id)) return apiNotFound(caller.locale);
  const whatIf = parseWhatIf(new URL(request.url).searchParams, caller.locale);
  if (!whatIf.ok) return problem(400, t(caller.locale, "common.formHasErrors"), undefined, whatIf.issues);
  const outcome = await comparisonForBuyer(context, caller.actor, params.id, whatIf.overrides, caller.locale);
  if (!outcome.ok) return outcome.reason === "invalid" ? problem(400, t(caller.locale, "common.formHasErrors"), undefined, outcome.issues) : apiNotFound(caller.locale);
  const body = await comparisonXlsx(outcome, caller.locale);
  return new Response(body, {
    headers: { "Content-Type": XLSX_TYPE, "Content-Disposition": contentDisposition(exportFilename(outcome, caller.locale, "xlsx")), "Cache-Control": "private, no-store" },
  });
}
