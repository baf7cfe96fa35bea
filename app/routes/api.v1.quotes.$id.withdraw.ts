import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { quoteServiceProblem } from "~/api/quote-problems.server";
import { QuoteActionResponse } from "~/api/quote-schemas";
import { isRowId, methodNotAllowed } from "~/api/rfq-responses.server";
import { quoteForCaller } from "~/services/quote-api.server";
import { withdrawQuote } from "~/services/quotes.server";
import { apiNotFound, json, requireApiCaller } from "~/utils/api.server";

// POST: the quoting vendor withdraws a submitted quote until the deadline (afterwards it is an opened offer).
// Anyone else gets 404, as for an unknown id.

export async function loader({ request }: LoaderFunctionArgs) {
  return methodNotAllowed(request, ["POST"]);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed(request, ["POST"]);
  const caller = await requireApiCaller(request, context);
  if (!isRowId(params.id)) return apiNotFound(caller.locale);
  const done = await withdrawQuote(context, caller.actor, params.id);
  if (!done.ok) return quoteServiceProblem(done, caller.locale);
  const quote = await quoteForCaller(context, caller.actor, params.id);
  if (!quote) return apiNotFound(caller.locale);
  return json(QuoteActionResponse.parse({ id: quote.id, status: quote.status, version: quote.version }));
}
