import type { LoaderFunctionArgs } from "@remix-run/node";
import { auditedDownload, storedDocument } from "~/services/contracts.server";
import { requireUser } from "~/utils/auth.server";
import { failureText } from "~/utils/errors";
import { getLocale } from "~/utils/locale.server";
import { storedPdfResponse } from "~/utils/stored-pdf-response.server";

// GET /rfqs/:id/documents/:docId: a stored document (発注書, 稟議書) exactly as it was rendered. Buyer members:
// any of the RFQ's; the contract's vendor: its 発注書 only; assigned advisors: the 稟議書 only; else 404.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const doc = await auditedDownload(context, user.actor, await storedDocument(context, user.actor, params.id ?? "", params.docId ?? ""));
  if (!doc.ok) return failureText(doc, await getLocale(request, context));
  return storedPdfResponse(doc);
}
