import type { LoaderFunctionArgs } from "@remix-run/node";
import { measurementTemplate } from "~/services/sla-measurements.server";
import { requireUser } from "~/utils/auth.server";
import { failureText } from "~/utils/errors";
import { fileDownload } from "~/utils/file-response.server";
import { getLocale } from "~/utils/locale.server";

// GET /contracts/:id/measurements/template.csv: the SLA measurement CSV template in the reader's language, for the
// contract's two parties (404 for anyone else).
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const locale = await getLocale(request, context);
  const done = await measurementTemplate(context, user.actor, params.id ?? "", locale);
  if (!done.ok) return failureText(done, locale);
  return fileDownload({ bytes: new TextEncoder().encode(done.csv), name: done.fileName, mime: "text/csv; charset=utf-8" });
}
