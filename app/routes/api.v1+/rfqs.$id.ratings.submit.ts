import { SubmittedRatingsResponse } from "~/api/evaluation-schemas";
import { apiRoute } from "~/api/route.server";
import { submitRatings } from "~/services/evaluation.server";
import { json } from "~/utils/api.server";

// POST: an evaluator submits all of its ratings (complete, each with a reason); they are locked from then on.

export const { loader, action } = apiRoute(
  { id: true },
  {
    POST: async ({ context, caller, id }) => {
      const done = await submitRatings(context, caller.actor, id);
      if (!done.ok) return done;
      return json(SubmittedRatingsResponse.parse({ submittedAt: done.submittedAt.toISOString() }));
    },
  },
);
