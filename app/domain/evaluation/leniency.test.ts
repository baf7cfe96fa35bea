import { describe, expect, it } from "vitest";
import { evaluatorLeniency, readLeniency } from "./leniency";
import { ratingScaleOf } from "./ratings";

const five = ratingScaleOf({});
const hundred = ratingScaleOf({ rating: { levels: "0-100" } });
const r = (evaluatorId: string, rfqId: string, quoteId: string, criterionKey: string, score: number, scale = five) => ({
  evaluatorId,
  rfqId,
  quoteId,
  criterionKey,
  score,
  scale,
});

describe("evaluatorLeniency", () => {
  it("measures each rating against the consensus, or the panel mean without one, on 0–1", () => {
    const figures = evaluatorLeniency({
      evaluatorIds: ["kind", "hard", "nobody"],
      ratings: [
        // RFQ 1, 1–5, consensus 3: kind +2 levels (+0.5), hard −1 level (−0.25).
        r("kind", "r1", "q", "c", 5),
        r("hard", "r1", "q", "c", 2),
        // RFQ 2, 0–100, no consensus: panel mean 60; kind +20 (+0.2), hard −20 (−0.2).
        r("kind", "r2", "q2", "p", 80, hundred),
        r("hard", "r2", "q2", "p", 40, hundred),
        // Rated alone without consensus: no reference, not counted.
        r("kind", "r2", "q3", "p", 100, hundred),
      ],
      consensus: [{ rfqId: "r1", quoteId: "q", criterionKey: "c", consensus: 3 }],
    });
    expect(figures.map((f) => [f.evaluatorId, f.count, f.rfqs, f.reading])).toEqual([
      ["kind", 2, 2, "lenient"],
      ["hard", 2, 2, "strict"],
      ["nobody", 0, 0, null],
    ]);
    expect(figures[0]!.leniency).toBeCloseTo((0.5 + 0.2) / 2, 12);
    expect(figures[1]!.leniency).toBeCloseTo((-0.25 - 0.2) / 2, 12);
    expect(figures[2]!.leniency).toBeNull();
  });

  it("calls a small mean deviation balanced", () => {
    expect([readLeniency(0.1), readLeniency(0.11), readLeniency(-0.1), readLeniency(-0.11), readLeniency(0)]).toEqual([
      "balanced",
      "lenient",
      "balanced",
      "strict",
      "balanced",
    ]);
  });

  it("a panel that agrees everywhere is balanced: the deviations from its own mean add to zero", () => {
    const figures = evaluatorLeniency({
      evaluatorIds: ["a", "b"],
      ratings: [r("a", "r", "q", "c", 3), r("b", "r", "q", "c", 3), r("a", "r", "q2", "c", 4), r("b", "r", "q2", "c", 4)],
      consensus: [],
    });
    expect(figures.map((f) => [f.leniency, f.reading])).toEqual([
      [0, "balanced"],
      [0, "balanced"],
    ]);
  });
});
