import { describe, expect, it } from "vitest";
import { isClearlyGreater, isTie, rankByScore } from "./ranking-order";

describe("rankByScore", () => {
  it("uses competition ranking: tied alternatives share a rank and the next rank is skipped", () => {
    const { order, ranks } = rankByScore([50, 80, 80, 10], ["d", "c", "b", "a"]);
    expect(order).toEqual([2, 1, 0, 3]); // b and c tie, ordered by id
    expect(ranks).toEqual([1, 1, 3, 4]);
  });

  it("treats scores that differ only by floating-point noise as tied", () => {
    const { ranks } = rankByScore([0.1 + 0.2, 0.3], ["x", "y"]);
    expect(ranks).toEqual([1, 1]);
  });

  it("anchors a tie group on its first score so near-equal chains do not merge", () => {
    const step = 0.9e-9;
    const { ranks } = rankByScore([1, 1 - step, 1 - 2 * step], ["a", "b", "c"]);
    expect(ranks).toEqual([1, 1, 3]);
  });

  it("handles an empty list", () => {
    expect(rankByScore([], [])).toEqual({ order: [], ranks: [] });
  });
});

describe("isTie / isClearlyGreater", () => {
  it("use a tolerance relative to the size of the scores", () => {
    expect(isTie(100, 100 + 5e-8)).toBe(true);
    expect(isTie(100, 100 + 5e-6)).toBe(false);
    expect(isClearlyGreater(0.5 + 1e-12, 0.5)).toBe(false);
    expect(isClearlyGreater(0.5 + 1e-6, 0.5)).toBe(true);
  });
});
