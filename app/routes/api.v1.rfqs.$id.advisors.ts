import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { AssignAdvisorBody, AssignedAdvisorResponse, RfqAdvisorListResponse } from "~/api/advisor-schemas";
import { inputProblem, isRowId, methodNotAllowed, readJsonBody, serviceProblem } from "~/api/rfq-responses.server";
import { advisorsForBuyer, assignAdvisor } from "~/services/advisors.server";
import { apiNotFound, json, parseApiInput, requireApiCaller } from "~/utils/api.server";

// GET: the advisory organisations assigned to the buyer's RFQ. POST: the buyer assigns one (audited;
// its members are notified). Anyone else — vendors, other buyers, advisors — gets the 404 of an unknown id.

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const caller = await requireApiCaller(request, context);
  const found = isRowId(params.id) ? await advisorsForBuyer(context, caller.actor, params.id) : null;
  if (!found) return apiNotFound(caller.locale);
  return json(
    RfqAdvisorListResponse.parse({
      data: found.assigned.map((a) => ({ advisorOrgId: a.advisor_org_id, name: a.advisor_name, assignedBy: a.assigned_by_name, assignedAt: a.created_at.toISOString() })),
    }),
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed(request, ["GET", "POST"]);
  const caller = await requireApiCaller(request, context);
  if (!isRowId(params.id)) return apiNotFound(caller.locale);
  const body = await readJsonBody(request, caller.locale);
  if (!body.ok) return body.response;
  const input = parseApiInput(AssignAdvisorBody, body.data, caller.locale);
  if (!input.success) return inputProblem(input.error.issues, caller.locale);
  const assigned = await assignAdvisor(context, caller.actor, params.id, input.data);
  if (!assigned.ok) return serviceProblem(assigned, caller.locale);
  const { advisor } = assigned;
  return json(AssignedAdvisorResponse.parse({ rfqId: params.id, advisorOrgId: advisor.id, name: advisor.name, assignedAt: advisor.assignedAt.toISOString() }), { status: 201 });
}
