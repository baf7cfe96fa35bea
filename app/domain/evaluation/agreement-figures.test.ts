import { describe, expect, it } from "vitest";
import { krippendorffAlpha } from "~/domain/scoring";
import { agreementFigures, readAgreement } from "./agreement-figures";
import { ratingScaleOf } from "./ratings";

const five = ratingScaleOf({});
const hundred = ratingScaleOf({ rating: { levels: "0-100" } });
const evaluators = [
  { id: "u1", submitted: true },
  { id: "u2", submitted: true },
];
const r = (evaluatorId: string, quoteId: string, criterionKey: string, score: number) => ({ evaluatorId, quoteId, criterionKey, score });

describe("agreementFigures", () => {
  it("shows nothing until every named evaluator has submitted", () => {
    const f = agreementFigures({ criteria: [{ key: "c", scale: five }], evaluators: [...evaluators, { id: "u3", submitted: false }], ratings: [] });
    expect(f).toEqual({ state: "waiting", submitted: 2, evaluators: 3 });
    expect(agreementFigures({ criteria: [], evaluators: [], ratings: [] })).toEqual({ state: "waiting", submitted: 0, evaluators: 0 });
  });

  it("gives interval and ordinal alpha over (quote, criterion) units on a 1–5 panel, equal to the raw scores' alpha", () => {
    const ratings = [r("u1", "a", "c1", 4), r("u2", "a", "c1", 5), r("u1", "b", "c1", 2), r("u2", "b", "c1", 2), r("u1", "a", "c2", 3), r("u2", "a", "c2", 1)];
    const f = agreementFigures({
      criteria: [
        { key: "c1", scale: five },
        { key: "c2", scale: five },
      ],
      evaluators,
      ratings,
    });
    if (f.state !== "ready") throw new Error(f.state);
    const raw = krippendorffAlpha({
      level: "interval",
      ratings: { u1: { "a:c1": 4, "b:c1": 2, "a:c2": 3 }, u2: { "a:c1": 5, "b:c1": 2, "a:c2": 1 } },
    });
    expect(f.interval.alpha).toBeCloseTo(raw.alpha!, 12);
    expect([f.interval.units, f.interval.pairableValues]).toEqual([3, 6]);
    expect(f.ordinal?.level).toBe("ordinal");
    expect(f.interval.reading).toBe(readAgreement(f.interval.alpha));
  });

  it("pools 1–5 and 0–100 criteria on 0–1 and leaves ordinal out", () => {
    const f = agreementFigures({
      criteria: [
        { key: "c1", scale: five },
        { key: "p", scale: hundred },
      ],
      evaluators,
      ratings: [r("u1", "a", "c1", 5), r("u2", "a", "c1", 5), r("u1", "a", "p", 0), r("u2", "a", "p", 0), r("u1", "b", "p", 50), r("u2", "b", "p", 50)],
    });
    if (f.state !== "ready") throw new Error(f.state);
    // Perfect agreement on 1 (=100 % of 1–5), 0 and 0.5 after normalizing.
    expect(f.interval.alpha).toBe(1);
    expect(f.interval.reading).toBe("good");
    expect(f.ordinal).toBeNull();
  });

  it("says so when no unit has two values, and ignores ratings of criteria no longer rated", () => {
    const f = agreementFigures({
      criteria: [{ key: "c1", scale: five }],
      evaluators,
      ratings: [r("u1", "a", "c1", 4), r("u2", "b", "c1", 4), r("u1", "a", "gone", 1), r("u2", "a", "gone", 5)],
    });
    expect(f).toEqual({ state: "notPairable", submitted: 2, evaluators: 2 });
  });

  it("reads alpha in Krippendorff's bands", () => {
    expect([readAgreement(0.8), readAgreement(0.79), readAgreement(0.667), readAgreement(0.6669), readAgreement(null)]).toEqual([
      "good",
      "tentative",
      "tentative",
      "discuss",
      "noVariation",
    ]);
  });
});
