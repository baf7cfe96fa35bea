import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { listBandsOfVendor, listBenchmarkCells, listConfirmedFactSources, listOpenedOfferSources, replaceBenchmarks } from "../../db/queries/market-benchmarks";
import { computeBenchmarks, pointFromFact, pointsFromOffer, vendorBands, type KeyedPoint } from "~/domain/insight/benchmarks";
import { figuresCounted } from "~/domain/insight/final-offer";
import { RFQ_CATEGORIES, type RfqCategory } from "~/domain/rfq/categories";
import type { Actor } from "~/domain/permissions";
import { failure, orgActor, type ServiceResult } from "~/utils/service-failure";
import type { AppContext } from "~/utils/context.server";

// Market benchmarks (issue 19 item 1; decision 0048). The daily job recomputes the two tables from the raw sources
// in one transaction; readers get only stored cells: a buyer or an advisor the published cells' numbers, a vendor
// its own bands. A withheld cell reaches everyone as "not enough data" with no number and no reason detail.

/** Recomputes every cell and band and replaces both tables, in one transaction. Same data and `now` → same rows. */
export async function recomputeBenchmarks(db: Kysely<Database>, now: Date): Promise<{ cells: number; published: number; bands: number }> {
  return db.transaction().execute(async (trx) => {
    const offers = await listOpenedOfferSources(trx, now);
    const facts = await listConfirmedFactSources(trx);
    const points: KeyedPoint[] = [];
    for (const o of offers) {
      // The finally ranked version (a BAFO round's final offer) once that figure is old enough, else the first round.
      const counted = figuresCounted(
        { content: o.quote_content, tco: o.tco, openedAt: new Date(o.opened_at) },
        o.final_opened_at ? { content: o.final_content, tco: o.final_tco, openedAt: new Date(o.final_opened_at) } : null,
        now,
      );
      points.push(
        ...pointsFromOffer({
          vendorOrgId: o.vendor_org_id,
          buyerOrgId: o.buyer_org_id,
          category: o.category,
          openedAt: counted.openedAt,
          tco: counted.tco,
          rfqContent: o.rfq_content,
          quoteContent: counted.content,
        }),
      );
    }
    for (const f of facts) {
      const point = pointFromFact({
        vendorOrgId: f.vendor_org_id,
        buyerOrgId: f.buyer_org_id,
        category: f.category,
        kpiKey: f.kpi_key,
        successes: f.successes,
        trials: f.trials,
        value: f.value === null ? null : Number(f.value),
        confirmedAt: f.measurement_decided_at ?? tokyoMidnight(f.observed_on),
        phase: f.phase,
      });
      if (point) points.push(point);
    }
    const cells = computeBenchmarks(points, now);
    const bands = vendorBands(points, cells);
    await replaceBenchmarks(
      trx,
      cells.map((c) => ({
        kind: c.kind,
        category: c.category,
        key: c.key,
        phase: c.phase ?? "",
        unit: c.unit,
        published: c.published,
        reason: c.published ? null : c.reason,
        median: c.published ? c.median : null,
        q1: c.published ? c.q1 : null,
        q3: c.published ? c.q3 : null,
        n: c.published ? c.n : null,
        computed_at: now,
      })),
      bands.map((b) => ({ vendor_org_id: b.vendorOrgId, kind: b.kind, category: b.category, key: b.key, phase: b.phase ?? "", band: b.band })),
    );
    return { cells: cells.length, published: cells.filter((c) => c.published).length, bands: bands.length };
  });
}

/** The start of a Tokyo calendar date ("YYYY-MM-DD", as both drivers return a date) as an instant. */
function tokyoMidnight(day: string): Date {
  return new Date(`${day}T00:00:00+09:00`);
}

/** A cell as a buyer or an advisor reads it: numbers only when published; never a minimum or a maximum. */
export type BenchmarkCellView = {
  kind: "committed" | "delivered" | "unit_price" | "tco_month";
  category: string;
  key: string;
  phase: string | null;
  unit: "rate" | "yen" | "value";
} & ({ published: true; median: number; q1: number; q3: number; n: number } | { published: false });

