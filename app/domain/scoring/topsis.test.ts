import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { rankAlternatives } from "./rank";
import { parseRankingInput } from "./schema";
import { closenessOf, topsis } from "./topsis";

const fixture = (name: string) => parseRankingInput(JSON.parse(readFileSync(new URL(`../../../tests/fixtures/scoring/${name}`, import.meta.url), "utf8")));
const round4 = (value: number) => Number(value.toFixed(4));

describe("TOPSIS — published examples", () => {
  it("Hwang & Yoon (1981) fighter aircraft: closeness to 4 decimals and the order A1 > A3 > A4 > A2", () => {
    // Data: Hwang & Yoon, Multiple Attribute Decision Making (1981), the fighter aircraft example
    // (tests/fixtures/scoring/topsis-hwang-yoon-1981.json cites it). Expected closeness values
    // were recomputed independently in double precision with NumPy.
    const result = rankAlternatives(fixture("topsis-hwang-yoon-1981.json"));
    expect(result.ranking.map((r) => [r.id, r.rank, round4(r.score)])).toEqual([
      ["A1", 1, 0.6433],
      ["A3", 2, 0.6135],
      ["A4", 3, 0.3123],
      ["A2", 4, 0.2684],
    ]);
    const a1 = result.ranking[0];
    expect(round4(a1.distances!.ideal)).toBe(0.0546);
    expect(round4(a1.distances!.antiIdeal)).toBe(0.0984);
  });

  it("R package MCDA, TOPSIS help page (Corsa/Clio/Fiesta): the published ideal and anti-ideal solutions", () => {
    // The help page gives the positive and negative ideal solutions to 9 decimals; vector
    // normalization and weighting must land on them.
    const result = rankAlternatives(fixture("topsis-mcda-r-cars.json"));
    const byCriterion = new Map(result.ranking[0].contributions.map((c) => [c.criterion, c]));
    const published = {
      purchasePrice: [0.179573776, 0.212610118],
      economy: [0.171636015, 0.124958799],
      aesthetics: [0.159499658, 0.131352659],
      bootCapacity: [0.087302767, 0.085797547],
    };
    for (const [key, [ideal, antiIdeal]] of Object.entries(published)) {
      expect(byCriterion.get(key)!.ideal).toBeCloseTo(ideal, 9);
      expect(byCriterion.get(key)!.antiIdeal).toBeCloseTo(antiIdeal, 9);
    }
    expect(result.ranking.map((r) => [r.id, round4(r.score)])).toEqual([
      ["Clio", 0.5182],
      ["Corsa", 0.4817],
      ["Fiesta", 0.178],
    ]);
  });
});

describe("topsis — by hand", () => {
  it("scores 1 and 0 at the ideal and anti-ideal of a two-alternative, one-criterion problem", () => {
    // Column (3, 4): norm 5, normalized (0.6, 0.8); the better one is the ideal.
    const result = topsis(Float64Array.from([3, 4]), 2, 1, Float64Array.from([1]), [true]);
    expect(Array.from(result.normalized)).toEqual([0.6, 0.8]);
    expect(Array.from(result.closeness)).toEqual([0, 1]);
    const cost = topsis(Float64Array.from([3, 4]), 2, 1, Float64Array.from([1]), [false]);
    expect(Array.from(cost.closeness)).toEqual([1, 0]);
  });

  it("keeps a column of zeros at zero instead of dividing by zero", () => {
    const result = topsis(Float64Array.from([0, 1, 0, 2]), 2, 2, Float64Array.from([0.5, 0.5]), [true, true]);
    expect(result.normalized[0]).toBe(0);
    expect(result.normalized[2]).toBe(0);
    expect(Array.from(result.closeness)).toEqual([0, 1]);
  });

  it("gives closeness 1 when the alternative coincides with both the ideal and the anti-ideal", () => {
    expect(closenessOf(0, 0)).toBe(1);
    const single = topsis(Float64Array.from([5, 7]), 1, 2, Float64Array.from([0.5, 0.5]), [true, false]);
    expect(Array.from(single.closeness)).toEqual([1]);
  });
});
