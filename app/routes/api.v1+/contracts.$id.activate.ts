import { apiRoute } from "~/api/route.server";
import { activateContract } from "~/services/contracts.server";
import { json } from "~/utils/api.server";

// POST /api/v1/contracts/{id}/activate: 締結. Activating an active contract changes nothing (one effect).
export const { loader, action } = apiRoute(
  { id: true },
  {
    POST: async ({ context, caller, id }) => {
      const done = await activateContract(context, caller.actor, id);
      if (!done.ok) return done;
      return json({ status: "active", alreadyActive: done.alreadyActive });
    },
  },
);
