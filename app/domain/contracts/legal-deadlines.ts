import type { Bilingual } from "~/i18n";
import type { LegalDeadlineMessageKey } from "~/i18n/messages-legal-deadlines";
import type { FieldProblem } from "~/utils/service-failure";
import { addCalendarDays, type CalendarDate } from "~/domain/calendar/japan-business-days";

/**
 * The statutory inspection and payment deadlines a contract's milestones must respect, as data
 * (docs/legal-deadlines.md has the sources and what is not enforced; it is not legal advice).
 *
 * Every rule counts CALENDAR days (暦日): the laws say 「…日以内」 with no reference to business days, and
 * neither moves a deadline for a weekend. Two ways of counting exist:
 * - 「…を受けた日から十日以内」 (政府契約の支払遅延防止等に関する法律): the day of the event is not counted
 *   (民法 第140条, 初日不算入), so the latest day is the event date + 10.
 * - 「…受領した日から起算して六十日の期間内」 (中小受託取引適正化法 / フリーランス法): 起算して counts the day of
 *   receipt as day 1, so the latest day is receipt + 59 — the date the laws themselves deem the due date
 *   when a contract sets a later one (「六十日を経過した日の前日」).
 * A milestone's day count is written the way its rule counts, so "60" is always the legal maximum.
 */

export type BuyerKind = "municipality" | "company";
export type LegalRuleId = "municipality.inspection" | "municipality.payment" | "company.payment";
/** The milestone field a rule limits. */
export type DeadlineField = "inspectionDays" | "paymentDueDays";
/** What a rule's days count from. */
export type DeadlineEvent = "completionNotice" | "properInvoice" | "receipt";

export interface LawSource {
  /** The law's official title. */
  readonly title: Bilingual;
  /** The name people use. */
  readonly shortName: Bilingual;
  readonly lawNumber: Bilingual;
  readonly article: Bilingual;
  /** e-Gov 法令検索. */
  readonly url: string;
}

export interface LegalDeadlineRule {
  readonly id: LegalRuleId;
  readonly buyerKind: BuyerKind;
  readonly obligation: "inspection" | "payment";
  readonly field: DeadlineField;
  readonly maxDays: number;
  readonly countsFrom: DeadlineEvent;
  readonly countsFromWords: Bilingual;
  /** Always calendar days for these laws (see the module comment). */
  readonly dayKind: "calendar";
  /** "excluded": 民法140条 初日不算入 (event + N); "included": 起算して, the event day is day 1 (event + N − 1). */
  readonly firstDay: "excluded" | "included";
  /** One line for a contract or a packet: 「受領日から起算して60日以内」. */
  readonly summary: Bilingual;
  /** The refusal, naming the rule. */
  readonly violationKey: LegalDeadlineMessageKey;
  readonly sources: readonly LawSource[];
}

const PAYMENT_DELAY_ACT = {
  title: { ja: "政府契約の支払遅延防止等に関する法律", en: "Act on Prevention of Delay in Payment under Government Contracts" },
  shortName: { ja: "支払遅延防止法", en: "Payment Delay Prevention Act" },
  lawNumber: { ja: "昭和24年法律第256号", en: "Act No. 256 of 1949" },
  url: "https://laws.e-gov.go.jp/law/324AC0000000256",
} as const;

const SME_CONTRACTOR_ACT = {
  title: {
    ja: "製造委託等に係る中小受託事業者に対する代金の支払の遅延等の防止に関する法律",
    en: "Act on Prevention of Delay in Payment to Small and Medium-sized Contractors for Manufacturing and Other Commissions",
  },
  shortName: { ja: "中小受託取引適正化法（取適法、旧下請法）", en: "SME Contractor Transactions Act (formerly the Subcontract Act)" },
  lawNumber: {
    ja: "昭和31年法律第120号（令和7年法律第41号による改正、2026年1月1日施行）",
    en: "Act No. 120 of 1956, as amended by Act No. 41 of 2025 (in force 1 January 2026)",
  },
  url: "https://laws.e-gov.go.jp/law/331AC0000000120",
} as const;

