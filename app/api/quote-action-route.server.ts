import type { Actor } from "~/domain/permissions";
import { QuoteActionResponse } from "~/api/quote-schemas";
import { apiRoute } from "~/api/route.server";
import { quoteForCaller } from "~/services/quote-api.server";
import { json } from "~/utils/api.server";
import type { AppContext } from "~/utils/context.server";
import { failure, type ServiceFailure } from "~/utils/service-failure";

type QuoteAction = (ctx: AppContext, actor: Actor, quoteId: string) => Promise<ServiceFailure | { ok: true }>;

/**
 * A POST-only endpoint that runs one vendor action on a quote (withdraw, re-confirm) and answers with the
 * quote's new status. Anyone who may not act on it gets 404, as for an unknown id.
 */
export function quoteActionRoute(run: QuoteAction) {
  return apiRoute(
    { id: true },
    {
      POST: async ({ context, caller, id }) => {
        const done = await run(context, caller.actor, id);
        if (!done.ok) return done;
        const quote = await quoteForCaller(context, caller.actor, id);
        if (!quote) return failure.notFound();
        return json(QuoteActionResponse.parse({ id: quote.id, status: quote.status, version: quote.version }));
      },
    },
  );
}
