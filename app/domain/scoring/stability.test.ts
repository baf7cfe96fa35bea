import { describe, expect, it } from "vitest";
import { rankAlternatives } from "./rank";
import { winnerStability, withWeightShare as withShare } from "./stability";
import type { Criterion, Method, RankingInput } from "./types";

const price: Criterion = {
  key: "price",
  label: { ja: "価格", en: "Price" },
  perspective: "financial",
  direction: "benefit",
  weight: 60,
  scale: { worst: 0, best: 100 },
};
const quality: Criterion = {
  key: "quality",
  label: { ja: "品質", en: "Quality" },
  perspective: "customer",
  direction: "benefit",
  weight: 40,
  scale: { worst: 0, best: 100 },
};

/** Values on 0–100 target scales, so each value is its own criterion score. */
const input = (rows: Record<string, [number, number]>, method: Method = "weighted-sum-target"): RankingInput => ({
  method,
  criteria: [price, quality],
  alternatives: Object.entries(rows).map(([id, [p, q]]) => ({ id, values: { price: p, quality: q } })),
  robustness: { samples: 20 },
});

const firstAt = (source: RankingInput, key: string, s: number) =>
  rankAlternatives(withShare(source, key, s))
    .ranking.filter((r) => r.rank === 1)
    .map((r) => r.id);

describe("winnerStability — two quotes, by hand", () => {
  // A: 0.6·90 + 0.4·40 = 70; B: 0.6·50 + 0.4·90 = 66.
  // Price at share s: A = 90s + 40(1 − s), B = 50s + 90(1 − s): equal at s = 50/90 = 55.56 %.
  // Quality at share s: A = 40s + 90(1 − s), B = 90s + 50(1 − s): equal at s = 40/90 = 44.44 %.
  const source = input({ A: [90, 40], B: [50, 90] });
  const result = winnerStability(source);

  it("finds the one flip per criterion, in the direction that helps the challenger", () => {
    expect(result.winner).toBe("A");
    expect(result.tiedWith).toEqual([]);
    expect(result.flips).toHaveLength(2);
    const [byPrice, byQuality] = result.flips;
    expect(byPrice).toMatchObject({ criterion: "price", direction: "down", newWinner: "B" });
    expect(byPrice.weightShare).toBeCloseTo(0.6, 12);
    expect(byPrice.thresholdWeightShare).toBeCloseTo(50 / 90, 12);
    expect(byPrice.relativeChange).toBeCloseTo((0.6 - 50 / 90) / 0.6, 12);
    expect(byQuality).toMatchObject({ criterion: "quality", direction: "up", newWinner: "B" });
    expect(byQuality.thresholdWeightShare).toBeCloseTo(40 / 90, 12);
    expect(result.nearest).toBe(byPrice);
    expect(result.stableWithin).toBeCloseTo(0.0741, 4);
  });

  it("flips exactly at the threshold: re-ranked just inside A stays first, just past it B is first", () => {
    expect(firstAt(source, "price", 50 / 90 + 1e-6)).toEqual(["A"]);
    expect(firstAt(source, "price", 50 / 90 - 1e-6)).toEqual(["B"]);
    expect(firstAt(source, "quality", 40 / 90 - 1e-6)).toEqual(["A"]);
    expect(firstAt(source, "quality", 40 / 90 + 1e-6)).toEqual(["B"]);
  });

  it("says it in ja and en, with a threshold rounded so the sentence stays true", () => {
    expect(result.sentence.ja).toBe(
      "±7%のどの重み変更でも1位は変わりません（どの重みを1つだけ元の値の±7%まで変えても A が1位です）。「価格」の重み（現在60.0%）が55.5%を下回ると、1位が B に替わります。",
    );
    expect(result.sentence.en).toBe(
      'The winner stays first under every ±7 % weight change (any single weight moved by up to 7 % of its value keeps A first). The winner changes to B if the weight of "Price" (now 60.0 %) falls below 55.5 %.',
    );
  });
});

describe("winnerStability — three quotes, by hand", () => {
  // A 70, B 66, C = 0.6·80 + 0.4·54 = 69.6. Price down: C = 54 + 26s meets A = 40 + 50s at s = 14/24
  // = 58.33 %, before B (55.56 %), so C is the new first. Quality up: C = 80 − 26s meets
  // A = 90 − 50s at s = 10/24 = 41.67 %, before B (44.44 %).
  const source = input({ A: [90, 40], B: [50, 90], C: [80, 54] });
  const result = winnerStability(source);

  it("names the quote that overtakes first, not the runner-up on other weights", () => {
    expect(result.flips.map((f) => [f.criterion, f.direction, f.newWinner, Number(f.thresholdWeightShare.toFixed(6))])).toEqual([
      ["price", "down", "C", Number((14 / 24).toFixed(6))],
      ["quality", "up", "C", Number((10 / 24).toFixed(6))],
    ]);
    expect(result.stableWithin).toBeCloseTo((0.6 - 14 / 24) / 0.6, 12);
    expect(firstAt(source, "price", 14 / 24 + 1e-6)).toEqual(["A"]);
    expect(firstAt(source, "price", 14 / 24 - 1e-6)).toEqual(["C"]);
    expect(firstAt(source, "quality", 10 / 24 + 1e-6)).toEqual(["C"]);
    expect(result.sentence.ja).toContain("「価格」の重み（現在60.0%）が58.3%を下回ると、1位が C に替わります。");
    expect(result.sentence.ja).toContain("±2%のどの重み変更でも1位は変わりません");
  });
});

