import { describe, expect, it } from "vitest";
import { ratingScaleOf } from "./ratings";
import { ConsensusSchema, isConsensusOnScale } from "./schema";

describe("isConsensusOnScale", () => {
  it("takes halves on 1–5 and whole points on 0–100, within the scale", () => {
    const five = ratingScaleOf({});
    expect([3.5, 1, 5].map((s) => isConsensusOnScale(five, s))).toEqual([true, true, true]);
    expect([3.25, 0.5, 5.5].map((s) => isConsensusOnScale(five, s))).toEqual([false, false, false]);
    const hundred = ratingScaleOf({ rating: { levels: "0-100" } });
    expect([0, 73, 100].map((s) => isConsensusOnScale(hundred, s))).toEqual([true, true, true]);
    expect([72.5, 101].map((s) => isConsensusOnScale(hundred, s))).toEqual([false, false]);
  });

  it("requires a written comment with a consensus", () => {
    const r = ConsensusSchema.safeParse({ quoteId: "00000000-0000-4000-8000-000000000001", criterionKey: "k", score: 3, comment: "  " });
    expect(r.success ? [] : r.error.issues.map((i) => [i.path.join("."), i.message])).toEqual([["comment", "evaluation.consensus.commentRequired"]]);
  });
});
