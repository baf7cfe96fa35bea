import { loadRfqResponse } from "~/services/rfq-responses.server";
import { json, problemErrors } from "~/utils/api.server";
import { PublishResponse } from "~/api/rfq-schemas";
import { apiRoute } from "~/api/route.server";
import { publishRfq } from "~/services/rfqs.server";
import { failure } from "~/utils/service-failure";

// POST: publish a draft. Refused with every missing item at once (400, `errors`), nothing written.

export const { loader, action } = apiRoute(
  { id: true },
  {
    POST: async ({ context, caller, id, locale }) => {
      const published = await publishRfq(context, caller.actor, id);
      if (!published.ok) return published;
      const rfq = await loadRfqResponse(context, caller.actor, id, locale);
      if (!rfq) return failure.notFound();
      return json(
        PublishResponse.parse({
          id: rfq.id,
          status: rfq.status,
          version: rfq.version,
          quoteDeadline: rfq.quoteDeadline,
          warnings: problemErrors(published.warnings, locale),
        }),
      );
    },
  },
);
