import { describe, expect, it } from "vitest";
import { DATA_SENSITIVITIES, RFQ_CATEGORIES, RFQ_PHASES } from "./categories";
import { CATEGORY_KPI_KEYS, KPI_CATALOG, suggestCriteria, suggestRequiredCertifications, toWeightPoints } from "./kpi-templates";
import { criterionSchema, rfqSchema } from "./schema";
import { BEFORE_DEADLINE, completeRfqInput } from "./test-fixtures";
import { checkPublishable } from "./publishable";

const weightOf = (criteria: ReturnType<typeof suggestCriteria>, key: string) => criteria.find((criterion) => criterion.key === key)?.weight;

describe("suggestCriteria", () => {
  const combinations = RFQ_CATEGORIES.flatMap((category) =>
    RFQ_PHASES.flatMap((phase) => DATA_SENSITIVITIES.map((sensitivity) => [category, phase, sensitivity] as const)),
  );

  it.each(combinations)("%s / %s / %s: valid criteria, unique keys, positive weights summing to 100", (category, phase, sensitivity) => {
    const criteria = suggestCriteria(category, phase, sensitivity);
    for (const criterion of criteria) expect(criterionSchema.safeParse(criterion).success).toBe(true);
    expect(new Set(criteria.map((criterion) => criterion.key)).size).toBe(criteria.length);
    expect(criteria.every((criterion) => criterion.weight > 0)).toBe(true);
    expect(criteria.reduce((sum, criterion) => sum + criterion.weight, 0)).toBe(100);
    expect(criteria[0].key).toBe("tco");
  });

  it("proposes creative work's KPIs for a launch, with hand-computed points", () => {
    // Raw weights: tco 30, lead time 5×2, on-time 15×2, revisions 10, quality 10, proposal 5 → 95 in all.
    // Exact shares: 31.58, 10.53, 31.58, 10.53, 10.53, 5.26 → floors 31+10+31+10+10+5 = 97; the 3 points left
    // go to the largest remainders: tco and on-time (.58), then lead time (.53, earliest of the ties).
    const criteria = suggestCriteria("creative", "launch", "none");
    expect(criteria.map((criterion) => [criterion.key, criterion.weight])).toEqual([
      ["tco", 32],
      ["lead_time_days", 11],
      ["on_time_rate", 32],
      ["revision_rounds", 10],
      ["deliverable_quality", 10],
      ["proposal_quality", 5],
    ]);
  });

  it("follows seed 003 by phase: launch favours on-time, improvement revisions, expansion ROI and satisfaction", () => {
    const launch = suggestCriteria("creative", "launch", "none");
    const improvement = suggestCriteria("creative", "improvement", "none");
    expect(weightOf(launch, "on_time_rate")!).toBeGreaterThan(weightOf(improvement, "on_time_rate")!);
    expect(weightOf(improvement, "revision_rounds")!).toBeGreaterThan(weightOf(launch, "revision_rounds")!);

    const supportExpansion = suggestCriteria("support_operations", "expansion", "none");
    const supportLaunch = suggestCriteria("support_operations", "launch", "none");
    expect(weightOf(supportExpansion, "csat")!).toBeGreaterThan(weightOf(supportLaunch, "csat")!);
    expect(weightOf(supportExpansion, "roi")).toBeDefined();
    expect(weightOf(supportLaunch, "roi")).toBeUndefined();
    expect(weightOf(supportLaunch, "first_response_hours")!).toBeGreaterThan(weightOf(supportExpansion, "first_response_hours")!);
  });

  it("uses the seed articles' KPIs per kind of work", () => {
    const keys = (category: (typeof RFQ_CATEGORIES)[number]) => suggestCriteria(category, "improvement", "none").map((criterion) => criterion.key);
    expect(keys("software_development")).toEqual(expect.arrayContaining(["defect_rate", "schedule_adherence"]));
    expect(keys("marketing")).toEqual(expect.arrayContaining(["cpa", "ctr", "cvr", "ad_roi"]));
    expect(keys("contact_center")).toEqual(expect.arrayContaining(["answer_rate", "resolution_rate", "csat"]));
    expect(keys("municipal")).toEqual(expect.arrayContaining(["accuracy", "answer_rate", "processing_lead_time_days"]));
    expect(keys("accounting")).toEqual(expect.arrayContaining(["accuracy", "on_time_close"]));
  });

  it("targets the SLA figures of seed 001: accuracy 99.9%, answer rate 95%", () => {
    expect(KPI_CATALOG.accuracy.target).toBe(0.999);
    expect(KPI_CATALOG.answer_rate.target).toBe(0.95);
  });

  it("adds certification criteria by data sensitivity, mandatory ones as gates", () => {
    const none = suggestCriteria("municipal", "launch", "none");
    expect(none.some((criterion) => criterion.source === "certification")).toBe(false);

    const personal = suggestCriteria("hr_payroll", "launch", "personal").filter((criterion) => criterion.source === "certification");
    expect(personal.map((criterion) => [criterion.key, criterion.gate])).toEqual([
      ["cert_privacy_mark", { required: true }],
      ["cert_isms_iso27001", undefined],
    ]);

    const myNumber = suggestCriteria("municipal", "launch", "my_number_bank").filter((criterion) => criterion.source === "certification");
    expect(myNumber.every((criterion) => criterion.gate !== undefined && "required" in criterion.gate)).toBe(true);
  });

  it("returns a fresh list every time, so editing one suggestion never changes the next", () => {
    const first = suggestCriteria("marketing", "expansion", "personal");
    first[0].weight = 99;
    first[1].label.ja = "変更";
    first[1].scale!.best = 123;
    const second = suggestCriteria("marketing", "expansion", "personal");
    expect(second[0].weight).not.toBe(99);
    expect(second[1].label.ja).not.toBe("変更");
    expect(second[1].scale!.best).not.toBe(123);
    expect(KPI_CATALOG.cpa.scale?.best).toBe(3000);
  });

  it("produces an RFQ that publishes once the buyer sets the TCO scale", () => {
    const criteria = suggestCriteria("municipal", "launch", "my_number_bank");
    const input = completeRfqInput({ criteria, requiredCertifications: suggestRequiredCertifications("my_number_bank") });
    expect(
      checkPublishable(input, BEFORE_DEADLINE)
        .filter((problem) => problem.severity === "error")
        .map((problem) => problem.key),
    ).toEqual(["rfq.criteria.scale.required"]);
    criteria[0].scale = { worst: 15_000_000, best: 10_000_000 };
    expect(rfqSchema.safeParse(completeRfqInput({ criteria })).success).toBe(true);
  });

  it("maps every category to catalog KPIs", () => {
    for (const keys of Object.values(CATEGORY_KPI_KEYS)) for (const key of keys) expect(KPI_CATALOG[key].key).toBe(key);
  });
});

