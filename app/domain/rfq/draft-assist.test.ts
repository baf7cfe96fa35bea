import { describe, expect, it } from "vitest";
import { assistDraft, proposeTcoScale, syncCertificationGates } from "./draft-assist";
import { suggestCriteria, suggestRequiredCertifications } from "./kpi-templates";
import { checkPublishable, rfqDraftSchema, type RfqDraft } from "./schema";
import { BEFORE_DEADLINE, completeRfqInput } from "./test-fixtures";

// A draft as the "new RFQ" page creates it from the catalog (issue 14, item 9).
function catalogDraft(overrides: Partial<RfqDraft> = {}): RfqDraft {
  return rfqDraftSchema.parse({
    title: "給与計算の委託",
    category: "hr_payroll",
    phase: "launch",
    dataSensitivity: "personal",
    criteria: suggestCriteria("hr_payroll", "launch", "personal"),
    requiredCertifications: suggestRequiredCertifications("personal"),
    scoringMethod: "weighted-sum-target",
    ...overrides,
  });
}

const tcoScale = (draft: RfqDraft) => draft.criteria!.find((c) => c.key === "tco")!.scale;

describe("the TCO scale proposed from the budget or the baseline", () => {
  it("starts blocked without a basis, and is proposed once the budget is saved", () => {
    const fresh = catalogDraft();
    const keys = (d: RfqDraft) => checkPublishable({ ...completeRfqInput(), ...d }, BEFORE_DEADLINE).map((p) => `${p.key}@${p.path.join(".")}`);
    expect(keys(assistDraft(null, fresh))).toContain("rfq.criteria.scale.required@criteria.0.scale");
    const withBudget = assistDraft(fresh, { ...fresh, budget: { min: 8_000_000, max: 12_000_000, showToVendors: false } });
    expect(tcoScale(withBudget)).toEqual({ worst: 12_000_000, best: 8_000_000 });
    expect(keys(withBudget)).not.toContain("rfq.criteria.scale.required@criteria.0.scale");
  });

  it("follows a changed budget while the scale is still the proposal, and never touches a scale the buyer typed", () => {
    const first = assistDraft(null, catalogDraft({ budget: { min: 8_000_000, max: 12_000_000, showToVendors: false } }));
    const moved = assistDraft(first, { ...first, budget: { min: 9_000_000, max: 10_000_000, showToVendors: false } });
    expect(tcoScale(moved)).toEqual({ worst: 10_000_000, best: 9_000_000 });
    const typed = { ...moved, criteria: moved.criteria!.map((c) => (c.key === "tco" ? { ...c, scale: { worst: 11_000_000, best: 7_000_000 } } : c)) };
    const again = assistDraft(typed, { ...typed, budget: { min: 1, max: 2, showToVendors: false } });
    expect(tcoScale(again)).toEqual({ worst: 11_000_000, best: 7_000_000 });
  });

  it("uses the in-house cost over the term when there is no budget", () => {
    expect(proposeTcoScale({ baselineCostMonthlyYen: 1_000_000, contractTermMonths: 12 })).toMatchObject({
      basis: "baseline",
      scale: { worst: 12_000_000, best: 8_400_000 },
    });
    expect(proposeTcoScale({ baselineCostMonthlyYen: 1_000_000 })).toBeNull();
    expect(proposeTcoScale({ budget: { min: 5_000_000, max: 5_000_000, showToVendors: false } })?.scale).toEqual({ worst: 5_000_000, best: 4_000_000 });
  });
});

describe("certification gates follow their requirement (issue 14, item 8)", () => {
  it("drops the Privacy Mark gate when it is relaxed to preferred, and restores it when mandatory again", () => {
    const draft = catalogDraft();
    const relaxed = draft.requiredCertifications!.map((c) => (c.type === "privacy_mark" ? { ...c, level: "preferred" as const, reason: "入力のみ" } : c));
    const criteria = syncCertificationGates(draft.criteria!, relaxed);
    expect(criteria.find((c) => c.key === "cert_privacy_mark")!.gate).toBeUndefined();
    const back = syncCertificationGates(criteria, draft.requiredCertifications!);
    expect(back.find((c) => c.key === "cert_privacy_mark")!.gate).toEqual({ required: true });
  });

  it("refuses publication while a gate contradicts its certification's level", () => {
    const input = completeRfqInput({ dataSensitivity: "none", requiredCertifications: [{ type: "privacy_mark", level: "preferred" }] });
    input.criteria!.push({
      key: "cert_privacy_mark",
      label: { ja: "プライバシーマーク", en: "Privacy Mark" },
      perspective: "internalProcess",
      direction: "benefit",
      weight: 5,
      source: "certification",
      unit: "flag",
      scale: { worst: 0, best: 1 },
      gate: { required: true },
    });
    const errors = checkPublishable(input, BEFORE_DEADLINE).filter((p) => p.severity === "error");
    expect(errors.map((p) => `${p.key}@${p.path.join(".")}`)).toEqual(["rfqReview.cert.gateMismatch@criteria.3.gate"]);
  });
});
