import { apiRoute } from "~/api/route.server";
import { vendorQuotesForCaller } from "~/services/quote-api.server";
import { json } from "~/utils/api.server";
import { failure } from "~/utils/service-failure";

// GET: the calling vendor's quotes on every RFQ, newest first (figures, no content). Other
// organisations get 404: there is no such list for them.

export const { loader, action } = apiRoute(
  {},
  {
    GET: async ({ context, caller }) => {
      const list = await vendorQuotesForCaller(context, caller.actor);
      return list ? json(list) : failure.notFound();
    },
  },
);
