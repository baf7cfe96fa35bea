import { AwardAnswerResponse } from "~/api/openapi-award-result";
import { apiRoute, withBody } from "~/api/route.server";
import { declineAward } from "~/services/award-result.server";
import { json } from "~/utils/api.server";

// POST { reason }: the winner declines (辞退); the RFQ is closed again for the next proposal. The service checks
// the body after finding the award, so anyone but the winner gets 404 whatever the body says.

export const { loader, action } = apiRoute(
  { id: true },
  {
    POST: withBody("json", async ({ context, caller, id, body }) => {
      const done = await declineAward(context, caller.actor, id, body);
      return done.ok ? json(AwardAnswerResponse.parse(done)) : done;
    }),
  },
);
