import { apiRoute, withBody } from "~/api/route.server";
import { contractReviewDetail, saveReviewProposals } from "~/services/contract-reviews.server";
import { json } from "~/utils/api.server";

// PUT /api/v1/contracts/{id}/reviews/{reviewId}/proposals: the vendor's improvement proposals while the review
// awaits its comment. Decision 0042.
export const { loader, action } = apiRoute(
  { id: true },
  {
    PUT: withBody("json", async ({ context, caller, id, params, body }) => {
      const done = await saveReviewProposals(context, caller.actor, id, params.reviewId ?? "", body ?? {});
      if (!done.ok) return done;
      const d = await contractReviewDetail(context, caller.actor, id, params.reviewId ?? "");
      if (!d.ok) return d;
      return json(d.review);
    }),
  },
);
