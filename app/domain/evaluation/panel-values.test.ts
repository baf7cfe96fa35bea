import { describe, expect, it } from "vitest";
import { workUnderstanding } from "~/domain/comparison/test-fixtures";
import { panelRatingValues } from "./panel-values";

describe("panelRatingValues", () => {
  const criteria = [workUnderstanding()];
  const ratings = [
    { quote_id: "a", criterion_key: "work_understanding", score: 2 },
    { quote_id: "a", criterion_key: "work_understanding", score: 5 },
    { quote_id: "b", criterion_key: "work_understanding", score: 4 },
    { quote_id: "b", criterion_key: "work_understanding", score: 4 },
  ];

  it("ranks the mean of the ratings, flagging a wide spread", () => {
    const v = panelRatingValues(criteria, ratings, []);
    expect(v.a!.work_understanding).toEqual({ value: 3.5, basis: "mean", n: 2, flagged: true });
    expect(v.b!.work_understanding).toEqual({ value: 4, basis: "mean", n: 2, flagged: false });
  });

  it("ranks the chair's consensus in place of the mean once recorded", () => {
    const v = panelRatingValues(criteria, ratings, [{ quote_id: "a", criterion_key: "work_understanding", score: 4.5 }]);
    expect(v.a!.work_understanding).toMatchObject({ value: 4.5, basis: "consensus", flagged: true });
  });

  it("ignores ratings of criteria that are not evaluator-rated", () => {
    expect(panelRatingValues(criteria, [{ quote_id: "a", criterion_key: "tco", score: 3 }], [])).toEqual({});
  });
});
