import { apiRoute, withBody } from "~/api/route.server";
import { issueCreditNote, readInvoice } from "~/services/invoices.server";
import { json } from "~/utils/api.server";

// POST /api/v1/invoices/{id}/credit-notes: 返還インボイス: a credit note against {id} (vendor only).
export const { loader, action } = apiRoute(
  { id: true },
  {
    POST: withBody("json", async ({ context, caller, id, body }) => {
      const done = await issueCreditNote(context, caller.actor, id, body ?? {});
      if (!done.ok) return done;
      const read = await readInvoice(context, caller.actor, done.invoiceId);
      if (!read.ok) return read;
      return json(read.invoice, { status: 201, headers: { Location: `/api/v1/invoices/${done.invoiceId}` } });
    }),
  },
);
