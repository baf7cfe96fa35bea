import { loadRfqResponse } from "~/services/rfq-responses.server";
import { json } from "~/utils/api.server";
import { patchToChanges, RfqPatchBody } from "~/api/rfq-schemas";
import { apiRoute, withBody } from "~/api/route.server";
import { updateRfqWorkingCopyFor } from "~/services/rfqs.server";
import { failure } from "~/utils/service-failure";

// GET: the RFQ as the caller may see it. Anyone else — another buyer, an uninvited vendor,
// an advisor — gets the same 404 as for an id that does not exist, so existence never leaks.
// PATCH: the buyer edits the draft, or the working copy of the next addendum.

export const { loader, action } = apiRoute(
  { id: true },
  {
    GET: async ({ context, caller, id, locale }) => {
      const rfq = await loadRfqResponse(context, caller.actor, id, locale);
      return rfq ? json(rfq) : failure.notFound();
    },
    PATCH: withBody(RfqPatchBody, async ({ context, caller, id, body, locale }) => {
      const updated = await updateRfqWorkingCopyFor(context, caller.actor, id, patchToChanges(body));
      if (!updated.ok) return updated;
      return json(await loadRfqResponse(context, caller.actor, id, locale));
    }),
  },
);
