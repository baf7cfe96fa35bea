import { apiRoute, withBody } from "~/api/route.server";
import { inspectDelivery } from "~/services/deliveries.server";
import { json } from "~/utils/api.server";

// POST /api/v1/deliveries/{id}/inspection: 検収 by a member of the contract's buyer organisation —
// { decision: "accept", acceptedOn? } or { decision: "reject", reason }. 403 for the vendor, 404 for anyone else.
export const { loader, action } = apiRoute(
  { id: true },
  {
    POST: withBody("json", async ({ context, caller, id, body }) => {
      const done = await inspectDelivery(context, caller.actor, id, body ?? {});
      if (!done.ok) return done;
      return json({ deliveryId: id, decision: done.decision, acceptedOn: done.acceptedOn, deemed: done.deemed }, { status: 201 });
    }),
  },
);
