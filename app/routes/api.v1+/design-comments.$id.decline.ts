import { DeclineBody, DesignCommentResolved } from "~/api/design-review-schemas";
import { apiRoute, withBody } from "~/api/route.server";
import { declineDesignComment } from "~/services/design-review.server";
import { json } from "~/utils/api.server";

// POST: the buyer declines the comment with a reason (required).

export const { loader, action } = apiRoute(
  { id: true },
  {
    POST: withBody(DeclineBody, async ({ context, caller, id, body }) => {
      const declined = await declineDesignComment(context, caller.actor, id, body);
      if (!declined.ok) return declined;
      return json(DesignCommentResolved.parse({ id, rfqId: declined.rfqId, status: "declined" }));
    }),
  },
);
