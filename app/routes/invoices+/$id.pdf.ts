import type { LoaderFunctionArgs } from "@remix-run/node";
import { auditedDownload } from "~/services/contracts.server";
import { invoicePdf } from "~/services/invoices.server";
import { requireUser } from "~/utils/auth.server";
import { failureText } from "~/utils/errors";
import { getLocale } from "~/utils/locale.server";
import { storedPdfResponse } from "~/utils/stored-pdf-response.server";

// GET /invoices/:id/pdf[?lang=en]: the invoice's PDF for its vendor and buyer (404 for anyone else), rendered once
// per language and then the stored bytes.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const lang = new URL(request.url).searchParams.get("lang") === "en" ? "en" : "ja";
  const pdf = await auditedDownload(context, user.actor, await invoicePdf(context, user.actor, params.id ?? "", lang));
  if (!pdf.ok) return failureText(pdf, await getLocale(request, context));
  return storedPdfResponse(pdf);
}
