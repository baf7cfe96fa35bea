import { z } from "zod";
import { isCertificateValidOn } from "~/domain/certifications/validity";
import type { LowQuoteReason } from "~/domain/insight/abnormally-low";
import { needsLowBidInvestigation } from "~/domain/rfq/public-price-rules";
import type { Rfq } from "~/domain/rfq/schema";
import type { Contribution, Flag, LocalizedText, Method, RankedAlternative, RobustnessResult, WinnerStability } from "~/domain/scoring";
import { valueOf, type QuoteForRanking } from "./ranking-input";

// One page of a comparison, for a caller facing hundreds of quotes (issue 21, decision 0057): the quotes
// in rank order (or the page's sort) after the page's filters, cut into pages; per quote only the fields
// asked for, in one language, rounded as the page shows them; and, on every page, the totals and facets
// of the WHOLE ranking, so a client can draw its filters and "n of N" without fetching every page.
// Pure: the service hands it the buyer-side ranking it already checked the reader may see.

export const PAGE_FIELDS = ["scores", "contributions", "explanations"] as const;
export type PageField = (typeof PAGE_FIELDS)[number];
/** What a ranked list needs: each criterion's value and score, and why the quote sits above the next. */
export const DEFAULT_FIELDS: readonly PageField[] = ["scores", "explanations"];
export const DEFAULT_PER_PAGE = 30;
export const MAX_PER_PAGE = 100;

const positiveInt = (key: string, max: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, key)
    .transform(Number)
    .pipe(z.number().int().min(1, key).max(max, key));
const nonNegativeYen = z
  .string()
  .regex(/^\d{1,15}$/, "compareApi.param.yen")
  .transform(Number);
const flag = (key: string) => z.enum(["1", "0", "true", "false"], { message: key }).transform((v) => v === "1" || v === "true");

/**
 * The query string of a page (every message a catalog key naming what the parameter takes). Unknown
 * parameters are ignored, as every GET endpoint does: `method` and `weights` (the what-if) are read apart.
 */
export const rankedPageQuerySchema = z.object({
  page: positiveInt("compareApi.param.page", 1_000_000).optional(),
  perPage: positiveInt("compareApi.param.perPage", MAX_PER_PAGE).optional(),
  fields: z
    .string()
    .transform((raw) => (raw.trim() === "" ? [] : raw.split(",").map((f) => f.trim())))
    .pipe(z.array(z.enum(PAGE_FIELDS, { message: "compareApi.param.fields" })))
    .optional(),
  lang: z.enum(["ja", "en"], { message: "compareApi.param.lang" }).optional(),
  precision: z.enum(["page", "full"], { message: "compareApi.param.precision" }).optional(),
  sort: z.string().max(100, "compareApi.param.sort").optional(),
  gate: z.enum(["passed", "failed", "all"], { message: "compareApi.param.gate" }).optional(),
  hideDisqualified: flag("compareApi.param.flag").optional(),
  mandatoryMet: flag("compareApi.param.flag").optional(),
  abnormallyLow: flag("compareApi.param.flag").optional(),
  cert: z.string().trim().min(1, "compareApi.param.cert").max(60, "compareApi.param.cert").optional(),
  tcoMin: nonNegativeYen.optional(),
  tcoMax: nonNegativeYen.optional(),
  view: z.enum(["page", "full"], { message: "compareApi.param.view" }).optional(),
});

export interface RankedPageQuery {
  page: number;
  perPage: number;
  fields: readonly PageField[];
  lang: "ja" | "en";
  /** `page`: rounded as the comparison page shows; `full`: the module's unrounded numbers. */
  precision: "page" | "full";
  /** `score` (rank order), `tco` (cheapest first) or a criterion key (best first in its direction). */
  sort: string;
  filter: {
    gate?: "passed" | "failed";
    mandatoryMet?: boolean;
    abnormallyLow?: boolean;
    cert?: string;
    tcoMin?: number;
    tcoMax?: number;
  };
}

