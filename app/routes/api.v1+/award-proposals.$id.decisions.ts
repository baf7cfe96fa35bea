import { DecisionResponse } from "~/api/openapi-approvals";
import { apiRoute, withBody } from "~/api/route.server";
import { decideProposal } from "~/services/approval-decisions.server";
import { json } from "~/utils/api.server";

// POST: approve / reject (却下) / return (差戻し) at the proposal's current step, in the caller's seat or a
// seat delegated to them (代決). The last approval awards. Other organisations get 404.

export const { loader, action } = apiRoute(
  { id: true },
  {
    POST: withBody("json", async ({ context, caller, id, body }) => {
      const decided = await decideProposal(context, caller.actor, id, body);
      if (!decided.ok) return decided;
      const { ok: _ok, ...rest } = decided;
      return json(DecisionResponse.parse(rest), { status: 201 });
    }),
  },
);
