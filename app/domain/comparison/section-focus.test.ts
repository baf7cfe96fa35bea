import { describe, expect, it } from "vitest";
import { focusSection, rankOrderAtScale, SECTION_UNFOLDED_MAX } from "./section-focus";

const quotes = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `q${i + 1}`, rank: n - i }));

describe("focusSection", () => {
  it("folds nothing at or under the threshold, even with a focus", () => {
    const items = quotes(SECTION_UNFOLDED_MAX);
    expect(focusSection(items, new Set(["q1"]))).toEqual({ shown: items, folded: [] });
  });

  it("folds nothing without a focus (the section's own pages)", () => {
    const items = quotes(300);
    expect(focusSection(items, null).folded).toEqual([]);
    expect(focusSection(items, null).shown).toHaveLength(300);
  });

  it("above the threshold shows the kept quotes and folds the rest, each exactly once and in the given order", () => {
    const items = quotes(SECTION_UNFOLDED_MAX + 1);
    const { shown, folded } = focusSection(items, new Set(["q3", "q1", "nope"]));
    expect(shown.map((q) => q.id)).toEqual(["q1", "q3"]);
    expect(folded).toHaveLength(SECTION_UNFOLDED_MAX - 1);
    expect([...shown, ...folded].map((q) => q.id).sort()).toEqual(items.map((q) => q.id).sort());
  });
});

describe("rankOrderAtScale", () => {
  it("keeps the given order at or under the threshold", () => {
    const items = quotes(5);
    expect(rankOrderAtScale(items, (q) => q.rank)).toEqual(items);
  });

  it("orders by rank above it, unranked last and stable", () => {
    const items = [...quotes(SECTION_UNFOLDED_MAX + 2), { id: "x", rank: null }, { id: "y", rank: null }];
    const ordered = rankOrderAtScale(items, (q) => q.rank);
    expect(ordered.slice(0, 3).map((q) => q.rank)).toEqual([1, 2, 3]);
    expect(ordered.slice(-2).map((q) => q.id)).toEqual(["x", "y"]);
  });
});
