import { METHODS, type Method, type ScoringIssue } from "~/domain/scoring";
import { t as translate } from "~/i18n";

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

/** Why a typed what-if weight is refused: a message key of the reader's catalog (`{max}` is MAX_WEIGHT). */
export type WeightErrorKey = "weights.whatIf.negative" | "weights.whatIf.notANumber" | "weights.whatIf.tooLarge";

/** Full-width digits, point and minus (what a Japanese IME types) read as their ASCII forms. */
const halfWidth = (raw: string) =>
  raw.replace(/[０-９．－ー−]/g, (ch) => (ch === "．" ? "." : "－ー−".includes(ch) ? "-" : String.fromCharCode(ch.charCodeAt(0) - 0xfee0)));

/** One typed weight: a number from 0 to MAX_WEIGHT, or the reason it is refused (blank is "not a number"). */
export function parseWeight(raw: string): number | WeightErrorKey {
  const text = halfWidth(raw).replace(/[,，\s\u3000]/g, "");
  if (text === "") return "weights.whatIf.notANumber";
  const n = Number(text);
  if (!Number.isFinite(n)) return "weights.whatIf.notANumber";
  if (n < 0) return "weights.whatIf.negative";
  if (n > MAX_WEIGHT) return "weights.whatIf.tooLarge";
  return n;
}

export interface WhatIfWeights {
  /** Every readable `w_<key>` weight (unknown keys included: the ranking ignores them). */
  weights: Record<string, number>;
  /** Per criterion key, why its typed weight is refused; while any is, no what-if is applied. */
  errors: Record<string, WeightErrorKey>;
  /** What was typed for each refused weight, to show it again beside its message. */
  typed: Record<string, string>;
}

/** The what-if weights of the URL, each checked on its own (the all-zero rule needs the RFQ's criteria). */
export function readWhatIfWeights(params: URLSearchParams): WhatIfWeights {
  const out: WhatIfWeights = { weights: {}, errors: {}, typed: {} };
  for (const [name, raw] of params) {
    if (!name.startsWith(WEIGHT_PARAM_PREFIX)) continue;
    const key = name.slice(WEIGHT_PARAM_PREFIX.length);
    const w = parseWeight(raw);
    if (typeof w === "number") out.weights[key] = w;
    else {
      out.errors[key] = w;
      out.typed[key] = raw.slice(0, 40);
    }
  }
  return out;
}

/** Nothing left to rank by: every criterion's weight (what-if, else the RFQ's) is 0. */
export const allWeightsZero = (criteria: readonly { key: string; weight: number }[], weights: Record<string, number>) =>
  criteria.length > 0 && criteria.every((c) => (weights[c.key] ?? c.weight) === 0);

export function parseCompareParams(params: URLSearchParams, criteria: readonly { key: string; weight: number }[]): CompareParams {
  const methodRaw = params.get("method");
  const method = (METHODS as readonly string[]).includes(methodRaw ?? "") ? (methodRaw as Method) : undefined;

  // One refused weight (or an all-zero set) applies no what-if weights at all: the page shows why, field by field.
  const typed = readWhatIfWeights(params);
  const weights: Record<string, number> = {};
  let changed = false;
  for (const c of criteria) {
    const w = typed.weights[c.key];
    weights[c.key] = w ?? c.weight;
    if (w !== undefined && w !== c.weight) changed = true;
  }
  const anythingLeft = Object.keys(typed.errors).length === 0 && !allWeightsZero(criteria, weights);

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

/** Every weight 0 is one problem, not one more per criterion weighted 0. */
export function distinctWhatIfIssues(issues: readonly ScoringIssue[]): ScoringIssue[] {
  const allZero = issues.some((issue) => issue.code === "weights-all-zero");
  return issues.filter((issue) => !(allZero && issue.code === "weight-not-positive"));
}

/** The catalog key for a module issue a what-if can cause (every weight 0, a target method without scales), else null. */
export function whatIfIssueKey(issue: ScoringIssue): "weights.whatIf.allZero" | "weights.whatIf.methodNeedsScales" | null {
  if (issue.code === "weights-all-zero") return "weights.whatIf.allZero";
  if (issue.code === "scale-required") return "weights.whatIf.methodNeedsScales";
  return null;
}

/**
 * Why the scoring module refused a what-if, in the reader's words: the issues a page can cause by
 * catalog key, any other in the module's own wording for that language.
 */
export function whatIfProblem(issues: readonly ScoringIssue[], locale: "ja" | "en"): string {
  const reasons = new Set<string>();
  for (const issue of distinctWhatIfIssues(issues)) {
    const key = whatIfIssueKey(issue);
    reasons.add(key ? translate(locale, key) : issue.message[locale]);
  }
  return [...reasons].join(" ");
}
