import type { LoaderFunctionArgs } from "@remix-run/node";
import { auditedDownload, purchaseOrderPdf } from "~/services/contracts.server";
import { requireUser } from "~/utils/auth.server";
import { failureText } from "~/utils/errors";
import { getLocale } from "~/utils/locale.server";
import { storedPdfResponse } from "~/utils/stored-pdf-response.server";

// GET /contracts/:id/purchase-order.pdf[?lang=en]: the 発注書 of an active contract, for members of its buyer
// organisation and its vendor (404 for anyone else); rendered once per language, then the stored bytes.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const lang = new URL(request.url).searchParams.get("lang") === "en" ? "en" : "ja";
  const pdf = await auditedDownload(context, user.actor, await purchaseOrderPdf(context, user.actor, params.id ?? "", lang));
  if (!pdf.ok) return failureText(pdf, await getLocale(request, context));
  return storedPdfResponse(pdf);
}
