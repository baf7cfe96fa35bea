/**
 * Every user-facing message the RFQ schemas and checks produce. Zod issues carry these keys as their
 * `message`, so the app translates them with `rfqMessages[key][locale]`; a test guarantees that every
 * key used in this folder exists here.
 */
export const rfqMessages = {
  "rfq.field.invalid": { ja: "入力内容を確認してください。", en: "Check this field." },
  "rfq.title.required": { ja: "件名を入力してください。", en: "Enter a title." },
  "rfq.text.tooLong": { ja: "入力が長すぎます。", en: "This text is too long." },
  "rfq.category.invalid": { ja: "業務カテゴリを選択してください。", en: "Choose a category." },
  "rfq.phase.invalid": { ja: "フェーズを選択してください。", en: "Choose a phase." },
  "rfq.phase.required": { ja: "フェーズ（立ち上げ・改善・拡大）を選択してください。", en: "Choose the phase (launch, improvement, expansion)." },
  "rfq.purpose.required": { ja: "委託の目的を入力してください。", en: "State the purpose of the outsourcing." },
  "rfq.scopeIn.required": { ja: "委託する業務範囲を入力してください。", en: "Describe the scope of work." },
  "rfq.goal.recommended": {
    ja: "ゴール（KGI）が未入力です。KPIの根拠になるため記入をおすすめします。",
    en: "No goal (KGI) yet. It is what the KPIs serve; we recommend stating it.",
  },
  "rfq.scopeOut.recommended": {
    ja: "委託範囲外の業務が未入力です。範囲の認識違いは追加費用の原因になります。",
    en: "Nothing is listed as out of scope. Unclear scope is a common source of extra charges.",
  },
  "rfq.decisionsInHouse.recommended": {
    ja: "社内に残す判断（方針変更・優先順位・例外対応など）が未入力です。",
    en: "The decisions kept in-house (policy changes, priorities, risky exceptions) are not stated.",
  },
  "rfq.changeRequestRule.recommended": {
    ja: "変更対応のルール（費用算出と承認方法）が未入力です。",
    en: "No change-request rule (how changes are priced and approved).",
  },
  "rfq.escalationRules.recommended": {
    ja: "エスカレーションのルールが未入力です。",
    en: "No escalation rules.",
  },
  "rfq.deliverables.recommended": {
    ja: "成果物（内容・納期・品質基準）が未入力です。",
    en: "No deliverables (content, due date, quality criteria).",
  },
  "rfq.deliverables.title.required": { ja: "成果物名を入力してください。", en: "Name the deliverable." },
  "rfq.date.invalid": { ja: "日付はYYYY-MM-DD形式の実在する日付で入力してください。", en: "Enter a real date as YYYY-MM-DD." },
  "rfq.volumes.perMonth.invalid": { ja: "月間件数は0以上の整数で入力してください。", en: "Monthly volume must be a whole number of at least 0." },
  "rfq.volumes.peakMonths.invalid": { ja: "繁忙月は1〜12の月で指定してください。", en: "Peak months must be months 1 to 12." },
  "rfq.volumes.peakMonths.duplicate": { ja: "同じ繁忙月が重複しています。", en: "A peak month is listed twice." },
  "rfq.lineItems.required": {
    ja: "見積項目（明細行）を1行以上追加してください。",
    en: "Add at least one line item for vendors to price.",
  },
  "rfq.lineItems.tooMany": { ja: "見積項目が多すぎます（200行まで）。", en: "Too many line items (200 at most)." },
  "rfq.lineItems.code.format": {
    ja: "項目コードは英数字・ハイフン・アンダースコアの32文字以内で入力してください。",
    en: "Line codes use letters, digits, hyphens and underscores (32 characters at most).",
  },
  "rfq.lineItems.code.duplicate": { ja: "項目コードが重複しています。", en: "This line code is used twice." },
  "rfq.lineItems.description.required": { ja: "項目の内容を入力してください。", en: "Describe the line item." },
  "rfq.lineItems.unit.required": { ja: "単位（件・月・式など）を入力してください。", en: "Enter a unit (item, month, lot…)." },
  "rfq.lineItems.quantity.invalid": {
    ja: "数量は1以上の整数で入力してください（従量項目は月あたりの数量）。",
    en: "Quantity must be a whole number of at least 1 (per month for per-unit lines).",
  },
  "rfq.lineItems.recurrence.invalid": {
    ja: "計上区分（一時・月額・従量・四半期・半年・年1回・契約期間中n回）を選択してください。",
    en: "Choose one-off, monthly, per unit, quarterly, half-yearly, yearly or n times over the term.",
  },
  "rfq.lineItems.occurrences.invalid": {
    ja: "回数は1〜10,000の整数で入力してください。",
    en: "The number of times must be a whole number from 1 to 10,000.",
  },
  "rfq.lineItems.occurrences.required": {
    ja: "「契約期間中n回」の項目には、契約期間中の回数を入力してください。",
    en: "Enter how many times over the term this line occurs.",
  },
  "rfq.lineItems.occurrences.onlyForTimes": {
    ja: "回数は計上区分が「契約期間中n回」のときだけ入力します。",
    en: "The number of times is only for lines that occur n times over the term.",
  },
  "rfq.contractTermMonths.required": { ja: "契約期間（月数）を入力してください。", en: "Enter the contract term in months." },
  "rfq.contractTermMonths.range": {
    ja: "契約期間は1〜120か月の整数で入力してください。",
    en: "The contract term must be a whole number of months from 1 to 120.",
  },
  "rfq.currency.invalid": { ja: "通貨はISO 4217の3文字コードで入力してください。", en: "Use a three-letter ISO 4217 currency code." },
  "rfq.money.invalid": { ja: "金額は0以上の整数（円）で入力してください。", en: "Amounts must be whole yen of at least 0." },
  "rfq.budget.minAboveMax": {
    ja: "予算の下限が上限を超えています。",
    en: "The budget minimum is above the maximum.",
  },
  "rfq.dataSensitivity.required": {
    ja: "取り扱うデータの種類（個人情報の有無）を選択してください。",
    en: "Choose the kind of data the vendor will handle.",
  },
  "rfq.dataSensitivity.invalid": { ja: "データ区分を選択してください。", en: "Choose a data sensitivity." },
  "rfq.requiredCertifications.type.invalid": { ja: "認証の種類を選択してください。", en: "Choose a certification type." },
  "rfq.requiredCertifications.level.invalid": { ja: "必須か推奨かを選択してください。", en: "Choose mandatory or preferred." },
  "rfq.requiredCertifications.duplicate": { ja: "同じ認証が重複しています。", en: "This certification is listed twice." },
  "rfq.requiredCertifications.securityCertNeeded": {
    ja: "個人情報を扱うため、プライバシーマークまたはISMSを「必須」にしてください。必須にしない場合はその理由を記入してください。",
    en: "Personal data is involved: make Privacy Mark or ISMS mandatory, or state why not.",
  },
  "rfq.criteria.required": { ja: "評価基準を1つ以上設定してください。", en: "Add at least one evaluation criterion." },
  "rfq.criteria.tooMany": { ja: "評価基準が多すぎます（50個まで）。", en: "Too many criteria (50 at most)." },
  "rfq.criteria.key.format": {
    ja: "評価基準のキーは英小文字で始まる英小文字・数字・アンダースコアで入力してください。",
    en: "Criterion keys are lower-case letters, digits and underscores, starting with a letter.",
  },
  "rfq.criteria.key.duplicate": { ja: "評価基準のキーが重複しています。", en: "This criterion key is used twice." },
  "rfq.criteria.label.required": { ja: "評価基準の名称（日本語）を入力してください。", en: "Enter the criterion's Japanese label." },
  "rfq.criteria.weight.invalid": { ja: "重みは0以上の数値で入力してください。", en: "Weights must be numbers of at least 0." },
  "rfq.criteria.weight.positive": { ja: "重みは0より大きくしてください。", en: "Every weight must be greater than 0." },
  "rfq.criteria.scale.required": {
    ja: "目標スケール方式では、すべての評価基準に満点の値と0点の値が必要です。",
    en: "The target-scale method needs a full-marks value and a zero value on every criterion.",
  },
  "rfq.criteria.scale.equal": { ja: "満点の値と0点の値が同じです。", en: "The full-marks and zero values are the same." },
  "rfq.criteria.rating.sourceOnly": {
    ja: "評価段階は「評価者による評価」の基準にだけ設定できます。",
    en: "A rating scale belongs only to a criterion rated by evaluators.",
  },
  "rfq.criteria.rating.unit": {
    ja: "単位が評価段階と合いません（5段階は「評点（0〜5）」、0〜100点は「評点（0〜100）」）。",
    en: "The unit does not fit the rating scale (1–5 uses Score (0–5); 0–100 uses Points (0–100)).",
  },
  "rfq.criteria.rating.anchorsFiveOnly": {
    ja: "段階ごとの説明は5段階評価にだけ設定できます。",
    en: "Written anchors per level belong to the 1–5 scale only.",
  },
  "rfq.criteria.rating.anchor.required": { ja: "この段階の説明を入力してください。", en: "Describe this level." },
  "rfq.criteria.rating.levels.invalid": { ja: "評価段階を選択してください。", en: "Choose a rating scale." },
  "rfq.criteria.scale.direction": {
    ja: "スケールの向きが評価方向と逆です（高いほど良い基準では満点の値を大きく）。",
    en: "The scale runs against the direction (for higher-is-better, full marks must be the larger value).",
  },
  "rfq.criteria.valueOutOfRange": { ja: "値が単位の範囲外です。", en: "The value is outside the unit's range." },
  // The JSON API's wording: rates are fractions there. The guided form, where rates are typed as
  // percentages, shows "rate.outOfRange" instead (app/domain/rate-input.ts).
  "rfq.criteria.rateOutOfRange": {
    ja: "率は0〜1の小数で指定してください（95% は 0.95）。",
    en: "Rates are fractions from 0 to 1 (95% is 0.95).",
  },
  "rfq.criteria.gate.invalid": {
    ja: "足切り条件は「最小値」「最大値」「必須」のいずれか1つで指定してください。",
    en: "A gate is exactly one of min, max or required.",
  },
  "rfq.criteria.priceMissing": {
    ja: "価格（TCO）の評価基準がありません。価格を評価しない場合はこのままで構いません。",
    en: "No price (TCO) criterion. Fine if price is deliberately not scored.",
  },
  "rfq.scoringMethod.required": { ja: "評価方式を選択してください。", en: "Choose a scoring method." },
  "rfq.scoringMethod.invalid": { ja: "評価方式を選択してください。", en: "Choose a scoring method." },
  "rfq.hiddenCosts.overheadPct.invalid": {
    ja: "管理工数の割合は0〜100%（小数第2位まで）で入力してください。",
    en: "Management overhead is 0–100% with at most two decimals.",
  },
  "rfq.baselineCostMonthlyYen.requiredForRoi": {
    ja: "ROIを評価するには、現在の社内コスト（月額）を入力してください。",
    en: "Scoring ROI needs the current in-house cost per month.",
  },
  "rfq.quoteDeadline.required": { ja: "見積期限を入力してください。", en: "Set the quote deadline." },
  "rfq.quoteDeadline.invalid": {
    ja: "見積期限はタイムゾーン付きの日時で入力してください。",
    en: "The quote deadline must be a date and time with a time zone.",
  },
  "rfq.quoteDeadline.past": { ja: "見積期限は未来の日時にしてください。", en: "The quote deadline must be in the future." },
  "rfq.invitedVendorIds.required": {
    ja: "指名方式では、招待するベンダーを1社以上選んでください。",
    en: "Invite at least one vendor, or open the RFQ to the marketplace.",
  },
  "rfq.invitedVendorIds.duplicate": { ja: "同じベンダーが重複しています。", en: "This vendor is invited twice." },
  "rfq.invitedVendorIds.unknown": { ja: "招待先に、登録されていないベンダーが含まれています。", en: "An invited vendor is not a registered vendor." },
  "rfq.addendum.deadlineShortened": {
    ja: "補足（変更）で締切を早めることはできません。延長のみ可能です。",
    en: "An addendum may extend the deadline, not bring it forward.",
  },
  "rfq.addendum.notOpen": { ja: "締切前の公開中のRFQにのみ補足（変更）を出せます。", en: "Addenda can only be issued while the RFQ is open for quotes." },
  "rfq.publish.incomplete": { ja: "公開するには次の項目を整えてください。", en: "Complete the following before publishing." },
  "rfq.addendum.noChanges": {
    ja: "前の版から変更がありません。編集してから補足として公開してください。",
    en: "Nothing changed since the last version: edit the RFQ first.",
  },
  "rfq.question.closed": { ja: "このRFQへの質問受付は終了しています。", en: "Questions are closed for this RFQ." },
  "rfq.transition.notAllowed": { ja: "現在の状態ではこの操作はできません。", en: "This action is not allowed in the current status." },
  "rfq.transition.beforeDeadline": {
    ja: "見積期限前のため、まだ選定できません。",
    en: "The quote deadline has not passed yet, so no award can be made.",
  },
} as const satisfies Record<string, { ja: string; en: string }>;

export type RfqMessageKey = keyof typeof rfqMessages;

/** Typed shorthand for zod's `{ error }` parameter so a misspelt key fails to compile. */
export function rfqError(key: RfqMessageKey): { error: RfqMessageKey } {
  return { error: key };
}
