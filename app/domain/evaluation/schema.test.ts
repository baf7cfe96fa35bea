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

describe("publishing a rated criterion without a scale of its own", () => {
  it("is allowed under the target method: its rating scale is its scale", async () => {
    const { checkPublishable } = await import("~/domain/rfq/schema");
    const { completeRfqInput } = await import("~/domain/rfq/test-fixtures");
    const base = completeRfqInput();
    const rated = {
      key: "work_understanding",
      label: { ja: "業務理解度", en: "Understanding of the work" },
      perspective: "internalProcess" as const,
      direction: "benefit" as const,
      weight: 20,
      source: "advisor_rating" as const,
      unit: "score" as const,
    };
    const problems = (criteria: unknown[]) =>
      checkPublishable({ ...base, scoringMethod: "weighted-sum-target", criteria } as never, new Date("2026-11-01T00:00:00Z")).map((p) => p.key);
    expect(problems([...base.criteria, rated])).not.toContain("rfq.criteria.scale.required");
    // A KPI criterion without a scale still needs one.
    const { scale: _scale, ...kpiWithout } = base.criteria[1]!;
    expect(problems([...base.criteria.slice(0, 1), kpiWithout, rated])).toContain("rfq.criteria.scale.required");
  });
});