export type BenchmarkBandView = {
  kind: "committed" | "delivered" | "unit_price" | "tco_month";
  category: string;
  key: string;
  phase: string | null;
  band: "upper_quartile" | "upper_half" | "lower_half" | "lower_quartile";
};

export type BenchmarksRead =
  | { ok: true; audience: "market"; category: RfqCategory | null; computedAt: Date | null; cells: BenchmarkCellView[] }
  | { ok: true; audience: "vendor"; category: RfqCategory | null; bands: BenchmarkBandView[] };

export function parseBenchmarkCategory(raw: string | null | undefined): RfqCategory | null | "invalid" {
  if (raw === null || raw === undefined || raw === "") return null;
  return (RFQ_CATEGORIES as readonly string[]).includes(raw) ? (raw as RfqCategory) : "invalid";
}

/**
 * The benchmarks the actor may read, of one category or all. Buyers and advisors: every cell (published ones with
 * median, q1, q3, n). Vendors: their own bands only. Anyone else (no organisation, the platform): 404.
 */
export async function readBenchmarks(ctx: Pick<AppContext, "db">, actor: Actor, rawCategory: string | null): Promise<ServiceResult<BenchmarksRead>> {
  const member = orgActor(actor);
  if (!member || member.org.kind === "platform") return failure.notFound();
  const category = parseBenchmarkCategory(rawCategory);
  if (category === "invalid") return failure.invalid({ fieldErrors: { category: ["benchmarks.category.invalid"] } });
  if (member.org.kind === "vendor") {
    const rows = await listBandsOfVendor(ctx.db, member.org.id, category);
    return { ok: true, audience: "vendor", category, bands: rows.map((r) => ({ ...r, phase: r.phase === "" ? null : r.phase })) };
  }
  const rows = await listBenchmarkCells(ctx.db, category);
  const cells: BenchmarkCellView[] = rows.map((r) => {
    const base = { kind: r.kind, category: r.category, key: r.key, phase: r.phase === "" ? null : r.phase, unit: r.unit };
    return r.published ? { ...base, published: true, median: r.median!, q1: r.q1!, q3: r.q3!, n: r.n! } : { ...base, published: false };
  });
  const computedAt = rows.reduce<Date | null>((latest, r) => (latest && latest > r.computed_at ? latest : r.computed_at), null);
  return { ok: true, audience: "market", category, computedAt, cells };
}

/** What the RFQ editor shows beside each KPI target and each line's unit (buyer side only; a vendor gets null). */
export interface BenchmarkHints {
  /** By KPI key: the committed-value cell. */
  kpi: Record<string, HintCellView>;
  /** By "<normalised unit>|<recurrence>": the unit-price cell. */
  unitPrice: Record<string, HintCellView>;
}
export type HintCellView = { unit: "rate" | "yen" | "value"; published: boolean; median?: number; q1?: number; q3?: number };

/**
 * The hints for one category: per key the phase's own cell when it publishes, else the all-phase cell (published
 * or "not enough data"). Null for anyone but a buyer or an advisor, so a vendor surface cannot render numbers.
 */
export async function benchmarkHints(ctx: Pick<AppContext, "db">, actor: Actor, category: string, phase: string | null): Promise<BenchmarkHints | null> {
  const member = orgActor(actor);
  if (!member || (member.org.kind !== "buyer" && member.org.kind !== "advisory")) return null;
  const read = await readBenchmarks(ctx, actor, category);
  if (!read.ok || read.audience !== "market") return null;
  const hints: BenchmarkHints = { kpi: {}, unitPrice: {} };
  const view = (c: BenchmarkCellView): HintCellView =>
    c.published ? { unit: c.unit, published: true, median: c.median, q1: c.q1, q3: c.q3 } : { unit: c.unit, published: false };
  const bucket = (c: BenchmarkCellView) => (c.kind === "committed" ? hints.kpi : c.kind === "unit_price" ? hints.unitPrice : null);
  for (const c of read.cells) {
    const into = bucket(c);
    if (into && c.phase === null) into[c.key] = view(c);
  }
  // The RFQ's own phase wins where that sub-cell publishes on its own.
  for (const c of read.cells) {
    const into = bucket(c);
    if (into && phase !== null && c.phase === phase && c.published) into[c.key] = view(c);
  }
  return hints;
}
