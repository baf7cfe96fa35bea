import type { LoaderFunctionArgs } from "@remix-run/node";
import { auditedDownload } from "~/services/contracts.server";
import { contractReviewPdf } from "~/services/contract-reviews.server";
import { requireUser } from "~/utils/auth.server";
import { failureText } from "~/utils/errors";
import { getLocale } from "~/utils/locale.server";
import { storedPdfResponse } from "~/utils/stored-pdf-response.server";

// GET /contracts/:id/reviews/:reviewId/pdf[?lang=en]: the PDF of a finalized periodic review for either party
// (404 for anyone else, 409 before it is finalized); rendered once per language, then the kept bytes.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const lang = new URL(request.url).searchParams.get("lang") === "en" ? "en" : "ja";
  const pdf = await auditedDownload(context, user.actor, await contractReviewPdf(context, user.actor, params.id ?? "", params.reviewId ?? "", lang));
  if (!pdf.ok) return failureText(pdf, await getLocale(request, context));
  return storedPdfResponse(pdf);
}
