import { apiRoute } from "~/api/route.server";
import { contractReviewDetail, shareContractReview } from "~/services/contract-reviews.server";
import { json } from "~/utils/api.server";

// POST /api/v1/contracts/{id}/reviews/{reviewId}/share: the buyer shares a draft with the vendor (now awaiting its comment). Decision 0042.
export const { loader, action } = apiRoute(
  { id: true },
  {
    POST: async ({ context, caller, id, params }) => {
      const done = await shareContractReview(context, caller.actor, id, params.reviewId ?? "");
      if (!done.ok) return done;
      const d = await contractReviewDetail(context, caller.actor, id, params.reviewId ?? "");
      if (!d.ok) return d;
      return json(d.review);
    },
  },
);
