import { apiRoute, withBody } from "~/api/route.server";
import { issueMilestoneInvoice, readInvoice } from "~/services/invoices.server";
import { json } from "~/utils/api.server";

// POST /api/v1/contracts/{id}/milestones/{index}/invoice: the vendor issues the qualified invoice of accepted
// milestone {index}; lines default to the milestone's amount split per tax rate as the contract's lines are.
export const { loader, action } = apiRoute(
  { id: true },
  {
    POST: withBody("json", async ({ context, caller, id, params, body }) => {
      const done = await issueMilestoneInvoice(context, caller.actor, id, params.index ?? "", body ?? {});
      if (!done.ok) return done;
      const read = await readInvoice(context, caller.actor, done.invoiceId);
      if (!read.ok) return read;
      return json(read.invoice, { status: 201, headers: { Location: `/api/v1/invoices/${done.invoiceId}` } });
    }),
  },
);
