import { z } from "zod";
import type { ComparisonView } from "~/domain/comparison/comparison-view";
import { criterionScore100 } from "~/domain/comparison/perspective-scores";
import type { Criterion as RfqCriterion } from "~/domain/rfq/schema";
import type { ProposalSnapshot } from "./proposal";

// After the award (issue 15, item 4): the winner's answer (受諾/辞退), the not-selected vendors' one
// standstill question and the buyer's answer, the organisation's award settings, and the comparison view
// a debrief is projected from — rebuilt from the proposal's FROZEN snapshot, the decision the award rests
// on, never from today's ranking. Pure.

const text = (required: string, tooLong: string) => z.string({ error: required }).trim().min(1, required).max(2000, tooLong);

export const DeclineAwardInput = z.object({ reason: text("awardResult.decline.reason.required", "awardResult.text.tooLong") });
export const AwardQuestionInput = z.object({ body: text("awardResult.question.body.required", "awardResult.text.tooLong") });
export const AwardQuestionAnswerInput = z.object({ body: text("awardResult.answer.body.required", "awardResult.text.tooLong") });

/** A form sends text, the API numbers: an empty field is "missing", never 0. */
const days = (min: number, max: number, required: string, range: string) =>
  z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : Number(v.trim())) : v),
    z
      .number({ error: (issue) => (issue.input === undefined ? required : range) })
      .int(range)
      .min(min, range)
      .max(max, range),
  );

export const AWARD_SETTINGS_LIMITS = { accept: { min: 1, max: 30, default: 5 }, standstill: { min: 0, max: 20, default: 0 } } as const;

export const BUYER_KINDS = ["company", "municipality"] as const;

export const AwardSettingsInput = z.object({
  acceptBusinessDays: days(1, 30, "awardResult.settings.accept.required", "awardResult.settings.accept.range"),
  standstillBusinessDays: days(0, 20, "awardResult.settings.standstill.required", "awardResult.settings.standstill.range"),
  /**
   * Whether the buyer is a local government (支払遅延防止法: inspection in 10 days, payment in 30; closed over
   * 年末年始) or a company (取適法 / フリーランス法: payment in 60 days). Left out, it stays as it is.
   */
  buyerKind: z.enum(BUYER_KINDS, { error: "awardResult.settings.buyerKind.invalid" }).optional(),
});
export type AwardSettings = z.infer<typeof AwardSettingsInput>;

/** Before the instant itself: at `respond_by` (or the standstill's end) the window has closed. */
export const isBefore = (now: Date, end: Date | string | null): boolean => end !== null && now.getTime() < new Date(end).getTime();

/**
 * A deadline as people write it: 「2026年12月14日(月)」 / "Mon 14 Dec 2026" (Japan time). `end` is the
 * exclusive end of the window (as `respond_by` and `standstill_ends_at` are stored), so the day named is the
 * day of its last moment: an end at midnight after Friday the 11th is written 「12月11日(金)」, not Saturday.
 */
export function formatDeadlineDate(end: Date | string, locale: "ja" | "en"): string {
  const date = new Date(new Date(end).getTime() - 1);
  if (locale === "en")
    return new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short", year: "numeric", timeZone: "Asia/Tokyo" }).format(date);
  const parts = new Intl.DateTimeFormat("ja-JP", { year: "numeric", month: "numeric", day: "numeric", weekday: "short", timeZone: "Asia/Tokyo" }).formatToParts(
    date,
  );
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}年${part("month")}月${part("day")}日(${part("weekday")})`;
}

/** What the debrief needs of each RFQ criterion beyond the snapshot: where its value came from and its unit. */
export type CriterionKind = Pick<RfqCriterion, "key" | "source" | "unit">;

/**
 * The comparison the award was decided on, rebuilt from the frozen snapshot: rows from the criteria the
 * ranking was given, one column per ranked quote (vendor name, rank, total, per-criterion value, score and
 * contribution) and the disqualified ones with their gate failures. Only what `debriefFor` reads is filled
 * in; the rest is left empty. A criterion whose source and unit are unknown is treated as a buyer-computed
 * price (its value withheld from the debrief): when in doubt, show less.
 */
export function decisionViewFromSnapshot(snapshot: ProposalSnapshot, kinds: readonly CriterionKind[]): ComparisonView {
  const method = snapshot.result.method;
  const kindOf = new Map(kinds.map((k) => [k.key, k]));
  const total = snapshot.input.criteria.reduce((sum, c) => sum + c.weight, 0) || 1;
  const names = new Map(snapshot.quotes.map((q) => [q.id, q.vendorName]));
  const rows = snapshot.input.criteria.map((c) => {
    const kind = kindOf.get(c.key);
    return {
      key: c.key,
      label: { ja: c.label.ja, en: c.label.en || c.label.ja },
      perspective: c.perspective,
      direction: c.direction,
      unit: kind?.unit ?? ("yen" as const),
      source: kind?.source ?? ("price" as const),
      weight: c.weight,
      rfqWeight: c.weight,
      share: c.weight / total,
      gate: Boolean(c.gate),
      awaitingRatings: false,
    };
  });
  const columns = snapshot.result.ranking.map((r) => ({
    id: r.id,
    vendorName: names.get(r.id) ?? "",
    rank: r.rank,
    score: method === "topsis" ? r.score * 100 : r.score,
    tco: 0,
    roi: null,
    contractValue: 0,
    cells: Object.fromEntries(
      r.contributions.map((c) => [
        c.criterion,
        {
          value: c.value,
          score: criterionScore100(c, method),
          weighted: c.weighted ?? null,
          contribution: c.contribution,
          badge: null,
          claim: null,
          effective: null,
          evidence: null,
        },
      ]),
    ),
    perspectives: { financial: null, customer: null, internalProcess: null, learningGrowth: null },
    dominatedBy: [],
    mandatoryMet: true,
    certifications: [],
    expiringCertifications: [],
  }));
  return {
    orderedBy: "database",
    title: snapshot.rfq.title,
    rfqVersion: snapshot.rfq.version,
    method,
    rfqMethod: method,
    relative: false,
    whatIf: false,
    rows,
    columns,
    disqualified: snapshot.result.disqualified.map((d) => ({
      id: d.id,
      vendorName: names.get(d.id) ?? "",
      tco: 0,
      reasons: d.reasons.map((x) => ({ criterion: x.criterion, message: x.message })),
      expiringCertifications: [],
    })),
    hidden: 0,
    explanations: [],
    robustness: { winner: null, stability: null },
    stability: null,
    awaitingReconfirmation: [],
    awaitingRatings: [],
    certificationTypes: [],
    mandatoryCertificationTypes: [],
  };
}
