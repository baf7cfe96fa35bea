import { describe, expect, it } from "vitest";
import { npsBucket, ratingYearOn, RatingSchema, summarizeRatings } from "./ratings";

const r = (q: number, n: number) => ({ quality: q, schedule: 4, cost: 3, communication: 5, wouldHireAgain: n });

describe("vendor ratings", () => {
  it("puts 'would hire again' into NPS buckets: 0–6, 7–8, 9–10", () => {
    expect([0, 6, 7, 8, 9, 10].map(npsBucket)).toEqual(["detractor", "detractor", "passive", "passive", "promoter", "promoter"]);
  });

  it("never averages fewer than 3 ratings, but counts them", () => {
    const two = summarizeRatings([r(5, 10), r(1, 0)]);
    expect(two.count).toBe(2);
    expect(two.averages).toBeNull();
    expect(two.nps).toEqual({ detractors: 1, passives: 0, promoters: 1, score: null });
    expect(two.distribution.quality).toEqual([1, 0, 0, 0, 1]);
    const three = summarizeRatings([r(5, 10), r(1, 0), r(3, 8)]);
    expect(three.averages).toEqual({ quality: 3, schedule: 4, cost: 3, communication: 5 });
    // (1 promoter − 1 detractor) / 3 = 0.
    expect(three.nps.score).toBe(0);
    expect(summarizeRatings([r(4, 9), r(4, 10), r(4, 2)]).nps.score).toBe(33);
    expect(summarizeRatings([]).averages).toBeNull();
  });

  it("allows ratings after the end of the term, or per completed contract year", () => {
    const year = { from: "2026-04-01", to: "2027-03-31", months: 12 };
    expect(ratingYearOn(year, "2026-12-01")).toBeNull();
    expect(ratingYearOn(year, "2027-03-31")).toBeNull();
    expect(ratingYearOn(year, "2027-04-01")).toBe(1);
    const two = { from: "2026-04-01", to: "2028-03-31", months: 24 };
    expect(ratingYearOn(two, "2027-03-31")).toBeNull();
    expect(ratingYearOn(two, "2027-04-01")).toBe(1);
    expect(ratingYearOn(two, "2028-04-01")).toBe(2);
    expect(ratingYearOn({ from: "2026-04-01", to: "2027-09-30", months: 18 }, "2027-10-01")).toBe(2);
  });

  it("takes scores 1–5 and 0–10 only", () => {
    expect(RatingSchema.safeParse({ quality: "5", schedule: "1", cost: 3, communication: 4, wouldHireAgain: "0" }).success).toBe(true);
    const bad = RatingSchema.safeParse({ quality: "6", schedule: "0", cost: 3.5, communication: "", wouldHireAgain: 11 });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["quality", "reviews.rating.score.invalid"],
      ["schedule", "reviews.rating.score.invalid"],
      ["cost", "reviews.rating.score.invalid"],
      ["communication", "reviews.rating.score.invalid"],
      ["wouldHireAgain", "reviews.rating.nps.invalid"],
    ]);
  });
});
