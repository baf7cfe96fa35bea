import { describe, expect, it } from "vitest";
import { figuresCounted } from "./final-offer";

const NOW = new Date("2026-12-07T03:00:00Z");
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000);

describe("figuresCounted", () => {
  const first = { content: { unitPrices: { L1: 119 } }, tco: 1_428_000, openedAt: daysAgo(200) };
  const bafo = (age: number) => ({ content: { unitPrices: { L1: 50 } }, tco: 600_000, openedAt: daysAgo(age) });

  it("counts the final BAFO figure once it is 90 days old", () => {
    expect(figuresCounted(first, bafo(90), NOW)).toEqual(bafo(90));
  });

  it("keeps the first-round figure while the BAFO figure is younger (89 days)", () => {
    expect(figuresCounted(first, bafo(89), NOW)).toBe(first);
  });

  it("counts the first round without a BAFO", () => {
    expect(figuresCounted(first, null, NOW)).toBe(first);
  });
});
