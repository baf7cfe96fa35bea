import type { LoaderFunctionArgs } from "@remix-run/node";
import { comparisonForBuyer, contentDisposition, exportFilename, parseWhatIf, comparisonXlsx, XLSX_TYPE } from "~/services/comparison-export.server";
import { requireUser } from "~/utils/auth.server";
import { failureText } from "~/utils/errors";
import { getLocale } from "~/utils/locale.server";

// The page's "download" link (session auth). The same rule as the page: the RFQ's buyer, after opening;
// anyone else, or a sealed RFQ, gets a plain 404. What-if weights in the query are exported as shown.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const locale = await getLocale(request, context);
  const search = new URL(request.url).searchParams;
  const whatIf = parseWhatIf(search, locale);
  if (!whatIf.ok) throw failureText(whatIf, locale);
  const outcome = await comparisonForBuyer(context, user.actor, params.id ?? "", whatIf.overrides);
  if (!outcome.ok) throw failureText(outcome, locale);
  const body = await comparisonXlsx(outcome, locale, search);
  return new Response(body, {
    headers: {
      "Content-Type": XLSX_TYPE,
      "Content-Disposition": contentDisposition(exportFilename(outcome, locale, "xlsx")),
      "Cache-Control": "private, no-store",
    },
  });
}
