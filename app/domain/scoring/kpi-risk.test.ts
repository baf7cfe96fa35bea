import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { probabilityBelowTarget } from "./credibility";
import { ScoringInputError } from "./errors";
import { missedTargetRisks, takeRiskTargets } from "./kpi-risk";
import type { RankingInput } from "./types";

interface Row {
  claim: number;
  k: number;
  successes: number;
  trials: number;
  target: number;
  P: number;
  note: string;
}

// Computed by scripts/fixtures/kpi-risk-table.py with a power series in decimal arithmetic (and an
// exact binomial check), not with the continued fraction this module uses.
const table = JSON.parse(readFileSync(new URL("../../../tests/fixtures/scoring/kpi-risk.json", import.meta.url), "utf8")) as { cases: Row[] };

describe("risk of a missed KPI against an independently computed table", () => {
  it("has the edge cases the table is meant to cover", () => {
    expect(table.cases.length).toBeGreaterThanOrEqual(20);
    expect(table.cases.some((row) => row.trials === 0)).toBe(true);
    expect(table.cases.some((row) => row.target === 0.999)).toBe(true);
    expect(table.cases.some((row) => row.P < 1e-30)).toBe(true);
  });

  it.each(table.cases.map((row) => [row.note, row] as const))("%s", (_note, row) => {
    const p = probabilityBelowTarget(row.claim, row.k, row.successes, row.trials, row.target);
    if (row.P === 0) expect(p).toBe(0);
    else expect(Math.abs(p - row.P) / row.P).toBeLessThan(1e-9);
  });
});

const input: RankingInput = {
  method: "topsis",
  criteria: [
    { key: "cost", label: { ja: "費用", en: "Cost" }, perspective: "financial", direction: "cost", weight: 1 },
    { key: "onTime", label: { ja: "納期遵守率", en: "On-time rate" }, perspective: "customer", direction: "benefit", weight: 1, kind: "rate" },
    {
      key: "accuracy",
      label: { ja: "正確性", en: "Accuracy" },
      perspective: "internalProcess",
      direction: "benefit",
      weight: 1,
      kind: "rate",
      priorStrength: 50,
    },
  ],
  alternatives: [
    {
      id: "a",
      values: { cost: 1, onTime: 0.95, accuracy: 0.97 },
      evidence: { onTime: { successes: 40, trials: 50 }, accuracy: { successes: 20, trials: 20 } },
    },
    { id: "b", values: { cost: 2, onTime: 0.95, accuracy: 0.99 }, evidence: { onTime: { successes: 0, trials: 0 } } },
    { id: "c", values: { cost: 3, onTime: null, accuracy: 0.9 }, evidence: { onTime: { successes: 5, trials: 5 } } },
  ],
};

describe("missedTargetRisks", () => {
  it("gives P only where a rate criterion has a target and the alternative has a claim and trials", () => {
    const risks = missedTargetRisks(input, { onTime: 0.95, accuracy: 0.95 });
    // a: k defaults to 10 on onTime; accuracy uses the criterion's own k = 50 (both rows of the table).
    expect(Object.keys(risks)).toEqual(["a"]);
    expect(risks.a.onTime).toBeCloseTo(0.9996886709929658, 12);
    expect(risks.a.accuracy).toBeCloseTo(0.07023872861157275, 12);
  });

  it("gives nothing without targets", () => {
    expect(missedTargetRisks(input, {})).toEqual({});
  });

  it("rejects a target on a criterion that is not a rate", () => {
    expect(() => missedTargetRisks(input, { cost: 0.5 })).toThrow(ScoringInputError);
  });
});

describe("takeRiskTargets", () => {
  it("lifts targets out of the raw criteria and leaves the rest untouched", () => {
    const raw = { method: "topsis", criteria: [{ key: "onTime", target: 0.95, weight: 1 }, { key: "cost" }], alternatives: [] };
    const { data, targets } = takeRiskTargets(raw);
    expect(targets).toEqual({ onTime: 0.95 });
    expect(data).toEqual({ method: "topsis", criteria: [{ key: "onTime", weight: 1 }, { key: "cost" }], alternatives: [] });
    expect(raw.criteria[0].target).toBe(0.95); // the caller's object is not mutated
  });

  it("rejects a target outside 0–1 or not a number, naming the field", () => {
    for (const target of [1.5, -0.1, "95%", null]) {
      try {
        takeRiskTargets({ criteria: [{ key: "x" }, { key: "onTime", target }] });
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(ScoringInputError);
        expect((error as ScoringInputError).issues.map((i) => i.path)).toEqual(["criteria[1].target"]);
      }
    }
  });

  it("passes through input that is not an object with criteria", () => {
    expect(takeRiskTargets(null)).toEqual({ data: null, targets: {} });
    expect(takeRiskTargets([1])).toEqual({ data: [1], targets: {} });
  });
});
