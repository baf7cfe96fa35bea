import { BenchmarksResponse } from "~/api/openapi-benchmarks";
import { apiRoute } from "~/api/route.server";
import { readBenchmarks } from "~/services/benchmarks.server";
import { json } from "~/utils/api.server";

// GET /api/v1/benchmarks?category=…: what the caller's organisation may read of the market benchmarks (decision 0048).
// Buyers and advisors: every stored cell, numbers only on published ones. Vendors: their own bands, never a number.
// The response is parsed with strict schemas, so no other field (a minimum, a maximum) can slip out.
export const { loader } = apiRoute(
  {},
  {
    GET: async ({ request, context, caller }) => {
      const read = await readBenchmarks(context, caller.actor, new URL(request.url).searchParams.get("category"));
      if (!read.ok) return read;
      if (read.audience === "vendor") return json(BenchmarksResponse.parse({ audience: "vendor", category: read.category, bands: read.bands }));
      return json(
        BenchmarksResponse.parse({ audience: "market", category: read.category, computedAt: read.computedAt?.toISOString() ?? null, cells: read.cells }),
      );
    },
  },
);
