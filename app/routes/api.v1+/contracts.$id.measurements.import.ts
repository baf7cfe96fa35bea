import { apiRoute } from "~/api/route.server";
import { t } from "~/i18n";
import { MAX_CSV_BYTES } from "~/domain/measurements/csv";
import { importMeasurementsCsv } from "~/services/sla-measurements.server";
import { json, problem } from "~/utils/api.server";
import { BodyTooLargeError, readBodyText } from "~/utils/request-body.server";

// POST /api/v1/contracts/{id}/measurements/import (Content-Type: text/csv, UTF-8): the vendor's CSV of SLA
// measurements, all rows or none; each wrong row named in `errors` (path rows.<row>.<column>, the row as a
// spreadsheet numbers it).
export const { loader, action } = apiRoute(
  { id: true },
  {
    POST: async ({ request, context, caller, locale, id }) => {
      const type = (request.headers.get("Content-Type") ?? "").toLowerCase();
      if (!type.startsWith("text/csv") && !type.startsWith("text/plain"))
        return problem(415, t(locale, "common.formHasErrors"), t(locale, "measurements.csv.notCsv"));
      let text: string;
      try {
        // A little over the CSV limit is read so the service can say the limit in words; far over is cut off.
        text = await readBodyText(request, MAX_CSV_BYTES * 2);
      } catch (error) {
        if (error instanceof BodyTooLargeError)
          return problem(413, t(locale, "http.413.title"), t(locale, "measurements.csv.tooLarge", { max: MAX_CSV_BYTES / 1024 }));
        throw error;
      }
      const done = await importMeasurementsCsv(context, caller.actor, id, text);
      if (!done.ok) return done;
      return json(done, { status: 201 });
    },
  },
);
