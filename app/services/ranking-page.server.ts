import type { core } from "zod";
import {
  buildRankedPage,
  rankedPageQuery,
  rankedPageQuerySchema,
  type RankedPage,
  type RankedPageQuery,
  type RankedPageSource,
} from "~/domain/comparison/ranked-page";
import type { RankingOverrides } from "~/domain/comparison/ranking-input";
import type { Actor } from "~/domain/permissions";
import type { AppContext } from "~/utils/context.server";
import { Lru } from "~/utils/lru";
import { failure, type ServiceResult } from "~/utils/service-failure";
import { comparisonForBuyer } from "./comparison-export.server";

// One page of an RFQ's comparison (issue 21, decision 0057), for the API and the comparison page alike:
// the same reader rules as the whole comparison (comparisonForBuyer: sealed, foreign and vendor callers get
// "not found", an evaluator rating under price later a conflict), then pure shaping (ranked-page.ts).

export type { RankedPage, RankedPageQuery } from "~/domain/comparison/ranked-page";
export { DEFAULT_FIELDS, DEFAULT_PER_PAGE, MAX_PER_PAGE, PAGE_FIELDS } from "~/domain/comparison/ranked-page";

const issue = (path: string, message: string): core.$ZodIssue => ({ code: "custom", path: [path], message, input: undefined });

/** The page's query parameters, or the parameters refused (each by name, its message a catalog key). */
export function parseRankedPageQuery(params: URLSearchParams, locale: "ja" | "en"): ServiceResult<{ ok: true; query: RankedPageQuery; view: "page" | "full" }> {
  const parsed = rankedPageQuerySchema.safeParse(Object.fromEntries(params));
  if (!parsed.success) {
    // One issue per parameter, named by the parameter alone (`fields`, not `fields.1`).
    const seen = new Set<string>();
    const issues = parsed.error.issues.flatMap((i) => {
      const name = String(i.path[0] ?? "query");
      if (seen.has(name)) return [];
      seen.add(name);
      return [issue(name, i.message)];
    });
    return failure.invalid({ issues });
  }
  const { tcoMin, tcoMax } = parsed.data;
  if (tcoMin !== undefined && tcoMax !== undefined && tcoMin > tcoMax) return failure.invalid({ issues: [issue("tcoMin", "compareApi.param.range")] });
  return { ok: true, query: rankedPageQuery(parsed.data, parsed.data.lang ?? locale), view: parsed.data.view ?? "page" };
}

/**
 * Page `query.page` of the buyer-side ranking of `rfqId` (what-if `overrides` applied), with the totals and
 * facets of the whole ranking. For the API and the comparison page's ranked list.
 */
export async function rankedPage(
  ctx: AppContext,
  actor: Actor,
  rfqId: string,
  query: RankedPageQuery,
  overrides: RankingOverrides = {},
): Promise<ServiceResult<{ ok: true; page: RankedPage }>> {
  const outcome = await comparisonForBuyer(ctx, actor, rfqId, overrides);
  if (!outcome.ok) return outcome;
  const { ranking: r } = outcome;
  if (query.sort !== "score" && query.sort !== "tco" && !r.rfq.criteria.some((c) => c.key === query.sort))
    return failure.invalid({ issues: [issue("sort", "compareApi.param.sort")] });
  // The shaped page is a pure function of the prepared ranking (shared, frozen, by identity: see rankListedQuotes —
  // it stands for the RFQ version, the quotes and their vendors' facts, the day and the overrides), the
  // abnormally-low answer kept beside it, the day and the query. A repeated request gets the same object back
  // instead of re-shaping and re-computing the facets over every quote.
  const shapedKey = `${outcome.date}|${JSON.stringify(query)}`;
  const byLow = shapedPages.get(r.quotes) ?? new WeakMap<object, Lru<string, RankedPage>>();
  shapedPages.set(r.quotes, byLow);
  const pages = byLow.get(r.abnormallyLow) ?? new Lru<string, RankedPage>(50);
  byLow.set(r.abnormallyLow, pages);
  const shaped = pages.get(shapedKey);
  if (shaped) return { ok: true, page: shaped };
  const source: RankedPageSource = {
    rfq: r.rfq,
    rfqVersion: r.rfqVersion,
    date: outcome.date,
    whatIf: Boolean(overrides.weights || overrides.method),
    method: r.result.method,
    weights: Object.fromEntries(r.rfq.criteria.map((c) => [c.key, overrides.weights?.[c.key] ?? c.weight])),
    quotes: r.quotes,
    ranked: r.result.ranking.map((e) => ({ id: e.id, rank: e.rank, score: e.score })),
    disqualified: r.result.disqualified,
    entries: (from, to) => r.result.ranking.slice(from, to),
    robustness: r.result.robustness,
    stability: r.stability,
    awaitingReconfirmation: r.awaitingReconfirmation,
    awaitingRatings: r.awaitingRatings,
    ratingProgress: r.ratingProgress,
    abnormallyLow: r.abnormallyLow,
  };
  const page = deepFreeze(buildRankedPage(source, query));
  pages.set(shapedKey, page);
  return { ok: true, page };
}

const shapedPages = new WeakMap<object, WeakMap<object, Lru<string, RankedPage>>>();

// The JSON bytes of a shaped page, encoded once: a page is frozen and shared by the requests that follow while
// nothing changed (above), so they send the same bytes instead of serializing ~55 kB each (12 % of the API's
// CPU at 30 quotes, with the garbage it left).
const pageBodies = new WeakMap<RankedPage, Uint8Array>();

/** The bytes of `JSON.stringify(page)`, for bytesResponse. */
export function rankedPageBody(page: RankedPage): Uint8Array[] {
  let body = pageBodies.get(page);
  if (body === undefined) {
    body = Buffer.from(JSON.stringify(page));
    if (Object.isFrozen(page)) pageBodies.set(page, body);
  }
  return [body];
}

// Frozen because it is shared by every request with the same key: a caller that tried to change it fails loudly.
function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
