import type { ComparisonView } from "~/domain/comparison/comparison-view";
import { isBuyerDerivedPriceCriterion } from "~/domain/rfq/vendor-view";
import { priceRuleGateLabel } from "~/domain/comparison/ranking-input";
import type { CriterionValue, LocalizedText, Method } from "~/domain/scoring";

/**
 * The debrief (issue 15, item 4): what a not-selected vendor may read of the decision, projected from the
 * comparison the award was decided on. Like the vendor views of RFQs and quotes it is an allow-list — each
 * field is picked in, nothing is deleted out — so a figure added to the comparison later stays with the
 * buyer until someone decides a losing vendor may read it.
 *
 * Picked: the vendor's own rank and total score, its own value, score and contribution per criterion (with
 * the criterion's label and weight share, which the RFQ already told it), or, when it was disqualified, its
 * own failed requirements; the winner's name and total score; the buyer's reason.
 *
 * Never picked: another vendor's prices, KPI values, per-criterion scores, name or rank (the winner's name
 * and total score excepted); the TCO and ROI of any quote, the vendor's own included — they are computed with
 * the buyer's hidden costs and baseline (see quote/vendor-view.ts), so the value of a TCO/ROI criterion is
 * withheld (its score stays) and a failed TCO/ROI requirement is named without its figures (its message
 * would state the buyer's ceiling); the robustness, explanations, dominance and advisors' notes.
 */

export interface DebriefCriterion {
  key: string;
  label: LocalizedText;
  /** How the value reads (ratio, yen, days, count, flag…): the criterion's unit, the same for every vendor. */
  unit: string;
  /** The criterion's share of the total weight in the decision (0–1). */
  share: number;
  /** The vendor's own value; null when missing, or withheld because the buyer computed it (TCO, ROI). */
  value: CriterionValue;
  withheld: boolean;
  /** 0–100 for the weighted sums; see the comparison cell. */
  score: number | null;
  /** What this criterion added to the total. */
  contribution: number;
}

export interface DebriefRequirement {
  criterion: string;
  label: LocalizedText;
  /** Why the requirement failed in the vendor's own figures; null for a TCO/ROI requirement (named only). */
  message: LocalizedText | null;
}

export interface Debrief {
  view: "debrief";
  quoteId: string;
  title: string;
  method: Method;
  outcome: "ranked" | "disqualified";
  /** Ranked quotes only. */
  rank: number | null;
  score: number | null;
  criteria: DebriefCriterion[];
  /** Disqualified quotes only: the requirements this quote failed. */
  requirements: DebriefRequirement[];
  winner: { name: string; score: number };
  reason: string;
}

export interface DebriefAward {
  /** The awarded quote (not always rank 1: the buyer may award another with a reason). */
  winnerQuoteId: string;
  /** The buyer's reason, as written for the vendors. */
  reason: string;
}

/**
 * The debrief of one not-selected quote; null when the quote is the winner or not in the comparison, or the
 * winner is not among the ranked quotes (a disqualified quote is never awarded).
 */
export function debriefFor(view: ComparisonView, vendorQuoteId: string, award: DebriefAward): Debrief | null {
  if (vendorQuoteId === award.winnerQuoteId) return null;
  const winner = view.columns.find((c) => c.id === award.winnerQuoteId);
  if (!winner) return null;
  const base = {
    view: "debrief" as const,
    quoteId: vendorQuoteId,
    title: view.title,
    method: view.method,
    winner: { name: winner.vendorName, score: winner.score },
    reason: award.reason,
  };
  const rowOf = new Map(view.rows.map((r) => [r.key, r]));

  const own = view.columns.find((c) => c.id === vendorQuoteId);
  if (own) {
    const criteria = view.rows.flatMap((row): DebriefCriterion[] => {
      const cell = own.cells[row.key];
      if (!cell) return [];
      const withheld = isBuyerDerivedPriceCriterion(row);
      return [
        {
          key: row.key,
          label: { ja: row.label.ja, en: row.label.en },
          unit: row.unit,
          share: row.share,
          value: withheld ? null : cell.value,
          withheld,
          score: cell.score,
          contribution: cell.contribution,
        },
      ];
    });
    return { ...base, outcome: "ranked", rank: own.rank, score: own.score, criteria, requirements: [] };
  }

  const out = view.disqualified.find((d) => d.id === vendorQuoteId);
  if (!out) return null;
  const requirements = out.reasons.map((r): DebriefRequirement => {
    const row = rowOf.get(r.criterion);
    // A price-rule gate (decision 0049) has no row: named in words (「予定価格」), never with its amount.
    const label = row ? { ja: row.label.ja, en: row.label.en } : (priceRuleGateLabel(r.criterion) ?? { ja: r.criterion, en: r.criterion });
    // Without the row the criterion's kind is unknown: say nothing beyond its key.
    const named = !row || isBuyerDerivedPriceCriterion(row);
    return { criterion: r.criterion, label, message: named ? null : { ja: r.message.ja, en: r.message.en } };
  });
  return { ...base, outcome: "disqualified", rank: null, score: null, criteria: [], requirements };
}
