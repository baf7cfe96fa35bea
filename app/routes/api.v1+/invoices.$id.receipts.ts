import { apiRoute, withBody } from "~/api/route.server";
import { recordReceipt, recordReceiptAsAdmin } from "~/services/invoices.server";
import { json } from "~/utils/api.server";

// POST /api/v1/invoices/{id}/receipts: the buyer records a bank transfer received (amount in integer yen > 0,
// `receivedOn` not in the future); partial payments leave a balance, overpayment becomes a credit. A platform
// admin's token records it on the buyer's behalf (audited as the admin), like /admin/invoices/{id}.
export const { loader, action } = apiRoute(
  { id: true },
  {
    POST: withBody("json", async ({ context, caller, id, body }) => {
      const record = caller.actor.isPlatformAdmin ? recordReceiptAsAdmin : recordReceipt;
      const done = await record(context, caller.actor, id, body ?? {});
      if (!done.ok) return done;
      return json(done, { status: 201 });
    }),
  },
);
