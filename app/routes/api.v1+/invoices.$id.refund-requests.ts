import { apiRoute, withBody } from "~/api/route.server";
import { requestRefund } from "~/services/payments/refund-requests.server";
import { json } from "~/utils/api.server";

// POST /api/v1/invoices/{id}/refund-requests: the invoice's buyer asks for a refund of its card payment (amount
// omitted = all that is left) with a reason. A platform admin then refunds it (POST …/refunds) or declines it.
export const { loader, action } = apiRoute(
  { id: true },
  {
    POST: withBody("json", async ({ context, caller, id, body }) => {
      const done = await requestRefund(context, caller.actor, id, body ?? {});
      if (!done.ok) return done;
      return json(done.request, { status: 201 });
    }),
  },
);
