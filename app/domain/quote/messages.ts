/**
 * Every user-facing message the quote schema and rules produce, ja and en. Zod issues carry these keys
 * as their `message`; a test guarantees every key used in this folder exists here.
 */
export const quoteMessages = {
  "quote.field.invalid": { ja: "入力内容を確認してください。", en: "Check this field." },
  "quote.text.tooLong": { ja: "入力が長すぎます。", en: "This text is too long." },
  "quote.unitPrices.required": {
    ja: "この項目の単価を入力してください（すべての見積項目に価格が必要です）。",
    en: "Enter a unit price for this line (every line needs a price).",
  },
  "quote.unitPrices.unknownLine": {
    ja: "見積依頼にない項目コードが含まれています。",
    en: "This line code is not in the RFQ.",
  },
  "quote.money.invalid": { ja: "金額は0以上の整数で入力してください。", en: "Amounts must be whole numbers of at least 0." },
  "quote.taxBasis.invalid": { ja: "税込か税抜かを選択してください。", en: "Choose tax-included or tax-excluded." },
  "quote.taxRate.invalid": {
    ja: "消費税率は10%（標準）または8%（軽減）を選択してください。",
    en: "The consumption-tax rate is 10% (standard) or 8% (reduced).",
  },
  "quote.leadTimeDays.invalid": { ja: "リードタイムは0以上の整数（日）で入力してください。", en: "Lead time is a whole number of days, at least 0." },
  "quote.paymentSchedule.label.required": { ja: "支払条件の名称を入力してください。", en: "Name the milestone." },
  "quote.paymentSchedule.dueDate.invalid": {
    ja: "支払期日はYYYY-MM-DD形式の実在する日付で入力してください。",
    en: "Enter the due date as a real YYYY-MM-DD date.",
  },
  "quote.paymentSchedule.sumMismatch": {
    ja: "支払予定の合計が見積総額と一致しません。",
    en: "The milestones do not add up to the quote's total.",
  },
  "quote.kpiCommitments.required": {
    ja: "このKPIのコミット値を入力してください。",
    en: "Enter your commitment for this KPI.",
  },
  "quote.kpiCommitments.unknownCriterion": {
    ja: "見積依頼のKPIにない項目が含まれています。",
    en: "This KPI is not one of the RFQ's commitment criteria.",
  },
  "quote.kpiCommitments.outOfRange": {
    ja: "コミット値が範囲外です（率は0〜1、評点は0〜5、回数・時間・日数は0以上）。",
    en: "The commitment is out of range (rates 0–1, scores 0–5, counts, hours and days at least 0).",
  },
  "quote.pastWork.link.invalid": { ja: "リンクはhttp(s)で始まるURLで入力してください。", en: "Links must be http(s) URLs." },
  "quote.submit.rfqNotOpen": { ja: "この見積依頼は現在、見積を受け付けていません。", en: "This RFQ is not accepting quotes." },
  "quote.submit.deadlinePassed": {
    ja: "見積期限を過ぎているため提出・修正できません。",
    en: "The quote deadline has passed; quotes can no longer be submitted or revised.",
  },
  "quote.submit.wrongStatus": { ja: "この見積は現在の状態では提出できません。", en: "This quote cannot be submitted in its current status." },
  "quote.submit.notInvited": { ja: "この見積依頼に招待されていません。", en: "Your organisation is not invited to this RFQ." },
  "quote.withdraw.notAllowed": {
    ja: "この見積は取り下げできません（期限後または提出前）。",
    en: "This quote cannot be withdrawn (deadline passed or not submitted).",
  },
  "quote.reconfirm.notNeeded": { ja: "再確認は不要です。", en: "No re-confirmation is needed." },
  "quote.needsReconfirmation": {
    ja: "見積依頼が変更されました（追補）。見積を再確認するか修正してください。再確認されるまで評価対象になりません。",
    en: "The RFQ changed (addendum). Re-confirm or revise your quote; until then it does not count.",
  },
  "quote.transition.notAllowed": { ja: "現在の状態ではこの操作はできません。", en: "This action is not allowed in the current status." },
} as const satisfies Record<string, { ja: string; en: string }>;

export type QuoteMessageKey = keyof typeof quoteMessages;

export function quoteError(key: QuoteMessageKey): { error: QuoteMessageKey } {
  return { error: key };
}