/** The parsed query with its defaults; `sort` must name `score`, `tco` or one of `criteria` (checked by the caller). */
export function rankedPageQuery(parsed: z.output<typeof rankedPageQuerySchema>, locale: "ja" | "en"): RankedPageQuery {
  const gate = parsed.gate && parsed.gate !== "all" ? parsed.gate : parsed.hideDisqualified ? "passed" : undefined;
  return {
    page: parsed.page ?? 1,
    perPage: parsed.perPage ?? DEFAULT_PER_PAGE,
    fields: parsed.fields ? [...new Set(parsed.fields)] : DEFAULT_FIELDS,
    lang: parsed.lang ?? locale,
    precision: parsed.precision ?? "page",
    sort: parsed.sort ?? "score",
    filter: {
      ...(gate ? { gate } : {}),
      ...(parsed.mandatoryMet !== undefined ? { mandatoryMet: parsed.mandatoryMet } : {}),
      ...(parsed.abnormallyLow !== undefined ? { abnormallyLow: parsed.abnormallyLow } : {}),
      ...(parsed.cert ? { cert: parsed.cert } : {}),
      ...(parsed.tcoMin !== undefined ? { tcoMin: parsed.tcoMin } : {}),
      ...(parsed.tcoMax !== undefined ? { tcoMax: parsed.tcoMax } : {}),
    },
  };
}

/** What a page is built from: the buyer-side ranking (ranking.server.ts) with a way to get the detail of positions. */
export interface RankedPageSource {
  rfq: Rfq;
  rfqVersion: number;
  date: string;
  whatIf: boolean;
  method: Method;
  /** The weights in use (what-if or the RFQ's), per criterion key. */
  weights: Record<string, number>;
  quotes: (QuoteForRanking & { status: string; expiringCertifications: string[] })[];
  /** Ranked ids in rank order with their ranks and scores (the whole ranking, no detail). */
  ranked: { id: string; rank: number; score: number }[];
  disqualified: { id: string; reasons: { criterion: string; message: LocalizedText }[] }[];
  /** The entries (contributions, sentence, dominators, flags) of rank positions [from, to). */
  entries: (from: number, to: number) => RankedAlternative[];
  robustness: RobustnessResult;
  stability: WinnerStability;
  awaitingReconfirmation: { id: string; vendorName: string }[];
  awaitingRatings: string[];
  ratingProgress: { submitted: number; total: number };
  abnormallyLow: Record<string, LowQuoteReason[]>;
}

type Rounder = (value: number, decimals: number) => number;
const rounded: Rounder = (value, decimals) => {
  const f = 10 ** decimals;
  return (Math.sign(value) * Math.round(Math.abs(value) * f + Number.EPSILON)) / f;
};
const unrounded: Rounder = (value) => value;

/** Decimals a raw value is shown with: yen whole, rates/ratios to 0.01 % (the page shows 0.1 %), others to 0.01. */
const valueDecimals = (unit: string) => (unit === "yen" ? 0 : unit === "rate" || unit === "ratio" ? 4 : 2);

/** A score as the page reads it: 0–100 to one decimal; TOPSIS closeness (0–1) to three (the page shows it × 100). */
const scoreDecimals = (method: Method) => (method === "topsis" ? 3 : 1);

export interface PageItem {
  id: string;
  vendorName: string;
  gate: "passed" | "failed";
  rank: number | null;
  score: number | null;
  status: string;
  round: "first" | "bafo";
  tco: number;
  roi: number | null;
  mandatoryMet: boolean;
  /** Certification types the vendor holds in force today. */
  certifications: string[];
  expiringCertifications: string[];
  lowBidInvestigation: boolean;
  abnormallyLow: { reasons: LowQuoteReason[]; detailsHref: string } | null;
  dominatedBy?: string[];
  /** The module's flags grouped by code: criterion keys with a missing value, an unverified claim, evidence below a gate. */
  flags?: Partial<Record<Flag["code"], string[]>>;
  /** Disqualified: the gates it failed, in the response's language. */
  reasons?: { criterion: string; message: string }[];
  /** `fields=scores`: per criterion key, the value as given and its 0–100 score. */
  scores?: Record<string, { value: number | boolean | null; score: number | null }>;
  /** `fields=contributions`: the module's contributions (largest first), rounded unless `precision=full`. */
  contributions?: Contribution[];
  /** `fields=explanations`: why it ranks above the next quote (the last: below the one above), vendor names. */
  explanation?: string;
}

