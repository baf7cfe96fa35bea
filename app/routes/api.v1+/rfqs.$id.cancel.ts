import { CancelRfqResponse } from "~/api/openapi-rfq-cancel";
import { apiRoute, withBody } from "~/api/route.server";
import { cancelRfq } from "~/services/rfqs.server";
import { json } from "~/utils/api.server";

// POST: cancel without an award (不調・中止) with a reason; bidders are told in-app and by e-mail. The body is
// checked by the service after the RFQ is found, so another tenant's id is a 404 whatever the body says.

export const { loader, action } = apiRoute(
  { id: true },
  {
    POST: withBody("json", async ({ context, caller, id, body }) => {
      const reason = body !== null && typeof body === "object" ? (body as { reason?: unknown }).reason : undefined;
      const done = await cancelRfq(context, caller.actor, id, reason);
      if (!done.ok) return done;
      return json(CancelRfqResponse.parse({ id, status: "cancelled", notified: done.notified }));
    }),
  },
);
