import { apiRoute, withBody } from "~/api/route.server";
import { readContract, saveMilestones } from "~/services/contracts.server";
import { json } from "~/utils/api.server";

// PUT /api/v1/contracts/{id}/milestones: replace the milestone plan of a draft contract. Refused field by
// field (sums, due dates, the legal deadline rules by name) in the caller's language, writing nothing.
export const { loader, action } = apiRoute(
  { id: true },
  {
    PUT: withBody("json", async ({ context, caller, id, body }) => {
      const saved = await saveMilestones(context, caller.actor, id, body);
      if (!saved.ok) return saved;
      const read = await readContract(context, caller.actor, id);
      if (!read.ok) return read;
      return json({ side: read.side, ...read.contract });
    }),
  },
);