describe("suggestRequiredCertifications", () => {
  it("pre-selects Privacy Mark for personal data and both for My Number or bank data", () => {
    expect(suggestRequiredCertifications("none")).toEqual([]);
    expect(suggestRequiredCertifications("personal")).toEqual([
      { type: "privacy_mark", level: "mandatory" },
      { type: "isms_iso27001", level: "preferred" },
    ]);
    expect(suggestRequiredCertifications("my_number_bank").every((cert) => cert.level === "mandatory")).toBe(true);
  });
});

describe("toWeightPoints", () => {
  it("returns integers summing to exactly 100, at least 1 each", () => {
    expect(toWeightPoints([1, 1, 1])).toEqual([34, 33, 33]);
    expect(toWeightPoints([1000, 1, 1])).toEqual([98, 1, 1]);
    const many = toWeightPoints(Array.from({ length: 150 }, () => 1));
    expect(many.every((points) => points >= 0)).toBe(true);
  });

  it("keeps the sum at 100 when flooring to 1 overshoots", () => {
    const points = toWeightPoints([1000, ...Array.from({ length: 10 }, () => 0.01)]);
    expect(points.reduce((a, b) => a + b, 0)).toBe(100);
    expect(points.slice(1).every((value) => value === 1)).toBe(true);
  });
});