export interface RankedPage {
  title: string;
  rfqVersion: number;
  date: string;
  method: Method;
  whatIf: boolean;
  lang: "ja" | "en";
  precision: "page" | "full";
  fields: PageField[];
  sort: string;
  filter: RankedPageQuery["filter"];
  criteria: {
    key: string;
    label: string;
    direction: "benefit" | "cost";
    unit: string;
    weight: number;
    share: number;
    gate: boolean;
    awaitingRatings: boolean;
  }[];
  totals: { quotes: number; ranked: number; disqualified: number; awaitingReconfirmation: number; matching: number };
  facets: {
    gate: { passed: number; failed: number };
    mandatoryMet: { met: number; notMet: number };
    certifications: { type: string; holders: number; mandatory: boolean }[];
    abnormallyLow: number;
    lowBidInvestigation: number;
    bafo: number;
    tco: { min: number; max: number } | null;
    score: { min: number; max: number } | null;
  };
  robustness: { winner: string | null; stability: number | null };
  stability: { winner: string | null; stableWithin: number | null; sentence: string };
  awaitingReconfirmation: { id: string; vendorName: string }[];
  awaitingRatings: string[];
  ratingProgress: { submitted: number; total: number };
  page: { page: number; perPage: number; totalPages: number; items: number };
  items: PageItem[];
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/**
 * Replaces quote ids by vendor names in one language. Quote ids are UUIDs, so one fixed pattern finds them and a
 * map lookup names them (an alternation of 300 ids, tried at every character of every sentence, cost more than the
 * rest of the page); ids of another shape (tests of the pure module) fall back to the alternation.
 */
function nameSwapper(names: Map<string, string>): (text: string) => string {
  if (names.size === 0) return (text) => text;
  const ids = [...names.keys()];
  const pattern = ids.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id))
    ? UUID
    : new RegExp(ids.map((id) => id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "g");
  return (text) => text.replace(pattern, (id) => names.get(id) ?? id);
}

