import { AwardAnswerResponse } from "~/api/openapi-award-result";
import { apiRoute } from "~/api/route.server";
import { acceptAward } from "~/services/award-result.server";
import { json } from "~/utils/api.server";

// POST: the winner accepts (受諾) before its deadline; once only (409 after).

export const { loader, action } = apiRoute(
  { id: true },
  {
    POST: async ({ context, caller, id }) => {
      const done = await acceptAward(context, caller.actor, id);
      return done.ok ? json(AwardAnswerResponse.parse(done)) : done;
    },
  },
);
