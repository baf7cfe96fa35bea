import { z } from "zod";
import { RfqSearchApiQuery, RfqSearchResponse, VendorSearchApiQuery, VendorSearchResponse } from "./search-schemas";
import { outputSchema as jsonSchema, problem, unauthorized } from "./openapi-helpers";

// GET /api/v1/search/vendors and /api/v1/search/rfqs in the OpenAPI document (spread into openapi.ts).
// Schemas are inlined so this block stays self-contained beside other engineers' additions.

/** Query parameters; list parameters repeat (`category=a&category=b`), the OpenAPI default for arrays. */
function parameters(s: z.ZodObject) {
  const schema = z.toJSONSchema(s, { io: "input" }) as { properties?: Record<string, { description?: string }> };
  return Object.entries(schema.properties ?? {}).map(([name, prop]) => ({ name, in: "query", required: false, description: prop.description, schema: prop }));
}

export function searchPaths() {
  return {
    "/api/v1/search/vendors": {
      get: {
        operationId: "searchVendors",
        summary: "Search vendors (buyers, advisors): keywords in Japanese or English, facets with counts, highlighted matches",
        parameters: parameters(VendorSearchApiQuery),
        responses: {
          "200": { description: "OK", content: { "application/json": { schema: jsonSchema(VendorSearchResponse) } } },
          "400": problem("Unknown facet value or out-of-range page; `errors` lists each parameter with a message in the caller's language"),
          "401": unauthorized,
          "403": problem("Vendors cannot search the vendor directory"),
        },
      },
    },
    "/api/v1/search/rfqs": {
      get: {
        operationId: "searchRfqs",
        summary: "Search RFQs: a vendor's open RFQs (marketplace, or invited to), a buyer's own; facets with counts, highlighted matches",
        description:
          "The caller's scope is applied by the server on every query: vendors never see drafts, closed RFQs, or invitation-only RFQs they were not invited to. No parameter widens it.",
        parameters: parameters(RfqSearchApiQuery),
        responses: {
          "200": { description: "OK", content: { "application/json": { schema: jsonSchema(RfqSearchResponse) } } },
          "400": problem("Unknown facet value or out-of-range page; `errors` lists each parameter with a message in the caller's language"),
          "401": unauthorized,
          "403": problem("Only buyer and vendor organisations search RFQs"),
        },
      },
    },
  };
}