describe("winnerStability — edge cases", () => {
  it("a winner ahead on every criterion never changes", () => {
    const result = winnerStability(input({ A: [90, 90], B: [50, 60], C: [70, 10] }));
    expect(result.flips).toEqual([]);
    expect(result.stableWithin).toBeNull();
    expect(result.sentence.ja).toBe("どの重みを1つだけどれだけ変えても、1位は A のままです。");
    expect(result.sentence.en).toBe("A stays first however much any single weight is changed.");
  });

  it("a single quote (others disqualified) is stable by construction", () => {
    const gated = input({ A: [90, 40], B: [10, 90] });
    gated.criteria = [{ ...price, gate: { min: 20 } }, quality];
    const result = winnerStability(gated);
    expect(result).toMatchObject({ winner: "A", tiedWith: [], flips: [], nearest: null, stableWithin: null });
    expect(result.sentence.ja).toBe("A は条件を満たす唯一の見積のため、重みを変えても1位は変わりません。");
  });

  it("nothing ranked", () => {
    const result = winnerStability({ ...input({}), alternatives: [] });
    expect(result).toMatchObject({ winner: null, flips: [], stableWithin: null, sentence: { en: "No quote can be ranked." } });
  });

  it("a tie for first is stable within 0: the slightest change decides it", () => {
    // A = 0.6·90 + 0.4·40 = 70 = 0.6·70 + 0.4·70 (B).
    const result = winnerStability(input({ A: [90, 40], B: [70, 70] }));
    expect(result.winner).toBe("A");
    expect(result.tiedWith).toEqual(["B"]);
    expect(result.stableWithin).toBe(0);
    expect(result.flips.map((f) => [f.criterion, f.direction, f.newWinner])).toEqual([
      ["price", "down", "B"],
      ["quality", "up", "B"],
    ]);
    for (const f of result.flips) expect(f.thresholdWeightShare).toBeCloseTo(f.weightShare, 12);
    expect(result.sentence.en).toBe("A and B tie for first, so the slightest weight change decides the winner.");
  });

  it("identical quotes tie for first and no weight ever separates them", () => {
    const result = winnerStability(input({ A: [50, 50], B: [50, 50] }));
    expect(result).toMatchObject({ winner: "A", tiedWith: ["B"], flips: [], stableWithin: 0 });
  });

  it("a criterion holding all the weight, or none, has no flip", () => {
    const source = input({ A: [90, 40], B: [50, 90] });
    source.criteria = [price, { ...quality, weight: 0, gate: { min: 0 } }];
    expect(winnerStability(source).flips).toEqual([]);
  });

  it("a flip only by dropping a weight to (almost) zero, and one only as the sole criterion, are worded as such", () => {
    // Price down: A = 100s + 60(1 − s), B = 0s + 61(1 − s): equal at s = 1/101 (0.99 %): "falls below 0.9 %".
    const low = winnerStability(input({ A: [100, 60], B: [0, 61] }));
    expect(low.flips[0]).toMatchObject({ criterion: "price", direction: "down", newWinner: "B" });
    expect(low.sentence.en).toContain("falls below 0.9 %");
    // Quality up: A = 60s + 100(1 − s) vs B = 61s + 0(1 − s): equal at 100/101 = 99.01 %.
    const high = winnerStability(input({ A: [100, 60], B: [0, 61] }));
    const up = high.flips.find((f) => f.direction === "up")!;
    expect(up.thresholdWeightShare).toBeCloseTo(100 / 101, 12);
  });

  it("a threshold that would print as 0.0 % or 100.0 % is said as dropping the weight or weighing only that criterion", () => {
    // Price down: 100s + 60(1 − s) = 60.05(1 − s) at s = 0.05/100.05 (0.05 %); quality up: 100 − 40s = 60.05s at 99.95 %.
    const result = winnerStability(input({ A: [100, 60], B: [0, 60.05] }));
    const [down, up] = result.flips;
    expect(down.thresholdWeightShare).toBeCloseTo(0.05 / 100.05, 12);
    expect(up.thresholdWeightShare).toBeCloseTo(100 / 100.05, 12);
    expect(result.nearest).toBe(down);
    expect(result.sentence.en).toContain('The winner changes to B if the weight of "Price" (now 60.0 %) is dropped to zero.');
    expect(result.sentence.ja).toContain("「価格」の重み（現在60.0%）を0にすると、1位が B に替わります。");
    expect(firstAt(input({ A: [100, 60], B: [0, 60.05] }), "quality", 0.9999)).toEqual(["B"]);
  });

  it("TOPSIS: the exact crossing agrees with re-ranking on both sides", () => {
    const source = input({ A: [90, 40], B: [50, 90], C: [80, 54] }, "topsis");
    const result = winnerStability(source);
    expect(result.winner).toBe(rankAlternatives(source).robustness.winner);
    expect(result.flips.length).toBeGreaterThan(0);
    for (const f of result.flips) {
      const inside = f.direction === "down" ? f.thresholdWeightShare + 1e-6 : f.thresholdWeightShare - 1e-6;
      const past = f.direction === "down" ? f.thresholdWeightShare - 1e-6 : f.thresholdWeightShare + 1e-6;
      expect(firstAt(source, f.criterion, inside)).toContain(result.winner);
      expect(firstAt(source, f.criterion, past)).toEqual([f.newWinner]);
    }
  });
});
