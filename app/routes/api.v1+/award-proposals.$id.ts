import { AwardProposalDetailResponse, EditedProposalResponse } from "~/api/openapi-approvals";
import { apiRoute, withBody } from "~/api/route.server";
import { editProposal, proposalRoute } from "~/services/approval-decisions.server";
import { readProposal, verifyProposal } from "~/services/award-proposals.server";
import { json } from "~/utils/api.server";

// GET: one award proposal with its route state, every decision (earlier rounds void) and the snapshot check.
// PATCH: the proposer edits the texts of a returned or pending proposal; the route restarts (next round).
// Members of the proposal's buyer organisation only; vendors, advisors and other tenants get 404.

export const { loader, action } = apiRoute(
  { id: true },
  {
    GET: async ({ context, caller, id }) => {
      const [read, route, check] = await Promise.all([
        readProposal(context, caller.actor, id),
        proposalRoute(context, caller.actor, id),
        verifyProposal(context, caller.actor, id),
      ]);
      if (!read.ok) return read;
      if (!route.ok) return route;
      if (!check.ok) return check;
      const { ok: _ok, proposalId: _id, ...state } = route;
      return json(
        AwardProposalDetailResponse.parse({
          proposal: read.proposal,
          verified: check.verified,
          stability: read.snapshot.stability.sentence,
          ...state,
        }),
      );
    },
    // The service reads the body after finding the proposal: another tenant learns nothing from a 400.
    PATCH: withBody("json", async ({ context, caller, id, body }) => {
      const edited = await editProposal(context, caller.actor, id, body);
      if (!edited.ok) return edited;
      return json(EditedProposalResponse.parse({ round: edited.round, voided: edited.voided }));
    }),
  },
);
