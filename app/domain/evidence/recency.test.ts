import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_HALF_LIFE_DAYS, recencyWeight, weightedEvidence } from "./recency";

describe("recencyWeight", () => {
  it("is 1 today and halves at each half-life", () => {
    expect(recencyWeight(0, 730)).toBe(1);
    expect(recencyWeight(730, 730)).toBeCloseTo(0.5, 15);
    expect(recencyWeight(1_460, 730)).toBeCloseTo(0.25, 15);
    expect(recencyWeight(365, 730)).toBeCloseTo(Math.SQRT1_2, 15);
  });

  it("defaults to a 24-month half-life", () => {
    expect(DEFAULT_HALF_LIFE_DAYS).toBe(730);
    expect(recencyWeight(730)).toBeCloseTo(0.5, 15);
  });

  it("weighs an event dated after today as today's, never more", () => {
    expect(recencyWeight(-3, 730)).toBe(1);
  });

  // Half-lives of a month and up: shorter ones push old weights into subnormal numbers, where the ratio
  // loses precision (and no record would use them).
  it("halves between any age and that age plus the half-life", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 10_000, noNaN: true }), fc.double({ min: 30, max: 5_000, noNaN: true }), (age, halfLife) => {
        expect(recencyWeight(age + halfLife, halfLife) / recencyWeight(age, halfLife)).toBeCloseTo(0.5, 12);
      }),
    );
  });

  it("refuses a half-life that is not positive", () => {
    expect(() => recencyWeight(10, 0)).toThrow(RangeError);
    expect(() => recencyWeight(Number.NaN, 730)).toThrow(RangeError);
  });
});

describe("weightedEvidence", () => {
  it("scales each event's successes and trials by the same weight", () => {
    const result = weightedEvidence(
      [
        { successes: 9, trials: 10, at: "2026-12-07" },
        { successes: 40, trials: 50, at: "2024-12-07" }, // 730 days before today: half weight
        { successes: 100, trials: 100, at: "2022-12-07" }, // 1,461 days (a leap day between): just under a quarter
      ],
      "2026-12-07",
      730,
    );
    const quarter = Math.pow(2, -1_461 / 730);
    expect(result.successes).toBeCloseTo(9 + 20 + 100 * quarter, 12);
    expect(result.trials).toBeCloseTo(10 + 25 + 100 * quarter, 12);
  });

  it("is zero for no events, so the status is grey", () => {
    expect(weightedEvidence([], "2026-12-07")).toEqual({ successes: 0, trials: 0 });
  });

  it("keeps a single event's observed rate and never lets successes exceed trials", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 1_000 }), fc.integer({ min: 0, max: 1_000 }), fc.integer({ min: 0, max: 3_650 })), { maxLength: 20 }),
        (rows) => {
          const today = "2026-12-07";
          const events = rows.map(([a, b, age]) => ({
            successes: Math.min(a, b),
            trials: Math.max(a, b),
            at: new Date(Date.parse(`${today}T00:00:00Z`) - age * 86_400_000).toISOString().slice(0, 10),
          }));
          const result = weightedEvidence(events, today);
          expect(result.successes).toBeLessThanOrEqual(result.trials);
          if (events.length === 1 && events[0].trials > 0) expect(result.successes / result.trials).toBeCloseTo(events[0].successes / events[0].trials, 12);
        },
      ),
    );
  });

  it("refuses an impossible event or date", () => {
    expect(() => weightedEvidence([{ successes: 5, trials: 4, at: "2026-01-01" }], "2026-12-07")).toThrow(RangeError);
    expect(() => weightedEvidence([{ successes: 1, trials: 4, at: "2026-02-30" }], "2026-12-07")).toThrow(RangeError);
  });
});
