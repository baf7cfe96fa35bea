import { apiRoute } from "~/api/route.server";
import { auditedDownload } from "~/services/contracts.server";
import { contractReviewPdf } from "~/services/contract-reviews.server";
import { storedPdfResponse } from "~/utils/stored-pdf-response.server";

// GET /api/v1/contracts/{id}/reviews/{reviewId}/pdf[?lang=en]: the PDF of a finalized review, rendered once per
// language and then always the same bytes (X-Content-SHA256); every download audited. Decision 0042.
export const { loader } = apiRoute(
  { id: true },
  {
    GET: async ({ context, caller, id, params, request }) => {
      const lang = new URL(request.url).searchParams.get("lang") === "en" ? "en" : "ja";
      const pdf = await auditedDownload(context, caller.actor, await contractReviewPdf(context, caller.actor, id, params.reviewId ?? "", lang));
      if (!pdf.ok) return pdf;
      return storedPdfResponse(pdf);
    },
  },
);
