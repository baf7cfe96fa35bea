import { DelegationListResponse, DelegationResponse } from "~/api/openapi-approvals";
import { apiRoute, withBody } from "~/api/route.server";
import { createDelegation, listDelegations } from "~/services/approval-delegations.server";
import { json } from "~/utils/api.server";

// GET: the current and future 代決 delegations of the caller's buyer organisation. POST: record one (an
// approver for their own seat; an owner for any approver). Other organisations get 404.

export const { loader, action } = apiRoute(
  {},
  {
    GET: async ({ context, caller }) => {
      const listed = await listDelegations(context, caller.actor);
      if (!listed.ok) return listed;
      return json(DelegationListResponse.parse({ data: listed.delegations }));
    },
    POST: withBody("json", async ({ context, caller, body }) => {
      const created = await createDelegation(context, caller.actor, body);
      if (!created.ok) return created;
      return json(DelegationResponse.parse(created.delegation), { status: 201 });
    }),
  },
);
