import { comparisonOrProblem } from "~/api/comparison-route.server";
import { apiRoute } from "~/api/route.server";
import { comparisonResponseBody, parseWhatIf } from "~/services/comparison-export.server";
import { parseRankedPageQuery, rankedPage, rankedPageBody } from "~/services/ranking-page.server";
import { bytesResponse, failureProblem } from "~/utils/api.server";

// GET /api/v1/rfqs/{id}/comparison: the buyer's ranking once quotes are opened; sealed, foreign or
// vendor callers get the 404 of an unknown id. `weights` and `method` re-rank without saving anything.
// By default one page of it (issue 21, decision 0057): `page`, `perPage`, `fields`, `lang`, `precision`,
// the page's sort and filters, and the whole ranking's totals and facets. `view=full` answers the
// complete body of before (every quote, both languages, unrounded), for callers written against it.
export const { loader } = apiRoute(
  { id: true },
  {
    GET: async (call) => {
      const params = new URL(call.request.url).searchParams;
      const lang = params.get("lang");
      const locale = lang === "ja" || lang === "en" ? lang : call.locale;
      const parsed = parseRankedPageQuery(params, locale);
      if (!parsed.ok) return failureProblem(parsed, locale);
      if (parsed.view === "full") {
        const outcome = await comparisonOrProblem(call);
        if (outcome instanceof Response) return outcome;
        return bytesResponse(comparisonResponseBody(outcome), { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "private, no-store" });
      }
      const whatIf = parseWhatIf(params, locale);
      if (!whatIf.ok) return failureProblem(whatIf, locale);
      const outcome = await rankedPage(call.context, call.caller.actor, call.id, parsed.query, whatIf.overrides);
      if (!outcome.ok) return failureProblem(outcome, locale);
      return bytesResponse(rankedPageBody(outcome.page), {
        "Content-Type": "application/json; charset=utf-8",
        "Cache-Control": "private, no-store",
        "Content-Language": outcome.page.lang,
      });
    },
  },
);