const FREELANCE_ACT = {
  title: { ja: "特定受託事業者に係る取引の適正化等に関する法律", en: "Act on the Proper Conduct of Transactions with Specified Entrusted Business Operators" },
  shortName: { ja: "フリーランス・事業者間取引適正化等法", en: "Freelance Act" },
  lawNumber: { ja: "令和5年法律第25号", en: "Act No. 25 of 2023" },
  url: "https://laws.e-gov.go.jp/law/505AC0000000025",
} as const;

const APPLIED_TO_LOCAL_GOVERNMENTS = { ja: "（第14条により地方公共団体の契約に準用）", en: " (applied to local governments by Art. 14)" };

export const LEGAL_DEADLINE_RULES: readonly LegalDeadlineRule[] = [
  {
    id: "municipality.inspection",
    buyerKind: "municipality",
    obligation: "inspection",
    field: "inspectionDays",
    maxDays: 10,
    countsFrom: "completionNotice",
    countsFromWords: { ja: "給付を終了した旨の通知を受けた日", en: "the day the completion notice is received" },
    dayKind: "calendar",
    firstDay: "excluded",
    summary: { ja: "完了通知を受けた日から10日以内に検査", en: "Inspection within 10 days of the completion notice" },
    violationKey: "legalDeadlines.municipality.inspection.exceeded",
    sources: [
      {
        ...PAYMENT_DELAY_ACT,
        article: {
          ja: `第5条第1項（工事以外の給付。工事は14日）${APPLIED_TO_LOCAL_GOVERNMENTS.ja}`,
          en: `Art. 5(1) (work other than construction; construction: 14 days)${APPLIED_TO_LOCAL_GOVERNMENTS.en}`,
        },
      },
    ],
  },
  {
    id: "municipality.payment",
    buyerKind: "municipality",
    obligation: "payment",
    field: "paymentDueDays",
    maxDays: 30,
    countsFrom: "properInvoice",
    countsFromWords: { ja: "検査終了後に適法な支払請求を受けた日", en: "the day a proper invoice is received after inspection" },
    dayKind: "calendar",
    firstDay: "excluded",
    summary: { ja: "適法な支払請求を受けた日から30日以内に支払", en: "Payment within 30 days of a proper invoice" },
    violationKey: "legalDeadlines.municipality.payment.exceeded",
    sources: [
      {
        ...PAYMENT_DELAY_ACT,
        article: {
          ja: `第6条第1項（工事以外の給付の対価。工事代金は40日）${APPLIED_TO_LOCAL_GOVERNMENTS.ja}`,
          en: `Art. 6(1) (payment for work other than construction; construction: 40 days)${APPLIED_TO_LOCAL_GOVERNMENTS.en}`,
        },
      },
    ],
  },
  {
    id: "company.payment",
    buyerKind: "company",
    obligation: "payment",
    field: "paymentDueDays",
    maxDays: 60,
    countsFrom: "receipt",
    countsFromWords: {
      ja: "給付を受領した日（役務は提供を受けた日）。検査の有無を問わない",
      en: "the day the work is received (for services, the day they are provided), whether or not it is inspected",
    },
    dayKind: "calendar",
    firstDay: "included",
    summary: { ja: "受領日から起算して60日以内に支払", en: "Payment within 60 days from receipt (receipt day = day 1)" },
    violationKey: "legalDeadlines.company.payment.exceeded",
    sources: [
      { ...SME_CONTRACTOR_ACT, article: { ja: "第3条第1項（旧下請法 第2条の2第1項）", en: "Art. 3(1) (formerly Art. 2-2(1) of the Subcontract Act)" } },
      { ...FREELANCE_ACT, article: { ja: "第4条第1項", en: "Art. 4(1)" } },
    ],
  },
];

/** The rules that bind a buyer of this kind. */
export function rulesFor(buyerKind: BuyerKind): readonly LegalDeadlineRule[] {
  return LEGAL_DEADLINE_RULES.filter((rule) => rule.buyerKind === buyerKind);
}

