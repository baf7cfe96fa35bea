import { DesignCommentReplyCreated, ReplyBody } from "~/api/design-review-schemas";
import { apiRoute, withBody } from "~/api/route.server";
import { replyToDesignComment } from "~/services/design-review.server";
import { json } from "~/utils/api.server";

// POST: a reply in the comment's discussion, by the buyer's members or an assigned advisor, while the RFQ is a draft.

export const { loader, action } = apiRoute(
  { id: true },
  {
    POST: withBody(ReplyBody, async ({ context, caller, id, body }) => {
      const replied = await replyToDesignComment(context, caller.actor, id, body);
      if (!replied.ok) return replied;
      return json(DesignCommentReplyCreated.parse({ id: replied.reply.id, commentId: id, createdAt: replied.reply.createdAt }), { status: 201 });
    }),
  },
);
