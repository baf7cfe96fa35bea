import { BuyerExplanation } from "~/api/low-quote-schemas";
import { apiRoute, withBody } from "~/api/route.server";
import { assessExplanation } from "~/services/low-quote-explanations.server";
import { json } from "~/utils/api.server";

// POST: a buyer member records its assessment of the vendor's answer (satisfactory or not, with its reasons), once,
// only after the answer (409 otherwise). Advisors, vendors and other tenants get 404.

export const { loader, action } = apiRoute(
  { id: true },
  {
    POST: withBody("json", async ({ context, caller, id, body }) => {
      const done = await assessExplanation(context, caller.actor, id, body);
      return done.ok ? json(BuyerExplanation.parse(done.explanation), { status: 201 }) : done;
    }),
  },
);
