import { apiRoute } from "~/api/route.server";
import { auditedDownload, purchaseOrderPdf } from "~/services/contracts.server";
import { storedPdfResponse } from "~/utils/stored-pdf-response.server";

// GET /api/v1/contracts/{id}/documents/purchase-order.pdf[?lang=en]: the 発注書 of the active contract's
// current version, rendered once per language and then always the same bytes (X-Content-SHA256).
export const { loader } = apiRoute(
  { id: true },
  {
    GET: async ({ context, caller, id, request }) => {
      const lang = new URL(request.url).searchParams.get("lang") === "en" ? "en" : "ja";
      const pdf = await auditedDownload(context, caller.actor, await purchaseOrderPdf(context, caller.actor, id, lang));
      if (!pdf.ok) return pdf;
      return storedPdfResponse(pdf);
    },
  },
);
