import { comparisonOrProblem } from "~/api/comparison-route.server";
import { apiRoute } from "~/api/route.server";
import { comparisonResponseBody } from "~/services/comparison-export.server";
import { bytesResponse } from "~/utils/api.server";

// GET /api/v1/rfqs/{id}/comparison: the buyer's ranking once quotes are opened; sealed, foreign or
// vendor callers get the 404 of an unknown id. `weights` and `method` re-rank without saving anything.
export const { loader } = apiRoute(
  { id: true },
  {
    GET: async (call) => {
      const outcome = await comparisonOrProblem(call);
      if (outcome instanceof Response) return outcome;
      return bytesResponse(comparisonResponseBody(outcome), { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "private, no-store" });
    },
  },
);
