import { apiRoute, withBody } from "~/api/route.server";
import { replyToRating } from "~/services/vendor-ratings.server";
import { json } from "~/utils/api.server";

// POST /api/v1/contracts/{id}/ratings/{ratingId}/reply: the vendor's one reply to a rating (409 the second time).
export const { loader, action } = apiRoute(
  { id: true },
  {
    POST: withBody("json", async ({ context, caller, id, params, body }) => {
      const done = await replyToRating(context, caller.actor, id, params.ratingId ?? "", body ?? {});
      if (!done.ok) return done;
      return json({ ok: true }, { status: 201 });
    }),
  },
);
