import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { inputProblem, isRowId, methodNotAllowed, readJsonBody, serviceProblem } from "~/api/rfq-responses.server";
import { loadRfqResponse } from "~/services/rfq-responses.server";
import { patchToChanges, RfqPatchBody } from "~/api/rfq-schemas";
import { updateRfqWorkingCopyFor } from "~/services/rfqs.server";
import { apiNotFound, json, parseApiInput, requireApiCaller } from "~/utils/api.server";

// GET: the RFQ as the caller may see it. Anyone else — another buyer, an uninvited vendor,
// an advisor — gets the same 404 as for an id that does not exist, so existence never leaks.
// PATCH: the buyer edits the draft, or the working copy of the next addendum.

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const caller = await requireApiCaller(request, context);
  const rfq = isRowId(params.id) ? await loadRfqResponse(context, caller.actor, params.id) : null;
  return rfq ? json(rfq) : apiNotFound(caller.locale);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  if (request.method !== "PATCH") return methodNotAllowed(request, ["GET", "PATCH"]);
  const caller = await requireApiCaller(request, context);
  if (!isRowId(params.id)) return apiNotFound(caller.locale);
  const body = await readJsonBody(request, caller.locale);
  if (!body.ok) return body.response;
  const patch = parseApiInput(RfqPatchBody, body.data, caller.locale);
  if (!patch.success) return inputProblem(patch.error.issues, caller.locale);
  const updated = await updateRfqWorkingCopyFor(context, caller.actor, params.id, patchToChanges(patch.data));
  if (!updated.ok) return serviceProblem(updated, caller.locale);
  return json(await loadRfqResponse(context, caller.actor, params.id));
}
