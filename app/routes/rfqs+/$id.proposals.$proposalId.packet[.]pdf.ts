import type { LoaderFunctionArgs } from "@remix-run/node";
import { auditedDownload, approvalPacketPdf } from "~/services/contracts.server";
import { requireUser } from "~/utils/auth.server";
import { failureText } from "~/utils/errors";
import { getLocale } from "~/utils/locale.server";
import { storedPdfResponse } from "~/utils/stored-pdf-response.server";

// GET /rfqs/:id/proposals/:proposalId/packet.pdf[?lang=en]: the 稟議書 of an award proposal, for members of the
// buyer organisation and advisors assigned to the RFQ; 404 for anyone else. Stored once the proposal is decided.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const lang = new URL(request.url).searchParams.get("lang") === "en" ? "en" : "ja";
  const pdf = await auditedDownload(context, user.actor, await approvalPacketPdf(context, user.actor, params.id ?? "", params.proposalId ?? "", lang));
  if (!pdf.ok) return failureText(pdf, await getLocale(request, context));
  return storedPdfResponse(pdf);
}
