// Weights and scoring: AHP's "compute and apply" on the RFQ form, the comparison page's what-if
// weights, and criteria that wait for evaluator ratings before they can count in a ranking.
export const weightMessages = {
  "weights.ahp.count": {
    ja: "一対比較（AHP）で比べられる評価基準は2〜10個です。",
    en: "Pairwise comparison (AHP) works with 2 to 10 criteria.",
  },
  "weights.ahp.confirm.title": { ja: "整合性の低い判断です", en: "These judgements are inconsistent" },
  "weights.ahp.confirm.body": {
    ja: "整合比（CR）は {cr} です。CR は一対比較の判断どうしの矛盾の度合いで、0.10 以下なら判断が一貫していると見なされます（Saaty の目安）。0.10 を超えるのは、たとえば「A は B より重要、B は C より重要、なのに C は A より重要」のような循環がある場合です。",
    en: "The consistency ratio (CR) is {cr}. CR measures how much the pairwise judgements contradict each other; up to 0.10 they count as consistent (Saaty's rule of thumb). Above 0.10 there is usually a circle, such as: A matters more than B, B more than C, yet C more than A.",
  },
  "weights.ahp.confirm.weights": { ja: "このまま適用すると、重みは次のとおりになります。", en: "Applied as they are, the judgements give these weights." },
  "weights.ahp.confirm.apply": { ja: "このまま適用する", en: "Apply anyway" },
  "weights.ahp.confirm.review": { ja: "判断を見直す", en: "Review the judgements" },
  "weights.ahp.appliedInconsistent": {
    ja: "整合比が0.10を超える重みを適用しました（CR = {cr}）",
    en: "Weights applied although CR is above 0.10 (CR = {cr})",
  },

  "weights.whatIf.negative": { ja: "重みは0以上で入力してください。", en: "A weight cannot be negative." },
  "weights.whatIf.notANumber": { ja: "重みは数字で入力してください。", en: "Enter the weight as a number." },
  "weights.whatIf.tooLarge": { ja: "重みは{max}以下で入力してください。", en: "A weight can be at most {max}." },
  "weights.whatIf.allZero": {
    ja: "少なくとも1つの評価基準に、0より大きい重みを入力してください。",
    en: "Give at least one criterion a weight above 0.",
  },
  "weights.whatIf.methodNeedsScales": {
    ja: "目標スケールによる加重和では、すべての評価基準に0点と100点になる値（スケール）が必要です。評価基準にスケールを設定するか、別の評価方式を選んでください。",
    en: "The target-scale weighted sum needs a scale (the values that earn 0 and 100) on every criterion: set the scales in the criteria or choose another method.",
  },
  "weights.whatIf.notApplied": {
    ja: "試算の重みに誤りがあるため反映していません。順位はこの見積依頼の重みで計算しています。",
    en: "The what-if weights have errors, so they are not applied: the ranking uses this RFQ's own weights.",
  },

  "weights.awaiting.badge": { ja: "評価待ち", en: "Awaiting ratings" },
  "weights.awaiting.note": {
    ja: "{criteria}は評価者の評価がまだすべての見積にそろっていないため「評価待ち」とし、順位の計算から除いています。残りの評価基準の重みを合計100%に按分し直して順位を付けています。",
    en: "{criteria}: awaiting ratings. Evaluator ratings are not yet in for every quote, so these criteria are left out of the ranking; the other criteria's weights are rescaled to add up to 100%.",
  },
  "weights.awaiting.item": { ja: "「{label}」", en: "{label}" },
  "weights.awaiting.separator": { ja: "、", en: ", " },
  "weights.awaiting.export": { ja: "評価待ち（順位に含めず）", en: "Awaiting ratings (not ranked)" },
} as const;
