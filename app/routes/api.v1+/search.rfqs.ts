import { apiRoute } from "~/api/route.server";
import { RfqSearchApiQuery, RfqSearchResponse, searchQueryInput } from "~/api/search-schemas";
import { highlightSegments } from "~/domain/search-highlight";
import { searchRfqs } from "~/services/rfq-search.server";
import { apiForbidden, json, parseApiInput, zodProblem } from "~/utils/api.server";

// GET /api/v1/search/rfqs: the /rfqs/search page as JSON. The scope (a vendor's open RFQs, a buyer's own)
// comes from the token's organisation; no parameter can widen it.
export const { loader } = apiRoute(
  {},
  {
    GET: async ({ request, context, caller }) => {
      const parsed = parseApiInput(RfqSearchApiQuery, searchQueryInput(new URL(request.url).searchParams), caller.locale);
      if (!parsed.success) return zodProblem(parsed.error.issues, caller.locale);
      const p = parsed.data;
      const query = {
        q: p.q.trim(),
        categories: p.category,
        certifications: p.cert,
        deadline: p.deadline ?? null,
        fit: p.fit ?? null,
        sort: p.sort,
        page: p.page,
        perPage: p.perPage,
      };
      const result = await searchRfqs(context, caller.actor, query);
      if (!result) throw apiForbidden(caller.locale);
      return json(
        RfqSearchResponse.parse({
          mode: result.mode,
          total: result.total,
          hasMore: result.mode === "search" ? p.page * p.perPage < result.total : result.hasMore,
          page: p.page,
          perPage: p.perPage,
          hits: result.hits.map((h) => ({
            id: h.id,
            title: h.title,
            category: h.category,
            buyerName: h.buyerName,
            requiredCertifications: h.requiredCertifications,
            quoteDeadline: h.quoteDeadline,
            publishedAt: h.publishedAt,
            status: h.status,
            invited: h.invited,
            highlight: { title: highlightSegments(h.titleHighlighted), purpose: highlightSegments(h.purposeHighlighted) },
          })),
          facets:
            result.mode === "search"
              ? {
                  category: result.facets.category,
                  requiredCertifications: result.facets.required_certifications,
                  deadline: result.facets.deadline,
                  fit: result.facets.fit,
                }
              : null,
        }),
      );
    },
  },
);
