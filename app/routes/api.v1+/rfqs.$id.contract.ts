import { apiRoute } from "~/api/route.server";
import { createContract } from "~/services/contracts.server";
import { json } from "~/utils/api.server";

// POST /api/v1/rfqs/{id}/contract: create the contract (draft, version 1) from the RFQ's accepted award.
// Members of the buyer organisation only; vendors, advisors and other tenants get 404.
export const { action } = apiRoute(
  { id: true },
  {
    POST: async ({ context, caller, id }) => {
      const created = await createContract(context, caller.actor, id);
      if (!created.ok) return created;
      return json({ id: created.contractId }, { status: 201 });
    },
  },
);
