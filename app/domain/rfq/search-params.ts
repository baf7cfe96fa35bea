import { z } from "zod";
import { CERTIFICATION_TYPES, RFQ_CATEGORIES, type BuiltInCertificationType, type RfqCategory } from "./categories";

// The open-RFQ search URL (?q=…&category=…&cert=…&deadline=…&fit=…&sort=…&page=…), parsed strictly against
// allow-lists: a facet value that is not one of ours is dropped here, long before any filter expression exists.

export const RFQ_SEARCH_SORTS = ["relevance", "deadline", "newest"] as const;
export type RfqSearchSort = (typeof RFQ_SEARCH_SORTS)[number];

/** "Deadline within N days" windows offered as a facet. */
export const DEADLINE_WINDOWS = ["7", "14", "30"] as const;
export type DeadlineWindow = (typeof DEADLINE_WINDOWS)[number];

/** "Required certifications I hold / I lack" (vendors only). */
export const CERT_FITS = ["held", "lacking"] as const;
export type CertFit = (typeof CERT_FITS)[number];

export const RFQ_SEARCH_QUERY_MAX = 200;
export const RFQ_SEARCH_PER_PAGE_MAX = 50;
/** Meilisearch answers at most 5,000 hits (settings.ts pagination.maxTotalHits): pages beyond are empty anyway. */
export const RFQ_SEARCH_HITS_MAX = 5000;

export interface RfqSearchQuery {
  q: string;
  categories: RfqCategory[];
  certifications: BuiltInCertificationType[];
  deadline: DeadlineWindow | null;
  fit: CertFit | null;
  sort: RfqSearchSort;
  page: number;
  perPage: number;
}

const allowed =
  <T extends readonly [string, ...string[]]>(values: T) =>
  (v: string): v is T[number] =>
    (values as readonly string[]).includes(v);

const oneOf = <T extends readonly [string, ...string[]]>(values: T, v: string | null): T[number] | null => (v !== null && allowed(values)(v) ? v : null);

/** The page's parser: forgiving (unknown values are dropped, out-of-range pages clamp) so any shared URL still opens. */
export function parseRfqSearchParams(params: URLSearchParams, perPage = 10): RfqSearchQuery {
  const page = z.coerce
    .number()
    .int()
    .min(1)
    .catch(1)
    .parse(params.get("page") ?? undefined);
  return {
    q: (params.get("q") ?? "").slice(0, RFQ_SEARCH_QUERY_MAX).trim(),
    categories: [...new Set(params.getAll("category").filter(allowed(RFQ_CATEGORIES)))],
    certifications: [...new Set(params.getAll("cert").filter(allowed(CERTIFICATION_TYPES)))],
    deadline: oneOf(DEADLINE_WINDOWS, params.get("deadline")),
    fit: oneOf(CERT_FITS, params.get("fit")),
    sort: oneOf(RFQ_SEARCH_SORTS, params.get("sort")) ?? "relevance",
    page: Math.min(page, Math.floor(RFQ_SEARCH_HITS_MAX / perPage)),
    perPage,
  };
}

/** The query string of a search (for links: pagination, "remove this filter"), in a stable order. */
export function rfqSearchHref(q: RfqSearchQuery, changes: Partial<RfqSearchQuery> = {}): string {
  const next = { ...q, ...changes };
  const out = new URLSearchParams();
  if (next.q) out.set("q", next.q);
  for (const c of next.categories) out.append("category", c);
  for (const c of next.certifications) out.append("cert", c);
  if (next.deadline) out.set("deadline", next.deadline);
  if (next.fit) out.set("fit", next.fit);
  if (next.sort !== "relevance") out.set("sort", next.sort);
  if (next.page > 1) out.set("page", String(next.page));
  const s = out.toString();
  return s ? `?${s}` : "?";
}

export function hasRfqSearchFilters(q: RfqSearchQuery): boolean {
  return q.categories.length > 0 || q.certifications.length > 0 || q.deadline !== null || q.fit !== null;
}

/** The certification types a vendor lacks: what an RFQ must not require for "I hold every required one". */
export function lackedCertificationTypes(held: readonly string[]): BuiltInCertificationType[] {
  return CERTIFICATION_TYPES.filter((t) => !held.includes(t));
}
