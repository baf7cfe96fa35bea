import { describe, expect, it } from "vitest";
import { indexAgrees } from "./comparison-order.server";

describe("indexAgrees", () => {
  const expected = {
    scores: new Map<string, number | null>([
      ["a", 81.5],
      ["b", 60],
      ["c", null],
    ]),
  };

  it("trusts an index with the same quotes and scores", () => {
    expect(
      indexAgrees(
        [
          { id: "b", score: 60.0000000001 },
          { id: "a", score: 81.5 },
          { id: "c", score: null },
        ],
        expected,
      ),
    ).toBe(true);
  });

  it.each([
    [
      "a quote missing",
      [
        { id: "a", score: 81.5 },
        { id: "c", score: null },
      ],
    ],
    [
      "a quote too many",
      [
        { id: "a", score: 81.5 },
        { id: "b", score: 60 },
        { id: "c", score: null },
        { id: "d", score: 10 },
      ],
    ],
    [
      "a stale score",
      [
        { id: "a", score: 79 },
        { id: "b", score: 60 },
        { id: "c", score: null },
      ],
    ],
    [
      "a disqualified quote still scored",
      [
        { id: "a", score: 81.5 },
        { id: "b", score: 60 },
        { id: "c", score: 12 },
      ],
    ],
    [
      "another quote in its place",
      [
        { id: "a", score: 81.5 },
        { id: "b", score: 60 },
        { id: "x", score: null },
      ],
    ],
  ])("refuses an index with %s", (_, docs) => {
    expect(indexAgrees(docs, expected)).toBe(false);
  });
});
