import { BuyerAwardResponse } from "~/api/openapi-award-result";
import { apiRoute } from "~/api/route.server";
import { awardForBuyer } from "~/services/award-result.server";
import { json } from "~/utils/api.server";

// GET: the RFQ's award for its buyer organisation (status, 受諾期限, standstill, questions). 404 for anyone else.

export const { loader, action } = apiRoute(
  { id: true },
  {
    GET: async ({ context, caller, id }) => {
      const r = await awardForBuyer(context, caller.actor, id);
      if (!r.ok) return r;
      const { ok: _ok, ...body } = r;
      return json(BuyerAwardResponse.parse(body));
    },
  },
);
