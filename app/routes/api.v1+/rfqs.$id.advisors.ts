import { AssignAdvisorBody, AssignedAdvisorResponse, RfqAdvisorListResponse } from "~/api/advisor-schemas";
import { apiRoute, withBody } from "~/api/route.server";
import { advisorsForBuyer, assignAdvisor } from "~/services/advisors.server";
import { json } from "~/utils/api.server";
import { failure } from "~/utils/service-failure";

// GET: the advisory organisations assigned to the buyer's RFQ. POST: the buyer assigns one (audited;
// its members are notified). Anyone else — vendors, other buyers, advisors — gets the 404 of an unknown id.

export const { loader, action } = apiRoute(
  { id: true },
  {
    GET: async ({ context, caller, id }) => {
      const found = await advisorsForBuyer(context, caller.actor, id);
      if (!found) return failure.notFound();
      return json(
        RfqAdvisorListResponse.parse({
          data: found.assigned.map((a) => ({
            advisorOrgId: a.advisor_org_id,
            name: a.advisor_name,
            assignedBy: a.assigned_by_name,
            assignedAt: a.created_at.toISOString(),
          })),
        }),
      );
    },
    POST: withBody(AssignAdvisorBody, async ({ context, caller, id, body }) => {
      const assigned = await assignAdvisor(context, caller.actor, id, body);
      if (!assigned.ok) return assigned;
      const { advisor } = assigned;
      return json(AssignedAdvisorResponse.parse({ rfqId: id, advisorOrgId: advisor.id, name: advisor.name, assignedAt: advisor.assignedAt.toISOString() }), {
        status: 201,
      });
    }),
  },
);
