import { ApprovalsResponse } from "~/api/openapi-approvals";
import { apiRoute } from "~/api/route.server";
import { myProposals, pendingApprovals } from "~/services/approval-decisions.server";
import { pendingChangeApprovals } from "~/services/change-requests.server";
import { json } from "~/utils/api.server";
import { failure } from "~/utils/service-failure";

// GET: 承認待ち — the award proposals waiting for the caller's decision (own seat or 代決), and the caller's
// own proposals with their state. Members of buyer organisations only; anyone else gets 404.

export const { loader, action } = apiRoute(
  {},
  {
    GET: async ({ context, caller }) => {
      if (caller.actor.org?.kind !== "buyer") return failure.notFound();
      const [waiting, mine, waitingChanges] = await Promise.all([
        pendingApprovals(context, caller.actor),
        myProposals(context, caller.actor),
        pendingChangeApprovals(context, caller.actor),
      ]);
      return json(ApprovalsResponse.parse({ waiting, mine, waitingChanges }));
    },
  },
);
