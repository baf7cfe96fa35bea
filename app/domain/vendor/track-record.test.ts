import { describe, expect, it } from "vitest";
import { kpiLabel, summarizeTrackRecord } from "./track-record";

describe("summarizeTrackRecord", () => {
  it("gives each measured KPI its observed rate and pools the timeliness KPIs into one on-time rate", () => {
    const s = summarizeTrackRecord(3, [
      { kpi_key: "accuracy", successes: 998, trials: 1000 },
      { kpi_key: "on_time_rate", successes: 18, trials: 20 },
      { kpi_key: "payroll_on_time", successes: 10, trials: 10 },
    ]);
    expect(s.engagements).toBe(3);
    expect(s.rates).toEqual({ accuracy: 0.998, on_time_rate: 0.9, payroll_on_time: 1 });
    expect(s.on_time_rate).toBeCloseTo(28 / 30, 12);
  });

  it("has no on-time rate when no timeliness KPI was measured, and ignores keys without trials", () => {
    expect(
      summarizeTrackRecord(1, [
        { kpi_key: "answer_rate", successes: 90, trials: 100 },
        { kpi_key: "on_time_rate", successes: 0, trials: 0 },
      ]),
    ).toEqual({
      engagements: 1,
      on_time_rate: null,
      rates: { answer_rate: 0.9 },
    });
    expect(summarizeTrackRecord(0, [])).toEqual({ engagements: 0, on_time_rate: null, rates: {} });
  });
});

describe("kpiLabel", () => {
  it("names catalog KPIs in the reader's language and falls back to the key", () => {
    expect(kpiLabel("on_time_rate", "ja")).toBe("納期遵守率");
    expect(kpiLabel("on_time_rate", "en")).toBe("On-time delivery rate");
    expect(kpiLabel("buyer_own_kpi", "en")).toBe("buyer_own_kpi");
  });
});
