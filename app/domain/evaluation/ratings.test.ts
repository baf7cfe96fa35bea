import { describe, expect, it } from "vitest";
import { criterionRatingValue, isRatingOnScale, ratingScaleOf, summarizeRatings } from "./ratings";

describe("rating scales", () => {
  it("rates 1–5 by default and 0–100 when the criterion says so", () => {
    expect(ratingScaleOf({})).toMatchObject({ min: 1, max: 5, flagSpreadAt: 2 });
    expect(ratingScaleOf({ rating: { levels: "0-100" } })).toMatchObject({ min: 0, max: 100, flagSpreadAt: 40 });
  });

  it("carries the written anchors, English falling back to Japanese", () => {
    const anchors = ["不十分", "やや不足", "標準", "良い", "優れている"].map((ja, i) => ({ ja, en: i === 4 ? "" : `level ${i + 1}` }));
    expect(ratingScaleOf({ rating: { levels: "1-5", anchors } }).anchors?.[4]).toEqual({ ja: "優れている", en: "優れている" });
  });

  it("accepts whole numbers on the scale only", () => {
    const five = ratingScaleOf({});
    expect([0, 1, 5, 6, 2.5].map((x) => isRatingOnScale(five, x))).toEqual([false, true, true, false, false]);
    expect(isRatingOnScale(ratingScaleOf({ rating: { levels: "0-100" } }), 0)).toBe(true);
  });
});

describe("summarizing a panel's ratings", () => {
  const five = ratingScaleOf({});
  it("gives mean, range and population SD, and flags a range of 2 on a 5-point scale", () => {
    expect(summarizeRatings(five, [2, 4])).toEqual({ count: 2, mean: 3, min: 2, max: 4, range: 2, sd: 1, flagged: true });
    expect(summarizeRatings(five, [3, 4])?.flagged).toBe(false);
  });

  it("flags 40 points on 0–100", () => {
    const hundred = ratingScaleOf({ rating: { levels: "0-100" } });
    expect(summarizeRatings(hundred, [50, 89])?.flagged).toBe(false);
    expect(summarizeRatings(hundred, [50, 90])?.flagged).toBe(true);
  });

  it("has nothing to say without ratings", () => {
    expect(summarizeRatings(five, [])).toBeNull();
    expect(criterionRatingValue(null, undefined)).toBeNull();
  });

  it("ranks on the consensus when the chair recorded one, else on the mean", () => {
    const s = summarizeRatings(five, [2, 5]);
    expect(criterionRatingValue(s, 4)).toBe(4);
    expect(criterionRatingValue(s, null)).toBe(3.5);
  });
});
