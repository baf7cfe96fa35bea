import { apiRoute } from "~/api/route.server";
import { auditedDownload } from "~/services/contracts.server";
import { invoicePdf } from "~/services/invoices.server";
import { storedPdfResponse } from "~/utils/stored-pdf-response.server";

// GET /api/v1/invoices/{id}/pdf[?lang=en]: the invoice as a PDF, rendered once per language and then always the
// same bytes (X-Content-SHA256).
export const { loader } = apiRoute(
  { id: true },
  {
    GET: async ({ context, caller, id, request }) => {
      const lang = new URL(request.url).searchParams.get("lang") === "en" ? "en" : "ja";
      const pdf = await auditedDownload(context, caller.actor, await invoicePdf(context, caller.actor, id, lang));
      if (!pdf.ok) return pdf;
      return storedPdfResponse(pdf);
    },
  },
);
