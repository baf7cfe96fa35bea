import { apiRoute, withBody } from "~/api/route.server";
import { InviteVendorApiSchema } from "~/domain/rfq/invitation";
import { inviteVendorToRfq } from "~/services/rfq-invitations.server";
import { json } from "~/utils/api.server";

// POST: invite one vendor to one of the caller's RFQs (buyers). Idempotent: inviting again answers
// 200 with `alreadyInvited: true` and writes nothing; a new invitation answers 201.

export const { loader, action } = apiRoute(
  { id: true },
  {
    POST: withBody(InviteVendorApiSchema, async ({ context, caller, id, body }) => {
      const r = await inviteVendorToRfq(context, caller.actor, { rfqId: id, vendorOrgId: body.vendorOrgId });
      if (!r.ok) return r;
      return json(
        { rfqId: r.rfq.id, vendorOrgId: r.vendor.id, alreadyInvited: r.alreadyInvited, notified: r.notified },
        { status: r.alreadyInvited ? 200 : 201 },
      );
    }),
  },
);
