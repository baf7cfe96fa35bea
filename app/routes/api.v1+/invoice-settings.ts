import { apiRoute, withBody } from "~/api/route.server";
import { invoiceSettings, saveInvoiceSettings } from "~/services/invoices.server";
import { json } from "~/utils/api.server";

// GET/PUT /api/v1/invoice-settings: a vendor's invoice settings — the tax rounding (floor | ceil | round) and the
// bank account its invoices show.
export const { loader, action } = apiRoute(
  {},
  {
    GET: async ({ context, caller }) => {
      const s = await invoiceSettings(context, caller.actor);
      if (!s.ok) return s;
      return json({ rounding: s.rounding, bankAccount: s.bankAccount, registrationNumber: s.registrationNumber });
    },
    PUT: withBody("json", async ({ context, caller, body }) => {
      const done = await saveInvoiceSettings(context, caller.actor, body);
      if (!done.ok) return done;
      const s = await invoiceSettings(context, caller.actor);
      if (!s.ok) return s;
      return json({ rounding: s.rounding, bankAccount: s.bankAccount, registrationNumber: s.registrationNumber });
    }),
  },
);
