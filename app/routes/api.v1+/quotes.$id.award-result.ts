import { AwardResultResponse } from "~/api/openapi-award-result";
import { apiRoute } from "~/api/route.server";
import { awardResultForVendor } from "~/services/award-result.server";
import { json } from "~/utils/api.server";

// GET: the result of the caller's own quote — the winner's view or the debrief (from the frozen snapshot). 404 for anyone else.

export const { loader, action } = apiRoute(
  { id: true },
  {
    GET: async ({ context, caller, id }) => {
      const r = await awardResultForVendor(context, caller.actor, id);
      return r.ok ? json(AwardResultResponse.parse(r.result)) : r;
    },
  },
);
