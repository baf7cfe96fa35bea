import { BuyerExplanation } from "~/api/low-quote-schemas";
import { apiRoute, withBody } from "~/api/route.server";
import { requestExplanation } from "~/services/low-quote-explanations.server";
import { json } from "~/utils/api.server";

// POST: a buyer member asks the vendor of a flagged quote to explain its price (409 when the quote is not flagged
// or was already asked at this version). Advisors, vendors and other tenants get 404.

export const { loader, action } = apiRoute(
  { id: true },
  {
    POST: withBody("json", async ({ context, caller, id, params, body }) => {
      const done = await requestExplanation(context, caller.actor, id, params.quoteId ?? "", body);
      return done.ok ? json(BuyerExplanation.parse(done.explanation), { status: 201 }) : done;
    }),
  },
);
