// The BAFO section and the award form on the comparison page at marketplace scale (issue 21, decision 0058 "BAFO and
// award at scale"): the closed <details> that holds the quotes outside the buyer's working set.
export const compareSectionsMessages = {
  "compareSections.showOthers": {
    ja: "ほかの見積を表示（全{total}件中{count}件）",
    en: "Show the other {count} of all {total} quotes",
  },
  "compareSections.bafo.focusHint": {
    ja: "ショートリスト済みの見積と比較中の見積を順位順に表示しています。どの見積もショートリストに入れられます。",
    en: "Showing the shortlisted quotes and the ones being compared, in rank order. Any quote can be shortlisted.",
  },
  "compareSections.bafo.othersFirst": {
    ja: "ほかの{count}件はショートリスト外で、初回の見積で比較しています。",
    en: "The other {count} quotes are not shortlisted and are ranked on their first offer.",
  },
  "compareSections.award.focusHint": {
    ja: "比較中の見積を順位順に表示しています。どの見積でも起案できます。",
    en: "Showing the quotes being compared, in rank order. Any quote can be proposed.",
  },
  "compareSections.award.othersNotFirst": {
    ja: "以下の見積はいずれも次に当たります（個別の理由が必要です）: {reason}",
    en: "Each quote below needs the specific reason because: {reason}",
  },
} as const;
