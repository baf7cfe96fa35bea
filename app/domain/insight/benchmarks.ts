// Market benchmarks (issue 19 item 1; decision 0048). PURE: the quartiles, the publication rule, the cells and
// the coarse bands a vendor may see. The daily job (app/jobs/benchmarks.ts) feeds it the raw points and stores what
// it returns; pages and the API read only the stored cells, never raw rows.

/** What a cell measures. */
export const BENCHMARK_KINDS = ["committed", "delivered", "unit_price", "tco_month"] as const;
export type BenchmarkKind = (typeof BENCHMARK_KINDS)[number];

/** A value's unit: a rate is a fraction 0–1 (shown as %), yen is integer yen tax-excluded, value is the KPI's own unit. */
export type BenchmarkUnit = "rate" | "yen" | "value";

/** The publication rule's thresholds (competition-law and privacy safe; issue 19). */
export const PUBLICATION_RULE = {
  minBuyers: 5,
  minVendors: 5,
  /** No vendor may hold more than this share of a cell's points (25 % exactly is allowed). */
  maxVendorShare: 0.25,
  /** A point counts only when it is at least this many Tokyo calendar days old (opened / confirmed). */
  minAgeDays: 90,
} as const;

/** Why a cell is not published. Pages show all of them as "not enough data". */
export type WithheldReason = "too_few_buyers" | "too_few_vendors" | "vendor_share";

/** One observation: whose, when it became final (quote opened / fact confirmed), and its value. */
export interface BenchmarkPoint {
  buyerOrgId: string;
  vendorOrgId: string;
  at: Date;
  value: number;
}

/** Where a point belongs. `phase` null is the cell over every phase. */
export interface CellKey {
  kind: BenchmarkKind;
  category: string;
  /** The KPI key (committed, delivered), "<unit>|<recurrence>" (unit_price), "" (tco_month). */
  key: string;
  phase: string | null;
}

export type CellFigures = { published: true; median: number; q1: number; q3: number; n: number } | { published: false; reason: WithheldReason };

export type BenchmarkCell = CellKey & { unit: BenchmarkUnit } & CellFigures;

const DAY_MS = 86_400_000;
const TOKYO_OFFSET_MS = 9 * 3_600_000;

/** The number of the Tokyo calendar day `at` falls on (Japan keeps UTC+9 without daylight saving). */
function tokyoDayNumber(at: Date): number {
  return Math.floor((at.getTime() + TOKYO_OFFSET_MS) / DAY_MS);
}

/** Whole Tokyo calendar days from `at` to `now` (0 on the same day). */
export function ageInDays(at: Date, now: Date): number {
  return tokyoDayNumber(now) - tokyoDayNumber(at);
}

/** Old enough to count: at least 90 Tokyo calendar days, so data 89 days old is excluded. */
export function isOldEnough(at: Date, now: Date): boolean {
  return ageInDays(at, now) >= PUBLICATION_RULE.minAgeDays;
}

/**
 * The p-quantile by Hyndman & Fan's type 7 (linear interpolation between closest ranks; R's default, Excel's
 * QUARTILE.INC): h = (n − 1)·p, x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]) over the sorted values.
 */
export function quantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new Error("quantile of no values");
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** Median and quartiles (type 7). Never the minimum or the maximum. */
export function quartiles(values: readonly number[]): { q1: number; median: number; q3: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return { q1: quantile(sorted, 0.25), median: quantile(sorted, 0.5), q3: quantile(sorted, 0.75) };
}

/**
 * The publication rule over the points of one cell (already filtered to the old-enough ones): ≥ 5 distinct buyers,
 * ≥ 5 distinct vendors, no vendor above 25 % of the points. A published cell holds median, q1, q3 and n only.
 */
export function evaluateCell(points: readonly BenchmarkPoint[], unit: BenchmarkUnit): CellFigures {
  const buyers = new Set(points.map((p) => p.buyerOrgId));
  if (buyers.size < PUBLICATION_RULE.minBuyers) return { published: false, reason: "too_few_buyers" };
  const perVendor = new Map<string, number>();
  for (const p of points) perVendor.set(p.vendorOrgId, (perVendor.get(p.vendorOrgId) ?? 0) + 1);
  if (perVendor.size < PUBLICATION_RULE.minVendors) return { published: false, reason: "too_few_vendors" };
  const largest = Math.max(...perVendor.values());
  if (largest > points.length * PUBLICATION_RULE.maxVendorShare) return { published: false, reason: "vendor_share" };
  const q = quartiles(points.map((p) => p.value));
  // Yen are integer yen (the house's money rule); rates keep 4 decimals (0.01 % resolution), values 2.
  const round = unit === "yen" ? (x: number) => Math.round(x) : unit === "rate" ? roundTo(4) : roundTo(2);
  return { published: true, median: round(q.median), q1: round(q.q1), q3: round(q.q3), n: points.length };
}

