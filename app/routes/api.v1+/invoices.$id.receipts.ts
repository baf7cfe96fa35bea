import { apiRoute, withBody } from "~/api/route.server";
import { recordReceipt } from "~/services/invoices.server";
import { json } from "~/utils/api.server";

// POST /api/v1/invoices/{id}/receipts: the buyer records a bank transfer received (amount in integer yen > 0,
// `receivedOn` not in the future); partial payments leave a balance, overpayment becomes a credit.
export const { action } = apiRoute(
  { id: true },
  {
    POST: withBody("json", async ({ context, caller, id, body }) => {
      const done = await recordReceipt(context, caller.actor, id, body ?? {});
      if (!done.ok) return done;
      return json(done, { status: 201 });
    }),
  },
);
