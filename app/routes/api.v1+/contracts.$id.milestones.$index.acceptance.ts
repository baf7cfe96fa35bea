import { apiRoute, withBody } from "~/api/route.server";
import { acceptMilestone } from "~/services/invoices.server";
import { json } from "~/utils/api.server";

// POST /api/v1/contracts/{id}/milestones/{index}/acceptance: 検収 of milestone {index} (0-based) of an active
// contract by its buyer; `acceptedOn` (YYYY-MM-DD, not in the future) defaults to today.
export const { loader, action } = apiRoute(
  { id: true },
  {
    POST: withBody("json", async ({ context, caller, id, params, body }) => {
      const done = await acceptMilestone(context, caller.actor, id, params.index ?? "", body ?? {});
      if (!done.ok) return done;
      return json({ milestoneIndex: Number(params.index), acceptedOn: done.acceptedOn }, { status: 201 });
    }),
  },
);
