import { describe, expect, it } from "vitest";
import { missedKpiRisk, riskTarget } from "./kpi-risk";

// Reference values from SciPy 1.17: scipy.special.betainc(claim·k + s, (1 − claim)·k + (t − s), target), and
// 1 − that for a lower-is-better rate. Counts are fractional, as recency-weighted evidence is.
const rate = { unit: "rate" as const, source: "kpi_commitment" as const };
const record = (claim: number, successes: number, trials: number, k = 10) => ({
  claim,
  priorStrength: k,
  verified: trials > 0,
  evidence: { successes, trials },
});

describe("missedKpiRisk", () => {
  it("is I_target(a, b) for a higher-is-better rate with the RFQ's target", () => {
    const risk = missedKpiRisk({ ...rate, direction: "benefit", target: 0.95 }, record(0.98, 44.37, 49.2));
    expect(risk).toMatchObject({ target: 0.95, from: "target" });
    expect(risk!.probability).toBeCloseTo(0.838627722015358, 12);
  });

  it("falls back to the buyer's minimum when the criterion has no target", () => {
    const risk = missedKpiRisk({ ...rate, direction: "benefit", gate: { min: 0.995 } }, record(0.999, 9.5, 10));
    expect(risk).toMatchObject({ target: 0.995, from: "minimum" });
    expect(risk!.probability).toBeCloseTo(0.668597682160909, 12);
  });

  it("is the chance of being above the target for a lower-is-better rate (errors, defects)", () => {
    const risk = missedKpiRisk({ ...rate, direction: "cost", target: 0.02 }, record(0.01, 2.5, 100));
    expect(risk!.probability).toBeCloseTo(0.5242772088066244, 12);
    expect(riskTarget({ direction: "cost", gate: { max: 0.05 } })).toEqual({ target: 0.05, from: "maximum" });
  });

  it("shows nothing without a target or threshold, without a record, or for what is not a rate commitment", () => {
    expect(missedKpiRisk({ ...rate, direction: "benefit" }, record(0.98, 45, 50))).toBeNull();
    expect(missedKpiRisk({ ...rate, direction: "benefit", gate: { required: true } as never }, record(0.98, 45, 50))).toBeNull();
    expect(missedKpiRisk({ ...rate, direction: "benefit", target: 0.95 }, record(0.98, 0, 0))).toBeNull();
    expect(missedKpiRisk({ ...rate, direction: "benefit", target: 0.95 }, { claim: 0.98, priorStrength: 10, verified: false, evidence: null })).toBeNull();
    expect(missedKpiRisk({ unit: "rate", source: "track_record", direction: "benefit", target: 0.95 }, record(0.98, 45, 50))).toBeNull();
    expect(missedKpiRisk({ unit: "days", source: "kpi_commitment", direction: "cost", target: 3 }, record(0.98, 45, 50))).toBeNull();
  });
});
