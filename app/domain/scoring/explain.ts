import { isClearlyGreater } from "./ranking-order";
import type { Criterion, LocalizedText, Method } from "./types";

export interface ExplainedAlternative {
  id: string;
  rank: number;
  score: number;
  /** Per criterion, in criterion order: the `contribution` of Contribution. */
  contributions: ArrayLike<number>;
  /** Criterion indices whose value was missing and imputed. */
  missing: readonly number[];
}

/** How many criteria a sentence names as the reason; more stops being a reason and becomes a table. */
const REASONS_NAMED = 2;

interface Difference {
  criterion: Criterion;
  /** Contribution of the upper alternative minus that of the lower one. */
  amount: number;
}

const formatGap = (amount: number) => {
  const size = Math.abs(amount);
  return size >= 0.1 ? size.toFixed(1) : String(Number(size.toPrecision(2)));
};

/**
 * One sentence per ranked alternative, in ja and en. Each alternative is compared with the one just
 * below it ("why A ranks above B"); the last one with the one just above. The reasons are the
 * criteria with the largest contribution differences, plus the largest one pulling the other way,
 * so the sentence is honest about trade-offs. Missing values are always mentioned.
 */
export function explainRanking(method: Method, criteria: readonly Criterion[], ranked: readonly ExplainedAlternative[]): LocalizedText[] {
  return ranked.map((alternative, index) => {
    let sentence: LocalizedText;
    if (ranked.length === 1) {
      sentence = {
        en: `${alternative.id} is the only qualifying alternative.`,
        ja: `${alternative.id} は条件を満たす唯一の候補です。`,
      };
    } else if (index < ranked.length - 1) {
      sentence = comparePair(method, criteria, alternative, ranked[index + 1], "upper");
    } else {
      sentence = comparePair(method, criteria, ranked[index - 1], alternative, "lower");
    }
    const note = missingNote(method, criteria, alternative.missing);
    return note ? { en: `${sentence.en} ${note.en}`, ja: `${sentence.ja}${note.ja}` } : sentence;
  });
}

function comparePair(
  method: Method,
  criteria: readonly Criterion[],
  upper: ExplainedAlternative,
  lower: ExplainedAlternative,
  subject: "upper" | "lower",
): LocalizedText {
  const topsis = method === "topsis";
  const scoreText = (score: number) => (topsis ? score.toFixed(3) : score.toFixed(1));
  const scores = subject === "upper" ? [upper.score, lower.score] : [lower.score, upper.score];
  const versus = topsis
    ? { en: `closeness ${scoreText(scores[0])} vs ${scoreText(scores[1])}`, ja: `近接度 ${scoreText(scores[0])} 対 ${scoreText(scores[1])}` }
    : { en: `${scoreText(scores[0])} vs ${scoreText(scores[1])} points`, ja: `${scoreText(scores[0])} 点 対 ${scoreText(scores[1])} 点` };

  if (upper.rank === lower.rank) {
    const [self, other] = subject === "upper" ? [upper, lower] : [lower, upper];
    const score = topsis
      ? { en: `closeness ${scoreText(self.score)}`, ja: `近接度 ${scoreText(self.score)}` }
      : { en: `${scoreText(self.score)} points`, ja: `${scoreText(self.score)} 点` };
    return {
      en: `${self.id} ties with ${other.id} at rank ${self.rank} (${score.en}).`,
      ja: `${self.id} は ${other.id} と同点で ${self.rank} 位です（${score.ja}）。`,
    };
  }

  const { reasons, counter } = largestDifferences(criteria, upper.contributions, lower.contributions);
  const name = (d: Difference, lang: "en" | "ja") => {
    const label = lang === "en" ? `"${d.criterion.label.en}"` : `「${d.criterion.label.ja}」`;
    if (topsis) return label;
    return lang === "en" ? `${label} (+${formatGap(d.amount)})` : `${label}（+${formatGap(d.amount)} 点）`;
  };
  const list = (items: Difference[], lang: "en" | "ja") => items.map((d) => name(d, lang)).join(lang === "en" ? " and " : "と");

  const [self, other] = subject === "upper" ? [upper, lower] : [lower, upper];
  const position = subject === "upper" ? { en: "above", ja: "上位" } : { en: "below", ja: "下位" };
  const opening = {
    en: `${self.id} ranks ${position.en} ${other.id} (${versus.en})`,
    ja: `${self.id} が ${other.id} より${position.ja}（${versus.ja}）なのは、`,
  };

  if (reasons.length === 0) {
    return { en: `${opening.en} on the overall balance of the criteria.`, ja: `${opening.ja}評価基準全体のバランスによるものです。` };
  }
  // The upper alternative's strengths are the reasons in both directions of the comparison.
  const strong = upper.id;
  const weak = lower.id;
  const because = topsis
    ? { en: `mainly because ${strong} is closer to the ideal on ${list(reasons, "en")}`, ja: `主に${list(reasons, "ja")}で ${strong} が理想解に近いためです。` }
    : { en: `mainly because ${strong} is stronger on ${list(reasons, "en")}`, ja: `主に${list(reasons, "ja")}で ${strong} が上回っているためです。` };
  let en = `${opening.en}, ${because.en}`;
  let ja = `${opening.ja}${because.ja}`;
  if (counter) {
    en += topsis ? `; ${weak} is closer on ${name(counter, "en")}` : `; ${weak} is stronger on ${name(counter, "en")}`;
    ja += topsis ? `${weak} は${name(counter, "ja")}で理想解に近くなっています。` : `${weak} は${name(counter, "ja")}で上回っています。`;
  }
  return { en: `${en}.`, ja };
}

/**
 * The REASONS_NAMED criteria where the upper alternative gains most, and the one where it loses
 * most. One linear scan: this runs for every adjacent pair of a 1,000-quote ranking.
 */
function largestDifferences(
  criteria: readonly Criterion[],
  upper: ArrayLike<number>,
  lower: ArrayLike<number>,
): { reasons: Difference[]; counter: Difference | undefined } {
  const reasons: Difference[] = [];
  let counter: Difference | undefined;
  for (let j = 0; j < criteria.length; j++) {
    const amount = upper[j] - lower[j];
    if (isClearlyGreater(amount, 0)) {
      if (reasons.length < REASONS_NAMED || amount > reasons[reasons.length - 1].amount) {
        reasons.push({ criterion: criteria[j], amount });
        reasons.sort((x, y) => y.amount - x.amount);
        if (reasons.length > REASONS_NAMED) reasons.pop();
      }
    } else if (isClearlyGreater(0, amount) && (!counter || amount < counter.amount)) {
      counter = { criterion: criteria[j], amount };
    }
  }
  return { reasons, counter };
}

function missingNote(method: Method, criteria: readonly Criterion[], missing: readonly number[]): LocalizedText | null {
  if (missing.length === 0) return null;
  const en = missing.map((j) => `"${criteria[j].label.en}"`).join(", ");
  const ja = missing.map((j) => `「${criteria[j].label.ja}」`).join("");
  if (method === "weighted-sum-target") {
    return {
      en: `No value for ${en}: scored as the worst end of the target scale (0 points).`,
      ja: `${ja}の値がないため、目標尺度の最低値（0 点）として採点しています。`,
    };
  }
  return {
    en: `No value for ${en}: scored as the worst value among the qualifying alternatives.`,
    ja: `${ja}の値がないため、条件を満たす候補の中で最も不利な値として採点しています。`,
  };
}
