import { METHODS, type Method } from "~/domain/scoring";

// The comparison page's state lives in the URL (GET params) so it works without JavaScript, can be
// bookmarked and printed as seen: what-if weights and method, filters and sort. Anything unreadable
// is dropped rather than refused: a hand-edited URL still shows the page.

export interface CompareParams {
  method?: Method;
  /** Only criteria the RFQ has; only when at least one differs from the RFQ and something is left to rank by. */
  weights?: Record<string, number>;
  hideDisqualified: boolean;
  mandatoryMet: boolean;
  certType?: string;
  tcoMin?: number;
  tcoMax?: number;
  sort: string;
}

export const WEIGHT_PARAM_PREFIX = "w_";
export const MAX_WEIGHT = 1000;

function number(raw: string | null, min: number, max: number): number | undefined {
  if (raw === null || raw.trim() === "") return undefined;
  const n = Number(raw.replace(/[,，\s]/g, ""));
  return Number.isFinite(n) && n >= min && n <= max ? n : undefined;
}

export function parseCompareParams(params: URLSearchParams, criteria: readonly { key: string; weight: number }[]): CompareParams {
  const methodRaw = params.get("method");
  const method = (METHODS as readonly string[]).includes(methodRaw ?? "") ? (methodRaw as Method) : undefined;

  const weights: Record<string, number> = {};
  let changed = false;
  for (const c of criteria) {
    const w = number(params.get(`${WEIGHT_PARAM_PREFIX}${c.key}`), 0, MAX_WEIGHT);
    weights[c.key] = w ?? c.weight;
    if (w !== undefined && w !== c.weight) changed = true;
  }
  const anythingLeft = Object.values(weights).some((w) => w > 0);

  const sortRaw = params.get("sort") ?? "score";
  const sort = sortRaw === "score" || sortRaw === "tco" || criteria.some((c) => c.key === sortRaw) ? sortRaw : "score";
  const tcoMin = number(params.get("tcoMin"), 0, Number.MAX_SAFE_INTEGER);
  const tcoMax = number(params.get("tcoMax"), 0, Number.MAX_SAFE_INTEGER);
  const certType = params.get("cert")?.trim() || undefined;

  return {
    ...(method ? { method } : {}),
    ...(changed && anythingLeft ? { weights } : {}),
    hideDisqualified: params.get("hideDisqualified") === "1",
    mandatoryMet: params.get("mandatoryMet") === "1",
    ...(certType ? { certType } : {}),
    ...(tcoMin !== undefined ? { tcoMin } : {}),
    ...(tcoMax !== undefined ? { tcoMax } : {}),
    sort,
  };
}

/** Relative methods score a quote against the others, so a late or removed quote can reorder the rest. */
export const isRelativeMethod = (method: Method) => method === "weighted-sum-minmax" || method === "topsis";
