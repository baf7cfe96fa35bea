// RFQ authoring and review (issue 14, items 8–11): field names in words, step warnings, the proposed TCO
// scale, certification downgrades and the version history with what each addendum changed.
export const rfqReviewMessages = {
  // Field names, as a buyer or vendor reads them in a sentence ("評価基準1「TCO」の目標スケール").
  "rfqReview.field.title": { ja: "件名", en: "Title" },
  "rfqReview.field.category": { ja: "業務の種類", en: "Category" },
  "rfqReview.field.phase": { ja: "段階", en: "Phase" },
  "rfqReview.field.purpose": { ja: "目的", en: "Purpose" },
  "rfqReview.field.goal": { ja: "ゴール（KGI）", en: "Goal (KGI)" },
  "rfqReview.field.scopeIn": { ja: "委託する範囲", en: "Scope" },
  "rfqReview.field.scopeOut": { ja: "委託しない範囲", en: "Out of scope" },
  "rfqReview.field.decisionsInHouse": { ja: "社内に残す判断", en: "Decisions kept in-house" },
  "rfqReview.field.deliverables": { ja: "成果物", en: "Deliverables" },
  "rfqReview.field.volumes": { ja: "件数", en: "Volumes" },
  "rfqReview.field.judgementCriteria": { ja: "判断基準と例外", en: "Judgement criteria" },
  "rfqReview.field.escalationRules": { ja: "エスカレーションのルール", en: "Escalation rules" },
  "rfqReview.field.changeRequestRule": { ja: "変更依頼のルール", en: "Change-request rule" },
  "rfqReview.field.reportingCadence": { ja: "報告の頻度と内容", en: "Reporting cadence" },
  "rfqReview.field.lineItems": { ja: "見積項目", en: "Line items" },
  "rfqReview.field.contractTermMonths": { ja: "契約期間", en: "Contract term" },
  "rfqReview.field.currency": { ja: "通貨", en: "Currency" },
  "rfqReview.field.budget": { ja: "予算", en: "Budget" },
  "rfqReview.field.dataSensitivity": { ja: "取り扱うデータ", en: "Data handled" },
  "rfqReview.field.requiredCertifications": { ja: "求める認証", en: "Required certifications" },
  "rfqReview.field.criteria": { ja: "評価基準", en: "Evaluation criteria" },
  "rfqReview.field.scoringMethod": { ja: "評価方式", en: "Scoring method" },
  "rfqReview.field.hiddenCosts": { ja: "社内の隠れコスト", en: "Hidden in-house costs" },
  "rfqReview.field.baselineCostMonthlyYen": { ja: "現在の社内コスト（月額）", en: "In-house cost today (per month)" },
  "rfqReview.field.quoteDeadline": { ja: "見積締切", en: "Quote deadline" },
  "rfqReview.field.sealed": { ja: "封印入札", en: "Sealed bids" },
  "rfqReview.field.visibility": { ja: "公開範囲", en: "Visibility" },
  "rfqReview.field.invitedVendorIds": { ja: "招待するベンダー", en: "Invited vendors" },
  "rfqReview.field.unknown": { ja: "入力項目", en: "A field" },
  // Parts of a field.
  "rfqReview.part.min": { ja: "下限", en: "minimum" },
  "rfqReview.part.max": { ja: "上限", en: "maximum" },
  "rfqReview.part.showToVendors": { ja: "開示の有無", en: "disclosure" },
  "rfqReview.part.perMonth": { ja: "月間件数", en: "volume per month" },
  "rfqReview.part.peakMonths": { ja: "繁忙月", en: "peak months" },
  "rfqReview.part.notes": { ja: "補足", en: "notes" },
  "rfqReview.part.managementOverheadPct": { ja: "管理工数（%）", en: "management overhead (%)" },
  "rfqReview.part.transitionEffortYen": { ja: "引継ぎ工数（円）", en: "transition effort (yen)" },
  "rfqReview.part.title": { ja: "名称", en: "name" },
  "rfqReview.part.dueDate": { ja: "期日", en: "due date" },
  "rfqReview.part.qualityCriteria": { ja: "品質基準", en: "quality criteria" },
  "rfqReview.part.code": { ja: "コード", en: "code" },
  "rfqReview.part.description": { ja: "内容", en: "description" },
  "rfqReview.part.unit": { ja: "単位", en: "unit" },
  "rfqReview.part.quantity": { ja: "数量", en: "quantity" },
  "rfqReview.part.recurrence": { ja: "計上区分", en: "recurrence" },
  "rfqReview.part.type": { ja: "種類", en: "type" },
  "rfqReview.part.level": { ja: "扱い（必須・推奨）", en: "level (mandatory or preferred)" },
  "rfqReview.part.reason": { ja: "理由", en: "reason" },
  "rfqReview.part.key": { ja: "キー", en: "key" },
  "rfqReview.part.label": { ja: "名称", en: "label" },
  "rfqReview.part.perspective": { ja: "BSCの視点", en: "perspective" },
  "rfqReview.part.direction": { ja: "向き", en: "direction" },
  "rfqReview.part.weight": { ja: "重み", en: "weight" },
  "rfqReview.part.source": { ja: "値の出所", en: "source" },
  "rfqReview.part.gate": { ja: "足切り", en: "gate" },
  "rfqReview.part.scale": { ja: "目標スケール", en: "target scale" },
  "rfqReview.part.worst": { ja: "0点の値", en: "value scoring 0" },
  "rfqReview.part.best": { ja: "満点の値", en: "value scoring full marks" },
  "rfqReview.part.target": { ja: "目標値", en: "target" },
  // "評価基準1「TCO」" / "criterion 1 “TCO”" and "…の目標スケール" / "…: target scale".
  "rfqReview.item.criteria": { ja: "評価基準{n}「{name}」", en: "Criterion {n} “{name}”" },
  "rfqReview.item.lineItems": { ja: "見積項目{n}「{name}」", en: "Line item {n} “{name}”" },
  "rfqReview.item.deliverables": { ja: "成果物{n}「{name}」", en: "Deliverable {n} “{name}”" },
  "rfqReview.item.requiredCertifications": { ja: "求める認証{n}「{name}」", en: "Certification {n} “{name}”" },
  "rfqReview.item.numbered": { ja: "{field}{n}", en: "{field} {n}" },
  "rfqReview.of": { ja: "{whole}の{part}", en: "{whole}: {part}" },
  "rfqReview.problemAt": { ja: "{field}: {message}", en: "{field}: {message}" },

  // Item 8: a certification the data requires, relaxed to preferred.
  "rfqReview.cert.downgradeReasonRequired": {
    ja: "取り扱うデータからこの認証は「必須」が標準です。「推奨」にする場合は理由を記入してください（ベンダーにも表示されます）。",
    en: "The data handled makes this certification mandatory by default. To make it preferred, state the reason (vendors see it too).",
  },
  "rfqReview.cert.gateMismatch": {
    ja: "認証の扱い（必須・推奨）と評価基準の足切りが一致していません。要件と認証のステップで保存し直してください。",
    en: "The certification's level and the criterion's gate disagree. Save the requirements step again.",
  },
  "rfqReview.cert.reasonHint": {
    ja: "必須の認証を推奨に下げる場合は必ず記入。理由は発注者とベンダーの双方に表示されます。",
    en: "Required when relaxing a mandatory certification. Buyers and vendors both see the reason.",
  },
  "rfqReview.gate.preferred": { ja: "推奨（加点・足切りなし）", en: "Preferred (adds points, no gate)" },
  "rfqReview.gate.reason": { ja: "理由: {reason}", en: "Reason: {reason}" },

  // Item 9: the proposed TCO scale.
  "rfqReview.tco.proposedFromBudget": {
    ja: "提案値: 予算（{min}〜{max}）から、上限 {worst} を0点、下限 {best} を満点としました。変更できます。",
    en: "Proposed: from the budget ({min}–{max}), {worst} scores 0 and {best} scores full marks. You can change it.",
  },
  "rfqReview.tco.proposedFromBaseline": {
    ja: "提案値: 現在の社内コスト（月額 {monthly} × {months}か月 = {worst}）を0点、その7割 {best} を満点としました。変更できます。",
    en: "Proposed: from the in-house cost ({monthly} a month × {months} months = {worst}), that scores 0 and 70% of it, {best}, scores full marks. You can change it.",
  },
  "rfqReview.tco.needsBasis": {
    ja: "TCOの目標スケールは、見積項目のステップで予算（または評価基準のステップで現在の社内コスト）を入力すると自動で提案されます。",
    en: "Enter a budget (line items step) or today's in-house cost (this step) and the TCO target scale is proposed for you.",
  },

  // Item 10: impossible values, warned at the step and blocking at publish.
  "rfqReview.step.warnings": {
    ja: "保存しました。ただし次の点は公開できない値です（下書きなのでこのまま保存されています）:",
    en: "Saved. These values cannot be published (it is a draft, so they were saved anyway):",
  },
  "rfqReview.deliverables.dueDate.past": {
    ja: "期日が過去の日付です。今日以降の日付にしてください。",
    en: "The due date is in the past. Use today or a later date.",
  },
  "rfqReview.deliverables.dueDate.beforeDeadline": {
    ja: "期日が見積締切より前です。委託先が決まる前に納品はできません。",
    en: "The due date is before the quote deadline: nothing can be delivered before a vendor is chosen.",
  },
  "rfqReview.criteria.weights.allZero": {
    ja: "すべての重みが0です。少なくとも1つの評価基準に0より大きい重みを付けてください。",
    en: "Every weight is 0. Give at least one criterion a weight above 0.",
  },

  // Item 11: the version history.
  "rfqReview.history.title": { ja: "版の履歴", en: "Version history" },
  "rfqReview.history.intro": {
    ja: "公開後の補足（変更）ごとの変更点です。見積はいつも最新版に対して作成してください。",
    en: "What each addendum changed since publication. Always quote against the latest version.",
  },
  "rfqReview.history.version": { ja: "第{n}版", en: "Version {n}" },
  "rfqReview.history.first": { ja: "初版公開", en: "First publication" },
  "rfqReview.history.summary": { ja: "変更内容の要約", en: "Summary" },
  "rfqReview.history.changed": { ja: "変更された項目", en: "Changed" },
  "rfqReview.history.current": { ja: "最新版", en: "current" },
} as const;

export type RfqReviewMessageKey = keyof typeof rfqReviewMessages;
