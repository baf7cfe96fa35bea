import { describe, expect, it } from "vitest";
import {
  ageInDays,
  bandOf,
  computeBenchmarks,
  evaluateCell,
  isOldEnough,
  normaliseLineUnit,
  pointFromFact,
  pointsFromOffer,
  vendorBands,
  quantile,
  quartiles,
  tcoPerMonth,
  unitPriceExcludingTax,
  type BenchmarkPoint,
  type KeyedPoint,
} from "./benchmarks";

const NOW = new Date("2026-12-07T03:00:00Z"); // 12:00 in Tokyo
const OLD = new Date("2026-06-01T03:00:00Z");

/** n points spread round-robin over `buyers` buyers and `vendors` vendors, values 1..n. */
function spread(n: number, buyers: number, vendors: number): BenchmarkPoint[] {
  return Array.from({ length: n }, (_, i) => ({ buyerOrgId: `b${i % buyers}`, vendorOrgId: `v${i % vendors}`, at: OLD, value: i + 1 }));
}

describe("quartiles (type 7, linear interpolation)", () => {
  it("matches R's quantile(type = 7) on a textbook sample", () => {
    // R: quantile(c(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)) → 3.25, 5.5, 7.75
    expect(quartiles([10, 9, 8, 7, 6, 5, 4, 3, 2, 1])).toEqual({ q1: 3.25, median: 5.5, q3: 7.75 });
    expect(quantile([1, 3], 0.5)).toBe(2);
    expect(quantile([7], 0.25)).toBe(7);
  });
});

describe("the publication rule", () => {
  it("hides a cell with 4 distinct buyers and shows it with 5", () => {
    expect(evaluateCell(spread(20, 4, 5), "value")).toEqual({ published: false, reason: "too_few_buyers" });
    expect(evaluateCell(spread(20, 5, 5), "value")).toMatchObject({ published: true, n: 20 });
  });

  it("hides a cell with 4 distinct vendors", () => {
    expect(evaluateCell(spread(20, 5, 4), "value")).toEqual({ published: false, reason: "too_few_vendors" });
  });

  it("hides a cell where one vendor holds 26 % of the points and shows it at exactly 25 %", () => {
    // 50 points: v0 has 13 (26 %), the other 37 are spread over 6 vendors.
    const heavy = [
      ...Array.from({ length: 13 }, (_, i) => ({ buyerOrgId: `b${i % 5}`, vendorOrgId: "v0", at: OLD, value: i })),
      ...Array.from({ length: 37 }, (_, i) => ({ buyerOrgId: `b${i % 5}`, vendorOrgId: `w${i % 6}`, at: OLD, value: i })),
    ];
    expect(evaluateCell(heavy, "value")).toEqual({ published: false, reason: "vendor_share" });
    // 20 points: v0 has 5 (25 %), 15 over 5 other vendors.
    const atLimit = [
      ...Array.from({ length: 5 }, (_, i) => ({ buyerOrgId: `b${i}`, vendorOrgId: "v0", at: OLD, value: i })),
      ...Array.from({ length: 15 }, (_, i) => ({ buyerOrgId: `b${i % 5}`, vendorOrgId: `w${i % 5}`, at: OLD, value: i })),
    ];
    expect(evaluateCell(atLimit, "value")).toMatchObject({ published: true, n: 20 });
  });

  it("publishes median, q1, q3 and n only — never the minimum or the maximum", () => {
    const cell = evaluateCell(spread(10, 5, 5), "value");
    expect(cell).toEqual({ published: true, median: 5.5, q1: 3.25, q3: 7.75, n: 10 });
    expect(Object.keys(cell).sort()).toEqual(["median", "n", "published", "q1", "q3"]);
  });

  it("rounds yen to integer yen and rates to 0.01 %", () => {
    const yen = spread(10, 5, 5).map((p) => ({ ...p, value: p.value * 101 }));
    expect(evaluateCell(yen, "yen")).toEqual({ published: true, median: 556, q1: 328, q3: 783, n: 10 });
    const rates = spread(10, 5, 5).map((p) => ({ ...p, value: 0.98 + p.value / 10_000 / 3 }));
    const cell = evaluateCell(rates, "rate");
    expect(cell.published && cell.median).toBe(0.9802);
  });
});

describe("age of the data", () => {
  it("excludes a point 89 Tokyo days old and includes one 90 days old", () => {
    const day89 = new Date(NOW.getTime() - 89 * 86_400_000);
    const day90 = new Date(NOW.getTime() - 90 * 86_400_000);
    expect(ageInDays(day89, NOW)).toBe(89);
    expect(isOldEnough(day89, NOW)).toBe(false);
    expect(isOldEnough(day90, NOW)).toBe(true);
  });

  it("counts Tokyo calendar days, not 24-hour spans", () => {
    // 2026-09-08 23:59 Tokyo is 90 Tokyo days before 2026-12-07 00:01 Tokyo though under 89 × 24 h + 2 min earlier.
    const late = new Date("2026-09-08T14:59:00Z");
    const early = new Date("2026-12-06T15:01:00Z");
    expect(ageInDays(late, early)).toBe(90);
  });

  it("drops too-young points before the rule, so a cell fed only by them is not listed", () => {
    const young = new Date(NOW.getTime() - 89 * 86_400_000);
    const points: KeyedPoint[] = spread(10, 5, 5).map((p) => ({
      ...p,
      at: young,
      kind: "committed",
      category: "accounting",
      key: "accuracy",
      phase: null,
      unit: "rate",
    }));
    expect(computeBenchmarks(points, NOW)).toEqual([]);
    // 5 old buyers' points plus one 89-day-old point of a 6th buyer: the young one does not count.
    const mixed: KeyedPoint[] = [
      ...spread(10, 4, 5).map((p) => ({ ...p, kind: "committed" as const, category: "accounting", key: "accuracy", phase: null, unit: "value" as const })),
      { buyerOrgId: "b9", vendorOrgId: "v9", at: young, value: 1, kind: "committed", category: "accounting", key: "accuracy", phase: null, unit: "value" },
    ];
    expect(computeBenchmarks(mixed, NOW)).toEqual([
      { kind: "committed", category: "accounting", key: "accuracy", phase: null, unit: "value", published: false, reason: "too_few_buyers" },
    ]);
  });
});

