import type { LoaderFunctionArgs } from "@remix-run/node";
import { downloadTransactionRecordFile } from "~/services/transaction-records.server";
import { requireUser } from "~/utils/auth.server";
import { failureText } from "~/utils/errors";
import { getLocale } from "~/utils/locale.server";
import { storedPdfResponse } from "~/utils/stored-pdf-response.server";

// GET /records/files/:id: a 取引書類's stored PDF, for the organisation that keeps the record on its side (404 for
// anyone else); each download and each refusal is audited.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const pdf = await downloadTransactionRecordFile(context, user.actor, params.id ?? "");
  if (!pdf.ok) return failureText(pdf, await getLocale(request, context));
  return storedPdfResponse(pdf);
}
