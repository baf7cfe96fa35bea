import { RoundResponse } from "~/api/openapi-bafo";
import { apiRoute, withBody } from "~/api/route.server";
import { openBafoRound } from "~/services/bafo.server";
import { json } from "~/utils/api.server";

// POST: the buyer opens the RFQ's one BAFO round with its deadline; vendors are told after the commit.
export const { loader, action } = apiRoute(
  { id: true },
  {
    POST: withBody("json", async ({ context, caller, id, body }) => {
      const done = await openBafoRound(context, caller.actor, id, body);
      if (!done.ok) return done;
      return json(RoundResponse.parse({ id: done.roundId, rfqId: id, deadline: done.deadline, phase: "accepting", invited: done.invited, out: done.out }), {
        status: 201,
      });
    }),
  },
);
