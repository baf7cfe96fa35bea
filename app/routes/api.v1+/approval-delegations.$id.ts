import { apiRoute } from "~/api/route.server";
import { revokeDelegationById } from "~/services/approval-delegations.server";

// DELETE: revoke a 代決 delegation (its approver, its delegate or an owner). Other organisations get 404.

export const { loader, action } = apiRoute(
  { id: true },
  {
    DELETE: async ({ context, caller, id }) => {
      const revoked = await revokeDelegationById(context, caller.actor, id);
      if (!revoked.ok) return revoked;
      return new Response(null, { status: 204 });
    },
  },
);
