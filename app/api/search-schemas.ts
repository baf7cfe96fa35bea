import { z } from "zod";
import { REGION_KEYS } from "~/domain/regions";
import { CERTIFICATION_TYPES, RFQ_CATEGORIES } from "~/domain/rfq/categories";
import { RFQ_STATUSES } from "~/domain/rfq/lifecycle";
import { CERT_FITS, DEADLINE_WINDOWS, RFQ_SEARCH_PER_PAGE_MAX, RFQ_SEARCH_QUERY_MAX, RFQ_SEARCH_SORTS } from "~/domain/rfq/search-params";
import { VENDOR_CATEGORIES } from "~/domain/vendor/catalog";

// GET /api/v1/search/vendors and /api/v1/search/rfqs: the query and response shapes the handlers parse with,
// and the OpenAPI document is generated from (openapi-search.ts). The API is strict where the pages forgive:
// an unknown facet value or an out-of-range page is a 400 with field errors, never silently widened.

const PAGE_MAX = 100; // × perPage ≤ 50 stays within the index's 5,000 hits

const common = {
  q: z.string().max(RFQ_SEARCH_QUERY_MAX).default("").describe("Keywords, Japanese or English; typo-tolerant"),
  page: z.coerce.number().int().min(1).max(PAGE_MAX).default(1),
  perPage: z.coerce.number().int().min(1).max(RFQ_SEARCH_PER_PAGE_MAX).default(10),
};
const list = <T extends readonly [string, ...string[]]>(values: T, description: string) =>
  z.array(z.enum(values)).max(values.length).default([]).describe(`${description}; repeat the parameter for several`);

export const VendorSearchApiQuery = z.object({
  ...common,
  category: list(VENDOR_CATEGORIES, "Any of these categories"),
  region: list(REGION_KEYS, "Any of these regions"),
  cert: list(CERTIFICATION_TYPES, "Every one of these certifications, valid today"),
  sort: z.enum(["relevance", "track_record"]).default("relevance"),
});

export const RfqSearchApiQuery = z.object({
  ...common,
  category: list(RFQ_CATEGORIES, "Any of these categories"),
  cert: list(CERTIFICATION_TYPES, "RFQs requiring every one of these certifications"),
  deadline: z.enum(DEADLINE_WINDOWS).optional().describe("Quote deadline within this many days"),
  fit: z.enum(CERT_FITS).optional().describe("Vendors: RFQs whose required certifications the caller holds validly (held) or not all (lacking)"),
  sort: z.enum(RFQ_SEARCH_SORTS).default("relevance"),
});

const ARRAY_PARAMS = new Set(["category", "region", "cert"]);

/** The query string as the schemas read it: list parameters as arrays, the first value of the others, empty values absent. */
export function searchQueryInput(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key).filter((v) => v !== "");
    if (values.length === 0) continue;
    out[key] = ARRAY_PARAMS.has(key) ? values : values[0];
  }
  return out;
}

const Segments = z
  .array(z.object({ text: z.string(), match: z.boolean() }))
  .describe("The text in segments; `match` marks the words that matched the query (render as text, e.g. inside <mark>)");
const Counts = z.record(z.string(), z.number().int().min(0));
const Mode = z
  .enum(["search", "degraded"])
  .describe("`degraded`: search is down; a plain database search answered (keywords and category only, no facets or total)");
const Paging = {
  mode: Mode,
  total: z.number().int().min(0).nullable().describe("Null in degraded mode"),
  hasMore: z.boolean(),
  page: z.number().int(),
  perPage: z.number().int(),
};

export const VendorSearchHit = z.object({
  id: z.string().uuid(),
  name: z.string(),
  description: z.string(),
  categories: z.array(z.string()),
  regions: z.array(z.string()),
  languages: z.array(z.string()),
  teamSize: z.number().int().nullable(),
  certifications: z.array(z.string()).describe("Certification types valid today"),
  highlight: z.object({ name: Segments, description: Segments }),
});

export const VendorSearchResponse = z.object({
  ...Paging,
  hits: z.array(VendorSearchHit),
  facets: z.object({ categories: Counts, regions: Counts, certifications: Counts }).nullable().describe("Null in degraded mode"),
});

export const RfqSearchHit = z.object({
  id: z.string().uuid(),
  title: z.string(),
  category: z.string(),
  buyerName: z.string(),
  requiredCertifications: z.array(z.string()),
  quoteDeadline: z.string().nullable(),
  publishedAt: z.string().nullable(),
  status: z.enum(RFQ_STATUSES).describe("Effective status: vendors only ever see open RFQs"),
  invited: z.boolean().describe("Invitation-only RFQ (for a vendor: one it was invited to)"),
  highlight: z.object({ title: Segments, purpose: Segments.describe("A cropped excerpt of the purpose") }),
});

export const RfqSearchResponse = z.object({
  ...Paging,
  hits: z.array(RfqSearchHit),
  facets: z
    .object({
      category: Counts,
      requiredCertifications: Counts,
      deadline: Counts.describe('Counts per window in days ("7", "14", "30")'),
      fit: z.object({ held: z.number().int(), lacking: z.number().int() }).nullable().describe("Vendors only"),
    })
    .nullable()
    .describe("Null in degraded mode"),
});
