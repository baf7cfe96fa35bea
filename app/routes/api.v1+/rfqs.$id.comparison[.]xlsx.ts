import { comparisonOrProblem } from "~/api/comparison-route.server";
import { apiRoute } from "~/api/route.server";
import { comparisonXlsx, contentDisposition, exportFilename, XLSX_TYPE } from "~/services/comparison-export.server";

// GET /api/v1/rfqs/{id}/comparison.xlsx: the same comparison as a workbook, in the caller's language.
export const { loader } = apiRoute(
  { id: true },
  {
    GET: async (call) => {
      const outcome = await comparisonOrProblem(call);
      if (outcome instanceof Response) return outcome;
      const body = await comparisonXlsx(outcome, call.locale);
      return new Response(body, {
        headers: {
          "Content-Type": XLSX_TYPE,
          "Content-Disposition": contentDisposition(exportFilename(outcome, call.locale, "xlsx")),
          "Cache-Control": "private, no-store",
        },
      });
    },
  },
);
