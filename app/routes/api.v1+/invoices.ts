import { apiRoute } from "~/api/route.server";
import { listInvoices } from "~/services/invoices.server";
import { json } from "~/utils/api.server";

// GET /api/v1/invoices: the caller's own side — invoices its vendor organisation issued, or those addressed to its
// buyer organisation; newest first.
export const { loader } = apiRoute(
  {},
  {
    GET: async ({ context, caller }) => {
      const list = await listInvoices(context, caller.actor);
      return json({ invoices: list.invoices });
    },
  },
);
