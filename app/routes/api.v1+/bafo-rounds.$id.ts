import { RoundResponse } from "~/api/openapi-bafo";
import { apiRoute, withBody } from "~/api/route.server";
import { bafoRoundForBuyer, cancelBafoRound, moveBafoDeadline } from "~/services/bafo.server";
import { json } from "~/utils/api.server";
import { failure } from "~/utils/service-failure";

// GET the buyer's round; PATCH moves its deadline later (never earlier); DELETE cancels it before its
// deadline (its BAFOs are discarded unopened). Another organisation's round: 404.
export const { loader, action } = apiRoute(
  { id: true },
  {
    GET: async ({ context, caller, id }) => {
      const round = await bafoRoundForBuyer(context, caller.actor, id);
      return round ? json(RoundResponse.parse(round)) : failure.notFound();
    },
    PATCH: withBody("json", async ({ context, caller, id, body }) => {
      const done = await moveBafoDeadline(context, caller.actor, id, body);
      if (!done.ok) return done;
      return json(RoundResponse.parse(await bafoRoundForBuyer(context, caller.actor, id)));
    }),
    DELETE: async ({ context, caller, id }) => {
      const done = await cancelBafoRound(context, caller.actor, id);
      if (!done.ok) return done;
      return json(RoundResponse.parse(await bafoRoundForBuyer(context, caller.actor, id)));
    },
  },
);
