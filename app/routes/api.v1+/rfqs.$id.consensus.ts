import { ConsensusBody, ConsensusResponse } from "~/api/evaluation-schemas";
import { apiRoute, withBody } from "~/api/route.server";
import { recordConsensus } from "~/services/evaluation.server";
import { json } from "~/utils/api.server";

// PUT: the chair records a consensus score with its comment for one quote and criterion (audited; re-ranks).

export const { loader, action } = apiRoute(
  { id: true },
  {
    PUT: withBody(ConsensusBody, async ({ context, caller, id, body }) => {
      const done = await recordConsensus(context, caller.actor, id, body);
      if (!done.ok) return done;
      return json(ConsensusResponse.parse(body));
    }),
  },
);
