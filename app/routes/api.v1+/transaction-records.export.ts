import { apiRoute } from "~/api/route.server";
import { recordSearchInput } from "~/domain/invoices/transaction-records";
import { exportForInspection } from "~/services/transaction-records.server";
import { fileDownload } from "~/utils/file-response.server";

// GET /api/v1/transaction-records/export?…: the ZIP for a tax inspection of the records the same criteria find
// (index.csv + the stored PDFs); audited.
export const { loader } = apiRoute(
  {},
  {
    GET: async ({ request, context, caller }) => {
      const result = await exportForInspection(context, caller.actor, recordSearchInput(new URL(request.url).searchParams), caller.locale);
      if (!result.ok) return result;
      return fileDownload({ bytes: result.bytes, name: result.fileName, mime: "application/zip" });
    },
  },
);
