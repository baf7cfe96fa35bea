// Abnormally low quotes on the comparison and red flags in the award (issue 19 items 2, 4, 6; decision 0051).
// The figures in these words (the peers' median, the thresholds, the market quartile, competitors' TCO) are the
// buyer's: none of these keys is ever used on a vendor's surface.
export const lowFlagMessages = {
  // The comparison's flag (page, cards, API words, exports).
  "lowFlags.flag": { ja: "著しい低価格", en: "Abnormally low" },
  "lowFlags.reason.belowPeerMedian": {
    ja: "他の適格見積{peers}件の中央値 {median} の75%未満（基準 {threshold}）",
    en: "under 75% of the median {median} of the other {peers} qualifying quotes (threshold {threshold})",
  },
  "lowFlags.reason.belowBenchmarkQ1": {
    ja: "市場のTCO月額の下位四分位 {q1} × {months}か月 未満（基準 {threshold}）",
    en: "below the market's lower quartile of TCO per month {q1} × {months} months (threshold {threshold})",
  },
  "lowFlags.details": { ja: "説明要求・詳細", en: "Explanation request and details" },
  "lowFlags.export.row": { ja: "著しい低価格", en: "Abnormally low" },

  // The award proposal: the specific-reason trigger (app/domain/award/proposal.ts).
  "awardProposal.trigger.abnormallyLow": {
    ja: "著しい低価格の見積です。事業者の説明が妥当と判断した理由を記入してください。",
    en: "The quote is abnormally low. Write why the vendor's explanation is satisfactory.",
  },
  "lowBid.investigationIncomplete": {
    ja: "低入札価格調査が完了していません。この見積（現行版）への説明要求に事業者が回答し、妥当と評価してから起案してください。",
    en: "The low-bid investigation is not complete: the vendor must answer the explanation request for this quote (its current version) and you must assess it satisfactory before proposing it.",
  },

  // Red flags (app/domain/award/red-flags.ts), in words and yen.
  "lowFlags.redFlags.title": { ja: "レッドフラグ", en: "Red flags" },
  "lowFlags.redFlags.intro": {
    ja: "次のレッドフラグを確認し、それぞれにチェックしてください（確認者と日時が稟議に記録されます）。",
    en: "Read each red flag and tick it (who acknowledged it, and when, is recorded in the proposal).",
  },
  "lowFlags.redFlag.winnerFarBelowSecond": {
    ja: "{vendor} のTCO {tco} は、次に安い適格見積 {second}（TCO {secondTco}）の75%未満です",
    en: "{vendor}'s TCO {tco} is under 75% of the next-lowest quote's ({second}, TCO {secondTco})",
  },
  "lowFlags.redFlag.lowestDisqualifiedOnPrice": {
    ja: "TCOが最も低い {vendor}（TCO {tco}）は価格の判断のみで失格です（{criteria}）",
    en: "The quote with the lowest TCO, {vendor} (TCO {tco}), was disqualified on price alone ({criteria})",
  },
  "lowFlags.redFlag.unacknowledged.winnerFarBelowSecond": {
    ja: "レッドフラグ「次に安い適格見積 {second} のTCOの75%未満」を確認してチェックしてください。",
    en: 'Acknowledge the red flag "under 75% of the next-lowest quote ({second})".',
  },
  "lowFlags.redFlag.unacknowledged.lowestDisqualifiedOnPrice": {
    ja: "レッドフラグ「最低価格の {vendor} が価格のみで失格」を確認してチェックしてください。",
    en: 'Acknowledge the red flag "the lowest quote, {vendor}, disqualified on price alone".',
  },
  "lowFlags.redFlag.acknowledged": { ja: "確認: {name}（{at}）", en: "Acknowledged by {name} ({at})" },
  "lowFlags.redFlag.acknowledge": { ja: "確認しました", en: "Acknowledged" },

  // The award page and the 稟議書: what was recorded about abnormally low quotes.
  "lowFlags.award.quoteFlags": { ja: "著しい低価格の見積", en: "Abnormally low quotes" },
  "lowFlags.award.requires": {
    ja: "起案には、事業者の説明が妥当と判断した理由（個別の理由）が必要です。",
    en: "Proposing it needs the reason why the vendor's explanation is satisfactory (the specific reason).",
  },
  "lowFlags.award.requiresInvestigation": {
    ja: "低入札価格調査の対象: 説明要求への回答と「妥当」の評価が記録されるまで起案できません。",
    en: "Subject to low-bid investigation: it cannot be proposed until the explanation request is answered and assessed satisfactory.",
  },
  "lowFlags.explanations.title": { ja: "説明要求と回答", en: "Explanation requests and answers" },
  "lowFlags.explanations.request": {
    ja: "{vendor}（版 {version}）への説明要求 {at}・回答期限 {replyBy}",
    en: "Request to {vendor} (version {version}) on {at}, reply by {replyBy}",
  },
  "lowFlags.explanations.topic.costs": { ja: "費用の内訳", en: "Costs" },
  "lowFlags.explanations.topic.assumptions": { ja: "前提条件", en: "Assumptions" },
  "lowFlags.explanations.topic.staffing": { ja: "人員体制", en: "Staffing" },
  "lowFlags.explanations.unanswered": { ja: "未回答", en: "Not answered" },
  "lowFlags.explanations.answeredAt": { ja: "回答 {at}", en: "Answered on {at}" },
  "lowFlags.explanations.assessment.satisfactory": { ja: "評価: 妥当（{at}）", en: "Assessment: satisfactory ({at})" },
  "lowFlags.explanations.assessment.unsatisfactory": { ja: "評価: 妥当でない（{at}）", en: "Assessment: not satisfactory ({at})" },
  "lowFlags.explanations.notAssessed": { ja: "未評価", en: "Not assessed" },
  "lowFlags.explanations.note": { ja: "評価の所見: {note}", en: "Assessment note: {note}" },
} as const satisfies Record<string, { ja: string; en: string }>;

export type LowFlagMessageKey = keyof typeof lowFlagMessages;
