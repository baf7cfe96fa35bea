import { AddendumBody, AddendumResponse, patchToChanges } from "~/api/rfq-schemas";
import { apiRoute, withBody } from "~/api/route.server";
import { issueAddendumWithChanges } from "~/services/rfq-addenda.server";
import { json } from "~/utils/api.server";

// POST: publish the next version of an open RFQ with a change summary, optionally carrying the
// changes themselves. All or nothing: a refused addendum leaves the working copy as it was.

export const { loader, action } = apiRoute(
  { id: true },
  {
    POST: withBody(AddendumBody, async ({ context, caller, id, body }) => {
      const { changeSummary, changes = {} } = body;
      const issued = await issueAddendumWithChanges(context, caller.actor, id, { changeSummary, changes: patchToChanges(changes) });
      if (!issued.ok) return issued;
      return json(
        AddendumResponse.parse({
          id,
          status: "published",
          version: issued.version,
          quoteDeadline: new Date(issued.quoteDeadline).toISOString(),
          changeSummary,
        }),
        { status: 201 },
      );
    }),
  },
);
