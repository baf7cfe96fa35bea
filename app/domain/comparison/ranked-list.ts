import type { LocalizedText } from "~/domain/scoring";
import type { ComparisonColumn, ComparisonView } from "./comparison-view";

// The comparison page at marketplace scale (issue 21 item 2, decision 0058): hundreds of opened quotes cannot all be
// columns. The buyer picks N (the top N of the page's order become the columns), pages through a ranked list of every
// quote (filterable on the gate, the low-price flags and the vendor's name), and picks quotes into a shortlist that
// can replace the top N as the columns. All of it is GET params, so it works without JavaScript, survives a reload and
// can be sent to an approver as a link. Like compare-params.ts, anything unreadable falls back to its default and the
// page says so; nothing here refuses a page.

export const TOP_CHOICES = [3, 5, 8, 10] as const;
export const DEFAULT_TOP = 5;
export const PER_PAGE_CHOICES = [20, 50, 100] as const;
export const DEFAULT_PER_PAGE = 20;
/** More than a screen of columns is the unreadable page again; 10 is what a 稟議 compares at most in practice. */
export const MAX_SHORTLIST = 10;
export const GATES = ["all", "passed", "failed"] as const;
export type GateFilter = (typeof GATES)[number];

/** The GET params this module owns (the route keeps them across the page's other forms). */
export const LIST_PARAMS = ["top", "perPage", "page", "gate", "low", "q", "shortlist", "compare"] as const;

export interface ListParams {
  top: number;
  perPage: number;
  page: number;
  gate: GateFilter;
  /** Only quotes with a low-price flag (abnormally low, decision 0051, or under the 低入札価格調査基準価格, decision 0049). */
  low: boolean;
  /** Part of the vendor's name (width and case folded). */
  q: string;
  /** Quote ids in the order they were picked. */
  shortlist: string[];
  /** The columns: the top N, or the shortlist side by side. */
  compare: "top" | "shortlist";
}

/** Why a param was not used as given: the page shows one sentence per problem, in the reader's words. */
export type ListProblem = "top" | "perPage" | "page" | "gate" | "shortlist" | "shortlistFull" | "shortlistEmpty";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_QUERY = 100;

function choice<T extends number>(raw: string | null, choices: readonly T[], fallback: T): { value: T; ok: boolean } {
  if (raw === null || raw.trim() === "") return { value: fallback, ok: true };
  const n = Number(raw.trim());
  return (choices as readonly number[]).includes(n) ? { value: n as T, ok: true } : { value: fallback, ok: false };
}

export function parseListParams(search: URLSearchParams): { params: ListParams; problems: ListProblem[] } {
  const problems: ListProblem[] = [];
  const top = choice(search.get("top"), TOP_CHOICES, DEFAULT_TOP);
  if (!top.ok) problems.push("top");
  const perPage = choice(search.get("perPage"), PER_PAGE_CHOICES, DEFAULT_PER_PAGE);
  if (!perPage.ok) problems.push("perPage");

  const pageRaw = search.get("page")?.trim() ?? "";
  let page = 1;
  if (pageRaw !== "") {
    const n = Number(pageRaw);
    if (Number.isSafeInteger(n) && n >= 1) page = n;
    else problems.push("page");
  }

  const gateRaw = search.get("gate")?.trim() || "all";
  const gate = (GATES as readonly string[]).includes(gateRaw) ? (gateRaw as GateFilter) : "all";
  if (gate !== gateRaw) problems.push("gate");

  const picked = (search.get("shortlist") ?? "")
    .split(",")
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s !== "");
  const valid = [...new Set(picked.filter((s) => UUID.test(s)))];
  if (picked.some((s) => !UUID.test(s))) problems.push("shortlist");
  if (valid.length > MAX_SHORTLIST) problems.push("shortlistFull");

  return {
    params: {
      top: top.value,
      perPage: perPage.value,
      page,
      gate,
      low: search.get("low") === "1",
      q: (search.get("q") ?? "").trim().slice(0, MAX_QUERY),
      shortlist: valid.slice(0, MAX_SHORTLIST),
      compare: search.get("compare") === "shortlist" ? "shortlist" : "top",
    },
    problems,
  };
}

/** One line of the ranked list: what a buyer scans at 300 quotes, and nothing of the criteria's detail. */
export interface ListRow {
  id: string;
  vendorName: string;
  /** Null for a quote that failed a gate (it is not ranked). */
  rank: number | null;
  score: number | null;
  tco: number;
  gate: "passed" | "failed";
  /** Why it failed a gate, in both languages (the module's words, vendor names only). */
  reasons: LocalizedText[];
  abnormallyLow: boolean;
  lowBidInvestigation: boolean;
  mandatoryMet: boolean | null;
  /** Shown as a column right now (top N or shortlist). */
  inColumns: boolean;
  shortlisted: boolean;
}

export interface RankedListPage {
  rows: ListRow[];
  /** Quotes matching the list's filters (all pages). */
  total: number;
  page: number;
  pageCount: number;
  perPage: number;
  /** Over the page's filters (before the list's own): what the gate and low-price choices would show. */
  counts: { all: number; passed: number; failed: number; low: number };
}

