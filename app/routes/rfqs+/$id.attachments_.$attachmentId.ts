import type { LoaderFunctionArgs } from "@remix-run/node";
import { readRfqAttachmentFile } from "~/services/attachments.server";
import { requireUser } from "~/utils/auth.server";
import { invariantResponse } from "~/utils/errors";
import { fileDownload } from "~/utils/file-response.server";

// One file of an RFQ, for whoever may read the RFQ (vendors: files of published versions only); 404 for
// anyone else, so a vendor not invited to a private RFQ cannot even learn that the file exists.
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const file = await readRfqAttachmentFile(context, user.actor, params.id ?? "", params.attachmentId ?? "");
  invariantResponse(file);
  return fileDownload(file);
}
