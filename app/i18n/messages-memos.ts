// Recommendation memos of advisory organisations, the evaluation's agreement figures and evaluators' leniency
// (issue 18 items 4 and 5; decision 0047).
export const memoMessages = {
  "settings.tab.evaluators": { ja: "評価者の傾向", en: "Evaluators" },
  // The pre-filled draft (app/domain/evaluation/memo-draft.ts).
  "memos.draft.recommend": { ja: "{vendor} の見積を推薦します。", en: "We recommend the quote of {vendor}." },
  "memos.draft.criterion": {
    ja: "{criterion}: 平均 {mean} / {max}（{count}名の評価）",
    en: "{criterion}: mean {mean} of {max} ({count} ratings)",
  },
  "memos.draft.reasons": { ja: "理由: {reasons}", en: "Reasons: {reasons}" },
  "memos.draft.other": { ja: "{vendor}: 評価者による評価の達成度 {percent}%", en: "{vendor}: {percent}% of the evaluator-rating scale" },
  "memos.draft.overall": {
    ja: "推薦する見積の評価者による評価の達成度は {percent}% です。",
    en: "The recommended quote reaches {percent}% of the evaluator-rating scale.",
  },
  "memos.draft.noRatings": {
    ja: "当組織の提出済みの評価がまだないため、推薦する見積は選ばれていません。",
    en: "Our organisation has no submitted ratings yet, so no quote is recommended.",
  },
  "memos.draft.strengths": { ja: "強み:", en: "Strengths:" },
  "memos.draft.questions": { ja: "次の点の確認を条件とします:", en: "On condition that the following is confirmed:" },

  // The memo page.
  "memos.title": { ja: "推薦メモ", en: "Recommendation memo" },
  "memos.intro": {
    ja: "担当アドバイザー組織として、推薦する見積・理由・条件・リスクを記した推薦メモを公開できます。公開したメモは買い手のメンバーが比較表と稟議書で読みます。ベンダーには表示されません。",
    en: "As the assigned advisory organisation you may publish a recommendation memo: the recommended quote, rationale, conditions and risks. The buyer's members read it on the comparison and in the approval packet. Vendors never see it.",
  },
  "memos.new": { ja: "新しいメモを下書き", en: "Draft a new memo" },
  "memos.new.hint": {
    ja: "下書きは当組織の提出済みの評価・理由と注記から作成されます。公開前に編集してください。",
    en: "The draft is filled from our organisation's submitted ratings, reasons and annotations. Edit it before publishing.",
  },
  "memos.draft.heading": { ja: "下書き（版 {version}）", en: "Draft (version {version})" },
  "memos.field.quote": { ja: "推薦する見積", en: "Recommended quote" },
  "memos.field.quote.none": { ja: "選択してください", en: "Choose one" },
  "memos.field.rationale": { ja: "推薦理由", en: "Rationale" },
  "memos.field.conditions": { ja: "条件", en: "Conditions" },
  "memos.field.risks": { ja: "リスク", en: "Risks" },
  "memos.save": { ja: "下書きを保存", en: "Save draft" },
  "memos.publish": { ja: "公開", en: "Publish" },
  "memos.publish.confirm": {
    ja: "公開すると、現在公開中のメモは過去の版になります（履歴に残ります）。",
    en: "Publishing makes the memo now published an earlier version (it stays in the history).",
  },
  "memos.created": { ja: "下書きを作成しました。", en: "Draft created." },
  "memos.saved": { ja: "下書きを保存しました。", en: "Draft saved." },
  "memos.publishedToast": { ja: "推薦メモを公開しました。", en: "Memo published." },
  "memos.history": { ja: "履歴", en: "History" },
  "memos.none": { ja: "推薦メモはまだありません。", en: "No recommendation memo yet." },
  "memos.version": { ja: "版 {version}", en: "Version {version}" },
  "memos.status.draft": { ja: "下書き", en: "Draft" },
  "memos.status.published": { ja: "公開中", en: "Published" },
  "memos.status.superseded": { ja: "過去の版", en: "Superseded" },
  "memos.publishedOn": { ja: "{date} 公開（{name}）", en: "Published on {date} by {name}" },
  "memos.summary": { ja: "下書きの根拠（当組織の提出済みの評価）", en: "What the draft rests on (our submitted ratings)" },
  "memos.summary.percent": { ja: "達成度 {percent}%", en: "{percent}% of the scale" },
  "memos.summary.unrated": { ja: "未評価", en: "Not rated" },
  "memos.sealed": {
    ja: "見積の開封後に推薦メモを作成できます。",
    en: "A memo can be written once the quotes are opened.",
  },
  // Refusals.
  "memos.quote.required": { ja: "推薦する見積を選んでください。", en: "Choose the quote you recommend." },
  "memos.quote.notOffered": {
    ja: "この見積依頼の開封済みの見積から選んでください。",
    en: "Choose one of this RFQ's opened quotes.",
  },
  "memos.rationale.required": { ja: "推薦理由を入力してください。", en: "Enter the rationale." },
  "memos.text.tooLong": { ja: "8,000文字以内で入力してください。", en: "Use 8,000 characters or fewer." },
  "memos.notOpened": { ja: "見積がまだ開封されていません。", en: "The quotes are not opened yet." },
  "memos.draftExists": { ja: "編集中の下書きがあります。", en: "There is already a draft being edited." },
  "memos.blind": {
    ja: "評価をすべて提出するまで、推薦メモは表示・作成できません（メモには他の評価者の評価が含まれるため）。",
    en: "Submit all your ratings first: a memo shows your colleagues' ratings, which you may not see until then.",
  },
  "memos.notDraft": { ja: "この版はすでに公開されています。", en: "This version is already published." },

  // The memos on the comparison page (buyer's members).
  "memos.panel.title": { ja: "アドバイザーの推薦メモ", en: "Advisors' recommendation memos" },
  "memos.panel.none": { ja: "公開された推薦メモはありません。", en: "No recommendation memo has been published." },
  "memos.panel.recommends": { ja: "推薦: {vendor}", en: "Recommends: {vendor}" },
  "memos.panel.earlier": { ja: "過去の版 {count}件", en: "{count} earlier versions" },

  // The award proposal (稟議).
  "memos.trigger.againstMemo": {
    ja: "公開中の推薦メモ（{memos}）が推薦する見積と異なります。",
    en: "It is not the quote a published recommendation memo recommends ({memos}).",
  },
  "memos.trigger.againstMemo.short": {
    ja: "公開中の推薦メモが推薦する見積と異なります。",
    en: "It is not the quote a published recommendation memo recommends.",
  },
  "memos.memoName": { ja: "{org} 版{version}", en: "{org} v{version}" },
  "memos.packet.memos": { ja: "推薦メモ", en: "Recommendation memos" },
  "memos.packet.annotations": { ja: "評価者の注記と確認事項", en: "Evaluators' annotations and clarifications" },
  "memos.packet.memoHeading": { ja: "{org}（版 {version}、{date} 公開）", en: "{org} (version {version}, published {date})" },
  "memos.packet.recommends": { ja: "推薦する見積: {vendor}", en: "Recommended quote: {vendor}" },
  "memos.packet.rationale": { ja: "理由", en: "Rationale" },
  "memos.packet.conditions": { ja: "条件", en: "Conditions" },
  "memos.packet.risks": { ja: "リスク", en: "Risks" },
  "memos.packet.kind.strength": { ja: "強み", en: "Strength" },
  "memos.packet.kind.risk": { ja: "リスク", en: "Risk" },
  "memos.packet.kind.question": { ja: "質問", en: "Question" },
  "memos.packet.answer": { ja: "ベンダーの回答: {answer}", en: "Vendor's answer: {answer}" },
  "memos.packet.unanswered": { ja: "ベンダーの回答待ち", en: "Awaiting the vendor's answer" },
  "memos.packet.asked": { ja: "確認事項: {question}", en: "Clarification asked: {question}" },

  // Agreement figures.
  "agreement.title": { ja: "評価者間の一致度", en: "Agreement between evaluators" },
  "agreement.waiting": {
    ja: "まだ表示できません: {submitted} / {evaluators} 名が評価を提出済みです（全員の提出後に表示）。",
    en: "Not yet: {submitted} of {evaluators} evaluators have submitted (shown once all have).",
  },
  "agreement.notPairable": {
    ja: "比較できる評価がありません（同じ見積・基準に2名以上の評価が必要です）。",
    en: "No ratings to compare (a quote and criterion needs two ratings or more).",
  },
  "agreement.interval": { ja: "クリッペンドルフのα（間隔尺度）", en: "Krippendorff's alpha (interval)" },
  "agreement.ordinal": { ja: "クリッペンドルフのα（順序尺度）", en: "Krippendorff's alpha (ordinal)" },
  "agreement.pairable": { ja: "{units} 単位・{values} 個の評価値で算出", en: "From {values} pairable values in {units} units" },
  "agreement.reading.good": { ja: "十分に一致しています（0.8以上）。", en: "Good agreement (0.8 or more)." },
  "agreement.reading.tentative": {
    ja: "暫定的な一致です（0.667〜0.8）。結論は慎重に。",
    en: "Tentative agreement (0.667–0.8): draw conclusions with care.",
  },
  "agreement.reading.discuss": {
    ja: "一致が不十分です（0.667未満）。評価の根拠を話し合ってください。",
    en: "Below 0.667: discuss the ratings and their reasons.",
  },
  "agreement.reading.noVariation": {
    ja: "評価値にばらつきがないため、αは算出できません。",
    en: "The ratings do not vary at all, so alpha is undefined.",
  },

  // Evaluators' leniency (/settings/evaluators).
  "evaluators.title": { ja: "評価者の傾向", en: "Evaluators' leniency" },
  "evaluators.intro": {
    ja: "自社の見積依頼で提出された評価を、合議スコア（ない場合は評価者全員の平均）と比べた平均のずれです。1〜5と0〜100の基準を混ぜられるよう、尺度の幅を1として表します（+0.25 は5段階で1段階甘い）。",
    en: "How far each evaluator's submitted ratings on your RFQs sit from the consensus score (or the panel's mean where there is none), on each scale taken as 0–1 so 1–5 and 0–100 criteria mix (+0.25 is one level above on a 5-point scale).",
  },
  "evaluators.none": { ja: "提出された評価はまだありません。", en: "No submitted ratings yet." },
  "evaluators.col.name": { ja: "評価者", en: "Evaluator" },
  "evaluators.col.org": { ja: "所属", en: "Organisation" },
  "evaluators.col.count": { ja: "評価数", en: "Ratings" },
  "evaluators.col.rfqs": { ja: "見積依頼", en: "RFQs" },
  "evaluators.col.leniency": { ja: "平均のずれ", en: "Leniency" },
  "evaluators.col.reading": { ja: "傾向", en: "Reading" },
  "evaluators.reading.lenient": { ja: "甘め", en: "Lenient" },
  "evaluators.reading.strict": { ja: "厳しめ", en: "Strict" },
  "evaluators.reading.balanced": { ja: "中立", en: "Balanced" },
  "evaluators.reading.none": { ja: "比較できる評価なし", en: "Nothing to compare" },
} as const;