function roundTo(decimals: number) {
  const f = 10 ** decimals;
  return (x: number) => Math.round(x * f) / f;
}

export function cellId(key: CellKey): string {
  return [key.kind, key.category, key.key, key.phase ?? "*"].join("\u0000");
}

export interface KeyedPoint extends BenchmarkPoint {
  kind: BenchmarkKind;
  category: string;
  key: string;
  /** The RFQ's phase, when known (delivered facts carry it through their contract's RFQ). */
  phase: string | null;
  unit: BenchmarkUnit;
}

/**
 * Every cell the points make: one per kind × category × key over all phases, and one per phase. Points younger
 * than 90 days are dropped first. A cell whose every point is too young is not listed at all (no data yet).
 * Sorted by kind, category, key, phase (all-phase first), so two runs over the same data give the same rows.
 */
export function computeBenchmarks(points: readonly KeyedPoint[], now: Date): BenchmarkCell[] {
  const groups = new Map<string, { key: CellKey; unit: BenchmarkUnit; points: BenchmarkPoint[] }>();
  const add = (key: CellKey, unit: BenchmarkUnit, point: BenchmarkPoint) => {
    const id = cellId(key);
    const group = groups.get(id) ?? { key, unit, points: [] };
    group.points.push(point);
    groups.set(id, group);
  };
  for (const p of points) {
    if (!Number.isFinite(p.value) || !isOldEnough(p.at, now)) continue;
    const point = { buyerOrgId: p.buyerOrgId, vendorOrgId: p.vendorOrgId, at: p.at, value: p.value };
    add({ kind: p.kind, category: p.category, key: p.key, phase: null }, p.unit, point);
    if (p.phase) add({ kind: p.kind, category: p.category, key: p.key, phase: p.phase }, p.unit, point);
  }
  const cells = [...groups.values()].map(({ key, unit, points: ps }) => ({ ...key, unit, ...evaluateCell(ps, unit) }) as BenchmarkCell);
  return cells.sort(compareCells);
}

function compareCells(a: CellKey, b: CellKey): number {
  return a.kind.localeCompare(b.kind) || a.category.localeCompare(b.category) || a.key.localeCompare(b.key) || (a.phase ?? "").localeCompare(b.phase ?? "");
}

/** A line's unit as typed ("件", " 件 ", "ｋｇ") made comparable: NFKC, trimmed, inner spaces removed, lower case. */
export function normaliseLineUnit(unit: string): string {
  return unit.normalize("NFKC").replace(/\s+/g, "").toLowerCase();
}

export function unitPriceKey(lineUnit: string, recurrence: string): string {
  return `${normaliseLineUnit(lineUnit)}|${recurrence}`;
}

/** A unit price as tax-excluded integer yen: a tax-included price is converted with halves rounded up (decision 0004). */
export function unitPriceExcludingTax(price: number, taxBasis: "excluded" | "included", taxRate: number): number {
  if (taxBasis === "excluded") return price;
  return Math.floor((price * 100 * 2 + (100 + taxRate)) / (2 * (100 + taxRate)));
}

/** The quote's TCO per month of contract, integer yen (halves up). */
export function tcoPerMonth(tco: number, termMonths: number): number {
  return Math.floor((tco * 2 + termMonths) / (2 * termMonths));
}

/**
 * Coarse position of a value in a published cell: the only thing a vendor is told, and the words of the hint
 * beside a buyer's target. Positional, not "better/worse" (for a cost a lower quartile is good news).
 *   above q3 → upper_quartile; median..q3 → upper_half; q1..median → lower_half; below q1 → lower_quartile.
 */
export type BenchmarkBand = "upper_quartile" | "upper_half" | "lower_half" | "lower_quartile";

export function bandOf(cell: { q1: number; median: number; q3: number }, value: number): BenchmarkBand {
  if (value > cell.q3) return "upper_quartile";
  if (value >= cell.median) return "upper_half";
  if (value >= cell.q1) return "lower_half";
  return "lower_quartile";
}

/** The median of a vendor's own values in a cell (what its band is told from). */
export function ownMedian(values: readonly number[]): number | null {
  return values.length === 0 ? null : quartiles(values).median;
}

// ---- From stored rows to points (the job's sources, as plain data) ----

/** What the benchmarks read of an opened offer: the RFQ's content and the quote's, as stored (already validated). */
export interface OfferSource {
  vendorOrgId: string;
  buyerOrgId: string;
  category: string;
  openedAt: Date;
  tco: number | null;
  rfqContent: unknown;
  quoteContent: unknown;
}

