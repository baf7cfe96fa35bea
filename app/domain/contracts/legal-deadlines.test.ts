import { describe, expect, it } from "vitest";
import { t } from "~/i18n";
import { legalDeadlineMessages } from "~/i18n/messages-legal-deadlines";
import { failure } from "~/utils/service-failure";
import { businessDayOnOrBefore, isBusinessDay, MUNICIPAL_CALENDAR } from "~/domain/calendar/japan-business-days";
import { checkMilestoneSchedule, deadlineAfter, dueDateFor, LEGAL_DEADLINE_RULES, ruleById, rulesFor, type LegalDeadlineProblem } from "./legal-deadlines";

const inspection = ruleById("municipality.inspection");
const municipalPayment = ruleById("municipality.payment");
const companyPayment = ruleById("company.payment");

const shape = (problems: LegalDeadlineProblem[]) => problems.map(({ path, key, rule }) => ({ path: path.join("."), key, rule }));

describe("the rules, as data", () => {
  it("binds a municipality to inspection in 10 and payment in 30 days, a company to payment in 60, all calendar days", () => {
    expect(rulesFor("municipality").map((rule) => [rule.id, rule.field, rule.maxDays, rule.countsFrom])).toEqual([
      ["municipality.inspection", "inspectionDays", 10, "completionNotice"],
      ["municipality.payment", "paymentDueDays", 30, "properInvoice"],
    ]);
    expect(rulesFor("company").map((rule) => [rule.id, rule.field, rule.maxDays, rule.countsFrom])).toEqual([
      ["company.payment", "paymentDueDays", 60, "receipt"],
    ]);
    expect(LEGAL_DEADLINE_RULES.every((rule) => rule.dayKind === "calendar")).toBe(true);
  });

  it("names each rule's law, number and article in both languages, with an e-Gov address", () => {
    expect(inspection.sources.map((source) => [source.shortName.ja, source.article.ja])).toEqual([["支払遅延防止法", expect.stringContaining("第5条第1項")]]);
    expect(municipalPayment.sources[0].article.ja).toMatch(/第6条第1項.*第14条/);
    expect(companyPayment.sources.map((source) => source.title.ja)).toEqual([
      "製造委託等に係る中小受託事業者に対する代金の支払の遅延等の防止に関する法律",
      "特定受託事業者に係る取引の適正化等に関する法律",
    ]);
    expect(companyPayment.sources.map((source) => source.article.en)).toEqual([expect.stringContaining("Art. 3(1)"), "Art. 4(1)"]);
    for (const source of LEGAL_DEADLINE_RULES.flatMap((rule) => rule.sources)) {
      expect(source.url).toMatch(/^https:\/\/laws\.e-gov\.go\.jp\/law\/\d{3}AC\d{10}$/);
      for (const words of [source.title, source.shortName, source.lawNumber, source.article]) {
        expect(words.ja.trim()).not.toBe("");
        expect(words.en.trim()).not.toBe("");
      }
    }
  });

  it("words every refusal in Japanese and English, naming the law and its article", () => {
    for (const [key, words] of Object.entries(legalDeadlineMessages)) {
      expect(words.ja.trim(), key).not.toBe("");
      expect(words.en.trim(), key).not.toBe("");
    }
    expect(t("ja", companyPayment.violationKey)).toContain("中小受託取引適正化法 第3条第1項");
    expect(t("ja", companyPayment.violationKey)).toContain("フリーランス・事業者間取引適正化等法 第4条第1項");
    expect(t("en", companyPayment.violationKey)).toContain("60 days from receipt");
    expect(t("ja", inspection.violationKey)).toContain("第5条第1項");
    expect(t("ja", municipalPayment.violationKey)).toContain("第6条第1項");
  });
});

describe("dueDateFor: the latest legal date", () => {
  it("counts a municipality's days after the event (民法140条, the event day not counted)", () => {
    expect(dueDateFor(inspection, "2026-04-01")).toBe("2026-04-11");
    expect(dueDateFor(municipalPayment, "2026-04-01")).toBe("2026-05-01");
    // A proper invoice received on 2026-12-01: due 12-31, inside 年末年始 — the office pays by 12-28.
    expect(dueDateFor(municipalPayment, "2026-12-01")).toBe("2026-12-31");
    expect(businessDayOnOrBefore(dueDateFor(municipalPayment, "2026-12-01"), MUNICIPAL_CALENDAR)).toBe("2026-12-28");
  });

  it("counts a company's 60 days from receipt with the receipt day as day 1 (起算して)", () => {
    expect(dueDateFor(companyPayment, "2026-04-01")).toBe("2026-05-30");
    expect(dueDateFor(companyPayment, "2026-12-28")).toBe("2027-02-25");
    // ゴールデンウィーク does not extend it: calendar days, and a due date on a Saturday means paying on Friday.
    expect(isBusinessDay("2026-05-30")).toBe(false);
    expect(businessDayOnOrBefore(dueDateFor(companyPayment, "2026-04-01"))).toBe("2026-05-29");
  });

  it("gives a milestone's agreed date in the same counting, the maximum being the legal date", () => {
    expect(deadlineAfter(companyPayment, "2026-04-01", 30)).toBe("2026-04-30");
    expect(deadlineAfter(inspection, "2026-04-01", 0)).toBe("2026-04-01");
    for (const rule of LEGAL_DEADLINE_RULES) expect(deadlineAfter(rule, "2027-03-19", rule.maxDays)).toBe(dueDateFor(rule, "2027-03-19"));
    expect(() => deadlineAfter(companyPayment, "2026-04-01", 0)).toThrow(RangeError);
  });
});

