import { z } from "zod";
import { REGION_KEYS } from "~/domain/regions";
import { CERTIFICATION_TYPES, VENDOR_CATEGORIES } from "./catalog";

// The vendor search URL (?q=…&category=…&region=…&cert=…&sort=…&page=…) parsed strictly:
// unknown facet values are dropped before they get anywhere near a filter expression.
const list = <T extends readonly [string, ...string[]]>(allowed: T) =>
  z.array(z.string()).transform((vals) => vals.filter((v): v is T[number] => (allowed as readonly string[]).includes(v)).slice(0, 20));

const Schema = z.object({
  q: z.string().max(200).default(""),
  categories: list(VENDOR_CATEGORIES),
  regions: list(REGION_KEYS),
  certifications: list(CERTIFICATION_TYPES),
  sort: z.enum(["relevance", "track_record"]).catch("relevance"),
  page: z.coerce.number().int().min(1).max(250).catch(1),
});

export type VendorSearchQuery = z.infer<typeof Schema> & { perPage: number };

export function parseVendorSearchParams(params: URLSearchParams, perPage = 10): VendorSearchQuery {
  const parsed = Schema.parse({
    q: (params.get("q") ?? "").slice(0, 200),
    categories: params.getAll("category"),
    regions: params.getAll("region"),
    certifications: params.getAll("cert"),
    sort: params.get("sort") ?? undefined,
    page: params.get("page") ?? undefined,
  });
  return { ...parsed, perPage };
}
