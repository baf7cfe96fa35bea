import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { inputProblem, isRowId, methodNotAllowed, readJsonBody } from "~/api/rfq-responses.server";
import { InviteVendorApiSchema } from "~/domain/rfq/invitation";
import { t } from "~/i18n";
import { inviteVendorToRfq } from "~/services/rfq-invitations.server";
import { apiNotFound, json, parseApiInput, problem, requireApiCaller } from "~/utils/api.server";

// POST: invite one vendor to one of the caller's RFQs (buyers). Idempotent: inviting again answers
// 200 with `alreadyInvited: true` and writes nothing; a new invitation answers 201.

export async function loader({ request }: LoaderFunctionArgs) {
  return methodNotAllowed(request, ["POST"]);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed(request, ["POST"]);
  const caller = await requireApiCaller(request, context);
  if (!isRowId(params.id)) return apiNotFound(caller.locale);
  const body = await readJsonBody(request, caller.locale);
  if (!body.ok) return body.response;
  const input = parseApiInput(InviteVendorApiSchema, body.data, caller.locale);
  if (!input.success) return inputProblem(input.error.issues, caller.locale);
  const r = await inviteVendorToRfq(context, caller.actor, { rfqId: params.id, vendorOrgId: input.data.vendorOrgId });
  if (!r.ok) {
    if (r.status === 404) return apiNotFound(caller.locale);
    const message = t(caller.locale, r.key);
    return problem(r.status, message, undefined, [{ path: r.field, message }]);
  }
  return json(
    { rfqId: r.rfq.id, vendorOrgId: r.vendor.id, alreadyInvited: r.alreadyInvited, notified: r.notified },
    { status: r.alreadyInvited ? 200 : 201 },
  );
}
