import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { quoteIssuesProblem, quoteServiceProblem } from "~/api/quote-problems.server";
import { QuoteEnvelope } from "~/api/quote-schemas";
import { isRowId, methodNotAllowed, readJsonBody } from "~/api/rfq-responses.server";
import { hasOwnQuote, quoteForCaller, rfqQuotesForCaller } from "~/services/quote-api.server";
import { saveQuote } from "~/services/quotes.server";
import { apiNotFound, json, parseApiInput, requireApiCaller } from "~/utils/api.server";

// GET: the buyer sees how many quotes arrived while bids are sealed and the offers once opened; a
// vendor sees its own quote. Anyone else gets the 404 of an unknown id (and an audit row).
// POST: a vendor creates or revises its quote — `mode: "draft"` saves, the default submits.

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const caller = await requireApiCaller(request, context);
  const result = isRowId(params.id) ? await rfqQuotesForCaller(context, caller.actor, params.id) : null;
  return result ? json(result) : apiNotFound(caller.locale);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed(request, ["GET", "POST"]);
  const caller = await requireApiCaller(request, context);
  if (!isRowId(params.id)) return apiNotFound(caller.locale);
  const body = await readJsonBody(request, caller.locale);
  if (!body.ok) return body.response;
  const envelope = parseApiInput(QuoteEnvelope, body.data, caller.locale);
  if (!envelope.success) return quoteIssuesProblem(envelope.error.issues, caller.locale);
  const { mode, ...fields } = envelope.data;

  const existed = await hasOwnQuote(context, caller.actor, params.id);
  const saved = await saveQuote(context, caller.actor, params.id, fields, mode);
  if (!saved.ok) return quoteServiceProblem(saved, caller.locale);
  const quote = await quoteForCaller(context, caller.actor, saved.quoteId);
  if (!quote) return apiNotFound(caller.locale);
  return existed ? json(quote) : json(quote, { status: 201, headers: { Location: `/api/v1/quotes/${saved.quoteId}` } });
}
