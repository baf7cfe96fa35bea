import { apiRoute, withBody } from "~/api/route.server";
import { contractReviewDetail, updateContractReview } from "~/services/contract-reviews.server";
import { json } from "~/utils/api.server";

// GET /api/v1/contracts/{id}/reviews/{reviewId}: one review (KPI table with RAG, notes, proposals, actions,
// comments, trends). PATCH: the buyer's notes and agreed actions (draft or shared). Decision 0042.
export const { loader, action } = apiRoute(
  { id: true },
  {
    GET: async ({ context, caller, id, params }) => {
      const d = await contractReviewDetail(context, caller.actor, id, params.reviewId ?? "");
      if (!d.ok) return d;
      const { ok: _ok, contractHref: _href, ...body } = d;
      return json(body);
    },
    PATCH: withBody("json", async ({ context, caller, id, params, body }) => {
      const done = await updateContractReview(context, caller.actor, id, params.reviewId ?? "", body ?? {});
      if (!done.ok) return done;
      const d = await contractReviewDetail(context, caller.actor, id, params.reviewId ?? "");
      if (!d.ok) return d;
      return json(d.review);
    }),
  },
);
