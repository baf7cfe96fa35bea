import { apiRoute } from "~/api/route.server";
import { measurementTemplate } from "~/services/sla-measurements.server";
import { fileDownload } from "~/utils/file-response.server";

// GET /api/v1/contracts/{id}/measurements/template.csv: the import template (UTF-8 with BOM, a header, one row
// per KPI of the contract for the last period, keys and labels in the caller's language).
export const { loader } = apiRoute(
  { id: true },
  {
    GET: async ({ context, caller, locale, id }) => {
      const done = await measurementTemplate(context, caller.actor, id, locale);
      if (!done.ok) return done;
      return fileDownload({ bytes: new TextEncoder().encode(done.csv), name: done.fileName, mime: "text/csv; charset=utf-8" });
    },
  },
);
