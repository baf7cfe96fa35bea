import type { CompareParams } from "~/domain/comparison/compare-params";
import type { Rfq } from "~/domain/rfq/schema";
import type { AppContext } from "~/utils/context.server";

/**
 * The columns' filter and order from the quotes index (which holds the RFQ's own weights, hence not
 * for a what-if). Undefined when search is down or fails: the page then filters and sorts itself.
 */
export async function orderFromIndex(context: AppContext, buyerOrgId: string, rfqId: string, rfq: Rfq, p: CompareParams): Promise<string[] | undefined> {
  if (!(await context.searchHealthy())) return undefined;
  const mandatory = rfq.requiredCertifications.filter((r) => r.level === "mandatory").map((r) => r.type as string);
  const certifications = [...(p.mandatoryMet ? mandatory : []), ...(p.certType ? [p.certType] : [])];
  const criterion = rfq.criteria.find((c) => c.key === p.sort);
  const sort =
    p.sort === "score"
      ? { by: "score", direction: "desc" as const }
      : p.sort === "tco" || (criterion?.source === "price" && criterion.unit === "yen")
        ? { by: "tco", direction: "asc" as const }
        : criterion && criterion.source === "kpi_commitment"
          ? { by: `kpi_${criterion.key}`, direction: criterion.direction === "cost" ? ("asc" as const) : ("desc" as const) }
          : undefined;
  if (!sort) return undefined;
  try {
    const hits = await context.search.searchQuotes({ rfqId, buyerOrgId, filters: { disqualified: false, certifications, tcoMin: p.tcoMin, tcoMax: p.tcoMax }, sort });
    return hits.map((h) => h.id);
  } catch {
    return undefined;
  }
}

