import { apiRoute, withBody } from "~/api/route.server";
import { listChanges, proposeChange } from "~/services/change-requests.server";
import { json } from "~/utils/api.server";

// GET /api/v1/contracts/{id}/change-requests: the contract's change requests (either party; a vendor reads the
// vendor view). POST: a party proposes a change {title, description, priceImpactYen, termTo?, milestoneDueDates?,
// slaTargets?} (rates as fractions). Decision 0041.
export const { loader, action } = apiRoute(
  { id: true },
  {
    GET: async ({ context, caller, id }) => {
      const done = await listChanges(context, caller.actor, id);
      if (!done.ok) return done;
      return json({ contractId: id, side: done.side, currentVersion: done.currentVersion, requests: done.requests });
    },
    POST: withBody("json", async ({ context, caller, id, body }) => {
      const done = await proposeChange(context, caller.actor, id, body ?? {});
      if (!done.ok) return done;
      return json({ id: done.id }, { status: 201 });
    }),
  },
);