export function ruleById(id: LegalRuleId): LegalDeadlineRule {
  const rule = LEGAL_DEADLINE_RULES.find((candidate) => candidate.id === id);
  if (!rule) throw new RangeError(`unknown legal deadline rule: ${id}`);
  return rule;
}

/** The smallest day count a rule's way of counting allows (起算して: day 1 is the event day). */
export const minDaysFor = (rule: LegalDeadlineRule) => (rule.firstDay === "included" ? 1 : 0);

/** The date `days` after `eventDate`, counted as the rule counts (a milestone's agreed date). */
export function deadlineAfter(rule: LegalDeadlineRule, eventDate: CalendarDate, days: number): CalendarDate {
  if (!Number.isInteger(days) || days < minDaysFor(rule)) throw new RangeError(`invalid day count for ${rule.id}: ${days}`);
  return addCalendarDays(eventDate, rule.firstDay === "included" ? days - 1 : days);
}

/**
 * The latest date the law allows after the event: notice 2026-04-01 → inspection by 2026-04-11; receipt
 * 2026-04-01 → payment by 2026-05-30. A calendar date; when it is not a business day the buyer must act
 * earlier (`businessDayOnOrBefore`) — the deadline is never moved later here.
 */
export function dueDateFor(rule: LegalDeadlineRule, eventDate: CalendarDate): CalendarDate {
  return deadlineAfter(rule, eventDate, rule.maxDays);
}

/** A milestone's deadline terms, in the counting of the buyer's rules (days after the event each rule names). */
export interface MilestoneDeadlineTerms {
  readonly inspectionDays?: number | null;
  readonly paymentDueDays?: number | null;
}

export interface ScheduleOptions {
  /** A company records that the contract is outside 取適法 and the Freelance Act, with its reason (audited by the caller). */
  readonly outsideScope?: { readonly reason: string } | null;
}

export interface LegalDeadlineProblem extends FieldProblem {
  readonly severity: "error";
  /** The rule broken, when the problem is a breach of one. */
  readonly rule?: LegalRuleId;
}

export const OUTSIDE_SCOPE_REASON_MAX = 1000;

/**
 * Field-level problems of a milestone schedule against the buyer's legal deadlines; empty means it may be
 * saved. Paths are `milestones[i].inspectionDays|paymentDueDays` and `outsideScope(.reason)`. A company
 * that records a reason for being outside the laws' scope is held to no maximum, but its day counts must
 * still be whole numbers.
 */
export function checkMilestoneSchedule(
  buyerKind: BuyerKind,
  milestones: readonly MilestoneDeadlineTerms[],
  options: ScheduleOptions = {},
): LegalDeadlineProblem[] {
  const problems: LegalDeadlineProblem[] = [];
  const add = (path: (string | number)[], key: LegalDeadlineMessageKey, rule?: LegalRuleId) =>
    problems.push({ path, key, severity: "error", ...(rule ? { rule } : {}) });

  let exempt = false;
  if (options.outsideScope) {
    const reason = options.outsideScope.reason?.trim() ?? "";
    if (buyerKind === "municipality") add(["outsideScope"], "legalDeadlines.outsideScope.notForMunicipality");
    else if (reason === "") add(["outsideScope", "reason"], "legalDeadlines.outsideScope.reasonRequired");
    else if (reason.length > OUTSIDE_SCOPE_REASON_MAX) add(["outsideScope", "reason"], "legalDeadlines.outsideScope.reasonTooLong");
    else exempt = true;
  }

  milestones.forEach((milestone, index) => {
    for (const rule of rulesFor(buyerKind)) {
      const path = ["milestones", index, rule.field];
      const days = milestone[rule.field];
      if (days === undefined || days === null) {
        if (!exempt) add(path, "legalDeadlines.days.required");
      } else if (!Number.isInteger(days) || days < minDaysFor(rule)) {
        add(path, "legalDeadlines.days.invalid");
      } else if (!exempt && days > rule.maxDays) {
        add(path, rule.violationKey, rule.id);
      }
    }
  });
  return problems;
}
