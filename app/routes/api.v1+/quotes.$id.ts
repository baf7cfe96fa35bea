import { apiRoute } from "~/api/route.server";
import { priceLaterRefusal } from "~/services/evaluation.server";
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
      if (!quote) return failure.notFound();
      // Price later (two envelopes): an evaluator who has not submitted reads no quote with its prices (decision 0046).
      return (await priceLaterRefusal(context, caller.actor, quote.rfqId)) ?? json(quote);
    },
  },
);
