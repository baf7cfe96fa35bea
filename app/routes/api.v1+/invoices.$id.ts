import { apiRoute } from "~/api/route.server";
import { readInvoice } from "~/services/invoices.server";
import { json } from "~/utils/api.server";

// GET /api/v1/invoices/{id}: one invoice for its vendor or its buyer (totals per rate, status, balance, receipts).
// There is no PUT/PATCH/DELETE: an issued invoice is never edited (corrections and credit notes instead).
export const { loader } = apiRoute(
  { id: true },
  {
    GET: async ({ context, caller, id }) => {
      const read = await readInvoice(context, caller.actor, id);
      if (!read.ok) return read;
      return json(read.invoice);
    },
  },
);
