// A vendor's track record measured on Kurabe (issue 17 items 5, 7 and 8; decision 0038): the vendor profile's
// section, the vendor's own view of it, and the risk of a missed KPI on the comparison page.
export const trackRecordMessages = {
  "trackRecord.title": { ja: "実績（Kurabeでの契約の実測値）", en: "Track record (measured on Kurabe)" },
  "trackRecord.none": {
    ja: "Kurabeでの契約の実績はまだありません。見積のKPIは自己申告として扱われます。",
    en: "No contract measured on Kurabe yet. Its quotes' KPIs count as unverified claims.",
  },
  "trackRecord.summary": { ja: "Kurabeでの契約 {n}件", en: "{n} contracts on Kurabe" },
  "trackRecord.onTime": { ja: "納期遵守率（実測・加重）{rate}", en: "on-time rate (measured, weighted) {rate}" },
  "trackRecord.weighting": {
    ja: "実績は、発注者が確認した納品・検収とSLA実績だけから集計しています。新しい実績ほど重く数え、24か月前の実績は半分、48か月前の実績は4分の1として数えます（件数は小数になります）。",
    en: "The record counts only deliveries and SLA measurements the buyer confirmed. Recent facts weigh more: a fact from 24 months ago counts half, one from 48 months ago a quarter (so counts are fractional).",
  },
  "trackRecord.category": { ja: "{category}（契約 {n}件）", en: "{category} ({n} contracts)" },
  "trackRecord.kpi": { ja: "KPI", en: "KPI" },
  "trackRecord.rate": { ja: "実績率（加重）", en: "Rate (weighted)" },
  "trackRecord.weighted": { ja: "加重件数", en: "Weighted count" },
  "trackRecord.raw": { ja: "実測件数", en: "Measured count" },
  "trackRecord.ofTrials": { ja: "{trials}件中 {successes}件", en: "{successes} of {trials}" },
  "trackRecord.values": { ja: "その他の実測値", en: "Other measured values" },
  "trackRecord.valueMean": { ja: "平均 {mean}（{n}件）", en: "mean {mean} ({n} facts)" },
  "trackRecord.caption": { ja: "Kurabeでの契約ごとの実測KPI", en: "KPIs measured per contract on Kurabe" },
  "trackRecord.work": { ja: "業務の分類", en: "Category of work" },
  "trackRecord.buyerKind": { ja: "発注者の種別", en: "Buyer" },
  "trackRecord.buyerKind.municipality": { ja: "自治体", en: "Municipality" },
  "trackRecord.buyerKind.company": { ja: "企業", en: "Company" },
  "trackRecord.period": { ja: "実測期間", en: "Measured period" },
  "trackRecord.kpis": { ja: "実測KPI（加重前）", en: "Measured KPIs (unweighted)" },
  "trackRecord.kpiLine": { ja: "{label}: {rate}（{trials}件）", en: "{label}: {rate} (of {trials})" },
  "trackRecord.privacy": {
    ja: "発注者名と案件名は表示しません（他の発注者の非公開案件を含むため）。",
    en: "Buyers' names and RFQ titles are not shown (they may be another buyer's private RFQs).",
  },
  "trackRecord.note": {
    ja: "比較画面では、見積のKPI（率）をこの実績で補正して評価します（実績が多いほど実績値に近づきます）。",
    en: "In comparisons, a quote's rate KPIs are weighed against this record (the more observations, the closer to the measured rate).",
  },
  // The vendor's own view (its dashboard and profile settings).
  "trackRecord.own.title": { ja: "発注者から見た自社の実績", en: "Your track record as buyers see it" },
  "trackRecord.own.body": {
    ja: "発注者が確認した納品・検収とSLA実績が、次の比較であなたのKPIの約束値を裏付けます。新しい実績ほど重く数えます（半減期24か月）。",
    en: "Deliveries and SLA measurements your buyers confirm back your KPI commitments in later comparisons. Recent facts weigh more (half-life 24 months).",
  },
  "trackRecord.own.link": { ja: "公開プロフィールで実績を見る", en: "See your record on your public profile" },
  // The risk of a missed KPI on the comparison page (buyers and their advisors only).
  "trackRecord.risk.label": { ja: "未達リスク", en: "Risk of missing" },
  "trackRecord.risk.value": { ja: "未達リスク {p}", en: "risk of missing {p}" },
  "trackRecord.risk.explain": {
    ja: "実績から見て、この事業者の本当の{label}が目標 {target} を下回る確率です（約束値を事前分布、実績を観測としたベータ分布による推定）。",
    en: "The probability, given the record, that this vendor's true {label} is below the target of {target} (a Beta posterior: the commitment as the prior, the record as observations).",
  },
} as const;
