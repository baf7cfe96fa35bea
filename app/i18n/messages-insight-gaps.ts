// Issue 19 gaps: the buyer's change history of an RFQ (its audit rows, price rules sealed until opening), clearing
// the price rules from the form, and the publish step's notice without a ceiling price.
export const insightGapMessages = {
  "rfqHistory.title": { ja: "変更履歴", en: "Change history" },
  "rfqHistory.link": { ja: "変更履歴（監査ログ）", en: "Change history (audit log)" },
  "rfqHistory.back": { ja: "RFQに戻る", en: "Back to the RFQ" },
  "rfqHistory.intro": {
    ja: "このRFQの作成・編集・公開・追補などの記録です。誰が、いつ、何を変更したかを表示します。",
    en: "The record of this RFQ's creation, edits, publication and addenda: who changed what, and when.",
  },
  "rfqHistory.sealedNote": {
    ja: "開札前のため、予定価格・最低制限価格の金額は「（開札まで非公開）」と表示しています。開札後は記録どおりに表示します。",
    en: "The quotes are not opened yet, so ceiling and floor prices read “(sealed until opening)”. After opening they are shown as recorded.",
  },
  "rfqHistory.empty": { ja: "記録はまだありません。", en: "Nothing recorded yet." },
  "rfqHistory.col.when": { ja: "日時", en: "When" },
  "rfqHistory.col.who": { ja: "実行者", en: "Who" },
  "rfqHistory.col.action": { ja: "操作", en: "Action" },
  "rfqHistory.col.changes": { ja: "変更内容", en: "Changes" },
  "rfqHistory.noChanges": { ja: "（内容の変更なし）", en: "(no change to the content)" },
  "rfqHistory.change": { ja: "{before} → {after}", en: "{before} → {after}" },
  "rfqHistory.nothing": { ja: "（未設定）", en: "(not set)" },
  "rfqHistory.field.publicPriceRules": { ja: "予定価格・最低制限価格", en: "Ceiling and floor prices" },
  "rfqHistory.priceRules.ceiling": { ja: "予定価格 {yen}（{basis}）", en: "Ceiling price {yen} ({basis})" },
  "rfqHistory.priceRules.minimum": { ja: "最低制限価格 {yen}（{basis}）", en: "Minimum price {yen} ({basis})" },
  "rfqHistory.priceRules.investigation": { ja: "低入札価格調査基準価格 {yen}（{basis}）", en: "Low-bid investigation price {yen} ({basis})" },
  "rfqReview.noCeiling": {
    ja: "予定価格が設定されていません。地方公共団体の調達では通常、予定価格を設定します（このまま公開することもできます）。",
    en: "No ceiling price set. Public buyers almost always set one (you can still publish without it).",
  },
  "rfqReview.noCeiling.set": { ja: "予定価格を設定する", en: "Set a ceiling price" },
} as const satisfies Record<string, { ja: string; en: string }>;
