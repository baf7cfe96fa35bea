import { describe, expect, it } from "vitest";
import type { Contribution, RankedAlternative } from "~/domain/scoring";
import { decisionViewFromSnapshot } from "./answer";
import { debriefFor } from "./debrief";
import type { ProposalSnapshot } from "./proposal";

// The debrief is projected from the proposal's frozen snapshot (decision 0029): the comparison view rebuilt
// from it carries the reader's own scores, the winner's name and total, and nothing a debrief must not show.

const WINNER_PRICE = 98_765_431;
const WINNER_KPI = 0.987_654_3;
const THIRD_KPI = 0.912_345_6;

const contribution = (criterion: string, value: number, score: number, weight: number): Contribution => ({
  criterion,
  weight,
  value,
  scoredValue: value,
  imputed: false,
  score,
  contribution: score * weight,
});

const ranked = (id: string, rank: number, score: number, price: number, kpi: number, priceScore: number, kpiScore: number): RankedAlternative => ({
  id,
  rank,
  score,
  contributions: [contribution("tco", price, priceScore, 0.6), contribution("accuracy", kpi, kpiScore, 0.4)],
  explanation: { ja: "", en: "" },
  dominatedBy: [],
  flags: [],
});

const snapshot = {
  schema: 1,
  takenAt: "2026-12-07T01:00:00.000Z",
  rfq: { id: "rfq", version: 2, title: "庁舎清掃業務" },
  input: {
    method: "weighted-sum-minmax",
    criteria: [
      { key: "tco", label: { ja: "総費用", en: "TCO" }, perspective: "financial", direction: "cost", weight: 60 },
      { key: "accuracy", label: { ja: "正確性", en: "Accuracy" }, perspective: "internalProcess", direction: "benefit", weight: 40, kind: "rate" },
      { key: "mystery", label: { ja: "不明", en: "Unknown" }, perspective: "customer", direction: "benefit", weight: 0 },
    ],
    alternatives: [],
  },
  result: {
    method: "weighted-sum-minmax",
    ranking: [
      ranked("win", 1, 91.5, WINNER_PRICE, WINNER_KPI, 100, 80),
      ranked("reader", 2, 70.25, 12_000_000, 0.95, 60, 85),
      ranked("third", 3, 40, 13_000_000, THIRD_KPI, 30, 55),
    ],
    disqualified: [],
    robustness: { winner: "win", stability: 0.9 },
  },
  stability: { winner: "win", stableWithin: 0.1, nearest: null, sentence: { ja: "", en: "" } },
  awaitingRatings: [],
  quotes: [
    { id: "win", vendorName: "落札株式会社" },
    { id: "reader", vendorName: "読者株式会社" },
    { id: "third", vendorName: "三番手株式会社" },
  ],
  advisorNotes: [],
} as unknown as ProposalSnapshot;

const kinds = [
  { key: "tco", source: "price", unit: "yen" },
  { key: "accuracy", source: "kpi_commitment", unit: "rate" },
] as const;

describe("decisionViewFromSnapshot → debriefFor", () => {
  const view = decisionViewFromSnapshot(snapshot, [...kinds]);
  const debrief = debriefFor(view, "reader", { winnerQuoteId: "win", reason: "品質を重視" })!;

  it("gives the reader its own rank, scores and shares, the winner's name and total, the reason", () => {
    expect(debrief).toMatchObject({ outcome: "ranked", rank: 2, score: 70.25, winner: { name: "落札株式会社", score: 91.5 }, reason: "品質を重視" });
    expect(debrief.criteria.map((c) => [c.key, c.share, c.score, c.value, c.withheld])).toEqual([
      ["tco", 0.6, 60, null, true],
      ["accuracy", 0.4, 85, 0.95, false],
    ]);
  });

  it("carries no other vendor's prices, KPI values or name", () => {
    const text = JSON.stringify(debrief);
    for (const s of [String(WINNER_PRICE), String(WINNER_KPI), String(THIRD_KPI), "三番手株式会社"]) expect(text).not.toContain(s);
  });

  it("withholds a value whose criterion kind is unknown (when in doubt, show less)", () => {
    const unknown = decisionViewFromSnapshot(snapshot, []);
    const d = debriefFor(unknown, "reader", { winnerQuoteId: "win", reason: "" })!;
    expect(d.criteria.every((c) => c.withheld && c.value === null)).toBe(true);
  });

  it("is null for the winner itself and for a quote the decision did not hold", () => {
    expect(debriefFor(view, "win", { winnerQuoteId: "win", reason: "" })).toBeNull();
    expect(debriefFor(view, "stranger", { winnerQuoteId: "win", reason: "" })).toBeNull();
  });
});
