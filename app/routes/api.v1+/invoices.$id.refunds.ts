import { apiRoute, withBody } from "~/api/route.server";
import { refundCardPayment } from "~/services/payments/card-payments.server";
import { json } from "~/utils/api.server";

// POST /api/v1/invoices/{id}/refunds: a platform admin refunds a card payment (amount omitted = all that is left) with
// a reason; Stripe reverses the transfer. The invoice changes when `charge.refunded` arrives.
export const { loader, action } = apiRoute(
  { id: true },
  {
    POST: withBody("json", async ({ context, caller, id, body }) => {
      const done = await refundCardPayment(context, caller.actor, id, body ?? {});
      if (!done.ok) return done;
      return json(done, { status: 201 });
    }),
  },
);
