import type { LoaderFunctionArgs } from "@remix-run/node";
import { readEvidenceFor } from "~/services/certifications.server";
import { requireUser } from "~/utils/auth.server";
import { invariantResponse } from "~/utils/errors";
import { fileDownload } from "~/utils/file-response.server";

// A certificate's evidence file, for the vendor's own members, buyers and platform admins (the policy's
// certification:readEvidence); 404 for anyone else, so another vendor cannot even learn that it exists.
// Always an attachment with the type checked at upload and nosniff: an uploaded file is never rendered
// inline as a page of ours.

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const file = await readEvidenceFor(context, user.actor, params.id ?? "");
  invariantResponse(file);
  return fileDownload(file);
}
