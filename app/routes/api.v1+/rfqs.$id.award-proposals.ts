import { AwardProposalInput } from "~/domain/award/proposal";
import { AwardProposalListResponse, ProposedAwardResponse } from "~/api/openapi-award-proposals";
import { apiRoute, withBody } from "~/api/route.server";
import { awardProposalForm, listProposals, proposeAward } from "~/services/award-proposals.server";
import { json } from "~/utils/api.server";

// GET: the RFQ's award proposals. POST: propose one quote for award (決裁起案). Only members of the RFQ's
// buyer organisation; vendors, advisors and other tenants get the 404 of an unknown id.

export const { loader, action } = apiRoute(
  { id: true },
  {
    GET: async ({ context, caller, id }) => {
      const listed = await listProposals(context, caller.actor, id);
      if (!listed.ok) return listed;
      // What may be proposed now, with each quote's red flags to acknowledge (decision 0051); none while one waits.
      const form = listed.proposals.some((p) => p.status === "pending") ? null : await awardProposalForm(context, caller.actor, id);
      const proposable = form?.ok ? form.quotes : undefined;
      return json(AwardProposalListResponse.parse({ data: listed.proposals, ...(proposable ? { proposable } : {}) }));
    },
    POST: withBody(AwardProposalInput, async ({ context, caller, id, body }) => {
      const proposed = await proposeAward(context, caller.actor, id, body);
      if (!proposed.ok) return proposed;
      const { ok: _ok, ...rest } = proposed;
      return json(ProposedAwardResponse.parse(rest), { status: 201 });
    }),
  },
);
