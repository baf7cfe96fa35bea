import { comparisonPaths } from "./openapi-comparison";
import { problem } from "./openapi-helpers";
import { DEFAULT_PER_PAGE, MAX_PER_PAGE, PAGE_FIELDS } from "~/domain/comparison/ranked-page";

// GET /api/v1/rfqs/{id}/comparison as pages (issue 21, decision 0057). Spread into `paths` AFTER
// comparisonPaths(), so this description of the same path replaces the page-less one; the what-if
// parameters, the error responses and the full body (`view=full`) are taken from it unchanged.

const full = comparisonPaths()["/api/v1/rfqs/{id}/comparison"];
const q = (name: string, description: string, schema: Record<string, unknown>) => ({ name, in: "query", required: false, description, schema });

const parameters = [
  ...full.parameters,
  q("page", "Page number, from 1. A page past the last answers 200 with no items.", { type: "integer", minimum: 1, default: 1 }),
  q("perPage", `Quotes per page (1–${MAX_PER_PAGE})`, { type: "integer", minimum: 1, maximum: MAX_PER_PAGE, default: DEFAULT_PER_PAGE }),
  q(
    "fields",
    "What each quote carries besides its rank, score, TCO, gate, certifications, flags, dominators and price flags (comma-separated; empty for none): `scores` (per criterion the value and its 0–100 score), `explanations` (why it ranks above the next quote, in `lang`), `contributions` (the scoring module's contributions)",
    {
      type: "string",
      default: "scores,explanations",
      example: "scores,contributions",
      pattern: `^((${PAGE_FIELDS.join("|")})(,(${PAGE_FIELDS.join("|")}))*)?$`,
    },
  ),
  q("lang", "Language of labels, sentences and gate reasons; default the Accept-Language header, else the token owner's language", {
    type: "string",
    enum: ["ja", "en"],
  }),
  q(
    "precision",
    "`page`: numbers rounded as the comparison page shows them (scores to 0.1, TOPSIS closeness to 0.001, rates to 0.0001, yen whole); `full`: unrounded",
    {
      type: "string",
      enum: ["page", "full"],
      default: "page",
    },
  ),
  q("sort", "`score` (rank order), `tco` (cheapest first) or a criterion key (best first in its direction); disqualified quotes follow the ranked ones", {
    type: "string",
    default: "score",
  }),
  q("gate", "`passed` (ranked only), `failed` (disqualified only) or `all`", { type: "string", enum: ["passed", "failed", "all"], default: "all" }),
  q("hideDisqualified", "`1`: as gate=passed (the page's own parameter)", { type: "string", enum: ["1", "0"] }),
  q("mandatoryMet", "`1`: only vendors holding every mandatory certification; `0`: only those missing one", { type: "string", enum: ["1", "0"] }),
  q("abnormallyLow", "`1`: only abnormally low quotes (decision 0051); `0`: only the others", { type: "string", enum: ["1", "0"] }),
  q("cert", "Only vendors holding a certification of this type in force", { type: "string" }),
  q("tcoMin", "Only quotes with a TCO of at least this (yen)", { type: "integer", minimum: 0 }),
  q("tcoMax", "Only quotes with a TCO of at most this (yen)", { type: "integer", minimum: 0 }),
  q("view", "`full`: the complete page-less body of before (every quote, both languages, unrounded); the other page parameters are then checked but not used", {
    type: "string",
    enum: ["page", "full"],
    default: "page",
  }),
];

const count = { type: "integer", minimum: 0 };
const page = {
  type: "object",
  required: ["method", "lang", "precision", "fields", "criteria", "totals", "facets", "page", "items"],
  properties: {
    title: { type: "string" },
    rfqVersion: { type: "integer" },
    date: { type: "string", format: "date" },
    method: { type: "string", enum: ["weighted-sum-target", "weighted-sum-minmax", "topsis"] },
    whatIf: { type: "boolean" },
    lang: { type: "string", enum: ["ja", "en"] },
    precision: { type: "string", enum: ["page", "full"] },
    fields: { type: "array", items: { type: "string", enum: [...PAGE_FIELDS] } },
    sort: { type: "string" },
    filter: { type: "object", description: "The filters applied (absent keys: not filtered)" },
    criteria: {
      type: "array",
      items: { type: "object", description: "key, label (in lang), direction, unit, weight in use, share of the total, gate, awaitingRatings" },
    },
    totals: {
      type: "object",
      description: "Of the whole ranking; `matching` counts what the filters leave (what the pages cover)",
      properties: { quotes: count, ranked: count, disqualified: count, awaitingReconfirmation: count, matching: count },
    },
    facets: {
      type: "object",
      description:
        "Of the whole ranking, whatever the filters: gate passed/failed, mandatory certifications met or not, holders per certification type, abnormally low, low-bid investigation and BAFO counts, TCO and score ranges",
    },
    robustness: { type: "object", properties: { winner: { type: ["string", "null"] }, stability: { type: ["number", "null"] } } },
    stability: { type: "object", description: "The winner's single-weight stability; `sentence` in lang with vendor names" },
    page: { type: "object", properties: { page: { type: "integer" }, perPage: { type: "integer" }, totalPages: { type: "integer" }, items: count } },
    items: {
      type: "array",
      description:
        "The page's quotes: ranked in rank order (or `sort`), then disqualified ones (rank null, `reasons` in lang). Each: id, vendorName, gate, rank, score, status, round, tco, roi, mandatoryMet, certifications, expiringCertifications, lowBidInvestigation, abnormallyLow, dominatedBy and flags (ranked; criterion keys grouped by flag code), plus the `fields` asked for",
      items: { type: "object", required: ["id", "vendorName", "gate", "rank", "score", "tco"] },
    },
  },
};

export function comparisonPagePaths() {
  return {
    "/api/v1/rfqs/{id}/comparison": {
      parameters,
      get: {
        operationId: "getRfqComparison",
        summary:
          "One page of the buyer's ranking of the opened quotes, with the whole ranking's totals and facets; `view=full` for the complete page-less body (the Excel/CSV downloads always hold the full ranking)",
        responses: {
          ...full.get.responses,
          "200": {
            description: "OK",
            content: { "application/json": { schema: { oneOf: [page, full.get.responses["200"].content["application/json"].schema] } } },
          },
          "400": problem(
            "A query parameter refused (`page`, `perPage`, `fields`, `lang`, `precision`, `sort`, `gate`, a filter, `weights`, `method`): `errors` names each parameter with a message in the caller's language",
          ),
        },
      },
    },
  };
}