export function buildRankedPage(source: RankedPageSource, query: RankedPageQuery): RankedPage {
  const { rfq, method, date: today } = source;
  const lang = query.lang;
  const round = query.precision === "full" ? unrounded : rounded;
  const quoteById = new Map(source.quotes.map((q) => [q.id, q]));
  const names = new Map(source.quotes.map((q) => [q.id, q.vendorName]));
  const swap = nameSwapper(names);
  const mandatory = rfq.requiredCertifications.filter((r) => r.level === "mandatory").map((r) => r.type as string);
  // The types each vendor holds in force today, checked once per certificate (the facets ask every quote for every type).
  const inForce = new Map<string, Set<string>>();
  const holds = (q: QuoteForRanking, type: string) => {
    let types = inForce.get(q.id);
    if (!types) {
      types = new Set(q.certifications.filter((c) => isCertificateValidOn(c, today)).map((c) => c.type as string));
      inForce.set(q.id, types);
    }
    return types.has(type);
  };
  const awaiting = new Set(source.awaitingRatings);
  const weightTotal = rfq.criteria.filter((c) => !awaiting.has(c.key)).reduce((sum, c) => sum + (source.weights[c.key] ?? c.weight), 0) || 1;

  // Every quote once, ranked in rank order then disqualified (as the downloads list them).
  type Row = {
    q: (typeof source.quotes)[number];
    position: number | null;
    rank: number | null;
    score: number | null;
    reasons?: (typeof source.disqualified)[number]["reasons"];
  };
  const rows: Row[] = [
    ...source.ranked.flatMap((r, position) => {
      const q = quoteById.get(r.id);
      return q ? [{ q, position, rank: r.rank, score: r.score }] : [];
    }),
    ...source.disqualified.flatMap((d) => {
      const q = quoteById.get(d.id);
      return q ? [{ q, position: null, rank: null, score: null, reasons: d.reasons }] : [];
    }),
  ];

  const facts = new Map(
    rows.map(({ q }) => [
      q.id,
      {
        mandatoryMet: mandatory.every((type) => holds(q, type)),
        low: Boolean(source.abnormallyLow[q.id]?.length),
        lowBid: needsLowBidInvestigation(rfq.publicPriceRules, q.normalized),
      },
    ]),
  );

  const f = query.filter;
  const matches = (row: Row) => {
    const { q } = row;
    const fact = facts.get(q.id)!;
    return (
      (f.gate === undefined || (f.gate === "passed") === (row.position !== null)) &&
      (f.mandatoryMet === undefined || fact.mandatoryMet === f.mandatoryMet) &&
      (f.abnormallyLow === undefined || fact.low === f.abnormallyLow) &&
      (f.cert === undefined || holds(q, f.cert)) &&
      (f.tcoMin === undefined || q.normalized.tco >= f.tcoMin) &&
      (f.tcoMax === undefined || q.normalized.tco <= f.tcoMax)
    );
  };
  const visible = rows.filter(matches);
  if (query.sort !== "score") {
    // As the page sorts: the ranked quotes by the value (best first in the criterion's direction; TCO cheapest
    // first), missing values last, ties and the disqualified by rank / listed order.
    const criterion = rfq.criteria.find((c) => c.key === query.sort);
    const direction = query.sort === "tco" ? "cost" : (criterion?.direction ?? "benefit");
    const sortValue = (row: Row): number | null => {
      if (query.sort === "tco") return row.q.normalized.tco;
      const v = criterion ? valueOf(criterion, row.q, today) : null;
      return typeof v === "number" ? v : typeof v === "boolean" ? Number(v) : null;
    };
    const ranked = visible.filter((r) => r.position !== null);
    const keyed = new Map(ranked.map((r) => [r, sortValue(r)]));
    ranked.sort((a, b) => {
      const va = keyed.get(a)!;
      const vb = keyed.get(b)!;
      if (va === null || vb === null) return va === vb ? a.position! - b.position! : va === null ? 1 : -1;
      return (direction === "cost" ? va - vb : vb - va) || a.position! - b.position!;
    });
    visible.splice(0, ranked.length, ...ranked);
  }

  const totalPages = Math.max(1, Math.ceil(visible.length / query.perPage));
  const shown = visible.slice((query.page - 1) * query.perPage, query.page * query.perPage);

  // The detail of the shown ranked quotes only: a run of consecutive positions is one call (rank order), else one each.
  const detail = new Map<number, RankedAlternative>();
  const positions = shown.flatMap((r) => (r.position === null ? [] : [r.position])).sort((a, b) => a - b);
  for (let k = 0; k < positions.length;) {
    let end = k + 1;
    while (end < positions.length && positions[end] === positions[end - 1] + 1) end++;
    source.entries(positions[k], positions[end - 1] + 1).forEach((entry, i) => detail.set(positions[k] + i, entry));
    k = end;
  }

  const fields = new Set(query.fields);
  const scoreOf = (c: Contribution): number | null => (method === "topsis" ? c.contribution * 100 : (c.score ?? null));
  const items: PageItem[] = shown.map((row) => {
    const { q } = row;
    const fact = facts.get(q.id)!;
    const entry = row.position !== null ? detail.get(row.position) : undefined;
    const item: PageItem = {
      id: q.id,
      vendorName: q.vendorName,
      gate: row.position !== null ? "passed" : "failed",
      rank: row.rank,
      score: row.score === null ? null : round(row.score, scoreDecimals(method)),
      status: q.status,
      round: q.round ?? "first",
      tco: q.normalized.tco,
      roi: q.normalized.roi === null ? null : round(q.normalized.roi, 4),
      mandatoryMet: fact.mandatoryMet,
      certifications: q.certifications.some((c) => holds(q, c.type)) ? [...inForce.get(q.id)!] : [],
      expiringCertifications: q.expiringCertifications,
      lowBidInvestigation: fact.lowBid,
      abnormallyLow: fact.low ? { reasons: source.abnormallyLow[q.id]!, detailsHref: `/quotes/${q.id}#low-price` } : null,
    };
    if (entry) {
      item.dominatedBy = entry.dominatedBy;
      item.flags = flagsByCode(entry.flags);
    }
    if (row.reasons) item.reasons = row.reasons.map((r) => ({ criterion: r.criterion, message: r.message[lang] }));
    if (fields.has("scores")) {
      const byKey = new Map(entry?.contributions.map((c) => [c.criterion, c]));
      item.scores = Object.fromEntries(
        rfq.criteria.map((c) => {
          const contribution = byKey.get(c.key);
          const raw = contribution ? contribution.value : valueOf(c, q, today);
          const value = typeof raw === "number" ? round(raw, valueDecimals(c.unit)) : (raw ?? null);
          const score = contribution ? scoreOf(contribution) : null;
          return [c.key, { value, score: score === null ? null : round(score, 1) }];
        }),
      );
    }
    if (fields.has("contributions") && entry) item.contributions = entry.contributions.map((c) => roundContribution(c, round));
    if (fields.has("explanations") && entry) item.explanation = swap(entry.explanation[lang]);
    return item;
  });

  const tcos = rows.map((r) => r.q.normalized.tco);
  const scores = source.ranked.map((r) => r.score);
  const certificationTypes = [
    ...new Set([...rfq.requiredCertifications.map((r) => r.type as string), ...source.quotes.flatMap((q) => q.certifications.map((c) => c.type as string))]),
  ].sort();
  const stability = source.stability;
  return {
    title: rfq.title,
    rfqVersion: source.rfqVersion,
    date: today,
    method,
    whatIf: source.whatIf,
    lang,
    precision: query.precision,
    fields: [...fields],
    sort: query.sort,
    filter: query.filter,
    criteria: rfq.criteria.map((c) => {
      const weight = source.weights[c.key] ?? c.weight;
      return {
        key: c.key,
        label: lang === "en" ? c.label.en || c.label.ja : c.label.ja,
        direction: c.direction,
        unit: c.unit,
        weight,
        share: awaiting.has(c.key) ? 0 : round(weight / weightTotal, 4),
        gate: Boolean(c.gate),
        awaitingRatings: awaiting.has(c.key),
      };
    }),
    totals: {
      quotes: rows.length,
      ranked: source.ranked.length,
      disqualified: source.disqualified.length,
      awaitingReconfirmation: source.awaitingReconfirmation.length,
      matching: visible.length,
    },
    facets: {
      gate: { passed: source.ranked.length, failed: source.disqualified.length },
      mandatoryMet: { met: [...facts.values()].filter((x) => x.mandatoryMet).length, notMet: [...facts.values()].filter((x) => !x.mandatoryMet).length },
      certifications: certificationTypes.map((type) => ({ type, holders: rows.filter((r) => holds(r.q, type)).length, mandatory: mandatory.includes(type) })),
      abnormallyLow: [...facts.values()].filter((x) => x.low).length,
      lowBidInvestigation: [...facts.values()].filter((x) => x.lowBid).length,
      bafo: rows.filter((r) => r.q.round === "bafo").length,
      tco: tcos.length ? { min: Math.min(...tcos), max: Math.max(...tcos) } : null,
      score: scores.length ? { min: round(Math.min(...scores), scoreDecimals(method)), max: round(Math.max(...scores), scoreDecimals(method)) } : null,
    },
    robustness: {
      winner: source.robustness.winner,
      stability: source.robustness.stability === null ? null : round(source.robustness.stability, 3),
    },
    stability: {
      winner: stability.winner,
      stableWithin: stability.stableWithin === null ? null : round(stability.stableWithin, 3),
      sentence: swap(stability.sentence[lang]),
    },
    awaitingReconfirmation: source.awaitingReconfirmation,
    awaitingRatings: source.awaitingRatings,
    ratingProgress: source.ratingProgress,
    page: { page: query.page, perPage: query.perPage, totalPages, items: items.length },
    items,
  };
}

/** `[{code, criterion}…]` as `{code: [criterion…]}`: a 17-criterion quote without a track record has 16 "unverified" flags. */
function flagsByCode(flags: readonly Flag[]): Partial<Record<Flag["code"], string[]>> {
  const out: Partial<Record<Flag["code"], string[]>> = {};
  for (const f of flags) (out[f.code] ??= []).push(f.criterion);
  return out;
}

function roundContribution(c: Contribution, round: Rounder): Contribution {
  const r = (v: number | undefined) => (v === undefined ? undefined : round(v, 4));
  const out: Contribution = {
    criterion: c.criterion,
    weight: round(c.weight, 4),
    value: typeof c.value === "number" ? round(c.value, 4) : c.value,
    scoredValue: c.scoredValue === null ? null : round(c.scoredValue, 4),
    imputed: c.imputed,
    contribution: round(c.contribution, 4),
  };
  if (c.score !== undefined) out.score = round(c.score, 2);
  for (const key of ["normalized", "weighted", "ideal", "antiIdeal"] as const) if (c[key] !== undefined) out[key] = r(c[key]);
  if (c.credibility) out.credibility = { ...c.credibility, claim: round(c.credibility.claim, 4), effective: round(c.credibility.effective, 4) };
  return out;
}