export interface PageSelection {
  mode: "top" | "shortlist";
  /** The table's and the cards' columns. */
  columns: ComparisonColumn[];
  /** The charts': the top N and the shortlist (or the shortlist alone when it is compared). */
  chartColumns: ComparisonColumn[];
  /** The shortlist as it resolved (unknown or unranked ids dropped), in the order picked. */
  shortlist: { id: string; vendorName: string; rank: number }[];
  list: RankedListPage;
  problems: ListProblem[];
}

/** NFKC folds full-width letters and half-width katakana, so ＡＢＣ and abc, ｶﾅ and カナ match. */
export const foldName = (s: string) => s.normalize("NFKC").toLowerCase().replace(/\s+/g, "");

const isLow = (c: Pick<ComparisonColumn, "abnormallyLow" | "lowBidInvestigation">) => Boolean(c.abnormallyLow) || Boolean(c.lowBidInvestigation);

/**
 * `view`: the comparison as filtered and sorted by the page's filters (compare-params.ts) — its columns' order is the
 * list's order and the top N's. `ranked`: every ranked column, unfiltered (a shortlisted quote stays comparable when a
 * filter hides it from the list). The list pages the ranked quotes in the view's order, then those that failed a gate.
 */
export function selectForPage(view: Pick<ComparisonView, "columns" | "disqualified">, ranked: readonly ComparisonColumn[], params: ListParams): PageSelection {
  const problems: ListProblem[] = [];
  const byId = new Map(ranked.map((c) => [c.id, c]));
  const shortlistColumns = params.shortlist.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
  if (shortlistColumns.length < params.shortlist.length) problems.push("shortlist");
  const shortIds = new Set(shortlistColumns.map((c) => c.id));

  let mode = params.compare;
  if (mode === "shortlist" && shortlistColumns.length === 0) {
    mode = "top";
    problems.push("shortlistEmpty");
  }
  const top = view.columns.slice(0, params.top);
  // Side by side in rank order (the order a 稟議 reads), whatever order they were picked in.
  const compared = [...shortlistColumns].sort((a, b) => a.rank - b.rank);
  const columns = mode === "shortlist" ? compared : top;
  const topIds = new Set(top.map((c) => c.id));
  const chartColumns = mode === "shortlist" ? compared : [...top, ...compared.filter((c) => !topIds.has(c.id))];
  const shown = new Set(columns.map((c) => c.id));

  const q = foldName(params.q);
  const passed: ListRow[] = view.columns.map((c) => ({
    id: c.id,
    vendorName: c.vendorName,
    rank: c.rank,
    score: c.score,
    tco: c.tco,
    gate: "passed",
    reasons: [],
    abnormallyLow: Boolean(c.abnormallyLow),
    lowBidInvestigation: Boolean(c.lowBidInvestigation),
    mandatoryMet: c.mandatoryMet,
    inColumns: shown.has(c.id),
    shortlisted: shortIds.has(c.id),
  }));
  const failed: ListRow[] = view.disqualified.map((d) => ({
    id: d.id,
    vendorName: d.vendorName,
    rank: null,
    score: null,
    tco: d.tco,
    gate: "failed",
    reasons: d.reasons.map((r) => r.message),
    abnormallyLow: false,
    lowBidInvestigation: false,
    mandatoryMet: null,
    inColumns: false,
    shortlisted: false,
  }));
  const counts = { all: passed.length + failed.length, passed: passed.length, failed: failed.length, low: view.columns.filter(isLow).length };
  const matching = [...(params.gate === "failed" ? [] : passed), ...(params.gate === "passed" ? [] : failed)].filter(
    (r) => (!params.low || r.abnormallyLow || r.lowBidInvestigation) && (q === "" || foldName(r.vendorName).includes(q)),
  );
  const pageCount = Math.max(1, Math.ceil(matching.length / params.perPage));
  let page = params.page;
  if (page > pageCount) {
    page = pageCount;
    problems.push("page");
  }
  const start = (page - 1) * params.perPage;
  return {
    mode,
    columns,
    chartColumns,
    shortlist: shortlistColumns.map((c) => ({ id: c.id, vendorName: c.vendorName, rank: c.rank })),
    list: { rows: matching.slice(start, start + params.perPage), total: matching.length, page, pageCount, perPage: params.perPage, counts },
    problems,
  };
}

/**
 * The page's URL with some params changed (null removes one). Any change but the page number itself sends the list
 * back to its first page, so a new filter never lands on an empty page 7.
 */
export function hrefWith(search: URLSearchParams, changes: Record<string, string | null>): string {
  const next = new URLSearchParams(search);
  for (const [name, value] of Object.entries(changes)) {
    if (value === null || value === "") next.delete(name);
    else next.set(name, value);
  }
  if (!("page" in changes)) next.delete("page");
  const s = next.toString();
  return s ? `?${s}` : "?";
}

/** The shortlist param with `id` added (at the end, up to MAX_SHORTLIST) or removed; null when it would be empty. */
export function toggledShortlist(shortlist: readonly string[], id: string): string | null {
  const next = shortlist.includes(id) ? shortlist.filter((s) => s !== id) : [...shortlist, id].slice(0, MAX_SHORTLIST);
  return next.length > 0 ? next.join(",") : null;
}
