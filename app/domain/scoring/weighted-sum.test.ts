import { describe, expect, it } from "vitest";
import { ScoringInputError } from "./errors";
import { rankAlternatives } from "./rank";
import type { Criterion } from "./types";
import { weightedSums } from "./weighted-sum";

const price: Criterion = {
  key: "price",
  label: { ja: "価格", en: "Price" },
  perspective: "financial",
  direction: "cost",
  weight: 3,
  scale: { worst: 200, best: 100 },
};
const quality: Criterion = {
  key: "quality",
  label: { ja: "品質", en: "Quality" },
  perspective: "customer",
  direction: "benefit",
  weight: 1,
  scale: { worst: 0, best: 10 },
};
const alternatives = [
  { id: "a", values: { price: 150, quality: 8 } },
  { id: "b", values: { price: 120, quality: 4 } },
  { id: "c", values: { price: 210, quality: 10 } },
];

describe("weightedSums", () => {
  it("is Σ weight × score per row", () => {
    expect(Array.from(weightedSums(Float64Array.from([100, 0, 50, 50]), 2, 2, Float64Array.from([0.75, 0.25])))).toEqual([75, 50]);
  });
});

describe("weighted-sum-target", () => {
  it("maps each value onto its scale and weights it (weights 3:1 → 0.75/0.25)", () => {
    const result = rankAlternatives({ method: "weighted-sum-target", criteria: [price, quality], alternatives });
    // a: price 150 → 50, quality 8 → 80: 0.75·50 + 0.25·80 = 57.5
    // b: price 120 → 80, quality 4 → 40: 0.75·80 + 0.25·40 = 70
    // c: price 210 → below the worst, clamped to 0; quality 10 → 100: 25
    expect(result.ranking.map((r) => [r.id, r.rank, r.score])).toEqual([
      ["b", 1, 70],
      ["a", 2, 57.5],
      ["c", 3, 25],
    ]);
    const b = result.ranking[0];
    expect(b.contributions.map((c) => [c.criterion, c.score, c.contribution])).toEqual([
      ["price", 80, 60],
      ["quality", 40, 10],
    ]);
  });

  it("is absolute: adding an alternative changes nobody else's score", () => {
    const before = rankAlternatives({ method: "weighted-sum-target", criteria: [price, quality], alternatives });
    const after = rankAlternatives({
      method: "weighted-sum-target",
      criteria: [price, quality],
      alternatives: [...alternatives, { id: "d", values: { price: 100, quality: 0 } }],
    });
    for (const entry of before.ranking) expect(after.ranking.find((r) => r.id === entry.id)!.score).toBe(entry.score);
  });

  it("needs a scale on every criterion, with an error naming the criterion", () => {
    const noScale = { ...quality, scale: undefined };
    expect(() => rankAlternatives({ method: "weighted-sum-target", criteria: [price, noScale], alternatives })).toThrow(ScoringInputError);
    expect(() => rankAlternatives({ method: "weighted-sum-target", criteria: [price, noScale], alternatives })).toThrow(/criteria\[1\]\.scale is required/);
  });
});

describe("weighted-sum-minmax", () => {
  it("maps each value onto the range of the alternatives present (best = 100)", () => {
    const result = rankAlternatives({ method: "weighted-sum-minmax", criteria: [price, quality], alternatives });
    // price: min 120 (best), max 210: a = 60/90 → 66.67, b = 100, c = 0
    // quality: min 4, max 10: a = 66.67, b = 0, c = 100
    // a = 0.75·66.67 + 0.25·66.67 = 66.67; b = 75; c = 25
    expect(result.ranking.map((r) => [r.id, r.rank])).toEqual([
      ["b", 1],
      ["a", 2],
      ["c", 3],
    ]);
    expect(result.ranking.map((r) => r.score)).toEqual([75, expect.closeTo(200 / 3, 12), 25]);
  });

  it("gives tied alternatives the same rank", () => {
    const result = rankAlternatives({
      method: "weighted-sum-minmax",
      criteria: [{ ...price, weight: 1 }, quality],
      alternatives: [
        { id: "x", values: { price: 100, quality: 0 } },
        { id: "y", values: { price: 200, quality: 10 } },
        { id: "z", values: { price: 200, quality: 0 } },
      ],
    });
    expect(result.ranking.map((r) => [r.id, r.rank, r.score])).toEqual([
      ["x", 1, 50],
      ["y", 1, 50],
      ["z", 3, 0],
    ]);
  });
});
