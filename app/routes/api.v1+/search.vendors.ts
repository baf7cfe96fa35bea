import { apiRoute } from "~/api/route.server";
import { VendorSearchApiQuery, VendorSearchResponse, searchQueryInput } from "~/api/search-schemas";
import { can } from "~/domain/permissions";
import { highlightSegments } from "~/domain/search-highlight";
import { searchVendors } from "~/services/vendors.server";
import { apiForbidden, json, parseApiInput, zodProblem } from "~/utils/api.server";

// GET /api/v1/search/vendors: the /vendors page as JSON (also what `npm run bench:search` measures).
// With Meilisearch healthy the only database work is the token check: the documents carry everything.
export const { loader } = apiRoute(
  {},
  {
    GET: async ({ request, context, caller }) => {
      if (!can(caller.actor, "vendorDirectory:search", { type: "vendorDirectory" })) throw apiForbidden(caller.locale);
      const parsed = parseApiInput(VendorSearchApiQuery, searchQueryInput(new URL(request.url).searchParams), caller.locale);
      if (!parsed.success) return zodProblem(parsed.error.issues, caller.locale);
      const p = parsed.data;
      const result = await searchVendors(context, {
        q: p.q.trim(),
        categories: p.category,
        regions: p.region,
        certifications: p.cert,
        sort: p.sort,
        page: p.page,
        perPage: p.perPage,
      });
      return json(
        VendorSearchResponse.parse({
          mode: result.mode,
          total: result.total,
          hasMore: result.mode === "search" ? p.page * p.perPage < result.total : result.hasMore,
          page: p.page,
          perPage: p.perPage,
          hits: result.hits.map((v) => {
            const formatted = (v as { _formatted?: { name?: unknown; description?: unknown } })._formatted;
            return {
              id: v.id,
              name: v.name,
              description: v.description,
              categories: v.categories,
              regions: v.regions,
              languages: v.languages,
              teamSize: v.team_size,
              certifications: v.certifications,
              highlight: {
                name: highlightSegments(typeof formatted?.name === "string" ? formatted.name : v.name),
                description: highlightSegments(typeof formatted?.description === "string" ? formatted.description : v.description.slice(0, 200)),
              },
            };
          }),
          facets:
            result.mode === "search"
              ? { categories: result.facets.categories ?? {}, regions: result.facets.regions ?? {}, certifications: result.facets.certifications ?? {} }
              : null,
        }),
      );
    },
  },
);
