import { describe, expect, it } from "vitest";
import { kpiLabel, profileTrackRecord, summarizeTrackRecord, weighTrackRecord, type ProfileFact } from "./track-record";

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

describe("weighTrackRecord", () => {
  // A fixed "today", as the app's clock would give it.
  const today = "2026-11-20";
  it("weighs each day's counts by 2^(−age / 730 days), successes and trials alike, and keeps the unweighted counts", () => {
    const [accuracy, onTime] = weighTrackRecord(
      [
        { kpi_key: "accuracy", observed_on: "2026-11-20", successes: 99, trials: 100 },
        { kpi_key: "accuracy", observed_on: "2024-11-20", successes: 90, trials: 100 },
        { kpi_key: "on_time_rate", observed_on: "2022-11-21", successes: 1, trials: 1 },
      ],
      today,
    );
    // 2024-11-20 → 2026-11-20 is exactly 730 days: weight ½.
    expect(accuracy).toEqual({ kpi_key: "accuracy", successes: 99 + 45, trials: 150, raw_successes: 189, raw_trials: 200 });
    // 2022-11-21 → 2026-11-20 is 1,460 days: weight ¼.
    expect(onTime!.successes).toBeCloseTo(0.25, 15);
    expect(onTime!.trials).toBeCloseTo(0.25, 15);
    expect(onTime).toMatchObject({ raw_successes: 1, raw_trials: 1 });
  });

  it("counts a fact dated after today as today's, and refuses impossible counts", () => {
    expect(weighTrackRecord([{ kpi_key: "accuracy", observed_on: "2026-12-31", successes: 5, trials: 10 }], today)[0]).toMatchObject({
      successes: 5,
      trials: 10,
    });
    expect(() => weighTrackRecord([{ kpi_key: "accuracy", observed_on: today, successes: 11, trials: 10 }], today)).toThrow(RangeError);
  });
});

describe("profileTrackRecord", () => {
  const fact = (f: Partial<ProfileFact>): ProfileFact => ({
    contract_id: "c1",
    category: "data_entry",
    buyer_kind: "municipality",
    kpi_key: "accuracy",
    observed_on: "2026-10-31",
    successes: null,
    trials: null,
    value_sum: null,
    value_count: 0,
    ...f,
  });
  it("groups by category and contract, keeps rates and values apart, and names no buyer", () => {
    const record = profileTrackRecord(
      [
        fact({ observed_on: "2024-11-20", successes: 90, trials: 100 }),
        fact({ observed_on: "2026-11-20", successes: 99, trials: 100 }),
        fact({ kpi_key: "revision_rounds", observed_on: "2026-11-20", value_sum: 3, value_count: 2 }),
        fact({ contract_id: "c2", category: "creative", buyer_kind: "company", kpi_key: "on_time_rate", observed_on: "2025-03-31", successes: 1, trials: 1 }),
      ],
      "2026-11-20",
    );
    expect(record.contracts).toBe(2);
    expect(record.categories.map((c) => [c.category, c.contracts])).toEqual([
      ["creative", 1],
      ["data_entry", 1],
    ]);
    const dataEntry = record.categories.find((c) => c.category === "data_entry")!;
    expect(dataEntry.kpis).toEqual([{ kpi_key: "accuracy", successes: 144, trials: 150, raw_successes: 189, raw_trials: 200 }]);
    expect(dataEntry.values).toEqual([{ kpi_key: "revision_rounds", mean: 1.5, count: 2 }]);
    // Rates of every category in the summary: accuracy and the on-time rate.
    expect(Object.keys(record.summary.rates)).toEqual(["accuracy", "on_time_rate"]);
    expect(record.engagements).toEqual([
      { category: "data_entry", buyerKind: "municipality", from: "2024-11", to: "2026-11", kpis: [{ kpi_key: "accuracy", successes: 189, trials: 200 }] },
      { category: "creative", buyerKind: "company", from: "2025-03", to: "2025-03", kpis: [{ kpi_key: "on_time_rate", successes: 1, trials: 1 }] },
    ]);
    expect(JSON.stringify(record)).not.toContain("c1");
  });

  it("is empty without facts", () => {
    expect(profileTrackRecord([], "2026-11-20")).toMatchObject({ contracts: 0, categories: [], engagements: [], summary: { engagements: 0 } });
  });
});
