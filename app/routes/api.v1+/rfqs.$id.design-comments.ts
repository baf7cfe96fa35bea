import { DesignCommentBody, DesignCommentCreated, DesignCommentListResponse } from "~/api/design-review-schemas";
import { apiRoute, withBody } from "~/api/route.server";
import { addDesignComment, designReviewFor } from "~/services/design-review.server";
import { json } from "~/utils/api.server";
import { failure } from "~/utils/service-failure";

// GET: the advisors' comments on the RFQ's evaluation design, for its buyer and its assigned advisors.
// POST: an assigned advisor comments on a draft. Vendors, other buyers and unassigned advisors: 404.

export const { loader, action } = apiRoute(
  { id: true },
  {
    GET: async ({ context, caller, id }) => {
      const review = await designReviewFor(context, caller.actor, id);
      if (!review) return failure.notFound();
      return json(DesignCommentListResponse.parse({ rfqId: id, status: review.rfq.status, open: review.open, data: review.comments }));
    },
    POST: withBody(DesignCommentBody, async ({ context, caller, id, body }) => {
      const added = await addDesignComment(context, caller.actor, id, body);
      if (!added.ok) return added;
      return json(DesignCommentCreated.parse({ id: added.comment.id, rfqId: id, createdAt: added.comment.createdAt }), { status: 201 });
    }),
  },
);
