import type { CompareParams } from "~/domain/comparison/compare-params";
import type { Rfq } from "~/domain/rfq/schema";
import type { AppContext } from "~/utils/context.server";
import type { RfqRanking } from "./ranking.server";

/** What PostgreSQL says the RFQ's opened quotes are now: the index is trusted only when it agrees. */
export interface ExpectedIndexState {
  /** Score of each ranked quote; null for disqualified ones and those awaiting re-confirmation. */
  scores: Map<string, number | null>;
}

export function expectedIndexState(r: Pick<RfqRanking, "result" | "awaitingReconfirmation">): ExpectedIndexState {
  const scores = new Map<string, number | null>();
  for (const x of r.result.ranking) scores.set(x.id, x.score);
  for (const x of r.result.disqualified) scores.set(x.id, null);
  for (const x of r.awaitingReconfirmation) scores.set(x.id, null);
  return { scores };
}

/**
 * The columns' filter and order from the quotes index (which holds the RFQ's own weights, hence not
 * for a what-if). Undefined when search is down, fails, or lags behind the database (a deadline that
 * just opened sealed quotes, a revision not yet indexed): the page then filters and sorts itself,
 * so an index that is a few seconds behind can never hide or misorder a quote.
 */
export async function orderFromIndex(
  context: AppContext,
  buyerOrgId: string,
  rfqId: string,
  rfq: Rfq,
  p: CompareParams,
  expected: ExpectedIndexState,
): Promise<string[] | undefined> {
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
    const [all, hits] = await Promise.all([
      context.search.searchQuotes({ rfqId, buyerOrgId }),
      context.search.searchQuotes({ rfqId, buyerOrgId, filters: { disqualified: false, certifications, tcoMin: p.tcoMin, tcoMax: p.tcoMax }, sort }),
    ]);
    return indexAgrees(all, expected) ? hits.map((h) => h.id) : undefined;
  } catch {
    return undefined;
  }
}

/** Same quotes, same scores (to rounding): otherwise the index is stale for this RFQ. */
export function indexAgrees(docs: { id: string; score: number | null }[], expected: ExpectedIndexState): boolean {
  if (docs.length !== expected.scores.size) return false;
  return docs.every((d) => {
    if (!expected.scores.has(d.id)) return false;
    const want = expected.scores.get(d.id) ?? null;
    return want === null ? d.score === null : d.score !== null && Math.abs(d.score - want) < 1e-6;
  });
}
