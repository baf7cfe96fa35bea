import { apiRoute, withBody } from "~/api/route.server";
import { enterMeasurement, listMeasurements } from "~/services/sla-measurements.server";
import { json } from "~/utils/api.server";

// GET /api/v1/contracts/{id}/measurements: every live SLA measurement of the contract with its history (either
// party). POST: the vendor enters or corrects one (period, kpiKey, successes/trials or value, note); refused
// field by field in the caller's language, writing nothing.
export const { loader, action } = apiRoute(
  { id: true },
  {
    GET: async ({ context, caller, id }) => {
      const listed = await listMeasurements(context, caller.actor, id);
      if (!listed.ok) return listed;
      return json({ contractId: id, side: listed.party.side, sla: listed.party.content.sla, measurements: listed.measurements });
    },
    POST: withBody("json", async ({ context, caller, id, body }) => {
      const done = await enterMeasurement(context, caller.actor, id, body);
      if (!done.ok) return done;
      return json(done, { status: 201 });
    }),
  },
);
