import { apiRoute } from "~/api/route.server";
import { can } from "~/domain/permissions";
import { vendorRatings } from "~/services/vendor-ratings.server";
import { json } from "~/utils/api.server";
import { failure } from "~/utils/service-failure";

// GET /api/v1/vendors/{id}/ratings: a vendor's verified ratings as its profile shows them — the count, the
// distribution per dimension and the NPS buckets (averages and the NPS only from 3 ratings), each rating with the
// rater's kind only. For whoever may read the vendor's profile. Decision 0042.
export const { loader } = apiRoute(
  { id: true },
  {
    GET: async ({ context, caller, id }) => {
      if (!can(caller.actor, "vendorProfile:read", { type: "vendorProfile", orgId: id })) return failure.notFound();
      return json(await vendorRatings(context, id));
    },
  },
);
