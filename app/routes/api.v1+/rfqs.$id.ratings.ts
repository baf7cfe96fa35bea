import { RatingsBody, RatingsResponse, SavedRatingsResponse } from "~/api/evaluation-schemas";
import { apiRoute, withBody } from "~/api/route.server";
import { ratingsFor, saveRatings } from "~/services/evaluation.server";
import { json } from "~/utils/api.server";

// GET: the caller's own ratings, and everyone's submitted ratings only once the caller may see them (blind until it
// has submitted — the same rule as the pages). PUT: an evaluator's drafts. Vendors and strangers: 404.

export const { loader, action } = apiRoute(
  { id: true },
  {
    GET: async ({ context, caller, id }) => {
      const found = await ratingsFor(context, caller.actor, id);
      if (!found.ok) return found;
      const { ok: _ok, ...body } = found;
      return json(RatingsResponse.parse(body));
    },
    PUT: withBody(RatingsBody, async ({ context, caller, id, body }) => {
      const saved = await saveRatings(context, caller.actor, id, body);
      if (!saved.ok) return saved;
      return json(SavedRatingsResponse.parse({ saved: saved.saved }));
    }),
  },
);
