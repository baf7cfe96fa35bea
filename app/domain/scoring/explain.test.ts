import { describe, expect, it } from "vitest";
import { explainRanking } from "./explain";
import type { Criterion } from "./types";

const criterion = (key: string, en: string, ja: string): Criterion => ({
  key,
  label: { en, ja },
  perspective: "customer",
  direction: "benefit",
  weight: 1,
});
const criteria = [criterion("price", "Price", "価格"), criterion("quality", "Quality", "品質"), criterion("speed", "Speed", "速度")];

describe("explainRanking", () => {
  const ranked = [
    { id: "A", rank: 1, score: 70, contributions: [30, 25, 15], missing: [] },
    { id: "B", rank: 2, score: 55, contributions: [20, 10, 25], missing: [] },
    { id: "C", rank: 3, score: 40, contributions: [20, 10, 10], missing: [2] },
  ];

  it("explains each alternative against the next one, naming the largest gains and the largest loss", () => {
    const [a] = explainRanking("weighted-sum-minmax", criteria, ranked);
    expect(a.en).toBe(
      'A ranks above B (70.0 vs 55.0 points), mainly because A is stronger on "Quality" (+15.0) and "Price" (+10.0); B is stronger on "Speed" (+10.0).',
    );
    expect(a.ja).toBe(
      "A が B より上位（70.0 点 対 55.0 点）なのは、主に「品質」（+15.0 点）と「価格」（+10.0 点）で A が上回っているためです。B は「速度」（+10.0 点）で上回っています。",
    );
  });

  it("explains the last alternative against the one above it, and notes its missing values", () => {
    const [, b, c] = explainRanking("weighted-sum-minmax", criteria, ranked);
    expect(b.en).toBe('B ranks above C (55.0 vs 40.0 points), mainly because B is stronger on "Speed" (+15.0).');
    expect(c.en).toBe(
      'C ranks below B (40.0 vs 55.0 points), mainly because B is stronger on "Speed" (+15.0). No value for "Speed": scored as the worst value among the qualifying alternatives.',
    );
    expect(c.ja).toBe(
      "C が B より下位（40.0 点 対 55.0 点）なのは、主に「速度」（+15.0 点）で B が上回っているためです。「速度」の値がないため、条件を満たす候補の中で最も不利な値として採点しています。",
    );
  });

  it("says a missing value scored 0 on the target scale under weighted-sum-target", () => {
    const [, , c] = explainRanking("weighted-sum-target", criteria, ranked);
    expect(c.en).toContain('No value for "Speed": scored as the worst end of the target scale (0 points).');
    expect(c.ja).toContain("「速度」の値がないため、目標尺度の最低値（0 点）として採点しています。");
  });

  it("describes TOPSIS in terms of closeness and the ideal, without points", () => {
    const [a] = explainRanking("topsis", criteria, [
      { id: "A", rank: 1, score: 0.6433, contributions: [0.04, 0.02, 0.0], missing: [] },
      { id: "B", rank: 2, score: 0.2684, contributions: [0.01, 0.0, 0.004], missing: [] },
    ]);
    expect(a.en).toBe('A ranks above B (closeness 0.643 vs 0.268), mainly because A is closer to the ideal on "Price" and "Quality"; B is closer on "Speed".');
    expect(a.ja).toBe(
      "A が B より上位（近接度 0.643 対 0.268）なのは、主に「価格」と「品質」で A が理想解に近いためです。B は「速度」で理想解に近くなっています。",
    );
  });

  it("states ties and the single-alternative case plainly", () => {
    const tied = explainRanking("weighted-sum-target", criteria, [
      { id: "A", rank: 1, score: 50, contributions: [50, 0, 0], missing: [] },
      { id: "B", rank: 1, score: 50, contributions: [0, 50, 0], missing: [] },
    ]);
    expect(tied.map((t) => t.en)).toEqual(["A ties with B at rank 1 (50.0 points).", "B ties with A at rank 1 (50.0 points)."]);
    expect(tied[0].ja).toBe("A は B と同点で 1 位です（50.0 点）。");
    const [only] = explainRanking("topsis", criteria, [{ id: "A", rank: 1, score: 1, contributions: [0, 0, 0], missing: [] }]);
    expect(only).toEqual({ en: "A is the only qualifying alternative.", ja: "A は条件を満たす唯一の候補です。" });
  });

  it("prints small gaps with two significant digits instead of +0.0", () => {
    const [a] = explainRanking("weighted-sum-minmax", criteria, [
      { id: "A", rank: 1, score: 50.04, contributions: [10.04, 20, 20], missing: [] },
      { id: "B", rank: 2, score: 50, contributions: [10, 20, 20], missing: [] },
    ]);
    expect(a.en).toContain('"Price" (+0.04)');
  });
});
