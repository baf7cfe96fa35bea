import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import type { Actor } from "~/domain/permissions";
import { quoteServiceProblem } from "~/api/quote-problems.server";
import { QuoteActionResponse } from "~/api/quote-schemas";
import { isRowId, methodNotAllowed } from "~/api/rfq-responses.server";
import { quoteForCaller } from "~/services/quote-api.server";
import { apiNotFound, json, requireApiCaller } from "~/utils/api.server";
import type { AppContext } from "~/utils/context.server";

type QuoteFailure = Parameters<typeof quoteServiceProblem>[0];
type QuoteAction = (ctx: AppContext, actor: Actor, quoteId: string) => Promise<(QuoteFailure & { ok: false }) | { ok: true }>;

/**
 * A POST-only endpoint that runs one vendor action on a quote (withdraw, re-confirm) and answers with the
 * quote's new status. Anyone who may not act on it gets 404, as for an unknown id.
 */
export function quoteActionRoute(run: QuoteAction) {
  return {
    loader: async ({ request }: LoaderFunctionArgs) => methodNotAllowed(request, ["POST"]),
    action: async ({ request, params, context }: ActionFunctionArgs) => {
      if (request.method !== "POST") return methodNotAllowed(request, ["POST"]);
      const caller = await requireApiCaller(request, context);
      if (!isRowId(params.id)) return apiNotFound(caller.locale);
      const done = await run(context, caller.actor, params.id);
      if (!done.ok) return quoteServiceProblem(done, caller.locale);
      const quote = await quoteForCaller(context, caller.actor, params.id);
      if (!quote) return apiNotFound(caller.locale);
      return json(QuoteActionResponse.parse({ id: quote.id, status: quote.status, version: quote.version }));
    },
  };
}
