import type { LocalizedText } from "~/domain/rfq/categories";
import { t, type Locale } from "~/i18n";
import { formatNumber } from "~/utils/format";
import type { RatingScale } from "./ratings";

// The first draft of an advisory organisation's recommendation memo (issue 18 item 5; decision 0047). Pure: the
// service gathers the organisation's SUBMITTED ratings and its own current annotations; this module averages them
// per quote and criterion, recommends the best-rated qualifying quote, and words rationale, conditions and risks in
// the author's language. The advisor edits the draft before publishing, so the text is a starting point, not a verdict.

export interface MemoDraftCriterion {
  key: string;
  label: LocalizedText;
  scale: RatingScale;
}

export interface MemoDraftQuote {
  id: string;
  vendorName: string;
  /** Opened, current, not withdrawn and through every gate: only such a quote may be recommended. */
  qualifies: boolean;
}

export interface MemoDraftRating {
  quoteId: string;
  criterionKey: string;
  score: number;
  reason: string;
}

export interface MemoDraftAnnotation {
  quoteId: string;
  criterionKey: string | null;
  kind: "strength" | "risk" | "question";
  body: string;
}

export interface MemoDraftInput {
  locale: Locale;
  criteria: readonly MemoDraftCriterion[];
  quotes: readonly MemoDraftQuote[];
  ratings: readonly MemoDraftRating[];
  annotations: readonly MemoDraftAnnotation[];
}

export interface MemoDraftQuoteSummary {
  quoteId: string;
  vendorName: string;
  /** Mean over the criteria rated, each mean put on 0–1 by its scale; null when nobody of the org rated it. */
  normalizedMean: number | null;
  criteria: { key: string; mean: number; count: number; max: number; reasons: string[] }[];
}

export interface MemoDraft {
  quoteId: string | null;
  rationale: string;
  conditions: string;
  risks: string;
  /** Per quote, best first: what the recommendation rests on (shown beside the form). */
  summary: MemoDraftQuoteSummary[];
}

const normalize = (scale: RatingScale, value: number) => (scale.max === scale.min ? 0 : (value - scale.min) / (scale.max - scale.min));

function summarize(input: MemoDraftInput, quote: MemoDraftQuote): MemoDraftQuoteSummary {
  const criteria = input.criteria.flatMap((c) => {
    const rows = input.ratings.filter((r) => r.quoteId === quote.id && r.criterionKey === c.key);
    if (rows.length === 0) return [];
    const mean = rows.reduce((s, r) => s + r.score, 0) / rows.length;
    const reasons = rows.map((r) => r.reason.trim()).filter((r) => r.length > 0);
    return [{ key: c.key, mean, count: rows.length, max: c.scale.max, reasons, normalized: normalize(c.scale, mean) }];
  });
  const normalizedMean = criteria.length === 0 ? null : criteria.reduce((s, c) => s + c.normalized, 0) / criteria.length;
  return { quoteId: quote.id, vendorName: quote.vendorName, normalizedMean, criteria: criteria.map(({ normalized: _, ...c }) => c) };
}

/**
 * Best first: the higher normalized mean, then more criteria rated (a quote rated on everything beats one rated on a
 * single criterion at the same mean), then the vendor's name and the id so the order never depends on input order.
 */
function byRating(a: MemoDraftQuoteSummary, b: MemoDraftQuoteSummary): number {
  const am = a.normalizedMean ?? -1;
  const bm = b.normalizedMean ?? -1;
  if (am !== bm) return bm - am;
  if (a.criteria.length !== b.criteria.length) return b.criteria.length - a.criteria.length;
  return a.vendorName.localeCompare(b.vendorName, "ja") || (a.quoteId < b.quoteId ? -1 : a.quoteId > b.quoteId ? 1 : 0);
}

const bullet = (text: string) => `・${text}`;

/** The draft memo: recommended quote, rationale, conditions and risks, in `input.locale`. */
export function draftMemo(input: MemoDraftInput): MemoDraft {
  const { locale } = input;
  const summary = input.quotes.map((q) => summarize(input, q)).sort(byRating);
  const qualifying = new Set(input.quotes.filter((q) => q.qualifies).map((q) => q.id));
  const best = summary.find((s) => qualifying.has(s.quoteId) && s.normalizedMean !== null) ?? null;
  const labelOf = new Map(input.criteria.map((c) => [c.key, c.label[locale] || c.label.ja]));
  const vendorOf = new Map(input.quotes.map((q) => [q.id, q.vendorName]));

  // Annotations about the recommended quote; without a recommendation, every quote's, each naming its vendor.
  const about = (kind: MemoDraftAnnotation["kind"]) =>
    input.annotations
      .filter((a) => a.kind === kind && (best ? a.quoteId === best.quoteId : true) && a.body.trim().length > 0)
      .map((a) => {
        const where = [best ? null : vendorOf.get(a.quoteId), a.criterionKey ? labelOf.get(a.criterionKey) : null].filter(Boolean).join(" / ");
        return bullet(where ? `${where}: ${a.body.trim()}` : a.body.trim());
      });

  const rationale: string[] = [];
  if (best) {
    rationale.push(t(locale, "memos.draft.recommend", { vendor: best.vendorName }));
    for (const c of best.criteria) {
      const line = t(locale, "memos.draft.criterion", {
        criterion: labelOf.get(c.key) ?? c.key,
        mean: formatNumber(c.mean, locale, 1),
        max: c.max,
        count: c.count,
      });
      rationale.push(bullet(c.reasons.length > 0 ? `${line} ${t(locale, "memos.draft.reasons", { reasons: c.reasons.join(" / ") })}` : line));
    }
    const others = summary.filter((s) => s.quoteId !== best.quoteId && s.normalizedMean !== null);
    for (const o of others)
      rationale.push(bullet(t(locale, "memos.draft.other", { vendor: o.vendorName, percent: formatNumber(o.normalizedMean! * 100, locale, 0) })));
    rationale.push(bullet(t(locale, "memos.draft.overall", { percent: formatNumber(best.normalizedMean! * 100, locale, 0) })));
  } else {
    rationale.push(t(locale, "memos.draft.noRatings"));
  }
  const strengths = about("strength");
  if (strengths.length > 0) rationale.push("", t(locale, "memos.draft.strengths"), ...strengths);

  const questions = about("question");
  const conditions = questions.length > 0 ? [t(locale, "memos.draft.questions"), ...questions].join("\n") : "";
  const risks = about("risk").join("\n");
  return { quoteId: best?.quoteId ?? null, rationale: rationale.join("\n"), conditions, risks, summary };
}
