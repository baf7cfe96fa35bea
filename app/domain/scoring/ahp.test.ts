import { describe, expect, it } from "vitest";
import { ahpWeights, ahpWeightsFor } from "./ahp";
import { ScoringInputError } from "./errors";
import { parseAhpInput } from "./schema";

function issuesOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (error instanceof ScoringInputError) return error.issues;
    throw error;
  }
  throw new Error("expected a ScoringInputError");
}

describe("ahpWeights — published example", () => {
  // Wikipedia, "Analytic hierarchy process – leader example": the board's comparison of the four
  // criteria for choosing a leader. The article reports priorities .547 (Experience), .127
  // (Education), .270 (Charisma), .056 (Age). Four-decimal values, λmax, CI and CR were
  // recomputed independently with NumPy (numpy.linalg.eig on the same matrix).
  const leader = [
    [1, 4, 3, 7],
    [1 / 4, 1, 1 / 3, 3],
    [1 / 3, 3, 1, 5],
    [1 / 7, 1 / 3, 1 / 5, 1],
  ];

  it("agrees with the article's 3-decimal priorities (which truncate 0.5476 to .547)", () => {
    const { weights } = ahpWeights(leader);
    [0.547, 0.127, 0.27, 0.056].forEach((published, i) => expect(Math.abs(weights[i] - published)).toBeLessThan(0.001));
  });

  it("reproduces the independent computation to 4 decimals, with λmax, CI and CR", () => {
    const result = ahpWeights(leader);
    expect(result.weights.map((w) => Number(w.toFixed(4)))).toEqual([0.5476, 0.1266, 0.2699, 0.0559]);
    expect(result.lambdaMax).toBeCloseTo(4.118418, 6);
    expect(result.consistencyIndex).toBeCloseTo(0.039473, 6);
    expect(result.consistencyRatio).toBeCloseTo(0.043859, 6);
    expect(result.consistent).toBe(true);
  });
});

describe("ahpWeights — hand-checkable cases", () => {
  it("recovers the weights exactly from a perfectly consistent matrix, with λmax = n and CR = 0", () => {
    const w = [0.5, 0.25, 0.125, 0.125];
    const matrix = w.map((wi) => w.map((wj) => wi / wj));
    const result = ahpWeights(matrix);
    result.weights.forEach((value, i) => expect(value).toBeCloseTo(w[i], 12));
    expect(result.lambdaMax).toBeCloseTo(4, 12);
    expect(result.consistencyRatio).toBeCloseTo(0, 12);
    expect(result.consistent).toBe(true);
  });

  it("gives weight 1 for a single criterion and splits 3:1 for a 2 × 2 judgement of 3", () => {
    expect(ahpWeights([[1]])).toEqual({ weights: [1], lambdaMax: 1, consistencyIndex: 0, consistencyRatio: 0, consistent: true });
    const pair = ahpWeights([
      [1, 3],
      [1 / 3, 1],
    ]);
    expect(pair.weights[0]).toBeCloseTo(0.75, 12);
    expect(pair.weights[1]).toBeCloseTo(0.25, 12);
    expect(pair.consistencyRatio).toBe(0);
  });

  it("flags an intransitive set of judgements as inconsistent (CR > 0.10)", () => {
    // a ≫ b, b ≫ c, yet c ≫ a: CR is far above Saaty's 0.10.
    const result = ahpWeights([
      [1, 5, 1 / 5],
      [1 / 5, 1, 5],
      [5, 1 / 5, 1],
    ]);
    expect(result.consistencyRatio).toBeGreaterThan(0.1);
    expect(result.consistent).toBe(false);
  });

  it("divides CI by Saaty's random index, RI(3) = 0.58 and RI(4) = 0.90", () => {
    const result = ahpWeights([
      [1, 2, 6],
      [1 / 2, 1, 2],
      [1 / 6, 1 / 2, 1],
    ]);
    expect(result.consistencyRatio / result.consistencyIndex).toBeCloseTo(1 / 0.58, 12);
    const four = ahpWeights([
      [1, 2, 6, 3],
      [1 / 2, 1, 2, 5],
      [1 / 6, 1 / 2, 1, 1],
      [1 / 3, 1 / 5, 1, 1],
    ]);
    expect(four.consistencyRatio / four.consistencyIndex).toBeCloseTo(1 / 0.9, 12);
  });

  it("treats the judgement ≥ 1 as authoritative, so rounded reciprocals (0.33, 0.14, 0.13) change nothing", () => {
    const exact = ahpWeights([
      [1, 3, 7, 8],
      [1 / 3, 1, 3, 1 / 8],
      [1 / 7, 1 / 3, 1, 1],
      [1 / 8, 8, 1, 1],
    ]);
    const rounded = ahpWeights([
      [1, 3, 7, 8],
      [0.33, 1, 3, 0.13],
      [0.14, 0.33, 1, 1],
      [0.13, 8, 1, 1],
    ]);
    expect(rounded).toEqual(exact);
  });
});

