import { ShortlistResponse } from "~/api/openapi-bafo";
import { apiRoute, withBody } from "~/api/route.server";
import { setShortlist } from "~/services/bafo.server";
import { json } from "~/utils/api.server";

// PUT: the buyer sets the shortlist of a closed RFQ (before its BAFO round opens). The body is checked by
// the service after the RFQ is found, so another tenant's id is a 404 whatever the body says.
export const { loader, action } = apiRoute(
  { id: true },
  {
    PUT: withBody("json", async ({ context, caller, id, body }) => {
      const done = await setShortlist(context, caller.actor, id, body);
      if (!done.ok) return done;
      return json(ShortlistResponse.parse({ rfqId: id, shortlisted: done.shortlisted }));
    }),
  },
);
