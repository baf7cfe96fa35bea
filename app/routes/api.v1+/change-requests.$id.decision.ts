import { apiRoute, withBody } from "~/api/route.server";
import { decideChange } from "~/services/change-requests.server";
import { json } from "~/utils/api.server";

// POST /api/v1/change-requests/{id}/decision: the buyer approves or rejects {decision, reason}; in the 稟議 an
// approver of the current step decides {decision: approve|reject|return, comment}. Decision 0041.
export const { loader, action } = apiRoute(
  { id: true },
  {
    POST: withBody("json", async ({ context, caller, id, body }) => {
      const done = await decideChange(context, caller.actor, id, body ?? {});
      if (!done.ok) return done;
      return json({ status: done.status, version: done.version });
    }),
  },
);
