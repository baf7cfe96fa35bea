import { BuyerExplanationList } from "~/api/low-quote-schemas";
import { apiRoute } from "~/api/route.server";
import { explanationsForBuyer } from "~/services/low-quote-explanations.server";
import { json } from "~/utils/api.server";
import { failure } from "~/utils/service-failure";

// GET: the RFQ's abnormally low quotes with their standing (the buyer's figures) and every explanation request with
// its answer and assessment — the buyer's members and the RFQ's assigned advisors; anyone else 404.

export const { loader, action } = apiRoute(
  { id: true },
  {
    GET: async ({ context, caller, id }) => {
      const view = await explanationsForBuyer(context, caller.actor, id);
      if (!view) return failure.notFound();
      return json(BuyerExplanationList.parse({ seesPrice: view.seesPrice, canWrite: view.canWrite, flagged: view.flagged, data: view.requests }));
    },
  },
);
