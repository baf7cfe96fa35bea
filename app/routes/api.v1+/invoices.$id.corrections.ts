import { apiRoute, withBody } from "~/api/route.server";
import { correctInvoice, readInvoice } from "~/services/invoices.server";
import { json } from "~/utils/api.server";

// POST /api/v1/invoices/{id}/corrections: 修正インボイス: a corrected invoice that references and cancels {id} (vendor only).
export const { loader, action } = apiRoute(
  { id: true },
  {
    POST: withBody("json", async ({ context, caller, id, body }) => {
      const done = await correctInvoice(context, caller.actor, id, body ?? {});
      if (!done.ok) return done;
      const read = await readInvoice(context, caller.actor, done.invoiceId);
      if (!read.ok) return read;
      return json(read.invoice, { status: 201, headers: { Location: `/api/v1/invoices/${done.invoiceId}` } });
    }),
  },
);
