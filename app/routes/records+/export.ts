import type { LoaderFunctionArgs } from "@remix-run/node";
import { recordSearchInput } from "~/domain/invoices/transaction-records";
import { exportForInspection } from "~/services/transaction-records.server";
import { requireUser } from "~/utils/auth.server";
import { failureText } from "~/utils/errors";
import { fileDownload } from "~/utils/file-response.server";
import { getLocale } from "~/utils/locale.server";

// GET /records/export?…: the ZIP for a tax inspection of what the same criteria find on /records (audited).
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const locale = await getLocale(request, context);
  const result = await exportForInspection(context, user.actor, recordSearchInput(new URL(request.url).searchParams), locale);
  if (!result.ok) return failureText(result, locale);
  return fileDownload({ bytes: result.bytes, name: result.fileName, mime: "application/zip" });
}
