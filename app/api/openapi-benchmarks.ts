import { z } from "zod";
import { RFQ_CATEGORIES } from "~/domain/rfq/categories";
import { ok, problem, unauthorized } from "./openapi-helpers";

// GET /api/v1/benchmarks (issue 19 items 1 and 6; decision 0048) in the OpenAPI document, with the response schemas
// the route parses its answer with (so the document and the JSON cannot drift). No schema has a minimum or maximum.

const kind = z.enum(["committed", "delivered", "unit_price", "tco_month"]);
const cellKey = {
  kind,
  category: z.string(),
  key: z.string().describe("The KPI key (committed, delivered), '<line unit>|<recurrence>' (unit_price), '' (tco_month)."),
  phase: z.string().nullable().describe("The RFQ phase of a per-phase cell; null for the cell over all phases."),
};

export const BenchmarkCellJson = z.discriminatedUnion("published", [
  z.strictObject({
    ...cellKey,
    unit: z.enum(["rate", "yen", "value"]).describe("rate: a fraction 0–1; yen: integer yen, tax-excluded; value: the KPI's own unit."),
    published: z.literal(true),
    median: z.number(),
    q1: z.number().describe("Lower quartile (type 7, linear interpolation)."),
    q3: z.number().describe("Upper quartile (type 7, linear interpolation)."),
    n: z.number().int().describe("Data points in the cell."),
  }),
  z.strictObject({ ...cellKey, unit: z.enum(["rate", "yen", "value"]), published: z.literal(false).describe("Not enough data: no figure is given.") }),
]);

export const BenchmarkBandJson = z.strictObject({
  ...cellKey,
  band: z.enum(["upper_quartile", "upper_half", "lower_half", "lower_quartile"]).describe("Where the vendor's own committed values fall in the market."),
});

export const BenchmarksResponse = z.discriminatedUnion("audience", [
  z.strictObject({
    audience: z.literal("market"),
    category: z.string().nullable(),
    computedAt: z.string().nullable(),
    cells: z.array(BenchmarkCellJson),
  }),
  z.strictObject({ audience: z.literal("vendor"), category: z.string().nullable(), bands: z.array(BenchmarkBandJson) }),
]);

export function benchmarkPaths() {
  return {
    "/api/v1/benchmarks": {
      get: {
        operationId: "listBenchmarks",
        summary: "Market benchmarks: buyers and advisors get the median, quartiles and n of published cells; vendors their own bands only",
        description:
          "A cell is published only with data from at least 5 buyers and 5 vendors, no vendor above 25 % of its points, and data at least 90 days old; " +
          "an unpublished cell carries no figure. Never a minimum, a maximum or one organisation's figure. Recomputed daily.",
        parameters: [
          {
            name: "category",
            in: "query",
            required: false,
            description: "A category of work; all categories without it.",
            schema: { type: "string", enum: [...RFQ_CATEGORIES] },
          },
        ],
        responses: {
          "200": ok("The cells (buyers, advisors) or the caller's bands (vendors)", BenchmarksResponse),
          "400": problem("Unknown category"),
          "401": unauthorized,
          "404": problem("The caller's organisation reads no benchmarks"),
        },
      },
    },
  };
}
