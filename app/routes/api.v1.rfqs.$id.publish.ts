import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { isRowId, methodNotAllowed, problemErrors, serviceProblem } from "~/api/rfq-responses.server";
import { loadRfqResponse } from "~/services/rfq-responses.server";
import { PublishResponse } from "~/api/rfq-schemas";
import { publishRfq } from "~/services/rfqs.server";
import { apiNotFound, json, requireApiCaller } from "~/utils/api.server";

// POST: publish a draft. Refused with every missing item at once (400, `errors`), nothing written.

export async function loader({ request }: LoaderFunctionArgs) {
  return methodNotAllowed(request, ["POST"]);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed(request, ["POST"]);
  const caller = await requireApiCaller(request, context);
  if (!isRowId(params.id)) return apiNotFound(caller.locale);
  const published = await publishRfq(context, caller.actor, params.id);
  if (!published.ok) return serviceProblem(published, caller.locale);
  const rfq = await loadRfqResponse(context, caller.actor, params.id);
  if (!rfq) return apiNotFound(caller.locale);
  return json(
    PublishResponse.parse({
      id: rfq.id,
      status: rfq.status,
      version: rfq.version,
      quoteDeadline: rfq.quoteDeadline,
      warnings: problemErrors(published.warnings, caller.locale),
    }),
  );
}