interface RfqContentRead {
  phase?: string;
  contractTermMonths?: number;
  lineItems?: { code: string; unit: string; recurrence: string }[];
  criteria?: { key: string; source: string; unit: string }[];
}

interface QuoteContentRead {
  unitPrices?: Record<string, number>;
  kpiCommitments?: Record<string, number>;
  taxBasis?: "excluded" | "included";
  taxRate?: number;
}

/** The points one opened offer gives: its KPI commitments, its unit prices (tax-excluded) and its TCO per month. */
export function pointsFromOffer(source: OfferSource): KeyedPoint[] {
  const rfq = (source.rfqContent ?? {}) as RfqContentRead;
  const quote = (source.quoteContent ?? {}) as QuoteContentRead;
  const base = { buyerOrgId: source.buyerOrgId, vendorOrgId: source.vendorOrgId, at: source.openedAt, category: source.category, phase: rfq.phase ?? null };
  const points: KeyedPoint[] = [];
  for (const criterion of rfq.criteria ?? []) {
    if (criterion.source !== "kpi_commitment") continue;
    const value = quote.kpiCommitments?.[criterion.key];
    if (typeof value !== "number") continue;
    points.push({ ...base, kind: "committed", key: criterion.key, unit: criterion.unit === "rate" ? "rate" : "value", value });
  }
  for (const line of rfq.lineItems ?? []) {
    const price = quote.unitPrices?.[line.code];
    if (typeof price !== "number") continue;
    const value = unitPriceExcludingTax(price, quote.taxBasis ?? "excluded", quote.taxRate ?? 10);
    points.push({ ...base, kind: "unit_price", key: unitPriceKey(line.unit, line.recurrence), unit: "yen", value });
  }
  if (source.tco !== null && rfq.contractTermMonths && rfq.contractTermMonths > 0) {
    points.push({ ...base, kind: "tco_month", key: "", unit: "yen", value: tcoPerMonth(source.tco, rfq.contractTermMonths) });
  }
  return points;
}

/** A confirmed fact (evidence_events): a rate's counts or a value. */
export interface FactSource {
  vendorOrgId: string;
  buyerOrgId: string;
  category: string;
  kpiKey: string;
  successes: number | null;
  trials: number | null;
  value: number | null;
  confirmedAt: Date;
  phase: string | null;
}

/** A fact's delivered value: successes / trials for a rate (one point per fact, unweighted), else its value. */
export function pointFromFact(fact: FactSource): KeyedPoint | null {
  const base = { buyerOrgId: fact.buyerOrgId, vendorOrgId: fact.vendorOrgId, at: fact.confirmedAt, category: fact.category, phase: fact.phase };
  if (fact.trials !== null && fact.trials > 0 && fact.successes !== null)
    return { ...base, kind: "delivered", key: fact.kpiKey, unit: "rate", value: fact.successes / fact.trials };
  if (fact.value !== null && Number.isFinite(fact.value)) return { ...base, kind: "delivered", key: fact.kpiKey, unit: "value", value: fact.value };
  return null;
}

export interface VendorBand extends CellKey {
  vendorOrgId: string;
  band: BenchmarkBand;
}

/**
 * Each vendor's band in every published committed-value cell where it has commitments (of any age: they are its
 * own figures): the band of the median of its own values. The only benchmark a vendor ever receives.
 */
export function vendorBands(points: readonly KeyedPoint[], cells: readonly BenchmarkCell[]): VendorBand[] {
  const published = new Map(cells.filter((c) => c.kind === "committed" && c.published).map((c) => [cellId(c), c]));
  const own = new Map<string, { key: CellKey; vendorOrgId: string; values: number[] }>();
  for (const p of points) {
    if (p.kind !== "committed") continue;
    for (const phase of p.phase ? [null, p.phase] : [null]) {
      const key: CellKey = { kind: p.kind, category: p.category, key: p.key, phase };
      if (!published.has(cellId(key))) continue;
      const id = `${p.vendorOrgId}\u0000${cellId(key)}`;
      const entry = own.get(id) ?? { key, vendorOrgId: p.vendorOrgId, values: [] };
      entry.values.push(p.value);
      own.set(id, entry);
    }
  }
  const bands: VendorBand[] = [];
  for (const { key, vendorOrgId, values } of own.values()) {
    const cell = published.get(cellId(key));
    if (!cell?.published) continue;
    bands.push({ ...key, vendorOrgId, band: bandOf(cell, ownMedian(values)!) });
  }
  return bands.sort((a, b) => a.vendorOrgId.localeCompare(b.vendorOrgId) || compareCells(a, b));
}
