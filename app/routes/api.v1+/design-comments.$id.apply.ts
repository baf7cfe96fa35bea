import { DesignCommentResolved } from "~/api/design-review-schemas";
import { apiRoute } from "~/api/route.server";
import { applyDesignComment } from "~/services/design-review.server";
import { json } from "~/utils/api.server";

// POST: the buyer applies the comment's suggestion to its draft (one transaction with the comment's status and the audit row).

export const { loader, action } = apiRoute(
  { id: true },
  {
    POST: async ({ context, caller, id }) => {
      const applied = await applyDesignComment(context, caller.actor, id);
      if (!applied.ok) return applied;
      return json(DesignCommentResolved.parse({ id, rfqId: applied.rfqId, status: "applied" }));
    },
  },
);
