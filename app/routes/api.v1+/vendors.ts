import { VendorListQuery, VendorListResponse } from "~/api/schemas";
import { apiRoute } from "~/api/route.server";
import { apiForbidden, json, parseApiInput, zodProblem } from "~/utils/api.server";
import { can } from "~/domain/permissions";
import { tokyoDateString } from "~/utils/format";
import { vendorsPage } from "~/services/vendors.server";

export const { loader } = apiRoute(
  {},
  {
    GET: async ({ request, context, caller }) => {
      if (!can(caller.actor, "vendorProfile:read", { type: "vendorProfile", orgId: "*" })) throw apiForbidden(caller.locale);
      const query = parseApiInput(VendorListQuery, Object.fromEntries(new URL(request.url).searchParams), caller.locale);
      if (!query.success) return zodProblem(query.error.issues, caller.locale);
      const { rows, total } = await vendorsPage(context, query.data);
      const today = tokyoDateString(context.clock.now());
      return json(
        VendorListResponse.parse({
          data: rows.map((r) => ({
            id: r.id,
            name: r.name,
            description: r.description,
            categories: r.categories,
            regions: r.regions,
            languages: r.languages,
            teamSize: r.team_size,
            certifications: r.certifications.map((c) => ({
              type: c.type,
              number: c.number,
              issuer: c.issuer,
              validFrom: c.valid_from,
              validUntil: c.valid_until,
              status: c.status,
              validToday: c.status !== "rejected" && c.valid_from <= today && today <= c.valid_until,
            })),
          })),
          total,
          limit: query.data.limit,
          offset: query.data.offset,
        }),
      );
    },
  },
);
