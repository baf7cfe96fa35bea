import { apiRoute, withBody } from "~/api/route.server";
import { commentOnContractReview } from "~/services/contract-reviews.server";
import { json } from "~/utils/api.server";

// POST /api/v1/contracts/{id}/reviews/{reviewId}/comments: a comment by either party before the review is
// finalized (the vendor once it is shared). Decision 0042.
export const { loader, action } = apiRoute(
  { id: true },
  {
    POST: withBody("json", async ({ context, caller, id, params, body }) => {
      const done = await commentOnContractReview(context, caller.actor, id, params.reviewId ?? "", body ?? {});
      if (!done.ok) return done;
      return json({ id: done.commentId }, { status: 201 });
    }),
  },
);
