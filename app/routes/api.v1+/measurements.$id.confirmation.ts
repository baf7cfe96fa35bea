import { apiRoute, withBody } from "~/api/route.server";
import { decideMeasurement } from "~/services/sla-measurements.server";
import { json } from "~/utils/api.server";

// POST /api/v1/measurements/{id}/confirmation { decision: "confirm" | "dispute", reason }: the buyer's decision.
// Confirming records the measurement as evidence of the vendor's track record; a dispute needs a reason.
export const { loader, action } = apiRoute(
  { id: true },
  {
    POST: withBody("json", async ({ context, caller, id, body }) => {
      const done = await decideMeasurement(context, caller.actor, id, body);
      if (!done.ok) return done;
      return json({ id: done.id, status: done.status });
    }),
  },
);
