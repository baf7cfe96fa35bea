import { describe, expect, it } from "vitest";
import { applySuggestion, DesignCommentInput, DesignSuggestionSchema } from "./design-suggestion";
import type { Criterion } from "~/domain/rfq/schema";

const accuracy: Criterion = {
  key: "accuracy",
  label: { ja: "正確性", en: "Accuracy" },
  perspective: "internalProcess",
  direction: "benefit",
  weight: 30,
  source: "kpi_commitment",
  unit: "rate",
  scale: { worst: 0.95, best: 0.999 },
  target: 0.999,
};
const tco: Criterion = { key: "tco", label: { ja: "TCO", en: "TCO" }, perspective: "financial", direction: "cost", weight: 70, source: "price", unit: "yen" };
const draft = { criteria: [tco, accuracy] };

describe("DesignCommentInput", () => {
  it("needs a criterion for a criterion's field and none for the design as a whole", () => {
    const noKey = DesignCommentInput.safeParse({ field: "weight", body: "重すぎる" });
    expect(noKey.success).toBe(false);
    expect(noKey.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([["criterionKey", "designReview.criterion.required"]]);
    const keyOnDesign = DesignCommentInput.safeParse({ field: "scoring_method", criterionKey: "tco", body: "TOPSISに" });
    expect(keyOnDesign.error!.issues[0]!.message).toBe("designReview.criterion.notForField");
    expect(DesignCommentInput.safeParse({ field: "missing_kpi", body: "修正回数を" }).success).toBe(true);
  });

  it("refuses an empty text and a suggestion that does not fit the anchor", () => {
    const r = DesignCommentInput.safeParse({ field: "target", criterionKey: "accuracy", body: "  ", suggestion: { kind: "set_weight", weight: 10 } });
    expect(r.error!.issues.map((i) => [i.path.join("."), i.message]).sort()).toEqual([
      ["body", "designReview.body.required"],
      ["suggestion.kind", "designReview.suggestion.notForField"],
    ]);
  });

  it("refuses unknown kinds, unknown catalog keys and extra properties", () => {
    expect(DesignSuggestionSchema.safeParse({ kind: "set_colour" }).success).toBe(false);
    expect(DesignSuggestionSchema.safeParse({ kind: "add_criterion", catalogKey: "nope" }).error!.issues[0]!.message).toBe(
      "designReview.suggestion.catalogUnknown",
    );
    expect(DesignSuggestionSchema.safeParse({ kind: "set_weight", weight: 5, target: 1 }).success).toBe(false);
  });
});

describe("applySuggestion", () => {
  it("sets one criterion's target and leaves everything else as it was", () => {
    const r = applySuggestion(draft, "accuracy", { kind: "set_target", target: 0.995 });
    expect(r).toEqual({ ok: true, changes: { criteria: [tco, { ...accuracy, target: 0.995 }] } });
    expect(draft.criteria[1]!.target).toBe(0.999);
  });

  it("sets a weight, a scale and a gate, and removes a target or a gate", () => {
    const w = applySuggestion(draft, "tco", { kind: "set_weight", weight: 50 });
    expect(w.ok && w.changes.criteria![0]!.weight).toBe(50);
    const s = applySuggestion(draft, "accuracy", { kind: "set_scale", scale: { worst: 0.9, best: 1 } });
    expect(s.ok && s.changes.criteria![1]!.scale).toEqual({ worst: 0.9, best: 1 });
    const g = applySuggestion(draft, "accuracy", { kind: "set_gate", gate: { min: 0.98 } });
    expect(g.ok && g.changes.criteria![1]!.gate).toEqual({ min: 0.98 });
    const noTarget = applySuggestion(draft, "accuracy", { kind: "set_target", target: null });
    expect(noTarget.ok && "target" in noTarget.changes.criteria![1]!).toBe(false);
    expect(noTarget.ok && noTarget.changes.criteria![1]!.scale).toEqual(accuracy.scale);
  });

  it("adds a catalog KPI with the suggested gate and target ('revision rounds ≤ 2')", () => {
    const r = applySuggestion(draft, null, { kind: "add_criterion", catalogKey: "revision_rounds", gate: { max: 2 }, weight: 10 });
    expect(r.ok).toBe(true);
    const added = r.ok ? r.changes.criteria![2]! : null;
    expect(added).toMatchObject({ key: "revision_rounds", source: "kpi_commitment", unit: "count", weight: 10, gate: { max: 2 }, target: 2 });
  });

  it("removes a criterion and sets the scoring method", () => {
    expect(applySuggestion(draft, "accuracy", { kind: "remove_criterion" })).toEqual({ ok: true, changes: { criteria: [tco] } });
    expect(applySuggestion(draft, null, { kind: "set_scoring_method", scoringMethod: "topsis" })).toEqual({ ok: true, changes: { scoringMethod: "topsis" } });
  });

  it("refuses a suggestion whose criterion is gone, at the criterion", () => {
    expect(applySuggestion({ criteria: [tco] }, "accuracy", { kind: "set_target", target: 0.995 })).toEqual({
      ok: false,
      problems: [{ path: ["criterionKey"], message: "designReview.suggestion.criterionGone" }],
    });
  });

  it("refuses a value outside the unit's range, at the suggested value", () => {
    const rate = applySuggestion(draft, "accuracy", { kind: "set_target", target: 99.5 });
    expect(rate).toEqual({ ok: false, problems: [{ path: ["suggestion", "target"], message: "rfq.criteria.rateOutOfRange" }] });
    const backwards = applySuggestion(draft, "accuracy", { kind: "set_scale", scale: { worst: 1, best: 0.9 } });
    expect(backwards).toEqual({ ok: false, problems: [{ path: ["suggestion", "scale", "best"], message: "rfq.criteria.scale.direction" }] });
    const yenGate = applySuggestion(draft, "tco", { kind: "set_gate", gate: { max: 1.5 } });
    expect(yenGate.ok).toBe(false);
  });

  it("refuses adding a KPI that is already a criterion", () => {
    const r = applySuggestion(draft, null, { kind: "add_criterion", catalogKey: "accuracy" });
    expect(r).toEqual({ ok: false, problems: [{ path: ["suggestion", "catalogKey"], message: "designReview.suggestion.criterionExists" }] });
  });
});
