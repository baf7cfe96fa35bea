import { apiRoute, withBody } from "~/api/route.server";
import { replyToMeasurement } from "~/services/sla-measurements.server";
import { json } from "~/utils/api.server";

// POST /api/v1/measurements/{id}/reply { body }: the vendor's reply to a dispute (to correct the figures, POST
// the measurement again to /contracts/{id}/measurements).
export const { loader, action } = apiRoute(
  { id: true },
  {
    POST: withBody("json", async ({ context, caller, id, body }) => {
      const done = await replyToMeasurement(context, caller.actor, id, body);
      if (!done.ok) return done;
      return json({ id: done.id, status: done.status }, { status: 201 });
    }),
  },
);
