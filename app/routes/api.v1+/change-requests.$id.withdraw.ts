import { apiRoute } from "~/api/route.server";
import { withdrawChange } from "~/services/change-requests.server";
import { json } from "~/utils/api.server";

// POST /api/v1/change-requests/{id}/withdraw: the proposing side withdraws its open request (取下げ).
export const { loader, action } = apiRoute(
  { id: true },
  {
    POST: async ({ context, caller, id }) => {
      const done = await withdrawChange(context, caller.actor, id);
      if (!done.ok) return done;
      return json({ status: "withdrawn" });
    },
  },
);
