import { describe, expect, it } from "vitest";
import type { SlaTarget } from "~/domain/contracts/contract-draft";
import { ragStatus } from "~/domain/evidence/rag";
import { kpiTrends, reviewKpiTable, reviewPriorStrength, type ReviewFact } from "./kpi-table";

const sla: SlaTarget[] = [
  { key: "accuracy", label: { ja: "入力精度", en: "Accuracy" }, unit: "rate", direction: "benefit", target: 0.999 },
  { key: "answer_rate", label: { ja: "応答率", en: "Answer rate" }, unit: "rate", direction: "benefit", target: 0.9 },
  { key: "error_rate", label: { ja: "誤り率", en: "Error rate" }, unit: "rate", direction: "cost", target: 0.05 },
  { key: "first_response_hours", label: { ja: "初回応答時間", en: "First response" }, unit: "hours", direction: "cost", target: 4 },
];
const rate = (kpiKey: string, successes: number, trials: number, observedOn: string): ReviewFact => ({ kpiKey, successes, trials, value: null, observedOn });
const value = (kpiKey: string, v: number, observedOn: string): ReviewFact => ({ kpiKey, successes: null, trials: null, value: v, observedOn });
const may = { start: "2026-05-01", end: "2026-05-31" };

describe("the review's KPI table", () => {
  it("is grey for every rate KPI without trials — never green by default", () => {
    const rows = reviewKpiTable(sla, [], may, "2026-04-01");
    expect(rows.map((r) => [r.key, r.period.rag, r.toDate.rag, r.period.actual])).toEqual([
      ["accuracy", "grey", "grey", null],
      ["answer_rate", "grey", "grey", null],
      ["error_rate", "grey", "grey", null],
      ["first_response_hours", null, null, null],
    ]);
  });

  it("reads green, amber and red from the period's facts, and adds up the term to date", () => {
    const facts = [
      rate("accuracy", 9_999, 10_000, "2026-05-31"), // 99.99 % against 99.9 % on 10,000: green
      rate("answer_rate", 950, 1_000, "2026-04-30"),
      rate("answer_rate", 800, 1_000, "2026-05-31"), // 80 % against 90 %: red
      rate("error_rate", 4, 100, "2026-05-31"), // 96 % good against 95 %, on 100: amber
      value("first_response_hours", 3, "2026-05-31"),
      value("first_response_hours", 6, "2026-05-31"),
    ];
    const rows = reviewKpiTable(sla, facts, may, "2026-04-01");
    const by = Object.fromEntries(rows.map((r) => [r.key, r]));
    expect(by.accuracy!.period).toMatchObject({ successes: 9_999, trials: 10_000, rag: "green" });
    expect(by.answer_rate!.period).toMatchObject({ successes: 800, trials: 1_000, actual: 0.8, rag: "red" });
    expect(by.answer_rate!.toDate).toMatchObject({ successes: 1_750, trials: 2_000, actual: 0.875, rag: "red" });
    expect(by.error_rate!.period).toMatchObject({ actual: 0.04, rag: "amber" });
    expect(by.first_response_hours!.period).toMatchObject({ values: [3, 6], actual: 4.5, met: false, rag: null });
    // April's table sees only April.
    const april = reviewKpiTable(sla, facts, { start: "2026-04-01", end: "2026-04-30" }, "2026-04-01");
    expect(april.find((r) => r.key === "answer_rate")!.period).toMatchObject({ trials: 1_000, rag: "green" });
  });

  it("agrees with ragStatus on the complement for a lower-is-better rate", () => {
    const rows = reviewKpiTable(sla, [rate("error_rate", 30, 100, "2026-05-10")], may, "2026-04-01");
    const expected = ragStatus({ successes: 70, trials: 100, target: 0.95, priorClaim: 0.95, priorStrength: reviewPriorStrength(0.95) }).status;
    expect(rows.find((r) => r.key === "error_rate")!.period.rag).toBe(expected);
    expect(expected).toBe("red");
  });

  it("keeps a tiny sample amber even against 99.9 % (k raised to 1,000), and 99.9 % exactly amber", () => {
    expect(reviewPriorStrength(0.999)).toBe(1000);
    expect(reviewPriorStrength(0.9)).toBe(10);
    const one = reviewKpiTable(sla, [rate("accuracy", 1, 1, "2026-05-31")], may, "2026-04-01");
    expect(one[0]!.period.rag).toBe("amber");
    const exact = reviewKpiTable(sla, [rate("accuracy", 9_990, 10_000, "2026-05-31")], may, "2026-04-01");
    expect(exact[0]!.period.rag).toBe("amber");
    const poor = reviewKpiTable(sla, [rate("accuracy", 9_900, 10_000, "2026-05-31")], may, "2026-04-01");
    expect(poor[0]!.period.rag).toBe("red");
  });

  it("adds delivery facts without a commitment, unjudged", () => {
    const rows = reviewKpiTable(sla, [rate("on_time_rate", 1, 1, "2026-05-20"), value("revision_rounds", 2, "2026-05-20")], may, "2026-04-01");
    expect(rows.slice(4).map((r) => [r.key, r.target, r.period.actual, r.period.rag, r.period.met])).toEqual([
      ["on_time_rate", null, 1, null, null],
      ["revision_rounds", null, 2, null, null],
    ]);
  });

  it("gives each KPI's trend over the periods", () => {
    const facts = [rate("answer_rate", 950, 1_000, "2026-04-30"), rate("answer_rate", 800, 1_000, "2026-05-31")];
    const trends = kpiTrends(sla, facts, [{ start: "2026-04-01", end: "2026-04-30" }, may], "2026-04-01");
    const answer = trends.find((t) => t.key === "answer_rate")!;
    expect(answer.points.map((p) => [p.periodStart, p.actual, p.rag])).toEqual([
      ["2026-04-01", 0.95, "green"],
      ["2026-05-01", 0.8, "red"],
    ]);
  });
});
