import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { isRowId, methodNotAllowed } from "~/api/rfq-responses.server";
import { quoteForCaller } from "~/services/quote-api.server";
import { apiNotFound, json, requireApiCaller } from "~/utils/api.server";

// GET: one quote — for its vendor at any time, for the RFQ's buyer once opened. Everyone else gets
// the 404 of an unknown id, never 403, so a sealed quote's existence is not revealed; the refused
// read is audited by the service.

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const caller = await requireApiCaller(request, context);
  const quote = isRowId(params.id) ? await quoteForCaller(context, caller.actor, params.id) : null;
  return quote ? json(quote) : apiNotFound(caller.locale);
}

export async function action({ request }: ActionFunctionArgs) {
  return methodNotAllowed(request, ["GET"]);
}
