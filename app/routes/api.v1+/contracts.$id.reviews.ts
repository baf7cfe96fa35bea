import { apiRoute, withBody } from "~/api/route.server";
import { contractReviewsPage, createContractReview } from "~/services/contract-reviews.server";
import { json } from "~/utils/api.server";

// GET /api/v1/contracts/{id}/reviews: the contract's periodic reviews (the vendor sees them once shared), the
// cadence, the periods a buyer may open and each KPI's trend. POST: a buyer member opens the review of a period
// (`periodStart`, any day of it; `cadence` only with the first review). Decision 0042.
export const { loader, action } = apiRoute(
  { id: true },
  {
    GET: async ({ context, caller, id }) => {
      const page = await contractReviewsPage(context, caller.actor, id);
      if (!page.ok) return page;
      return json({ side: page.side, cadence: page.cadence, active: page.active, openable: page.openable, reviews: page.reviews, trends: page.trends });
    },
    POST: withBody("json", async ({ context, caller, id, body }) => {
      const done = await createContractReview(context, caller.actor, id, body ?? {});
      if (!done.ok) return done;
      return json({ id: done.reviewId }, { status: 201 });
    }),
  },
);
