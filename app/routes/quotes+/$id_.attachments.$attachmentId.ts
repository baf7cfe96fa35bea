import type { LoaderFunctionArgs } from "@remix-run/node";
import { readQuoteAttachmentFile } from "~/services/attachments.server";
import { requireUser } from "~/utils/auth.server";
import { invariantResponse } from "~/utils/errors";
import { fileDownload } from "~/utils/file-response.server";

// One file of a quote, sealed like the quote: its vendor at any time, the buyer's side once the quotes
// are opened (offers only); anyone else — another vendor, the buyer before the deadline — gets 404.
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const file = await readQuoteAttachmentFile(context, user.actor, params.id ?? "", params.attachmentId ?? "", "page");
  invariantResponse(file);
  return fileDownload(file);
}
