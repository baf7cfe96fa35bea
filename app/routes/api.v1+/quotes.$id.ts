import { apiRoute } from "~/api/route.server";
import { quoteForCaller } from "~/services/quote-api.server";
import { json } from "~/utils/api.server";
import { failure } from "~/utils/service-failure";

// GET: one quote — for its vendor at any time, for the RFQ's buyer once opened. Everyone else gets
// the 404 of an unknown id, never 403, so a sealed quote's existence is not revealed; the refused
// read is audited by the service.

export const { loader, action } = apiRoute(
  { id: true },
  {
    GET: async ({ context, caller, id }) => {
      const quote = await quoteForCaller(context, caller.actor, id);
      return quote ? json(quote) : failure.notFound();
    },
  },
);
