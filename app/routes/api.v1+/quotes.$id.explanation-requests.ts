import { QuoteExplanationList } from "~/api/low-quote-schemas";
import { apiRoute } from "~/api/route.server";
import { explanationsForQuote } from "~/services/low-quote-explanations.server";
import { json } from "~/utils/api.server";
import { failure } from "~/utils/service-failure";

// GET: the explanation requests on one quote. Its vendor reads its own requests (no trigger, no assessment, no
// figure); the buyer and its assigned advisors read the buyer's view with the quote's standing; anyone else 404.

export const { loader, action } = apiRoute(
  { id: true },
  {
    GET: async ({ context, caller, id }) => {
      const found = await explanationsForQuote(context, caller.actor, id);
      if (!found) return failure.notFound();
      return json(QuoteExplanationList.parse(found.as === "vendor" ? { data: found.items } : { data: found.items, flagged: found.view.flagged }));
    },
  },
);
