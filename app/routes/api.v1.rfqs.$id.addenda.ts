import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { inputProblem, isRowId, methodNotAllowed, readJsonBody, serviceProblem } from "~/api/rfq-responses.server";
import { AddendumBody, AddendumResponse, patchToChanges } from "~/api/rfq-schemas";
import { issueAddendumWithChanges } from "~/services/rfq-addenda.server";
import { apiNotFound, json, parseApiInput, requireApiCaller } from "~/utils/api.server";

// POST: publish the next version of an open RFQ with a change summary, optionally carrying the
// changes themselves. All or nothing: a refused addendum leaves the working copy as it was.

export async function loader({ request }: LoaderFunctionArgs) {
  return methodNotAllowed(request, ["POST"]);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed(request, ["POST"]);
  const caller = await requireApiCaller(request, context);
  if (!isRowId(params.id)) return apiNotFound(caller.locale);
  const body = await readJsonBody(request, caller.locale);
  if (!body.ok) return body.response;
  const input = parseApiInput(AddendumBody, body.data, caller.locale);
  if (!input.success) return inputProblem(input.error.issues, caller.locale);
  const { changeSummary, changes = {} } = input.data;
  const issued = await issueAddendumWithChanges(context, caller.actor, params.id, { changeSummary, changes: patchToChanges(changes) });
  if (!issued.ok) return serviceProblem(issued, caller.locale);
  return json(
    AddendumResponse.parse({ id: params.id, status: "published", version: issued.version, quoteDeadline: new Date(issued.quoteDeadline).toISOString(), changeSummary }),
    { status: 201 },
  );
}