describe("cells", () => {
  it("makes an all-phase cell and one per phase, in a stable order", () => {
    const points: KeyedPoint[] = spread(10, 5, 5).map((p, i) => ({
      ...p,
      kind: "unit_price",
      category: "accounting",
      key: "件|per_unit",
      phase: i < 5 ? "launch" : "improvement",
      unit: "yen",
    }));
    const cells = computeBenchmarks(points, NOW);
    expect(cells.map((c) => [c.phase, c.published])).toEqual([
      [null, true],
      ["improvement", true],
      ["launch", true],
    ]);
    expect(computeBenchmarks([...points].reverse(), NOW)).toEqual(cells);
  });
});

describe("bands", () => {
  const cell = { q1: 0.985, median: 0.992, q3: 0.996 };
  it("tells a position, never a number", () => {
    expect(bandOf(cell, 0.999)).toBe("upper_quartile");
    expect(bandOf(cell, 0.996)).toBe("upper_half");
    expect(bandOf(cell, 0.992)).toBe("upper_half");
    expect(bandOf(cell, 0.985)).toBe("lower_half");
    expect(bandOf(cell, 0.9849)).toBe("lower_quartile");
  });
});

describe("values", () => {
  it("normalises line units and converts tax-included prices once, halves up", () => {
    expect(normaliseLineUnit(" 件 ")).toBe("件");
    expect(normaliseLineUnit("ＫＧ")).toBe("kg");
    expect(unitPriceExcludingTax(110, "included", 10)).toBe(100);
    expect(unitPriceExcludingTax(1, "included", 10)).toBe(1); // 0.909… → 1
    expect(unitPriceExcludingTax(54, "included", 8)).toBe(50);
    expect(unitPriceExcludingTax(55, "excluded", 10)).toBe(55);
    expect(tcoPerMonth(1_000_001, 2)).toBe(500_001); // 500 000.5 → halves up
    expect(tcoPerMonth(1_200_000, 12)).toBe(100_000);
  });
});

describe("points from stored rows", () => {
  it("reads an offer's commitments, tax-excluded unit prices and TCO per month", () => {
    const points = pointsFromOffer({
      vendorOrgId: "v",
      buyerOrgId: "b",
      category: "accounting",
      openedAt: OLD,
      tco: 1_200_000,
      rfqContent: {
        phase: "launch",
        contractTermMonths: 12,
        lineItems: [{ code: "L1", unit: " 件", recurrence: "per_unit" }],
        criteria: [
          { key: "accuracy", source: "kpi_commitment", unit: "rate" },
          { key: "tco", source: "price", unit: "yen" },
        ],
      },
      quoteContent: { unitPrices: { L1: 110 }, kpiCommitments: { accuracy: 0.995 }, taxBasis: "included", taxRate: 10 },
    });
    expect(points.map(({ kind, key, unit, value, phase }) => ({ kind, key, unit, value, phase }))).toEqual([
      { kind: "committed", key: "accuracy", unit: "rate", value: 0.995, phase: "launch" },
      { kind: "unit_price", key: "件|per_unit", unit: "yen", value: 100, phase: "launch" },
      { kind: "tco_month", key: "", unit: "yen", value: 100_000, phase: "launch" },
    ]);
  });

  it("reads a fact's rate per fact, or its value, and skips a fact with neither", () => {
    const fact = { vendorOrgId: "v", buyerOrgId: "b", category: "accounting", kpiKey: "accuracy", confirmedAt: OLD, phase: null };
    expect(pointFromFact({ ...fact, successes: 990, trials: 1000, value: null })).toMatchObject({ kind: "delivered", unit: "rate", value: 0.99 });
    expect(pointFromFact({ ...fact, successes: null, trials: null, value: 2.5 })).toMatchObject({ kind: "delivered", unit: "value", value: 2.5 });
    expect(pointFromFact({ ...fact, successes: null, trials: null, value: null })).toBeNull();
  });
});

describe("vendor bands", () => {
  it("bands a vendor's own median in published committed cells only", () => {
    const keyed = (kind: "committed" | "unit_price", category: string) =>
      spread(10, 5, 5).map((p) => ({ ...p, kind, category, key: kind === "committed" ? "accuracy" : "件|per_unit", phase: null, unit: "value" as const }));
    const points: KeyedPoint[] = [...keyed("committed", "accounting"), ...keyed("unit_price", "accounting"), ...keyed("committed", "hr_payroll").slice(0, 3)];
    const cells = computeBenchmarks(points, NOW);
    const bands = vendorBands(points, cells);
    // v4 committed 5 and 10 (own median 7.5): between the median 5.5 and q3 7.75 → upper half; v0 (1, 6 → 3.5) lower half.
    expect(bands.filter((b) => b.vendorOrgId === "v4")).toEqual([
      { kind: "committed", category: "accounting", key: "accuracy", phase: null, vendorOrgId: "v4", band: "upper_half" },
    ]);
    expect(bands.find((b) => b.vendorOrgId === "v0")?.band).toBe("lower_half");
    // No band from unit prices or from the withheld hr_payroll cell.
    expect(bands.every((b) => b.kind === "committed" && b.category === "accounting")).toBe(true);
  });
});
