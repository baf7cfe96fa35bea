import { apiRoute, withBody } from "~/api/route.server";
import { contractRatingPage, rateVendor } from "~/services/vendor-ratings.server";
import { json } from "~/utils/api.server";

// GET /api/v1/contracts/{id}/ratings: the contract's ratings and whether the buyer can rate now. POST: a buyer
// member rates the vendor (quality, schedule, cost, communication 1–5; wouldHireAgain 0–10; comment), once per
// contract and contract year. Decision 0042.
export const { loader, action } = apiRoute(
  { id: true },
  {
    GET: async ({ context, caller, id }) => {
      const page = await contractRatingPage(context, caller.actor, id);
      if (!page.ok) return page;
      return json({ side: page.side, ratingYear: page.ratingYear, canRate: page.canRate, ratings: page.ratings });
    },
    POST: withBody("json", async ({ context, caller, id, body }) => {
      const done = await rateVendor(context, caller.actor, id, body ?? {});
      if (!done.ok) return done;
      return json({ id: done.ratingId }, { status: 201 });
    }),
  },
);
