import type { LoaderFunctionArgs } from "@remix-run/node";
import { readDeliveryFile } from "~/services/deliveries.server";
import { requireUser } from "~/utils/auth.server";
import { invariantResponse } from "~/utils/errors";
import { fileDownload } from "~/utils/file-response.server";

// GET /contracts/:id/deliveries/files/:fileId: one file of a delivery, for either party of the contract (every
// download audited with the file's name and size); anyone else gets 404.
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const file = await readDeliveryFile(context, user.actor, params.id ?? "", params.fileId ?? "", "page");
  invariantResponse(file);
  return fileDownload(file);
}
