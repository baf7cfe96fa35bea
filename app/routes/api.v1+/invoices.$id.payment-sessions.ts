import { apiRoute } from "~/api/route.server";
import { listCardPayments, startCardPayment } from "~/services/payments/card-payments.server";
import { json } from "~/utils/api.server";

// /api/v1/invoices/{id}/payment-sessions: GET the card attempts (buyer and vendor); POST opens a Stripe Checkout
// Session for the balance (buyer only) — 201 with its URL, or 200 with the open session a repeated call hands back.
export const { loader, action } = apiRoute(
  { id: true },
  {
    GET: async ({ context, caller, id }) => {
      const read = await listCardPayments(context, caller.actor, id);
      if (!read.ok) return read;
      const { ok: _ok, ...body } = read;
      return json(body);
    },
    POST: async ({ context, caller, id, locale }) => {
      const done = await startCardPayment(context, caller.actor, id, locale);
      if (!done.ok) return done;
      const { ok: _ok, ...body } = done;
      return json(body, { status: done.reused ? 200 : 201 });
    },
  },
);