describe("checkMilestoneSchedule", () => {
  it("lets a company pay on day 60 and refuses day 61, naming the rule at the milestone's field", () => {
    expect(checkMilestoneSchedule("company", [{ paymentDueDays: 60 }, { paymentDueDays: 30 }])).toEqual([]);
    expect(shape(checkMilestoneSchedule("company", [{ paymentDueDays: 30 }, { paymentDueDays: 45 }, { paymentDueDays: 61 }]))).toEqual([
      { path: "milestones.2.paymentDueDays", key: "legalDeadlines.company.payment.exceeded", rule: "company.payment" },
    ]);
  });

  it("holds a municipality to 10 days for inspection and 30 for payment", () => {
    expect(checkMilestoneSchedule("municipality", [{ inspectionDays: 10, paymentDueDays: 30 }])).toEqual([]);
    expect(shape(checkMilestoneSchedule("municipality", [{ inspectionDays: 11, paymentDueDays: 31 }]))).toEqual([
      { path: "milestones.0.inspectionDays", key: "legalDeadlines.municipality.inspection.exceeded", rule: "municipality.inspection" },
      { path: "milestones.0.paymentDueDays", key: "legalDeadlines.municipality.payment.exceeded", rule: "municipality.payment" },
    ]);
  });

  it("does not apply one buyer kind's rules to the other", () => {
    // A company's inspection period is its own business; 45 days is fine for a company, not for a municipality.
    expect(checkMilestoneSchedule("company", [{ inspectionDays: 20, paymentDueDays: 45 }])).toEqual([]);
    expect(shape(checkMilestoneSchedule("municipality", [{ inspectionDays: 5, paymentDueDays: 45 }]))).toEqual([
      { path: "milestones.0.paymentDueDays", key: "legalDeadlines.municipality.payment.exceeded", rule: "municipality.payment" },
    ]);
  });

  it("asks for every day count its rules need and refuses ones that are not whole numbers", () => {
    expect(shape(checkMilestoneSchedule("municipality", [{ paymentDueDays: 20 }]))).toEqual([
      { path: "milestones.0.inspectionDays", key: "legalDeadlines.days.required", rule: undefined },
    ]);
    expect(
      shape(checkMilestoneSchedule("company", [{ paymentDueDays: null }, { paymentDueDays: 0 }, { paymentDueDays: 1.5 }, { paymentDueDays: -3 }])),
    ).toEqual([
      { path: "milestones.0.paymentDueDays", key: "legalDeadlines.days.required", rule: undefined },
      { path: "milestones.1.paymentDueDays", key: "legalDeadlines.days.invalid", rule: undefined },
      { path: "milestones.2.paymentDueDays", key: "legalDeadlines.days.invalid", rule: undefined },
      { path: "milestones.3.paymentDueDays", key: "legalDeadlines.days.invalid", rule: undefined },
    ]);
    // Paying on the day of a proper invoice is allowed for a municipality (its days start after the event).
    expect(checkMilestoneSchedule("municipality", [{ inspectionDays: 0, paymentDueDays: 0 }])).toEqual([]);
  });

  it("lets a company record, with a reason, that the contract is outside the laws' scope", () => {
    const outsideScope = { reason: "受託者は資本金10億円超の大企業で、取適法・フリーランス法の対象外" };
    expect(checkMilestoneSchedule("company", [{ paymentDueDays: 90 }, {}], { outsideScope })).toEqual([]);
    expect(shape(checkMilestoneSchedule("company", [{ paymentDueDays: 2.5 }], { outsideScope }))).toEqual([
      { path: "milestones.0.paymentDueDays", key: "legalDeadlines.days.invalid", rule: undefined },
    ]);
  });

  it("refuses an empty or over-long reason, and keeps the rule in force until it is given", () => {
    expect(shape(checkMilestoneSchedule("company", [{ paymentDueDays: 90 }], { outsideScope: { reason: "  " } }))).toEqual([
      { path: "outsideScope.reason", key: "legalDeadlines.outsideScope.reasonRequired", rule: undefined },
      { path: "milestones.0.paymentDueDays", key: "legalDeadlines.company.payment.exceeded", rule: "company.payment" },
    ]);
    expect(shape(checkMilestoneSchedule("company", [], { outsideScope: { reason: "理".repeat(1001) } }))).toEqual([
      { path: "outsideScope.reason", key: "legalDeadlines.outsideScope.reasonTooLong", rule: undefined },
    ]);
  });

  it("never lets a municipality out of its law", () => {
    expect(shape(checkMilestoneSchedule("municipality", [{ inspectionDays: 10, paymentDueDays: 40 }], { outsideScope: { reason: "特例" } }))).toEqual([
      { path: "outsideScope", key: "legalDeadlines.outsideScope.notForMunicipality", rule: undefined },
      { path: "milestones.0.paymentDueDays", key: "legalDeadlines.municipality.payment.exceeded", rule: "municipality.payment" },
    ]);
  });

  it("gives problems a service can return as its field-level refusal", () => {
    const problems = checkMilestoneSchedule("company", [{ paymentDueDays: 61 }]);
    const refused = failure.invalid({ problems });
    expect(refused.status).toBe(400);
    expect(refused.problems?.map((problem) => t("ja", problem.key))).toEqual([expect.stringContaining("60日を超えています")]);
  });
});
