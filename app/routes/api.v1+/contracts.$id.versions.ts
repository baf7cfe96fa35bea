import { apiRoute, withBody } from "~/api/route.server";
import { reviseContract } from "~/services/contracts.server";
import { json } from "~/utils/api.server";

// POST /api/v1/contracts/{id}/versions {milestones?, reason}: version n+1 of an active contract.
export const { loader, action } = apiRoute(
  { id: true },
  {
    POST: withBody("json", async ({ context, caller, id, body }) => {
      const b = (typeof body === "object" && body !== null ? body : {}) as { milestones?: unknown; reason?: unknown };
      const done = await reviseContract(context, caller.actor, id, { milestones: b.milestones, reason: typeof b.reason === "string" ? b.reason : "" });
      if (!done.ok) return done;
      return json({ version: done.version }, { status: 201 });
    }),
  },
);