describe("ahpWeights — rejected matrices name the cell", () => {
  it("rejects a non-reciprocal pair", () => {
    const issues = issuesOf(() =>
      ahpWeights([
        [1, 2, 3],
        [1 / 2, 1, 4],
        [1 / 2, 1 / 4, 1],
      ]),
    );
    expect(issues).toEqual([
      {
        code: "matrix-not-reciprocal",
        path: "matrix[2][0]",
        message: {
          en: "matrix[2][0] must be the reciprocal of matrix[0][2] (expected 0.3333, got 0.5).",
          ja: "matrix[2][0] は matrix[0][2] の逆数にしてください（期待値: 0.3333、指定値: 0.5）。",
        },
      },
    ]);
  });

  it("rejects a non-square matrix, naming the short row", () => {
    const issues = issuesOf(() => ahpWeights([[1, 2], [0.5]]));
    expect(issues.map((i) => [i.code, i.path])).toEqual([["matrix-not-square", "matrix[1]"]]);
    expect(issues[0].message.en).toBe("matrix[1] has 1 entries; a 2 × 2 matrix needs 2 in every row.");
  });

  it("rejects zero, negative and non-finite cells", () => {
    const issues = issuesOf(() =>
      ahpWeights([
        [1, 0, -2],
        [1, 1, Number.POSITIVE_INFINITY],
        [1, 1, 1],
      ]),
    );
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ["matrix-not-positive", "matrix[0][1]"],
      ["matrix-not-positive", "matrix[0][2]"],
      ["matrix-not-positive", "matrix[1][2]"],
    ]);
  });

  it("rejects a diagonal other than 1, an empty matrix and more than 10 criteria", () => {
    expect(issuesOf(() => ahpWeights([[2]]))[0]).toMatchObject({ code: "matrix-diagonal", path: "matrix[0][0]" });
    expect(issuesOf(() => ahpWeights([]))[0]).toMatchObject({ code: "matrix-not-square", path: "matrix" });
    const eleven = Array.from({ length: 11 }, () => new Array(11).fill(1));
    expect(issuesOf(() => ahpWeights(eleven))[0]).toMatchObject({ code: "matrix-too-large", path: "matrix" });
  });
});

describe("ahpWeightsFor and parseAhpInput", () => {
  it("keys the weights by criterion name and reads fractions written as text", () => {
    const input = parseAhpInput({
      criteria: ["price", "quality"],
      matrix: [
        [1, "1/2"],
        ["2", 1],
      ],
    });
    const result = ahpWeightsFor(input.criteria, input.matrix);
    expect(result.weights.price).toBeCloseTo(1 / 3, 12);
    expect(result.weights.quality).toBeCloseTo(2 / 3, 12);
    expect(Object.keys(result)).toEqual(["weights", "lambdaMax", "consistencyIndex", "consistencyRatio", "consistent"]);
  });

  it("rejects text that is not a number or a fraction, naming the cell", () => {
    const issues = issuesOf(() =>
      parseAhpInput({
        criteria: ["a", "b"],
        matrix: [
          [1, "three"],
          ["1/0", 1],
        ],
      }),
    );
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ["not-a-number", "matrix[0][1]"],
      ["not-a-number", "matrix[1][0]"],
    ]);
    expect(issues[0].message.en).toBe('matrix[0][1] must be a positive number or a fraction such as "1/3" (got "three").');
  });

  it("rejects a criteria list that does not match the matrix, and duplicate names", () => {
    const issues = issuesOf(() =>
      ahpWeightsFor(
        ["a", "a", "c"],
        [
          [1, 2],
          [0.5, 1],
        ],
      ),
    );
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ["criteria-mismatch", "criteria"],
      ["duplicate", "criteria[1]"],
    ]);
  });
});
